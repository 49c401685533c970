import type { PeakWindow } from './attendance.js';

/** A min-heap of instants in a growable typed array (the leave times of the intervals open now). */
class InstantHeap {
  private items = new Float64Array(1024);
  size = 0;

  push(v: number): void {
    if (this.size === this.items.length) {
      const bigger = new Float64Array(this.items.length * 2);
      bigger.set(this.items);
      this.items = bigger;
    }
    let i = this.size++;
    const a = this.items;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (a[parent] <= v) break;
      a[i] = a[parent];
      i = parent;
    }
    a[i] = v;
  }

  /** Drops every instant ≤ t. */
  popUntil(t: number): void {
    const a = this.items;
    while (this.size > 0 && a[0] <= t) {
      const last = a[--this.size];
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= this.size) break;
        const c = l + 1 < this.size && a[l + 1] < a[l] ? l + 1 : l;
        if (a[c] >= last) break;
        a[i] = a[c];
        i = c;
      }
      a[i] = last;
    }
  }
}

interface WindowState extends PeakWindow {
  index: number;
  peak: number;
  at: number | null;
}

/**
 * The peak of overlapping intervals in each window, by exactly the rules of `peaksOver` (and so of
 * `peakConcurrency` per window), computed in one pass over intervals fed in join order, a chunk at a
 * time. Only the leave times of the intervals open at the current instant are held (a heap), so
 * memory follows the concurrency, not the number of intervals.
 *
 * The count at an instant t is the number of intervals with join ≤ t < leave; a window's peak is the
 * maximum of the count at its `from` and at each join instant inside (from, to); `at` is the first
 * instant reaching it (`from` when the count there is already the peak).
 */
export class WindowPeakSweep {
  private readonly heap = new InstantHeap();
  /** Windows not started yet, by `from`. */
  private readonly pending: WindowState[];
  private next = 0;
  private active: WindowState[] = [];
  private readonly states: WindowState[];
  /** The join instant being gathered (its joins are counted once all of them are in). */
  private instant: number | null = null;

  constructor(windows: readonly PeakWindow[], private readonly now: number) {
    this.states = windows.map((w, index) => ({ from: w.from, to: w.to, index, peak: 0, at: null }));
    this.pending = this.states.filter((w) => w.to > w.from).sort((a, b) => a.from - b.from || a.index - b.index);
  }

  /** Intervals in join order (non-decreasing `joined_at`), continuing the previous chunk. */
  add(rows: ReadonlyArray<{ joined_at: number; left_at: number | null }>): void {
    for (const r of rows) {
      const end = r.left_at ?? this.now;
      if (end < r.joined_at) continue;
      if (r.joined_at !== this.instant) this.closeInstant(r.joined_at);
      // A stay of no length adds nothing after its instant; the count after an instant excludes it.
      if (end > r.joined_at) this.heap.push(end);
    }
  }

  /** The figures, in the order the windows were given. */
  finish(): Array<{ peak: number; at: number | null }> {
    this.closeInstant(Infinity);
    return this.states.map((w) => ({ peak: w.peak, at: w.at }));
  }

  /**
   * Ends the instant being gathered (its count goes to the windows open around it), then starts the
   * windows whose `from` lies before the next join instant `next`.
   */
  private closeInstant(nextInstant: number): void {
    if (this.instant !== null) {
      const t = this.instant;
      this.heap.popUntil(t);
      const level = this.heap.size;
      this.active = this.active.filter((w) => w.to > t);
      for (const w of this.active) {
        if (t > w.from && level > w.peak) {
          w.peak = level;
          w.at = t;
        }
      }
    }
    // The count at `from` includes every event at or before it: start the windows with from < next.
    while (this.next < this.pending.length && this.pending[this.next].from < nextInstant) {
      const w = this.pending[this.next++];
      this.heap.popUntil(w.from);
      w.peak = this.heap.size;
      w.at = w.peak > 0 ? w.from : null;
      this.active.push(w);
    }
    this.instant = nextInstant;
  }
}
