import * as v from 'valibot';
import { BUG_NAMES, type BugName } from '../shared/bugs';

/**
 * A guided lesson as data (docs/lessons.md): a teacher writes one file exporting a plain object,
 * and the page checks it against this schema before showing it, so a malformed lesson is refused
 * with a message naming the field (`steps[2].checkpoint.kind: …`) instead of breaking the page.
 *
 * A lesson runs on the simulated engine from a fixed seed, paused at virtual time 0; time passes
 * only when the learner lets it (Resume, Step, the Explore panel) or an action says so, so the
 * same choices give the same run on every machine.
 */

/** The most nodes a cluster has (as everywhere: 1 to 9). */
const MAX_NODE = 8;

const nodeId = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_NODE));
/**
 * A node by number, or as the cluster stands when the action runs: the newest leader, the
 * lowest-numbered running node that is not it, or the lowest-numbered crashed node.
 */
const nodeRef = v.union([nodeId, v.picklist(['leader', 'follower', 'crashed'])]);
const text = (max: number) => v.pipe(v.string(), v.minLength(1), v.maxLength(max));
const virtualMs = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(60_000));
const bugName = v.picklist(BUG_NAMES as [BugName, ...BugName[]]);
const messageType = v.picklist(['RequestVote', 'RequestVoteReply', 'AppendEntries', 'AppendEntriesReply', 'InstallSnapshot', 'InstallSnapshotReply']);
const index = v.pipe(v.number(), v.integer(), v.minValue(1));

/** Engine commands as data: what a step's setup does, and what "Show me" does for the learner. */
const action = v.variant('do', [
  /** Let time run at the page's speed (the learner watches); the runner pauses it when the checkpoint is met. */
  v.strictObject({ do: v.literal('resume') }),
  v.strictObject({ do: v.literal('pause') }),
  /** Let `ms` of virtual time pass at once, then stay paused. */
  v.strictObject({ do: v.literal('run'), ms: virtualMs }),
  v.strictObject({ do: v.literal('crash'), node: nodeRef }),
  v.strictObject({ do: v.literal('restart'), node: nodeRef }),
  /** The node acts as if its election timer ran out (§5.2). */
  v.strictObject({ do: v.literal('timeout'), node: nodeRef }),
  /** Sides of a partition; 'others' stands for every node not named on another side. */
  v.strictObject({ do: v.literal('partition'), groups: v.pipe(v.array(v.pipe(v.array(v.union([nodeRef, v.literal('others')])), v.minLength(1))), v.minLength(2)) }),
  v.strictObject({ do: v.literal('isolate'), node: nodeRef }),
  v.strictObject({ do: v.literal('heal') }),
  /** A client's put, sent to one node (the leader by default). */
  v.strictObject({ do: v.literal('put'), key: text(40), value: text(40), node: v.optional(nodeRef) }),
  v.strictObject({ do: v.literal('bug'), bug: bugName, on: v.boolean() }),
  /** Raft's timing (ms) from the next timer each node draws (§5.2, §5.6), e.g. long timeouts so only forced elections happen. */
  v.strictObject({ do: v.literal('timing'), heartbeatMs: v.optional(virtualMs), electionTimeoutMinMs: v.optional(virtualMs), electionTimeoutMaxMs: v.optional(virtualMs) }),
  v.strictObject({ do: v.literal('snapshot'), node: nodeRef }),
  /** Explore mode: deliver or drop the message of this kind in flight between two nodes (time passes until one is); `withEntries`: one carrying entries. */
  v.strictObject({ do: v.picklist(['deliver', 'drop']), type: messageType, from: nodeRef, to: nodeRef, withEntries: v.optional(v.boolean()) }),
  /** Explore mode: make the node's disk write in flight durable now. */
  v.strictObject({ do: v.literal('persist'), node: nodeRef }),
  /** Time travel: back to where step `step` (numbered from 1) began; what follows forks from there. */
  v.strictObject({ do: v.literal('rewind'), step: v.pipe(v.number(), v.integer(), v.minValue(1)) }),
]);

/** A checkpoint: a predicate over the cluster as the page shows it (checkpoints.ts), from a small fixed vocabulary. */
const checkpoint = v.variant('kind', [
  /** A running leader (`node`, if given) in a term at least `minTerm`, holding entry `hasIndex` if given. */
  v.strictObject({ kind: v.literal('leaderElected'), node: v.optional(nodeId), minTerm: v.optional(index), hasIndex: v.optional(index) }),
  /** Exactly one running leader, every running node in its term, and the network whole. */
  v.strictObject({ kind: v.literal('oneLeader') }),
  /** At least `count` running candidates in one term. */
  v.strictObject({ kind: v.literal('candidates'), count: v.pipe(v.number(), v.integer(), v.minValue(1)) }),
  /** Node `node` is down, or (role) the node that led when the step began. */
  v.strictObject({ kind: v.literal('nodeCrashed'), node: v.optional(nodeId), role: v.optional(v.literal('leader')) }),
  v.strictObject({ kind: v.literal('nodeRunning'), node: nodeId }),
  /** Entry `index` is committed on the newest leader (with `everywhere`, every node is up and has it committed). */
  v.strictObject({ kind: v.literal('committed'), index, everywhere: v.optional(v.boolean()) }),
  /** The network is split and the leader of the newest term is on a side without a majority. */
  v.strictObject({ kind: v.literal('leaderInMinority') }),
  /** Two running leaders: a stale one in an older term, and a newer one. */
  v.strictObject({ kind: v.literal('twoLeaders') }),
  /** No cut link, isolation or partition. */
  v.strictObject({ kind: v.literal('healed') }),
  /** The terms of each listed node's log entries, exactly, and on disk (Figure 8's pictures). */
  v.strictObject({ kind: v.literal('logs'), terms: v.record(v.pipe(v.string(), v.regex(/^[0-8]$/)), v.array(index)) }),
  v.strictObject({ kind: v.literal('bug'), bug: bugName, on: v.boolean() }),
  /** The node holds entry `index` in memory only: not yet durable (Figure 2: persist before responding). */
  v.strictObject({ kind: v.literal('notDurable'), node: nodeId, index }),
  /** A leader counts the node as holding more than the node has made durable. */
  v.strictObject({ kind: v.literal('ackedNotDurable'), node: nodeId }),
  /** The node's log starts with a snapshot through at least `index` (§7). */
  v.strictObject({ kind: v.literal('snapshot'), node: nodeRef, index }),
  /** The node has applied at least through `index`. */
  v.strictObject({ kind: v.literal('applied'), node: nodeId, index }),
]);

const step = v.strictObject({
  /** What the learner reads: plain text, shown as text (never markup); a blank line starts a paragraph. */
  narration: text(1200),
  /** Done when the step opens (time travel, partitions, a bug switched on…). */
  setup: v.optional(v.array(action)),
  /** What the learner is asked to do; without it the step is reading only. */
  checkpoint: v.optional(checkpoint),
  /** The request under the narration ("Crash the leader"). */
  task: v.optional(text(200)),
  /** What "Show me" does: the learner's action done for them (the page's own commands). */
  showMe: v.optional(v.array(action)),
});

export const lessonSchema = v.pipe(
  v.strictObject({
    id: v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,40}$/, 'an id is 1 to 40 of a-z, 0-9 and -')),
    title: text(80),
    summary: text(300),
    /** The cluster it runs on: the simulated engine with this seed, size and Raft profile. */
    seed: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2 ** 32 - 1)),
    size: v.picklist([3, 5, 7]),
    profile: v.picklist(['lab', 'production']),
    /** Virtual ms per real ms when the learner lets time run. */
    speed: v.optional(v.pipe(v.number(), v.minValue(0.05), v.maxValue(4))),
    steps: v.pipe(v.array(step), v.minLength(1), v.maxLength(40)),
  }),
  v.check((lesson) => lesson.steps.every((s) => !s.checkpoint || (s.task !== undefined && s.showMe !== undefined)),
    'a step with a checkpoint needs a task and a showMe'),
  v.check((lesson) => lesson.steps.every((s, i) => (s.setup ?? []).every((a) => a.do !== 'rewind' || a.step <= i)),
    'a rewind goes back to an earlier step'),
);

export type Lesson = v.InferOutput<typeof lessonSchema>;
export type LessonStep = Lesson['steps'][number];
export type LessonAction = v.InferOutput<typeof action>;
export type Checkpoint = v.InferOutput<typeof checkpoint>;
export type NodeRef = v.InferOutput<typeof nodeRef>;

export class LessonError extends Error {}

/** Check a lesson (anyone's data): the lesson, or a LessonError naming the first thing wrong. */
export function checkLesson(value: unknown): Lesson {
  const result = v.safeParse(lessonSchema, value);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const path = (issue.path ?? []).map((item) => item.key as string | number)
    .reduce<string>((at, key) => (typeof key === 'number' ? `${at}[${key}]` : at === '' ? key : `${at}.${key}`), '');
  throw new LessonError(`${path === '' ? '(the lesson)' : path}: ${issue.message}`);
}
