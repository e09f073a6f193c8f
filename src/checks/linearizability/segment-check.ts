import { explainViolation } from './explain';
import { keepUndominated, type Configuration } from './frontier';
import { ANY_STATE, compileKey, stateOfValue, valueOfState, type KeyModel } from './model';
import { searchKey, type Deadline } from './search';
import type { KvOperation, LinearizabilityResult } from './types';

/** One key's state in the incremental check (incremental.ts). */
export interface KeyProgress {
  /** Operations received and not yet checked. */
  unchecked: KvOperation[];
  /** Where the key may stand after the operations checked so far. Never empty while checking goes on. */
  frontier: Configuration[];
  /** The unanswered puts and dels some configuration may still use, by id. */
  open: Map<number, KvOperation>;
  /** The latest return among checked operations: anything called later is after the cut. */
  lastReturn: number;
  checkedAny: boolean;
}

interface Failure {
  readonly model: KeyModel;
  readonly longest: readonly number[];
  readonly initial: number;
}

/**
 * Searches one segment of a key from each configuration of its frontier and replaces the
 * frontier with the configurations the segment can end in. Returns null if the segment fits,
 * else the verdict (a violation, or "unknown" when the deadline or the configuration cap is hit).
 *
 * Each configuration gets its own model: the carried operations still unused there, then the
 * segment (their calls are earlier, so they come first in time and may go anywhere in the order).
 * When the model has no unanswered operation, the first end found is the only one: every
 * answered operation's output fixes the state it ran in, so an order is a path through the
 * states using each operation once, and where such a path ends is fixed by counting how often
 * each state is entered and left (as for an Euler path). Otherwise the search reports every end.
 */
export function checkSegment(
  key: string, progress: KeyProgress, segment: readonly KvOperation[], deadline: Deadline, maxConfigurations: number,
): LinearizabilityResult | null {
  const fresh = segment.filter((op) => op.return === null && op.command.op !== 'get');
  const seen = valuesSeen(segment);
  const ends: Configuration[] = [];
  let failure: Failure | null = null;
  for (const start of progress.frontier) {
    const carried = start.available.map((id) => progress.open.get(id)!);
    const model = compileKey(key, [...carried, ...segment], [...(start.value === null ? [] : [start.value]), ...seen]);
    const initial = stateOfValue(model, start.value);
    const enumerate = model.pre.includes(ANY_STATE);
    const unused = [...start.available, ...fresh.map((op) => op.id)];
    const outcome = searchKey(model, deadline, {
      initialState: initial,
      onEnd: (state, placed) => {
        const used = new Set(placed.map((i) => model.ops[i]!.id));
        ends.push({ value: valueOfState(model, state), available: unused.filter((id) => !used.has(id)).sort((a, b) => a - b) });
        return enumerate && ends.length <= maxConfigurations;
      },
    });
    if (outcome.verdict === 'timeout') return gaveUp(key, 'the time budget ran out');
    if (outcome.verdict === 'violation') failure ??= { model, longest: outcome.longest, initial };
    if (ends.length > maxConfigurations) return gaveUp(key, `it could stand in more than ${maxConfigurations} ways at one cut`);
  }
  if (ends.length === 0) return violation(key, failure!);
  for (const op of fresh) progress.open.set(op.id, op);
  progress.frontier = keepUndominated(ends, progress.open);
  forgetUnusable(progress);
  for (const op of segment) if (op.return !== null) progress.lastReturn = Math.max(progress.lastReturn, op.return);
  progress.checkedAny = true;
  return null;
}

/**
 * Values answered operations report. A put before the cut may have written one, so it gets a
 * state of its own rather than "no state can produce it" (model.ts): the same verdict, but the
 * explanation then says the key no longer holds it, which is what happened.
 */
function valuesSeen(segment: readonly KvOperation[]): string[] {
  return segment.flatMap(({ command, result }) => (result && (command.op === 'put' ? !result.succ : result.succ) ? [result.value] : []));
}

/** An unanswered operation no configuration has unused can never be used again. */
function forgetUnusable(progress: KeyProgress): void {
  const usable = new Set(progress.frontier.flatMap((c) => c.available));
  for (const id of progress.open.keys()) if (!usable.has(id)) progress.open.delete(id);
}

function violation(key: string, { model, longest, initial }: Failure): LinearizabilityResult {
  const { badOperations, explanation } = explainViolation(model, longest, initial);
  const longestPartial = longest.map((i) => model.ops[i]!.id);
  return { ok: false, timedOut: false, keysChecked: 1, failingKey: key, badOperations, longestPartial, explanation };
}

function gaveUp(key: string, why: string): LinearizabilityResult {
  const explanation = `Gave up on key ${key}: ${why}. The history is not known to be linearizable.`;
  return { ok: false, timedOut: true, keysChecked: 0, badOperations: [], explanation };
}
