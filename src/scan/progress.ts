/** A one-line progress bar for a history scan on a terminal's stderr: blobs, bytes, rate and ETA. */
export class ProgressBar {
  private blobs = 0;
  private bytes = 0;
  private lastDraw = 0;
  private readonly started: number;

  constructor(
    private readonly write: (text: string) => void,
    private readonly totalBlobs: number,
    private readonly totalBytes: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = now();
  }

  /** Counts blobs and bytes read; redraws at most ten times a second. */
  advance(blobs: number, bytes: number): void {
    this.blobs += blobs;
    this.bytes += bytes;
    const now = this.now();
    if (now - this.lastDraw < 100) return;
    this.lastDraw = now;
    this.write(`\r\u001b[K${this.line(now)}`);
  }

  /** Clears the bar. */
  finish(): void {
    if (this.lastDraw) this.write('\r\u001b[K');
  }

  /** The bar's text at time `now`. */
  line(now: number): string {
    const seconds = Math.max((now - this.started) / 1000, 0.001);
    const rate = this.bytes / seconds;
    const share = this.totalBytes > 0 ? Math.min(this.bytes / this.totalBytes, 1) : 1;
    const width = 24;
    const filled = Math.round(share * width);
    const eta = rate > 0 ? Math.max(this.totalBytes - this.bytes, 0) / rate : 0;
    return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${this.blobs}/${this.totalBlobs} blobs, ${mb(this.bytes)}/${mb(this.totalBytes)} MB, ${mb(rate)} MB/s, ETA ${clock(eta)}`;
  }
}

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

function clock(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
