import { describe, expect, it } from 'vitest';
import { TabLock, TakeOverCancelled, type ChannelLike, type LocksLike } from './tab-lock';
import { settle } from './test-support';

/**
 * Tab ownership (issue 8, 3a), with the Web Locks API and BroadcastChannel faked the way browsers
 * behave: one holder per lock name, later requests queued, ifAvailable answered at once.
 */

class FakeLocks implements LocksLike {
  held = false;
  private readonly queue: (() => void)[] = [];

  async request(_name: string, options: { ifAvailable?: boolean; signal?: AbortSignal }, callback: (lock: unknown) => Promise<void> | void): Promise<unknown> {
    if (this.held && options.ifAvailable) return callback(null);
    if (this.held) {
      // As browsers do: an aborted request leaves the queue and rejects with an AbortError.
      await new Promise<void>((resolve, reject) => {
        const grant = (): void => resolve();
        this.queue.push(grant);
        options.signal?.addEventListener('abort', () => {
          this.queue.splice(this.queue.indexOf(grant), 1);
          reject(new DOMException('aborted', 'AbortError'));
        });
      });
    }
    this.held = true;
    try {
      return await callback({});
    } finally {
      this.held = false;
      this.queue.shift()?.();
    }
  }
}

/** Channels of one name in several tabs: a message reaches every other tab's channel. */
class FakeChannels {
  private readonly channels: ChannelLike[] = [];

  open(): ChannelLike {
    const channels = this.channels;
    const channel: ChannelLike = {
      onmessage: null,
      postMessage(message) {
        for (const other of channels) if (other !== channel) queueMicrotask(() => other.onmessage?.({ data: message } as MessageEvent));
      },
    };
    channels.push(channel);
    return channel;
  }
}

function twoTabs() {
  const locks = new FakeLocks();
  const channels = new FakeChannels();
  return [new TabLock('raftlab:test', locks, channels.open()), new TabLock('raftlab:test', locks, channels.open())] as const;
}

describe('one tab owns a cluster', () => {
  it('the first tab holds the lock; a second one learns at once that it does not', async () => {
    const [first, second] = twoTabs();
    expect(await first.tryAcquire()).toBe(true);
    expect(await second.tryAcquire()).toBe(false);
    expect([first.held, second.held]).toEqual([true, false]);
  });

  it('taking over waits until the owner has stopped its workers, and only then holds the lock', async () => {
    const [first, second] = twoTabs();
    await first.tryAcquire();
    await second.tryAcquire();
    const steps: string[] = [];
    let workersStopped!: () => void;
    first.onReleaseAsked = () => {
      steps.push('owner asked to stop');
      return new Promise<void>((resolve) => { workersStopped = () => { steps.push('owner stopped its workers'); resolve(); }; });
    };
    const takeOver = second.takeOver().then(() => steps.push('new owner holds the lock'));
    await settle();
    expect(steps).toEqual(['owner asked to stop']);
    expect([first.held, second.held]).toEqual([true, false]); // still the first tab's while its writes finish
    workersStopped();
    await takeOver;
    expect(steps).toEqual(['owner asked to stop', 'owner stopped its workers', 'new owner holds the lock']);
    expect([first.held, second.held]).toEqual([false, true]);

    // And back again.
    second.onReleaseAsked = async () => { steps.push('second tab stopped'); };
    await first.takeOver();
    expect([first.held, second.held]).toEqual([true, false]);
    expect(steps.at(-1)).toBe('second tab stopped');
  });

  it('waiting for an owner that never lets go (a frozen tab) can be given up, and leaves the lock with it', async () => {
    const [first, second] = twoTabs();
    await first.tryAcquire();
    let letGo!: () => void;
    first.onReleaseAsked = () => new Promise<void>((resolve) => { letGo = resolve; }); // frozen: never stops by itself
    const waiting = new AbortController();
    const takeOver = second.takeOver(waiting.signal);
    await settle();
    expect([first.held, second.held]).toEqual([true, false]);
    waiting.abort();
    await expect(takeOver).rejects.toBeInstanceOf(TakeOverCancelled);
    expect([first.held, second.held]).toEqual([true, false]);
    // Should the owner let go later, the cancelled request does not take the lock behind its back.
    letGo();
    await settle();
    expect([first.held, second.held]).toEqual([false, false]);
    expect(await second.tryAcquire()).toBe(true);
  });

  it('a tab whose owner is gone takes the lock at once', async () => {
    const locks = new FakeLocks();
    const channels = new FakeChannels();
    const lone = new TabLock('raftlab:test', locks, channels.open());
    await lone.takeOver();
    expect(lone.held).toBe(true);
  });
});
