import { describeOperation, quote } from './describe';
import { ABSENT, NO_STATE, step, type KeyModel } from './model';

export interface Violation {
  /** Ids of the operations that cannot be linearized after `longest`, the one named in the text first. */
  readonly badOperations: number[];
  readonly explanation: string;
}

/**
 * Turns a failed search into something a person can act on, from the longest valid prefix the
 * search found. In order of preference, the operations to blame are: those whose output no state
 * could produce; those needing a state the key has left for good (a stale read); otherwise the
 * answered operation that returns first (the "blocker"), which had to come next, and those
 * concurrent with it. In the last case none of them can come next: had one fit, the search would
 * have reached a longer prefix. A stranded operation needs a state other than the current one
 * that no operation left can produce.
 */
export function explainViolation(model: KeyModel, longest: readonly number[], initial: number = ABSENT): Violation {
  const placed = new Set(longest);
  const waiting = model.ops.map((_, i) => i).filter((i) => !placed.has(i) && model.ops[i]!.return !== null);
  waiting.sort((a, b) => model.ops[a]!.return! - model.ops[b]!.return!);
  const state = longest.reduce((current, op) => step(model, op, current), initial);
  const impossible = waiting.filter((i) => model.pre[i] === NO_STATE);
  const producible = new Set(model.ops.map((_, i) => i).filter((i) => !placed.has(i)).map((i) => model.post[i]!));
  const stranded = waiting.filter((i) => model.pre[i]! >= 0 && model.pre[i] !== state && !producible.has(model.pre[i]!));
  const [bad, sentence] =
    impossible.length > 0 ? [impossible, impossibleSentence(model, impossible[0]!)]
    : stranded.length > 0 ? [stranded, strandedSentence(model, stranded[0]!, longest, state, initial)]
    : blockerAndConcurrent(model, waiting, longest, state, initial);
  const others = bad.length > 1 ? ` The same holds for ${bad.length - 1} other operation(s).` : '';
  return { badOperations: bad.map((i) => model.ops[i]!.id), explanation: `key ${model.key}: ${sentence}${others}` };
}

function blockerAndConcurrent(model: KeyModel, waiting: number[], longest: readonly number[], state: number, initial: number): [number[], string] {
  const blocker = waiting[0]!;
  const concurrent = waiting.filter((i) => i !== blocker && model.ops[i]!.call <= model.ops[blocker]!.return!);
  return [[blocker, ...concurrent], blockerSentence(model, blocker, longest, state, initial)];
}

function impossibleSentence(model: KeyModel, op: number): string {
  return `${describeOperation(model.ops[op]!)} has a result that no sequence of operations on ${model.key} can produce.`;
}

function strandedSentence(model: KeyModel, op: number, longest: readonly number[], state: number, initial: number): string {
  const needs = model.pre[op]!;
  const wanted = needs === ABSENT ? 'absent' : quote(model.values[needs]!);
  const again = needs === ABSENT ? 'deletes it' : `writes ${wanted}`;
  return `${describeOperation(model.ops[op]!)} needs ${model.key} = ${wanted}, but ${afterLongest(model, longest, state, initial)}, and no operation left ${again}.`;
}

function blockerSentence(model: KeyModel, op: number, longest: readonly number[], state: number, initial: number): string {
  const what = describeOperation(model.ops[op]!);
  if (longest.length === 0) return `${what} cannot be the first operation on ${model.key}, which ${startsAs(model, initial)}, and nothing can come before it.`;
  return `${what} cannot come next: ${afterLongest(model, longest, state, initial)}.`;
}

/** How the key starts: absent for a whole history; a segment checked on its own may start holding a value. */
function startsAs(model: KeyModel, initial: number): string {
  return initial === ABSENT ? 'starts absent' : `holds ${quote(model.values[initial]!)} after the operations before these`;
}

function afterLongest(model: KeyModel, longest: readonly number[], state: number, initial: number): string {
  if (longest.length === 0) return `${model.key} ${startsAs(model, initial)}`;
  const holds = state === ABSENT ? 'absent' : quote(model.values[state]!);
  const last = describeOperation(model.ops[longest[longest.length - 1]!]!);
  return `the longest valid order found (${longest.length} operation(s)) ends with ${last}, leaving ${model.key} = ${holds}`;
}
