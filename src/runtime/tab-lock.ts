/**
 * One tab of an origin owns a cluster, so that no two tabs ever write one node's database (two
 * tabs running the same cluster lost 8 of 16 acknowledged puts). Ownership is a Web Lock named
 * for the cluster: held for as long as the tab runs the cluster's workers, released by the
 * browser when the tab goes away. A tab that wants the cluster asks the owner over a
 * BroadcastChannel to let go and queues for the lock; the owner stops its workers first and only
 * then releases, so the new owner's first read comes after the old owner's last write.
 */

/** The parts of the Web Locks API used here (tests pass fakes). */
export interface LocksLike {
  request(name: string, options: { ifAvailable?: boolean; signal?: AbortSignal }, callback: (lock: unknown) => Promise<void> | void): Promise<unknown>;
}

/** What takeOver() rejects with when the wait is given up (the owner never let go). */
export class TakeOverCancelled extends Error {
  constructor() {
    super('taking the cluster over was cancelled: the other tab still runs it');
    this.name = 'TakeOverCancelled';
  }
}

/** The parts of a BroadcastChannel used here. */
export interface ChannelLike {
  postMessage(message: unknown): void;
  onmessage: ((event: MessageEvent) => void) | null;
}

interface ReleaseRequest {
  readonly type: 'release';
}

export class TabLock {
  /** Lets go of the lock (null: this tab does not hold it). */
  private release: (() => void) | null = null;
  private handingOver = false;
  /** Called when another tab asks for the cluster; the lock is released once it resolves. */
  onReleaseAsked: (() => Promise<void>) | null = null;

  constructor(
    readonly name: string,
    private readonly locks: LocksLike = navigator.locks as unknown as LocksLike,
    private readonly channel: ChannelLike = new BroadcastChannel(name),
  ) {
    this.channel.onmessage = (event) => {
      if ((event.data as ReleaseRequest | null)?.type === 'release') void this.handOver();
    };
  }

  get held(): boolean {
    return this.release !== null;
  }

  /** Hold the lock if no other tab does; resolves whether this tab holds it now. */
  tryAcquire(): Promise<boolean> {
    return this.acquire({ ifAvailable: true });
  }

  /**
   * Ask the tab that holds the lock to let go, and resolve once this tab holds it. An owner that
   * never answers (a frozen background tab, a hung page) keeps the lock, and this waits; `signal`
   * gives up the wait (rejecting with TakeOverCancelled) and leaves the lock where it is.
   */
  async takeOver(signal?: AbortSignal): Promise<void> {
    const granted = this.acquire(signal ? { signal } : {});
    this.channel.postMessage({ type: 'release' } satisfies ReleaseRequest);
    try {
      await granted;
    } catch (error) {
      if (signal?.aborted) throw new TakeOverCancelled();
      throw error;
    }
  }

  private acquire(options: { ifAvailable?: boolean; signal?: AbortSignal }): Promise<boolean> {
    if (this.held) return Promise.resolve(true);
    return new Promise((resolve, reject) => {
      this.locks.request(this.name, options, (lock) => {
        if (!lock) return resolve(false);
        resolve(true);
        // The lock is held until this promise settles: until handOver() lets go.
        return new Promise<void>((release) => { this.release = release; });
      }).catch(reject);
    });
  }

  /** Another tab asked: stop what this tab does with the cluster, then let go of the lock. */
  private async handOver(): Promise<void> {
    if (!this.held || this.handingOver) return;
    this.handingOver = true;
    try {
      await this.onReleaseAsked?.();
    } finally {
      const release = this.release;
      this.release = null;
      this.handingOver = false;
      release?.();
    }
  }
}
