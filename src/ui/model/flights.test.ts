import { describe, expect, it } from 'vitest';
import type { TrafficEvent } from '../../runtime';
import { FlightTracker, MAX_FLIGHTS } from './flights';

const send = (seq: number): TrafficEvent => ({ type: 'send', key: `0.1.${seq}`, from: 0, to: 1, kind: 'AppendEntries', sentAt: seq, deliverAt: seq + 50, at: seq });

describe('FlightTracker memory', () => {
  it('remembers at most MAX_FLIGHTS messages even when no frame ever runs, forgetting the oldest sent', () => {
    const flights = new FlightTracker();
    for (let batch = 0; batch < 10; batch++) {
      flights.ingest(Array.from({ length: 1000 }, (_, i) => send(batch * 1000 + i)), 0);
    }
    expect(flights.size).toBe(MAX_FLIGHTS);
    const shown = flights.frame(9_990, 0, Infinity);
    expect(shown.map((dot) => dot.flight.key)).toContain('0.1.9999');
    expect(shown.map((dot) => dot.flight.key)).not.toContain('0.1.0');
  });
});
