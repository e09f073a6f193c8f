/**
 * Run an asynchronous job for the latest value only, one at a time: while one runs, newer
 * requests replace each other and the last of them runs when it settles. Dragging the "Run time"
 * slider asks for a seek per pixel; the engine does one seek after another, never a queue of them.
 */
export class LatestOnly<T> {
  private running = false;
  private pending: { readonly value: T } | null = null;

  constructor(
    private readonly job: (value: T) => Promise<void>,
    private readonly hooks: { readonly onError?: (error: unknown) => void; readonly onIdle?: () => void } = {},
  ) {}

  request(value: T): void {
    this.pending = { value };
    if (!this.running) void this.drain();
  }

  /** A job runs or waits. */
  get busy(): boolean {
    return this.running;
  }

  private async drain(): Promise<void> {
    this.running = true;
    while (this.pending) {
      const { value } = this.pending;
      this.pending = null;
      try {
        await this.job(value);
      } catch (error) {
        this.hooks.onError?.(error);
      }
    }
    this.running = false;
    this.hooks.onIdle?.();
  }
}
