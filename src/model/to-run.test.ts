import { describe, expect, it } from 'vitest';
import { fingerprint } from '../engine/fingerprint';
import { parseRunFile } from '../engine/run-file';
import { SimEngine } from '../engine/sim-engine';
import type { RaftEvent } from '../raft/events';
import { InvariantMonitor, type ViolationReport } from '../ui/checks/invariant-monitor';
import { BUG_SEARCHES, searchContext, searchOptions, type BugSearch } from './bug-searches';
import { DEFAULT_BOUNDS, makeContext, type Bounds, type ModelContext } from './context';
import { apply, initialState } from './successors';
import type { Action } from './types';
import { check } from './model';
import { stepsToFinding } from './shrink';
import { traceToRun } from './to-run';
import { describeTrace } from './trace';

/**
 * Issue 13, done-when: each bug switch's counterexample, written as a run file, replays in the
 * simulated engine to the same violation — seen by the page's own invariant checker
 * (src/ui/checks/invariant-monitor.ts, Figure 3), which knows nothing of the model; a stale read
 * (readIndexBeforeTermCommit), which no Figure 3 property sees, replays to its cause: a leader's
 * read index below an entry already committed (thesis §6.4 step 1). The searches
 * are bug-searches.ts's, the ones that find each bug switch, plus one with a crash and writes as
 * steps of their own for grantVoteWithoutUpToDate.
 */
const TINY: Bounds = { ...DEFAULT_BOUNDS, nodes: 3, maxTerm: 2, maxLog: 1, maxInflight: 3, proposals: 1 };

const CASES: readonly BugSearch[] = [
  ...BUG_SEARCHES,
  { bug: 'grantVoteWithoutUpToDate', bounds: { ...TINY, crashes: 1 }, options: { mode: 'bfs', symmetry: true }, why: 'with a crash', violation: 'Leader Completeness' },
];

/** A read index a leader recorded (thesis §6.4), and the highest commit index any node knew after that step. */
interface RecordedRead {
  readonly node: number;
  readonly index: number;
  readonly committed: number;
}

/** Replay `run` from its start, one model step (one virtual ms) at a time, under the page's checker, noting each read index recorded. */
function replayChecked(text: string, steps: number): { violation: ViolationReport | null; engine: SimEngine; reads: RecordedRead[] } {
  const run = parseRunFile(text);
  const engine = new SimEngine({ size: run.start.size, seed: run.start.seed, run, startAt: 0, wall: () => 0 });
  let violation: ViolationReport | null = null;
  const monitor = new InvariantMonitor((report) => { violation ??= report; }, () => engine.now());
  engine.subscribeApplied((node, entries) => monitor.observeApplied(node, entries));
  const recorded: RaftEvent[] = [];
  engine.subscribeEvents((_node, events) => recorded.push(...events.filter((event) => event.kind === 'readIndex')));
  const reads: RecordedRead[] = [];
  for (let step = 1; step <= steps; step++) {
    engine.advance(1);
    const views = engine.getState().nodes;
    monitor.observe(views);
    const committed = Math.max(...views.map((view) => view.commitIndex));
    for (const event of recorded.splice(0)) reads.push({ node: event.node, index: event.index!, committed });
  }
  return { violation, engine, reads };
}

/** Each node's term at the end of `actions`, in the model. */
function finalTerms(actions: readonly Action[], context: ModelContext): number[] {
  let state = initialState(context);
  for (const action of actions) state = apply(state, action, context)!.state;
  return state.nodes.map((node) => node.core.term);
}

describe('a model counterexample as a run file (issue 13, item 3)', () => {
  for (const search of CASES) {
    const { bug, bounds } = search;
    const options = searchOptions(search);
    const context = searchContext(search);
    const persist = context.atomicPersist ? 'atomic writes' : 'writes as steps';
    it(`${bug} (${options.mode}, ${bounds.crashes} crash, ${bounds.wipes} wipe, ${persist}): the run replays in the simulated engine to ${search.violation}`, () => {
      const findings = check(context, options).findings;
      expect(findings.map((f) => f.name), `the model finds ${bug}`).toEqual([search.violation]);
      const finding = findings[0];
      // Issue 13's target: a trace of at most 40 steps, every step of it needed.
      expect(finding!.actions.length).toBeLessThanOrEqual(40);
      expect(stepsToFinding(finding!.actions, context, options.goal ?? null)).toBe(finding!.actions.length);
      const told = describeTrace(finding!.actions, context).join('\n');
      if (bug === 'commitPreviousTermByCount') {
        // Figure 8 on three nodes: an entry of term 1 counted onto a majority and committed in
        // term 3, then a leader of term 4 whose log holds term 2 there.
        expect(told).toMatch(/votes from a majority \(2 of 3\) in term 3/);
        expect(told).toMatch(/votes from a majority \(2 of 3\) in term 4/);
      }
      if (bug === 'readIndexBeforeTermCommit') {
        // Thesis §6.4 step 1 skipped: a write answered, then a new leader reads at a commit index
        // from before it (its no-op of term 2 not yet committed), and answers "not found".
        expect(told).toMatch(/answers command 1: put x=1 → ok 1[^]*node \d t2: read index 1 recorded[^]*answers command read 1: get x → not found/);
      }
      const { run, steps } = traceToRun(finding!.actions, context, `${bug}: ${finding!.name}`);
      expect(steps).toHaveLength(finding!.actions.length);
      const notes = run.actions.flatMap(({ action }) => (action.type === 'note' ? [action.text] : []));
      const title = `model checker: ${bug}: ${finding!.name}`;
      expect(notes).toEqual([title, ...steps.map((step, i) => `Model step ${i + 1} of ${steps.length}: ${step}`)]);
      expect(run.note).toBe(title);

      const { violation, engine, reads } = replayChecked(JSON.stringify(run), steps.length);
      if (finding!.kind === 'goal') {
        // A goal is no Figure 3 violation: the replay must stand where the model did (traceToRun
        // compared every node's role, term and log after each step), the page's checker silent.
        expect(violation).toBeNull();
        expect(engine.getState().nodes.map((view) => view.term)).toEqual(finalTerms(finding!.actions, context));
      } else if (finding!.name === 'Linearizability') {
        // A stale read breaks no Figure 3 property, so the page's checker stays silent; what the
        // replay shows is its cause: a leader recorded a read index below an entry already committed.
        expect(violation, `the page's checker, replaying ${steps.length} steps`).toBeNull();
        expect(reads.filter((read) => read.index < read.committed), `read indexes recorded, replaying:\n${steps.join('\n')}`).toHaveLength(1);
      } else {
        expect(violation?.invariant, `the page's checker, replaying ${steps.length} steps:\n${steps.join('\n')}`).toBe(finding!.name);
      }
      expect(engine.now()).toBe(run.endAt);
      // Opened as the page opens a link (at the run's end, in one go): the very same state.
      const opened = new SimEngine({ size: run.start.size, seed: run.start.seed, run: parseRunFile(JSON.stringify(run)), wall: () => 0 });
      expect(fingerprint(opened)).toBe(fingerprint(engine));
    });
  }

  it('the same run without its explore choices shows nothing: the simulation moves only when a step is chosen', () => {
    const context = makeContext(TINY, 'grantVoteWithoutUpToDate');
    const finding = check(context, { mode: 'bfs', symmetry: true }).findings[0]!;
    const { run } = traceToRun(finding.actions, context, 'grantVoteWithoutUpToDate');
    const choicesOnly = { ...run, actions: run.actions.filter(({ action }) => action.type !== 'explore') };
    const { violation, engine } = replayChecked(JSON.stringify(choicesOnly), finding.actions.length);
    expect(violation).toBeNull();
    expect(engine.getState().nodes.map((v) => `${v.role} t${v.term}`)).toEqual(['follower t0', 'follower t0', 'follower t0']);
  });
});
