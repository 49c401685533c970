/**
 * A progress bar on stderr (stdout stays clean for --json): redrawn in place on a terminal, one
 * line per step otherwise (logs, CI, tests).
 */
export class ProgressBar {
  private readonly started = Date.now();

  constructor(private readonly label: string, private readonly out: NodeJS.WriteStream = process.stderr, private readonly width = 24) {}

  update(done: number, total: number, step: string): void {
    const ratio = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(ratio * this.width);
    const line = `${this.label} [${'#'.repeat(filled)}${'-'.repeat(this.width - filled)}] ${done}/${total} ${step}`;
    if (this.out.isTTY) this.out.write(`\r${line.padEnd(this.out.columns ? this.out.columns - 1 : line.length)}`);
    else this.out.write(`${line}\n`);
  }

  finish(): void {
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    this.out.write(`${this.out.isTTY ? '\n' : ''}${this.label}: done in ${seconds} s\n`);
  }
}
