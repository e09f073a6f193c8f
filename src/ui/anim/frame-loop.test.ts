import { afterEach, describe, expect, it, vi } from 'vitest';

/** nextFrame: every animation frame normally; a few a second under prefers-reduced-motion (WCAG 2.3.3). */
describe('nextFrame', () => {
  afterEach(() => { vi.unstubAllGlobals(); vi.useRealTimers(); vi.resetModules(); });

  async function load(reduce: boolean) {
    vi.useFakeTimers();
    const frames: ((t: number) => void)[] = [];
    vi.stubGlobal('matchMedia', (query: string) => ({ matches: reduce && query === '(prefers-reduced-motion: reduce)' }));
    vi.stubGlobal('requestAnimationFrame', (cb: (t: number) => void) => frames.push(cb));
    vi.stubGlobal('window', { setTimeout: (cb: () => void, ms: number) => setTimeout(cb, ms) });
    const module = await import('./frame-loop');
    return { ...module, frames };
  }

  it('asks for the next animation frame at once when motion is welcome', async () => {
    const { nextFrame, frames } = await load(false);
    nextFrame(() => {});
    expect(frames).toHaveLength(1);
  });

  it('waits REDUCED_MOTION_FRAME_MS before asking for a frame under reduced motion', async () => {
    const { nextFrame, frames, REDUCED_MOTION_FRAME_MS } = await load(true);
    nextFrame(() => {});
    expect(frames).toHaveLength(0);
    vi.advanceTimersByTime(REDUCED_MOTION_FRAME_MS - 1);
    expect(frames).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(frames).toHaveLength(1);
  });
});
