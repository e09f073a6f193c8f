import { describe, expect, it } from 'vitest';
import type { TrafficEvent } from '../../runtime';
import { MessageLog, type LoggedRule } from './message-log';

const send = (key: string, from: number, to: number, sentAt: number, deliverAt = sentAt + 5): TrafficEvent => ({
  type: 'send', key, from, to, kind: 'AppendEntries', sentAt, deliverAt, at: sentAt, entries: 0, term: 2, line: `${from}->${to} AppendEntries t2`,
});
const arrive = (event: TrafficEvent, type: 'deliver' | 'drop', at = event.deliverAt): TrafficEvent => ({ ...event, type, at, line: undefined });
const rule = (node: number, at: number, kind: LoggedRule['kind'], peer?: number): LoggedRule => ({ node, at, kind, term: 2, text: `${kind} at ${at}`, ...(peer === undefined ? {} : { peer }) });

describe('MessageLog: the space-time diagram\'s record', () => {
  it('joins a message\'s send and arrival into one record, with the send\'s line', () => {
    const log = new MessageLog();
    const a = send('1.sim.1', 1, 2, 100);
    log.addTraffic([a]);
    expect(log.get('1.sim.1')).toMatchObject({ fate: 'flying', endAt: null, line: '1->2 AppendEntries t2', kind: 'heartbeat' });
    log.addTraffic([arrive(a, 'deliver')]);
    expect(log.messages).toHaveLength(1);
    expect(log.get('1.sim.1')).toMatchObject({ fate: 'delivered', endAt: 105, line: '1->2 AppendEntries t2' });
  });

  it('answers only the messages whose flight overlaps a window, a long flight included', () => {
    const log = new MessageLog();
    log.addTraffic([send('a', 0, 1, 10, 500), send('b', 0, 2, 200), send('c', 0, 3, 900)]);
    expect(log.window(300, 400).map((m) => m.key)).toEqual(['a']);
    expect(log.window(150, 950).map((m) => m.key)).toEqual(['a', 'b', 'c']);
    expect(log.window(600, 800)).toEqual([]);
  });

  it('keeps the records sorted by send time when a later batch reports an earlier send', () => {
    const log = new MessageLog();
    log.addTraffic([send('late', 1, 2, 300)]);
    log.addTraffic([send('early', 2, 1, 100)]);
    expect(log.messages.map((m) => m.key)).toEqual(['early', 'late']);
  });

  it('marks role changes and commits on the lanes, and skips rule events replayed again', () => {
    const log = new MessageLog();
    log.addRules(1, [rule(1, 100, 'becameCandidate'), rule(1, 120, 'becameLeader'), rule(1, 180, 'committed')]);
    log.addRules(1, [rule(1, 120, 'becameLeader'), rule(1, 180, 'committed')]); // a step forward through the past
    expect(log.marks.map((m) => `${m.at} ${m.kind}`)).toEqual(['100 candidate', '120 leader', '180 commit']);
  });

  it('finds the rules the receiver cited as it took a message in', () => {
    const log = new MessageLog();
    const a = send('1.sim.1', 1, 2, 100);
    log.addTraffic([a, arrive(a, 'deliver')]);
    log.addRules(2, [rule(2, 105, 'voteGranted', 1), rule(2, 105, 'voteRejected', 3), rule(2, 150, 'becameFollower')]);
    expect(log.rulesFor(log.get('1.sim.1')!).map((r) => r.kind)).toEqual(['voteGranted']);
  });

  it('a lost message ends where it was dropped; a fork drops the old future', () => {
    const log = new MessageLog();
    const a = send('a', 1, 2, 100);
    const b = send('b', 1, 2, 300);
    log.addTraffic([a, b, arrive(a, 'drop', 103), arrive(b, 'deliver')]);
    expect(log.get('a')).toMatchObject({ fate: 'dropped', endAt: 103 });
    log.addStatus(3, 310, 'crashed');
    log.dropAfter(200);
    expect(log.messages.map((m) => m.key)).toEqual(['a']);
    expect(log.marks).toEqual([]);
  });
});
