// A progress line on standard error for long files ("Scoring leads.csv: 42% (420,000 leads)"), redrawn
// at most twice a second, and only when standard error is a terminal.
const MIN_BYTES = 20 * 1024 * 1024;
const EVERY_MS = 500;

export class Progress {
  private bytes = 0;
  private rows = 0;
  private total = 0;
  private last = 0;
  private shown = false;

  constructor(
    private readonly label: string,
    private readonly enabled: boolean,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  setTotal(bytes: number): void {
    this.total = bytes;
  }

  addBytes(bytes: number): void {
    this.bytes += bytes;
  }

  addRow(): void {
    this.rows++;
    if (!this.enabled || this.total < MIN_BYTES || (this.rows & 1023) !== 0) return;
    const now = Date.now();
    if (now - this.last < EVERY_MS) return;
    this.last = now;
    const share = Math.min(100, Math.floor((this.bytes / this.total) * 100));
    this.stream.write(`\r${this.label}: ${share}% (${this.rows.toLocaleString('en-US')} leads)`);
    this.shown = true;
  }

  done(): void {
    if (this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}

/** A progress line for a command made of steps (suggest: "Suggesting from leads.csv: Checking for leaks:
 *  column 120 of 1,000"), redrawn at most twice a second, only when enabled (standard error is a terminal). */
export class StepProgress {
  private last = 0;
  private shown = false;

  constructor(
    private readonly label: string,
    private readonly enabled: boolean,
    private readonly stream: Pick<NodeJS.WriteStream, 'write'> = process.stderr,
    private readonly now: () => number = Date.now,
  ) {}

  update(message: string): void {
    if (!this.enabled) return;
    const now = this.now();
    if (this.shown && now - this.last < EVERY_MS) return;
    this.last = now;
    this.stream.write(`\r\x1b[K${this.label}: ${message}`);
    this.shown = true;
  }

  done(): void {
    if (this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}
