import { KvStateMachine } from '../../kv/machine';
import type { KvCommand } from '../../kv/types';
import type { Prng } from '../../raft/prng';
import type { KvOperation } from './types';

/*
 * Histories from a real concurrent execution, for tests and the benchmark: every operation takes
 * effect at one instant inside its interval against one real store, so the recorded history is
 * linearizable by construction, whatever the overlap.
 */

export interface PlannedOperation {
  readonly id: number;
  readonly client: string;
  readonly command: KvCommand;
  readonly call: number;
  /** null: the client never hears back. */
  readonly return: number | null;
  /** The instant it takes effect: within [call, return], or any time after call when unanswered; null = never. */
  readonly effectAt: number | null;
}

/** One operation as property tests draw it: what it does, when it is called, how long, and its fate. */
export interface OperationSketch {
  readonly client: number;
  readonly op: 'get' | 'put' | 'del';
  readonly key: string;
  readonly value: string;
  readonly call: number;
  readonly duration: number;
  readonly effectOffset: number;
  /** answered: returns after `duration`, taking effect within it; lost: never takes effect; late: takes effect, never answered. */
  readonly fate: 'answered' | 'lost' | 'late';
}

/** A plan from sketches: ids in order, clients c0, c1, …; an answered operation takes effect within its interval. */
export function planOf(sketches: readonly OperationSketch[]): PlannedOperation[] {
  return sketches.map((s, id) => {
    const command: KvCommand = s.op === 'put' ? { op: 'put', key: s.key, value: s.value } : { op: s.op, key: s.key };
    const answered = s.fate === 'answered';
    const effectAt = s.fate === 'lost' ? null : s.call + (answered ? Math.min(s.effectOffset, s.duration) : s.effectOffset);
    return { id, client: `c${s.client}`, command, call: s.call, return: answered ? s.call + s.duration : null, effectAt };
  });
}

/** Runs the plan on a KvStateMachine in effect order and records what each client saw. */
export function executePlan(plan: readonly PlannedOperation[]): KvOperation[] {
  plan.forEach(checkPlanned);
  const store = new KvStateMachine();
  const results = new Map<number, ReturnType<KvStateMachine['apply']>>();
  const effective = plan.filter((op) => op.effectAt !== null);
  effective.sort((a, b) => a.effectAt! - b.effectAt!);
  for (const op of effective) results.set(op.id, store.apply(op.command));
  return plan.map(({ id, client, command, call, return: ret }) =>
    ret === null ? { id, client, command, call, return: null } : { id, client, command, call, return: ret, result: results.get(id)! },
  );
}

function checkPlanned({ id, call, return: ret, effectAt }: PlannedOperation): void {
  const inside = effectAt === null ? ret === null : effectAt >= call && (ret === null || effectAt <= ret);
  if (!inside) throw new Error(`planned op ${id}: effect at ${effectAt} is outside its interval [${call}, ${ret ?? '∞'}]`);
}

export interface PlanShape {
  readonly operations: number;
  readonly keys: number;
  readonly clients: number;
  /** Fraction of operations that never get a response; half of those still take effect. */
  readonly unansweredRate?: number;
}

/**
 * Clients that each issue one operation at a time, back to back, with random latencies: about
 * `clients` operations are in flight at any moment. Put values are unique ("v<id>").
 */
export function randomPlan(prng: Prng, shape: PlanShape): PlannedOperation[] {
  const freeAt = new Array<number>(shape.clients).fill(0);
  const plan: PlannedOperation[] = [];
  for (let id = 0; id < shape.operations; id++) {
    const client = freeAt.indexOf(Math.min(...freeAt));
    const call = freeAt[client]! + prng.next() * 0.2;
    const latency = 0.5 + prng.next() * 4;
    freeAt[client] = call + latency;
    const command = randomCommand(prng, `k${prng.int(shape.keys)}`, `v${id}`);
    const answered = !prng.chance(shape.unansweredRate ?? 0);
    const effectAt = answered || prng.chance(0.5) ? call + prng.next() * latency * (answered ? 1 : 3) : null;
    plan.push({ id, client: `c${client}`, command, call, return: answered ? call + latency : null, effectAt });
  }
  return plan;
}

function randomCommand(prng: Prng, key: string, value: string): KvCommand {
  const roll = prng.next();
  if (roll < 0.5) return { op: 'get', key };
  if (roll < 0.85) return { op: 'put', key, value };
  return { op: 'del', key };
}
