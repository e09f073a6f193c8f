import * as v from 'valibot';
import { makeConfig } from '../raft/config';
import { machineSpec } from '../runtime/machines';
import { BUG_NAMES, type BugName } from '../shared/bugs';
import { EXPLORE_CHOICE_TYPES } from '../sim/explore';
import { RUN_FORMAT_VERSION, RunFileError, type RunAction, type RunFile } from './run';

/**
 * Reading a run file from outside (a saved file, a share link, a paste): every field is checked,
 * and anything malformed is refused whole with a message naming the field (`actions[3].action.node:
 * node 7 is not in the cluster of 5`). A RunFile that parses can be replayed: the simulated engine
 * builds it from `start`, applies `actions` in order and runs to `endAt` (sim-engine.ts).
 */

/** The most nodes a cluster has (as everywhere: 1 to 9). */
const MAX_NODES = 9;
/** A run file holds virtual time up to this (about 31 years): far beyond any run, well inside exact integers. */
const MAX_VIRTUAL_MS = 1e12;

export { RunFileError } from './run';

const ms = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(MAX_VIRTUAL_MS));
const count = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
const percent = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(100));
const nodeId = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_NODES - 1));
const size = v.pipe(v.number(), v.integer(), v.minValue(1, 'a cluster has 1 to 9 nodes'), v.maxValue(MAX_NODES, 'a cluster has 1 to 9 nodes'));

const timingEntries = {
  heartbeatMs: ms, electionTimeoutMinMs: ms, electionTimeoutMaxMs: ms, candidateTimeoutMinMs: ms, candidateTimeoutMaxMs: ms,
};
const featureEntries = {
  noopOnElection: v.boolean(), preVote: v.boolean(), checkQuorum: v.boolean(),
  leadershipTransfer: v.boolean(), readIndex: v.boolean(), leaseReads: v.boolean(),
};
const bugEntries = Object.fromEntries(BUG_NAMES.map((name) => [name, v.boolean()])) as Record<BugName, v.BooleanSchema<undefined>>;

const linkPolicy = v.pipe(
  v.strictObject({ lossPercent: percent, delayMinMs: ms, delayMaxMs: ms, duplicatePercent: v.optional(percent) }),
  v.check((p) => p.delayMinMs <= p.delayMaxMs, 'delayMinMs must not exceed delayMaxMs'),
);

const networkConfig = v.strictObject({
  size,
  cut: v.array(v.array(v.boolean())),
  isolated: v.array(v.boolean()),
  group: v.nullable(v.array(v.pipe(v.number(), v.integer(), v.minValue(0)))),
  requests: linkPolicy,
  replies: linkPolicy,
  links: v.record(v.pipe(v.string(), v.regex(/^\d>\d$/, 'a link is written "from>to"')), linkPolicy),
});

const runStart = v.strictObject({
  size,
  seed: v.pipe(v.number(), v.integer(), v.minValue(0, 'a seed is 0 to 2^32 - 1'), v.maxValue(2 ** 32 - 1, 'a seed is 0 to 2^32 - 1')),
  machine: v.picklist(['kv', 'list']),
  timing: v.strictObject(timingEntries),
  features: v.strictObject(featureEntries),
  bugs: v.strictObject(bugEntries),
  autoCompactEntries: v.nullable(v.pipe(v.number(), v.safeInteger(), v.minValue(1))),
  trace: v.boolean(),
  linkPolicy,
  diskLatencyMs: v.nullable(v.pipe(v.strictObject({ min: ms, max: ms }), v.check((d) => d.min <= d.max, 'min must not exceed max'))),
});

/** A note is a line of narration, not a document. */
const MAX_NOTE_LENGTH = 2_000;

const ACTION_TYPES = ['propose', 'saveSnapshot', 'forceElectionTimeout', 'transferLeadership', 'crash', 'restart', 'resetNode',
  'reset', 'setNetwork', 'setTiming', 'setAutoCompact', 'setBugs', 'setFeatures', 'note', 'explore'] as const satisfies readonly RunAction['type'][];

const runAction = v.variant('type', [
  v.object({ type: v.literal('propose'), node: nodeId, command: v.unknown(), read: v.optional(v.boolean()), batched: v.optional(v.literal(true)) }),
  v.object({ type: v.literal('saveSnapshot'), node: nodeId }),
  v.object({ type: v.literal('forceElectionTimeout'), node: nodeId }),
  v.object({ type: v.literal('transferLeadership'), node: nodeId, target: nodeId }),
  v.object({ type: v.literal('crash'), node: nodeId }),
  v.object({ type: v.literal('restart'), node: nodeId }),
  v.object({ type: v.literal('resetNode'), node: nodeId }),
  v.object({ type: v.literal('reset'), size }),
  v.object({ type: v.literal('setNetwork'), network: networkConfig }),
  v.object({ type: v.literal('setTiming'), timing: v.strictObject(v.partial(v.object(timingEntries)).entries) }),
  v.object({ type: v.literal('setAutoCompact'), entries: v.nullable(v.pipe(v.number(), v.safeInteger(), v.minValue(1))) }),
  v.object({ type: v.literal('setBugs'), bugs: v.strictObject(v.partial(v.object(bugEntries)).entries) }),
  v.object({ type: v.literal('setFeatures'), features: v.strictObject(v.partial(v.object(featureEntries)).entries) }),
  v.object({ type: v.literal('note'), text: v.pipe(v.string(), v.maxLength(MAX_NOTE_LENGTH)) }),
  v.object({
    type: v.literal('explore'),
    choice: v.object({ type: v.picklist(EXPLORE_CHOICE_TYPES), id: v.pipe(v.string(), v.maxLength(100)) }),
  }),
], (issue) => `unknown action type ${issue.received} (known: ${ACTION_TYPES.join(', ')})`);

const runFile = v.object({
  format: v.literal('raftlab-run', (issue) => `format is ${issue.received}; a run file says "raftlab-run"`),
  version: v.literal(RUN_FORMAT_VERSION, (issue) => `unsupported version ${issue.received}: this build reads version ${RUN_FORMAT_VERSION}`),
  start: runStart,
  actions: v.array(v.object({ at: ms, step: v.nullable(count), action: runAction })),
  endAt: ms,
  endStep: v.optional(count),
  note: v.optional(v.pipe(v.string(), v.maxLength(2000))),
});

/** Parse and check a run file's text; a RunFileError names the first field that is wrong. */
export function parseRunFile(text: string): RunFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new RunFileError(`the file is not JSON (${(error as Error).message})`);
  }
  return checkRunFile(json);
}

/** The same checks on a value already parsed (a RunFile handed over as an object). */
export function checkRunFile(value: unknown): RunFile {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RunFileError('the file is not a JSON object');
  // The format and version first, so that a file of another kind or version says so and not what field it lacks.
  const head = value as { format?: unknown; version?: unknown };
  if (head.format !== 'raftlab-run') throw new RunFileError(`format: ${JSON.stringify(head.format) ?? 'missing'}; a run file says "raftlab-run"`);
  if (head.version !== RUN_FORMAT_VERSION) {
    throw new RunFileError(`version: unsupported version ${JSON.stringify(head.version) ?? '(missing)'}; this build reads version ${RUN_FORMAT_VERSION}`);
  }
  const result = v.safeParse(runFile, value);
  if (!result.success) {
    const issue = result.issues[0];
    throw new RunFileError(`${pathOf(issue)}: ${issue.message}`);
  }
  const file = result.output as RunFile;
  checkMeaning(file);
  return file;
}

/** What the schema cannot say: configurations that make sense, node ids inside the cluster as it is then, order in time. */
function checkMeaning(file: RunFile): void {
  const { start } = file;
  at('start', () => makeConfig({ timing: start.timing, features: start.features, autoCompactEntries: start.autoCompactEntries }));
  const spec = machineSpec(start.machine);
  let clusterSize = start.size;
  let lastAt = 0;
  let lastStep = 0;
  let timing = start.timing;
  for (const [i, { at: time, step, action }] of file.actions.entries()) {
    const where = `actions[${i}]`;
    if (time < lastAt) fail(`${where}.at`, `${time} ms comes before the previous action's ${lastAt} ms (actions are in order)`);
    if (step !== null && step < lastStep) fail(`${where}.step`, `step ${step} comes before the previous action's ${lastStep}`);
    lastAt = time;
    if (step !== null) lastStep = step;
    for (const field of ['node', 'target'] as const) {
      const node = (action as Record<string, unknown>)[field];
      if (typeof node === 'number' && node >= clusterSize) fail(`${where}.action.${field}`, `node ${node} is not in the cluster of ${clusterSize}`);
    }
    if (action.type === 'propose') at(`${where}.action.command`, () => spec.validateCommand(action.command));
    if (action.type === 'reset') clusterSize = action.size;
    if (action.type === 'setNetwork') checkNetwork(`${where}.action.network`, action.network, clusterSize);
    if (action.type === 'setTiming') {
      timing = { ...timing, ...action.timing };
      at(`${where}.action.timing`, () => makeConfig({ timing }));
    }
  }
  if (file.endAt < lastAt) fail('endAt', `${file.endAt} ms is before the last action (${lastAt} ms)`);
}

function checkNetwork(where: string, network: Extract<RunAction, { type: 'setNetwork' }>['network'], clusterSize: number): void {
  const n = network.size;
  if (n !== clusterSize) fail(`${where}.size`, `a network for ${n} nodes in a cluster of ${clusterSize}`);
  if (network.cut.length !== n || network.cut.some((row) => row.length !== n)) fail(`${where}.cut`, `must be ${n} × ${n}`);
  if (network.isolated.length !== n) fail(`${where}.isolated`, `must list ${n} nodes`);
  if (network.group && network.group.length !== n) fail(`${where}.group`, `must list ${n} nodes`);
  for (const key of Object.keys(network.links)) {
    const [from, to] = key.split('>').map(Number) as [number, number];
    if (from >= n || to >= n || from === to) fail(`${where}.links`, `link ${key} is not a link of the cluster of ${n}`);
  }
}

function at(where: string, check: () => unknown): void {
  try {
    check();
  } catch (error) {
    fail(where, (error as Error).message);
  }
}

function fail(where: string, message: string): never {
  throw new RunFileError(`${where}: ${message}`);
}

/** `actions[3].action.node` from a valibot issue's path. */
function pathOf(issue: v.BaseIssue<unknown>): string {
  let path = '';
  for (const item of issue.path ?? []) {
    const key = item.key as string | number;
    path += typeof key === 'number' ? `[${key}]` : path === '' ? key : `.${key}`;
  }
  return path === '' ? '(the file)' : path;
}
