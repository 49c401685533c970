let turn: Promise<void> | undefined;

/**
 * Settles at the end of the event loop's current turn (its `setImmediate` phase), one promise
 * shared by every caller of the turn. The dialect framework awaits it before writing an answer, so
 * the answers finished in one turn leave back to back instead of one at a time as each is ready.
 *
 * Why: a write to the socket of a client that waits in `epoll_wait` wakes it, and waking a
 * sleeping thread on another CPU is among the dearest things a write does (on a virtual machine,
 * an interrupt that leaves the guest). A busy server reads many requests per turn; written
 * together, the first answer wakes the client and the rest find it awake. Measured under load on
 * this project's 2-core machines, a signed call's CPU time fell by about a third (bench/ANALYSIS.md).
 * An answer waits at most for the rest of its turn; alone in its turn, for one hop of the loop.
 */
export function endOfTurn(): Promise<void> {
  turn ??= new Promise((resolve) => {
    setImmediate(() => {
      turn = undefined;
      resolve();
    });
  });
  return turn;
}
