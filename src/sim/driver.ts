import type { Scheduler } from './scheduler';

/**
 * A macrotask, soon: setImmediate in Node; in a browser (a lab test run in the page's worker) a
 * MessageChannel, since nested setTimeout(0)s are clamped to 4 ms and a test parks hundreds of times.
 */
const macrotask: (f: () => void) => void = typeof setImmediate === 'function' ? (f) => setImmediate(f) : channelTask();

function channelTask(): (f: () => void) => void {
  const queue: (() => void)[] = [];
  const channel = new MessageChannel();
  channel.port1.onmessage = () => queue.shift()?.();
  return (f) => {
    queue.push(f);
    channel.port2.postMessage(null);
  };
}

/** Far more events than any real instant holds; past it the nodes are ping-ponging at zero delay. */
const MAX_STEPS_AT_ONE_INSTANT = 100_000;

/**
 * Lets async test code wait on virtual time. Test "threads" are concurrent async functions: each
 * `await sleep(ms)` or `await waitFor(...)` parks one. The driver runs simulator steps until some
 * parked thread is due, wakes it, and yields a macrotask so that every woken thread runs until it
 * parks again. The clock never moves while test code runs, so a run is a function of its seed.
 */
export class VirtualTimeDriver {
  private parked = 0;
  private running = false;
  private woke = false;
  private readonly rejecters = new Set<(error: unknown) => void>();
  failure: unknown = null;
  /**
   * Scheduler steps that were this driver's own wake-ups (test code's sleeps and time-outs), not
   * the cluster's events: a recording of the test (src/lab/recording.ts) counts the cluster's alone.
   */
  wakeSteps = 0;

  constructor(private readonly scheduler: Scheduler) {}

  sleep(ms: number): Promise<void> {
    return this.park<void>((wake) => this.scheduler.after(ms, () => {
      this.wakeSteps++;
      wake();
    }));
  }

  /**
   * Wait until `register`'s callback fires or `timeoutMs` of virtual time pass. Resolves with the
   * value, or undefined on time-out.
   */
  waitFor<T>(register: (done: (value: T) => void) => void, timeoutMs: number): Promise<T | undefined> {
    return this.park<T | undefined>((wake) => {
      register((value) => wake(value));
      this.scheduler.after(timeoutMs, () => {
        this.wakeSteps++;
        wake(undefined);
      });
    });
  }

  private park<T>(arm: (wake: (value: T) => void) => void): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      this.parked++;
      this.rejecters.add(reject);
      arm((value) => {
        if (settled) return;
        settled = true;
        this.parked--;
        this.rejecters.delete(reject);
        this.woke = true;
        resolve(value);
      });
      this.kick();
    });
  }

  private kick(): void {
    if (this.running) return;
    this.running = true;
    macrotask(() => this.loop());
  }

  private loop(): void {
    this.woke = false;
    try {
      let lastTime = this.scheduler.now;
      let stepsAtSameTime = 0;
      while (this.parked > 0 && !this.woke) {
        if (!this.scheduler.runNext()) throw new Error('simulation deadlock: test code waits but nothing is scheduled');
        if (this.scheduler.now !== lastTime) {
          lastTime = this.scheduler.now;
          stepsAtSameTime = 0;
        } else if (++stepsAtSameTime > MAX_STEPS_AT_ONE_INSTANT) {
          throw new Error(`simulation livelock: over ${MAX_STEPS_AT_ONE_INSTANT} steps at virtual time ${lastTime} ms without the clock moving`);
        }
      }
    } catch (error) {
      this.fail(error);
    }
    this.running = false;
    if (this.parked > 0 && !this.failure) this.kick();
  }

  /** A step threw (an invariant broke, say): every waiting thread fails with that error. */
  private fail(error: unknown): void {
    this.failure = error;
    for (const reject of this.rejecters) reject(error);
    this.rejecters.clear();
    this.parked = 0;
  }
}
