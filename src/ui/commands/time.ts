import { SPEEDS, STEP_MS } from '../app/defaults';
import { plainKey, type Command } from './types';

/** Time: pause, resume, step, speed. */

const isPaused = (paused: boolean | undefined): boolean => paused ?? false;

export const togglePause: Command = {
  name: 'togglePause',
  label: (_, s) => (isPaused(s.clock?.paused) ? 'Resume' : 'Pause'),
  perform(ctx) {
    const clock = ctx.cluster.getState().clock;
    if (clock.paused) {
      ctx.cluster.resume();
      ctx.note('You resumed time');
    } else {
      ctx.cluster.pause();
      ctx.note('You paused time: timers stop, messages in flight wait');
    }
  },
  key: { test: plainKey(' '), hint: 'Space', arg: () => undefined },
};

export const step: Command = {
  name: 'step',
  label: () => `Step ${STEP_MS} ms`,
  perform(ctx) {
    ctx.cluster.step(STEP_MS);
  },
  key: { test: (e) => plainKey('.')(e) || plainKey('s')(e), hint: '. or S', arg: () => undefined },
};

/** The next speed up or down the ladder from `speed`. */
export function nextSpeed(speed: number, direction: 1 | -1): number {
  if (direction > 0) return SPEEDS.find((s) => s > speed + 1e-9) ?? SPEEDS[SPEEDS.length - 1]!;
  return [...SPEEDS].reverse().find((s) => s < speed - 1e-9) ?? SPEEDS[0];
}

export const setSpeed: Command<number> = {
  name: 'setSpeed',
  label: (speed) => `Speed ${speed}×`,
  perform(ctx, speed) {
    ctx.cluster.setSpeed(speed);
  },
};

export const faster: Command = {
  name: 'faster',
  label: () => 'Faster',
  perform(ctx) {
    ctx.cluster.setSpeed(nextSpeed(ctx.cluster.getState().clock.speed, 1));
  },
  key: { test: (e) => plainKey('+')(e) || plainKey('=')(e) || plainKey(']')(e), hint: '+', arg: () => undefined },
};

export const slower: Command = {
  name: 'slower',
  label: () => 'Slower',
  perform(ctx) {
    ctx.cluster.setSpeed(nextSpeed(ctx.cluster.getState().clock.speed, -1));
  },
  key: { test: (e) => plainKey('-')(e) || plainKey('[')(e), hint: '−', arg: () => undefined },
};
