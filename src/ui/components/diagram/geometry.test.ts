import { describe, expect, it } from 'vitest';
import type { LoggedMessage } from '../../model/message-log';
import { arrowEnd, describeArrow, laneX, yOf, type Layout } from './geometry';

const layout: Layout = { scale: 0.5, lanes: [0, 1, 2], width: 400 };
const message = (fields: Partial<LoggedMessage>): LoggedMessage => ({
  key: 'k', from: 0, to: 2, kind: 'vote-request', type: 'RequestVote', term: 3, sentAt: 100, deliverAt: 160,
  endAt: null, fate: 'flying', reason: null, line: '0->2 RequestVote t3 last 4/2', ...fields,
});

describe('the diagram\'s geometry', () => {
  it('an arrow ends on the receiver\'s lane when it arrived, or when it is due while in flight', () => {
    expect(arrowEnd(layout, message({ fate: 'delivered', endAt: 150 }))).toEqual({ x: laneX(layout, 2), y: yOf(layout, 150) });
    expect(arrowEnd(layout, message({}))).toEqual({ x: laneX(layout, 2), y: yOf(layout, 160) });
  });

  it('a message lost as it was sent still goes part of the way, so its cross is off the sender\'s lane', () => {
    const end = arrowEnd(layout, message({ fate: 'dropped', endAt: 100, reason: 'loss' }));
    expect(end.x).toBeGreaterThan(laneX(layout, 0));
    expect(end.x).toBeLessThan(laneX(layout, 2));
    expect(end.y).toBeGreaterThan(yOf(layout, 100));
  });

  it('names an arrow by its etcd-style line and its fate', () => {
    expect(describeArrow(message({ fate: 'dropped', endAt: 130, reason: 'partitioned' })))
      .toBe('0->2 RequestVote t3 last 4/2, sent at 0.10 s, lost at 0.13 s (partitioned)');
    expect(describeArrow(message({ line: null }))).toBe('0->2 RequestVote t3, sent at 0.10 s, in flight, due at 0.16 s');
  });
});
