import { describe, expect, it } from 'vitest';
import type { CommandContext } from './types';
import { autoCompaction, autoCompactOf, setAutoCompact } from './compaction';

function contextWith(cluster: object): { ctx: CommandContext; notes: string[] } {
  const notes: string[] = [];
  return { ctx: { cluster, note: (title: string) => { notes.push(title); } } as unknown as CommandContext, notes };
}

describe('automatic log compaction from the timing editor', () => {
  it('passes the threshold (or off) to a cluster that can change it, and says so in the timeline', () => {
    const calls: (number | null)[] = [];
    const { ctx, notes } = contextWith({ setAutoCompact: (entries: number | null) => { calls.push(entries); }, getConfig: () => ({ autoCompactEntries: 200 }) });
    setAutoCompact.perform(ctx, 500);
    setAutoCompact.perform(ctx, null);
    expect(calls).toEqual([500, null]);
    expect(notes).toEqual(['You set automatic log compaction to every 500 applied entries', 'You turned automatic log compaction off']);
  });

  it('is not offered by a cluster that cannot change it while running, so no control pretends to', () => {
    const { ctx } = contextWith({ getConfig: () => ({}) });
    expect(autoCompaction(ctx.cluster)).toBeNull();
    expect(() => setAutoCompact.perform(ctx, 100)).toThrow(/cannot change log compaction/);
  });

  it('reads the threshold a config reports: a number, null (off), or nothing said', () => {
    expect(autoCompactOf({ autoCompactEntries: 200 })).toBe(200);
    expect(autoCompactOf({ autoCompactEntries: null })).toBeNull();
    expect(autoCompactOf({})).toBeUndefined();
  });
});
