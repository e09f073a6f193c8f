import { describe, expect, it } from 'vitest';
import { MonotonicClock, pauseClock, realDelayUntil, resumeClock, setClockSpeed, startClock, virtualAt } from './clock';

/** Virtual time = real elapsed × speed, frozen while paused, continuous across every change. */

describe('the shared virtual clock', () => {
  it('scales real time by the speed, and stays continuous when the speed changes', () => {
    let clock = startClock(1000, 1);
    expect(virtualAt(clock, 1500)).toBe(500);
    clock = setClockSpeed(clock, 1500, 0.05);
    expect(virtualAt(clock, 1500)).toBe(500);
    expect(virtualAt(clock, 3500)).toBe(600);
    expect(realDelayUntil(clock, 3500, 610)).toBeCloseTo(200);
    expect(() => setClockSpeed(clock, 3500, 0)).toThrow(RangeError);
  });

  it('freezes while paused: no timer is due, and time resumes where it stopped', () => {
    let clock = startClock(0, 2);
    clock = pauseClock(clock, 100);
    expect(virtualAt(clock, 10_000)).toBe(200);
    expect(realDelayUntil(clock, 10_000, 201)).toBe(Infinity);
    clock = resumeClock(clock, 10_000);
    expect(virtualAt(clock, 10_050)).toBe(300);
  });

  it('never goes back for one thread, even if a pause arrives late', () => {
    let wall = 0;
    const reading = new MonotonicClock(startClock(0, 1), () => wall);
    wall = 100;
    expect(reading.now()).toBe(100);
    reading.state = pauseClock(startClock(0, 1), 90); // paused at 90 by the page, seen here at 100
    expect(reading.now()).toBe(100);
  });
});
