/**
 * The linearizability checker on a large history: 10,000 operations on 10 keys from 8 clients
 * that each keep one operation in flight (about 8 concurrent), 1% of them unanswered (half of
 * those still take effect). The history comes from a real concurrent execution (every operation
 * takes effect at one instant inside its interval on one KvStateMachine), so it is linearizable;
 * the second figure plants one stale read in it. Seeded: the same history every run.
 *
 * The last two figures are the page's check (issue 8, 3d): 20,000 operations of the same shape
 * handed to the IncrementalChecker the way the page's worker gets them (in batches of 100 as they
 * finish, each followed by advance(horizon)), timed over all batches: the whole run checked,
 * segment by segment, with the same search. The worker runs exactly this code.
 * Run: `npx tsx bench/linearizability.bench.ts`.
 */
import { IncrementalChecker, checkKvHistory, type KvOperation, type LinearizabilityResult } from '../src/checks/linearizability';
import { replayIncrementally } from '../src/checks/linearizability/replay';
import { injectStaleRead } from '../src/checks/linearizability/corrupt';
import { executePlan, randomPlan } from '../src/checks/linearizability/simulate';
import { Prng } from '../src/raft/prng';
import { runIfMain, type BenchLine } from './types';

const SEED = 20240601;
const SHAPE = { operations: 10_000, keys: 10, clients: 8, unansweredRate: 0.01 };
const TARGET_MS = 1000;
const LONG_SHAPE = { ...SHAPE, operations: 20_000 };
const PAGE_BATCH = 100;
/** The page's load client gives up after 4 s; the simulated operations last 0.5–4.5 time units. */
const GIVE_UP_AFTER = 10;
/** The first run includes the JIT warming up; the figure is the median of the runs after it. */
const RUNS = 5;

export default async function linearizabilityBench(): Promise<BenchLine[]> {
  const history = executePlan(randomPlan(new Prng(SEED), SHAPE));
  const stale = injectStaleRead(history, SHAPE.operations / 2);
  const good = measure(history, (result) => result.ok);
  const bad = measure(stale.history, (result) => !result.ok && result.badOperations.includes(stale.corruptedId));
  const long = executePlan(randomPlan(new Prng(SEED), LONG_SHAPE));
  const longStale = injectStaleRead(long, LONG_SHAPE.operations / 2);
  const incremental = measureIncremental(long, (result) => result.ok);
  const incrementalBad = measureIncremental(longStale.history, (result) => !result.ok && result.badOperations.includes(longStale.corruptedId));
  const longWhat = `${LONG_SHAPE.operations} ops, ${LONG_SHAPE.keys} keys, ${LONG_SHAPE.clients} clients, 1% unanswered, seed ${SEED}, in batches of ${PAGE_BATCH}; median of ${RUNS} after a cold run`;
  const what = `${SHAPE.operations} ops, ${SHAPE.keys} keys, ${SHAPE.clients} clients, ${SHAPE.unansweredRate * 100}% unanswered, seed ${SEED}; median of ${RUNS} after a cold run`;
  return [
    {
      name: 'linearizability: check a linearizable history', value: good.medianMs, unit: 'ms',
      detail: `${what} (cold ${good.coldMs} ms); target ≤ ${TARGET_MS} ms`,
    },
    {
      name: 'linearizability: find a stale read', value: bad.medianMs, unit: 'ms',
      detail: `${what} (cold ${bad.coldMs} ms); the same history with get op ${stale.corruptedId} made to return an overwritten value; flagged: ${bad.explanation}`,
    },
    {
      name: 'linearizability: incremental check of a 20,000-operation run (the page worker\'s code)', value: incremental.medianMs, unit: 'ms',
      detail: `${longWhat} (cold ${incremental.coldMs} ms); ${incremental.explanation} Target ≤ ${TARGET_MS} ms.`,
    },
    {
      name: 'linearizability: incremental check finds a stale read in a 20,000-operation run', value: incrementalBad.medianMs, unit: 'ms',
      detail: `${longWhat} (cold ${incrementalBad.coldMs} ms); get op ${longStale.corruptedId} made stale; flagged: ${incrementalBad.explanation}`,
    },
  ];
}

interface Measurement {
  readonly medianMs: number;
  readonly coldMs: number;
  readonly explanation: string;
}

/** Times checkKvHistory; throws if the verdict is wrong, since a fast wrong answer is worth nothing. */
function measure(history: readonly KvOperation[], isRight: (result: LinearizabilityResult) => boolean): Measurement {
  return measureWith(() => checkKvHistory(history), isRight);
}

function measureWith(check: () => LinearizabilityResult, isRight: (result: LinearizabilityResult) => boolean): Measurement {
  const times: number[] = [];
  let result: LinearizabilityResult | undefined;
  for (let run = 0; run <= RUNS; run++) {
    const start = performance.now();
    result = check();
    times.push(performance.now() - start);
    if (!isRight(result)) throw new Error(`linearizability bench: wrong verdict: ${result.explanation}`);
  }
  const warm = times.slice(1).sort((a, b) => a - b);
  return { medianMs: round(warm[Math.floor(warm.length / 2)]!), coldMs: round(times[0]!), explanation: result!.explanation };
}

/** Times a whole replay (every batch and advance); throws on a wrong verdict. */
function measureIncremental(history: readonly KvOperation[], isRight: (result: LinearizabilityResult) => boolean): Measurement {
  return measureWith(() => {
    const status = replayIncrementally(history, new IncrementalChecker(), { giveUpAfter: GIVE_UP_AFTER, batchSize: () => PAGE_BATCH });
    const segments = `${status.checked} operations checked in ${status.segments} segments.`;
    return { ...status.result, explanation: status.result.ok ? segments : status.result.explanation };
  }, isRight);
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

runIfMain(import.meta.url, linearizabilityBench);
