import { describe, expect, it } from 'vitest';
import { FSI, PDI } from '../model/user-text';
import { TEACHING_DELAY_MS, TEACHING_SPEED } from './defaults';
import { engineUrl } from './engine-choice';
import { parseParams } from './params';

/** Every URL parameter is bounded, and one the page does not use is named (issue 8, 3f). */
const notes = (search: string): string[] => parseParams(search).ignored.map((n) => n.replaceAll(FSI, '').replaceAll(PDI, ''));

describe('URL parameters: bounds and notes', () => {
  it('takes values in range, with no note', () => {
    expect(parseParams('?speed=4&size=3&delay=0-400&theme=light&report=1000&seed=4294967295&trace=0&bugs=forgetVoteOnRestart')).toMatchObject({
      speed: 4, size: 3, delay: [0, 400], theme: 'light', reportIntervalMs: 1000, seed: 4294967295, trace: false, bugs: ['forgetVoteOnRestart'], ignored: [],
    });
    expect(parseParams('').ignored).toEqual([]);
  });

  it('ignores a delay beyond the slider\'s range (a 10^9 ms delay would freeze the cluster)', () => {
    expect(parseParams('?delay=1000000000').delay).toEqual(TEACHING_DELAY_MS);
    expect(parseParams('?delay=100-401').delay).toEqual(TEACHING_DELAY_MS);
    expect(notes('?delay=100-401')).toEqual(['?delay=100-401 ignored: expected a delay in ms, "min" or "min-max", from 0 to 400']);
  });

  it('bounds the report interval and the seed', () => {
    expect(parseParams('?report=1').reportIntervalMs).toBeUndefined();
    expect(parseParams('?report=5000').reportIntervalMs).toBeUndefined();
    expect(parseParams('?report=0.5').reportIntervalMs).toBeUndefined();
    expect(notes('?report=1')).toEqual(['?report=1 ignored: expected an interval in ms from 10 to 1000']);
    expect(parseParams('?seed=-1').seed).toBeUndefined();
    expect(parseParams('?seed=4294967296').seed).toBeUndefined();
    expect(parseParams('?seed=1.5').seed).toBeUndefined();
    expect(notes('?seed=abc')).toEqual(['?seed=abc ignored: expected an integer from 0 to 4294967295']);
  });

  it('names each value it ignores: speed, size, theme, trace, cluster, unknown bugs', () => {
    const parsed = parseParams('?speed=99&size=4&theme=pink&trace=yes&cluster=on&bugs=grantVoteWithoutUpToDate,nonsense');
    expect(parsed).toMatchObject({ speed: TEACHING_SPEED, trace: true, clusterOff: false, bugs: ['grantVoteWithoutUpToDate'] });
    expect(parsed.size).toBeUndefined();
    expect(parsed.theme).toBeUndefined();
    expect(notes('?speed=99&size=4&theme=pink&trace=yes&cluster=on&bugs=nonsense')).toEqual([
      '?speed=99 ignored: expected a speed from 0.05 to 4',
      '?size=4 ignored: expected 3, 5 or 7',
      '?theme=pink ignored: expected dark or light',
      '?trace=yes ignored: expected 0 or 1',
      '?cluster=on ignored: expected off',
      expect.stringMatching(/^\?bugs: "nonsense" ignored: not a bug this page knows/),
    ]);
  });

  it('quotes a value as untrusted text: clipped, escaped, isolated', () => {
    const [note] = parseParams(`?theme=${encodeURIComponent('\u202Ekrad')}`).ignored;
    expect(note).toBe(`?theme=${FSI}⟨U+202E⟩krad${PDI} ignored: expected dark or light`);
    expect(notes(`?size=${'9'.repeat(5000)}`)[0]!.length).toBeLessThan(120);
  });

  it('takes the Raft preset from ?profile=lab|production, Production Raft by default, and names a bad one', () => {
    expect(parseParams('').profile).toBe('production');
    expect(parseParams('?profile=lab').profile).toBe('lab');
    const bad = parseParams('?profile=etcd');
    expect(bad.profile).toBe('production');
    expect(bad.ignored).toEqual([`?profile=${FSI}etcd${PDI} ignored: expected lab or production`]);
  });

  it('takes the engine from ?engine=live|sim, the live engine by default, and names a bad one', () => {
    expect(parseParams('').engine).toBe('live');
    expect(parseParams('?engine=sim&seed=7')).toMatchObject({ engine: 'sim', seed: 7, ignored: [] });
    const bad = parseParams('?engine=simulated');
    expect(bad.engine).toBe('live');
    expect(bad.ignored).toEqual([`?engine=${FSI}simulated${PDI} ignored: expected live or sim`]);
  });

  it('switches engine by address: the other parameters stay, the seed goes with the simulated engine', () => {
    const base = 'http://localhost/raftlab/?speed=1&profile=lab#x';
    expect(engineUrl(base, 'sim', 7)).toBe('http://localhost/raftlab/?speed=1&profile=lab&engine=sim&seed=7#x');
    expect(engineUrl('http://localhost/?engine=sim&seed=7&speed=1', 'live', null)).toBe('http://localhost/?speed=1');
    expect(parseParams(new URL(engineUrl(base, 'sim', 42)).search)).toMatchObject({ engine: 'sim', seed: 42, speed: 1, profile: 'lab', ignored: [] });
  });
});
