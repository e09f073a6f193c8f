import { describe, expect, it } from 'vitest';
import { LESSONS, loadLesson } from './catalog';
import { checkpointMet, type LessonView } from './checkpoints';
import { checkLesson, LessonError } from './format';
import { CORRUPT_NOTICE, PROGRESS_KEY, readProgress, saveProgress } from './progress';
import { LessonRunner } from './runner';
import { simTarget } from './sim-target';
import { nodeView } from '../ui/test/fixtures';
import { initialNetwork } from '../runtime/network';

/** Play every step by its Show-me actions on the simulated engine, letting time pass until each checkpoint is met. */
async function playThrough(id: string): Promise<string[]> {
  const lesson = await loadLesson(id);
  const { engine, target } = simTarget(lesson);
  const runner = new LessonRunner(lesson, target);
  await runner.open(0);
  const trace: string[] = [];
  for (;;) {
    await runner.showMe();
    // A paused step's Show me lets the time it needs pass itself: no more is given here.
    const paused = (runner.step.showMe ?? []).some((a) => a.do === 'run');
    const deadline = engine.now() + (paused ? 0 : 20_000);
    while (!runner.met && engine.now() < deadline) {
      if (runner.observe(target.view())) break;
      await target.seek(engine.now() + 20);
    }
    expect(runner.met, `${id}, step ${runner.stepIndex + 1}: its checkpoint is met by Show me (seed ${lesson.seed})`).toBe(true);
    trace.push(`step ${runner.stepIndex + 1} met at ${engine.now()} ms`);
    if (runner.stepIndex + 1 >= lesson.steps.length) return trace;
    await runner.next();
  }
}

describe('lessons', () => {
  it('every lesson in the catalog checks against the schema and has the id it is listed under', async () => {
    expect(LESSONS.length).toBeGreaterThanOrEqual(8);
    for (const { id } of LESSONS) expect((await loadLesson(id)).id).toBe(id);
  });

  for (const { id } of LESSONS) {
    it(`"${id}" runs start to finish by Show me, the same on every run (fixed seed)`, async () => {
      expect(await playThrough(id)).toEqual(await playThrough(id));
    });
  }

  it('Figure 8 (§5.4.2): at (c) entry 2 is on a majority but not committed; at (e) committing entry 3 commits it', async () => {
    const lesson = await loadLesson('figure-8');
    const { engine, target } = simTarget(lesson);
    const runner = new LessonRunner(lesson, target);
    await runner.open(5, true); // the end of (c): S1 leads term 4 with entries of terms 1, 2, 4
    const c = engine.getState().nodes;
    expect(c[0]!.role).toBe('leader');
    expect(c[0]!.term).toBe(4);
    expect(c.filter((v) => v.log.window.some((e) => e.index === 2 && e.term === 2)).map((v) => v.id)).toEqual([0, 1, 2]);
    expect(c[0]!.commitIndex, 'entry 2 is on a majority, yet not committed').toBeLessThan(2);
    await runner.open(7, true); // (e), done: S1 replicated its term-4 entry first
    const nodes = engine.getState().nodes;
    expect(nodes[0]!.commitIndex).toBe(3);
    expect(nodes.filter((v) => v.log.window.some((e) => e.index === 2 && e.term === 2)).length).toBeGreaterThanOrEqual(3);
  });

  it('a malformed lesson is refused with the field that is wrong', () => {
    const good = { id: 'x', title: 'T', summary: 'S', seed: 1, size: 3, profile: 'lab', steps: [{ narration: 'n' }] };
    expect(checkLesson(good).id).toBe('x');
    expect(() => checkLesson({ ...good, size: 4 })).toThrow(LessonError);
    expect(() => checkLesson({ ...good, steps: [{ narration: 'n', checkpoint: { kind: 'teleport' } }] })).toThrow(/^steps\[0\]\.checkpoint\.kind/);
    expect(() => checkLesson({ ...good, steps: [{ narration: 'n', checkpoint: { kind: 'leaderElected' } }] })).toThrow(/needs a task and a showMe/);
    expect(() => checkLesson({ ...good, steps: [{ narration: 'n', setup: [{ do: 'rewind', step: 1 }] }] })).toThrow(/earlier step/);
    expect(() => checkLesson('not a lesson')).toThrow(LessonError);
  });

  it('an unknown lesson names the lessons there are', async () => {
    await expect(loadLesson('nope')).rejects.toThrow(/there is no lesson "nope"; the lessons are first-election/);
  });
});

describe('checkpoints', () => {
  const view = (nodes: ReturnType<typeof nodeView>[]): LessonView => ({ nodes, network: initialNetwork(nodes.length), config: null });

  it('"crash the leader" means the leader when the step opened', () => {
    const begin = view([nodeView(0, { role: 'leader' }), nodeView(1), nodeView(2)]);
    const leaderDown = view([nodeView(0, { status: 'crashed' }), nodeView(1), nodeView(2)]);
    const followerDown = view([nodeView(0, { role: 'leader' }), nodeView(1, { status: 'crashed' }), nodeView(2)]);
    expect(checkpointMet({ kind: 'nodeCrashed', role: 'leader' }, leaderDown, begin)).toBe(true);
    expect(checkpointMet({ kind: 'nodeCrashed', role: 'leader' }, followerDown, begin)).toBe(false);
  });

  it('a stale leader in a minority partition (§5.2), and two leaders in different terms', () => {
    const nodes = [nodeView(0, { role: 'leader' }), nodeView(1), nodeView(2), nodeView(3, { role: 'leader', term: 2 }), nodeView(4, { term: 2 })];
    const split = { ...view(nodes), network: { ...initialNetwork(5), group: [0, 0, 1, 1, 1] } };
    expect(checkpointMet({ kind: 'twoLeaders' }, split, split)).toBe(true);
    // The newest leader (term 2) is on the majority side: not in a minority.
    expect(checkpointMet({ kind: 'leaderInMinority' }, split, split)).toBe(false);
    const old = { ...split, nodes: nodes.slice(0, 3).concat([nodeView(3), nodeView(4)]) };
    expect(checkpointMet({ kind: 'leaderInMinority' }, old, old)).toBe(true);
  });

  it('an acknowledged entry not yet durable (Figure 2: persist before responding)', () => {
    const leader = nodeView(0, { role: 'leader', progress: [{ peer: 1, nextIndex: 3, matchIndex: 2 }] as never });
    const durable = view([leader, nodeView(1, { log: { lastIndex: 2, stableIndex: 2 } })]);
    const inMemory = view([leader, nodeView(1, { log: { lastIndex: 2, stableIndex: 1 } })]);
    expect(checkpointMet({ kind: 'ackedNotDurable', node: 1 }, durable, durable)).toBe(false);
    expect(checkpointMet({ kind: 'ackedNotDurable', node: 1 }, inMemory, inMemory)).toBe(true);
  });
});

describe('progress', () => {
  const memory = (): Storage => {
    const items = new Map<string, string>();
    return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) } as Storage;
  };

  it('keeps each lesson\'s place, and forgets one on request', () => {
    const storage = memory();
    saveProgress('replication', { step: 2, met: true, done: false }, storage);
    saveProgress('figure-8', { step: 0, met: false, done: true }, storage);
    expect(readProgress(storage)).toEqual({ progress: { replication: { step: 2, met: true, done: false }, 'figure-8': { step: 0, met: false, done: true } }, notice: null });
    saveProgress('replication', null, storage);
    expect(Object.keys(readProgress(storage).progress)).toEqual(['figure-8']);
  });

  it('a corrupt record is ignored with a notice, never trusted', () => {
    for (const raw of ['{not json', '[]', '{"version":2,"lessons":{}}', '{"version":1,"lessons":{"x":{"step":-1,"met":false,"done":false}}}',
      '{"version":1,"lessons":{"<script>":{"step":0,"met":false,"done":false}}}']) {
      const storage = memory();
      storage.setItem(PROGRESS_KEY, raw);
      expect(readProgress(storage), raw).toEqual({ progress: {}, notice: CORRUPT_NOTICE });
    }
  });
});
