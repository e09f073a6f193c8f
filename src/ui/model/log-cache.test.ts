import { describe, expect, it } from 'vitest';
import type { EntryView } from '../../runtime';
import { entries, nodeView } from '../test/fixtures';
import { BLOCK, LogCache } from './log-cache';
import { logRow } from './log-grid';

/** A node whose log holds 1..last in `term`, its view carrying only the last 24 (as buildView sends). */
const withLog = (last: number, term = 1, incarnation = 1) => nodeView(0, { incarnation, log: { window: entries(Math.max(1, last - 23), last, term), lastIndex: last } });

/** A cache over a fake node log; the reads it was asked for, and a way to answer them. */
function harness(log: () => EntryView[]) {
  const asked: [number, number][] = [];
  const cache = new LogCache((_node, from, to) => {
    asked.push([from, to]);
    return Promise.resolve(log().filter((e) => e.index >= from && e.index <= to));
  });
  return { cache, asked };
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('LogCache', () => {
  it('reads only what the view\'s window lacks, in aligned blocks, each once', async () => {
    const { cache, asked } = harness(() => entries(1, 120, 1));
    const view = withLog(120);
    cache.observe([view]);
    cache.want(view, 90, 120); // all inside the window (97..120) but 90..96
    cache.want(view, 1, 10);
    cache.want(view, 5, 20);
    await settle();
    expect(asked).toEqual([[BLOCK + 1, 2 * BLOCK], [1, BLOCK]]);
    expect(cache.entries(0).get(1)).toEqual({ index: 1, term: 1, command: 'put k1=v1' });
    // The row shows what was read; what was not is an 'unknown' cell (the quiet placeholder).
    const row = logRow(view, { first: 1, last: 3 }, null, undefined, false, { own: cache.entries(0), leader: new Map() });
    expect(row.cells.map((c) => c.term)).toEqual([1, 1, 1]);
    const unread = logRow(view, { first: 1, last: 3 }, null, undefined);
    expect(unread.cells.map((c) => c.kind)).toEqual(['unknown', 'unknown', 'unknown']);
  });

  it('keeps what was read while the log only grows with the same entries (Log Matching, §5.3)', async () => {
    const { cache } = harness(() => entries(1, 130, 1));
    cache.observe([withLog(120)]);
    cache.want(withLog(120), 1, 10);
    await settle();
    cache.observe([withLog(130)]);
    expect(cache.entries(0).size).toBe(BLOCK);
  });

  it('drops a node\'s entries when its log is truncated, an entry it showed changes term, it moved too far to compare, or it restarted', async () => {
    for (const next of [withLog(100), withLog(120, 2), withLog(200), withLog(120, 1, 2)]) {
      const { cache } = harness(() => entries(1, 200, 1));
      cache.observe([withLog(120)]);
      cache.want(withLog(120), 1, 10);
      await settle();
      expect(cache.entries(0).size).toBe(BLOCK);
      cache.observe([next]);
      expect(cache.entries(0).size).toBe(0);
    }
  });

  it('ignores an answer to a read sent before the entries were dropped, and says when a read fails', async () => {
    let answer!: (entries: EntryView[]) => void;
    const cache = new LogCache(() => new Promise((resolve) => { answer = resolve; }));
    cache.observe([withLog(120)]);
    cache.want(withLog(120), 1, 10);
    cache.observe([withLog(100)]);
    answer(entries(1, 50, 1));
    await settle();
    expect(cache.entries(0).size).toBe(0);

    const failing = new LogCache(() => Promise.reject(new Error('worker gone')));
    failing.want(withLog(120), 1, 10);
    await settle();
    expect(failing.error).toBe('could not read node 0\'s entries 1–50: worker gone');
  });
});
