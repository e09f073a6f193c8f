/**
 * Run `fn` at most once per `intervalMs`: the first request runs at once, later ones within the
 * interval are folded into one run at its end. No timer is left armed when nothing is requested.
 */
export class Throttle {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private last = -Infinity;

  constructor(private readonly fn: () => void, private readonly intervalMs: number, private readonly now: () => number = () => performance.now()) {}

  request(): void {
    if (this.timer !== null) return;
    const wait = this.last + this.intervalMs - this.now();
    if (wait <= 0) return this.run();
    this.timer = setTimeout(() => this.run(), wait);
  }

  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private run(): void {
    this.timer = null;
    this.last = this.now();
    this.fn();
  }
}
