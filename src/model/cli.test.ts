import { describe, expect, it } from 'vitest';
import { BUG_SEARCHES } from './bug-searches';
import { commandLine, parseArgs, summaryLine, takeOut } from './cli';

describe('model CLI', () => {
  it('reads the bounds, bug, mode and goal of the issue\'s example command', () => {
    const args = parseArgs(['--nodes', '3', '--max-term', '3', '--max-log', '2', '--max-inflight', '4', '--crashes', '1', '--bug', 'ackBeforePersist', '--mode', 'dfs', '--goal', 'two-leaders', '--symmetry']);
    expect(args.bounds).toMatchObject({ nodes: 3, maxTerm: 3, maxLog: 2, maxInflight: 4, crashes: 1 });
    expect(args.bug).toBe('ackBeforePersist');
    expect(args.goal).toBe('two-leaders');
    expect(args.search).toMatchObject({ mode: 'dfs', symmetry: true });
  });

  it('takes --out FILE apart from the search\'s flags, and refuses it without a file', () => {
    expect(takeOut(['--nodes', '3', '--out', 'trace.json', '--bug', 'ackBeforePersist'])).toEqual({ out: 'trace.json', rest: ['--nodes', '3', '--bug', 'ackBeforePersist'] });
    expect(takeOut(['--nodes', '3'])).toEqual({ out: null, rest: ['--nodes', '3'] });
    expect(() => takeOut(['--out', '--nodes', '3'])).toThrow('--out needs a file name');
  });

  it('refuses an unknown bug or flag, naming what it knows', () => {
    expect(() => parseArgs(['--bug', 'nope'])).toThrow(/grantVoteWithoutUpToDate/);
    expect(() => parseArgs(['--frobnicate', '1'])).toThrow(/unknown argument --frobnicate/);
  });

  it('ends with the line the issue specifies', () => {
    const line = summaryLine({ distinct: 5046, generated: 11000, depth: 38, findings: [], exhausted: true, elapsedMs: 2500, visitedBytes: 0 });
    expect(line).toBe('model: 5046 distinct states, depth 38, 0 violation(s) in 2.5 s (2018 distinct states/s)');
  });

  it('writes each bug switch\'s search as a command line that reads back as the same search', () => {
    for (const search of BUG_SEARCHES) {
      const line = commandLine(search.bounds, search.bug, search.options, search);
      const args = parseArgs(line.split(' ').slice(4));
      expect(args.bounds).toEqual(search.bounds);
      expect(args.bug).toBe(search.bug);
      expect(args.search).toEqual(search.options);
      expect(args.atomicPersist).toBe(search.atomicPersist);
      expect(args.goal).toBe(search.goal ?? null);
    }
  });

  it('writes the correct core\'s run with a bug\'s mechanism on as --features, which reads back', () => {
    const line = commandLine({ ...BUG_SEARCHES[0]!.bounds }, null, { mode: 'bfs' }, { goal: 'pre-vote-raised-term', features: { preVote: true } });
    expect(line).toMatch(/--goal pre-vote-raised-term --features preVote --mode bfs$/);
    expect(parseArgs(line.split(' ').slice(4)).features).toEqual({ preVote: true });
    expect(() => parseArgs(['--features', 'preVote,warpDrive'])).toThrow(/--features must be one of .*preVote/);
  });
});
