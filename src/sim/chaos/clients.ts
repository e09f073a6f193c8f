import type { KvCommand, KvResult } from '../../kv/types';
import type { Prng } from '../../raft/prng';
import type { Group } from '../harness';
import type { History } from './history';

/** Shared between the clients and the nemesis: the nemesis can hold new operations back. */
export interface Load {
  quietUntil: number;
  /**
   * For scenarios: one operation sent to one node, recorded in the history like any other (so the
   * linearizability check judges it). Resolves with the result, or undefined if none came.
   */
  direct?: (node: number, command: KvCommand, timeoutMs: number) => Promise<KvResult | undefined>;
}

/** The `direct` operation of a Load: a scenario's own client, named "nemesis". */
export function directClient(g: Group<KvCommand, KvResult>, history: History): NonNullable<Load['direct']> {
  let seq = 0;
  return async (node, command, timeoutMs) => {
    const sessioned = command.op === 'get' ? command : { ...command, session: { client: 'nemesis', seq: ++seq } };
    const op = history.invoke('nemesis', sessioned, g.now);
    const pending = readsWithoutLog(g) && sessioned.op === 'get' ? g.node(node).readNow(sessioned) : await g.node(node).submit(sessioned);
    const outcome = pending ? await pending.outcome(timeoutMs) : undefined;
    if (outcome?.ok) history.complete(op, outcome.result, g.now);
    return outcome?.ok ? outcome.result : undefined;
  };
}

export interface ClientOptions {
  readonly keys: number;
  /** Give up on an operation (leaving its outcome unknown) after this many attempts. */
  readonly maxAttempts: number;
  /** How long to wait for one attempt's result. */
  readonly attemptTimeoutMs: number;
  /** Only puts (the liveness phase: a read without the log waits for a write of the leader's term, §6.4). */
  readonly writesOnly?: boolean;
}

/**
 * A KV client: one operation at a time, each numbered in the client's session (thesis §6.3) so a
 * retry after a leader change is applied once. It tries the node it believes leads, then others.
 */
export async function runClient(
  g: Group<KvCommand, KvResult>, name: string, prng: Prng, history: History,
  options: ClientOptions, shouldStop: () => boolean, load: Load = { quietUntil: 0 },
): Promise<void> {
  let seq = 0;
  let guess = prng.int(g.size);
  while (!shouldStop()) {
    const command = randomCommand(prng, options.keys, name, ++seq, options.writesOnly === true);
    const op = history.invoke(name, command, g.now);
    for (let attempt = 0; attempt < options.maxAttempts && op.return === null && !shouldStop(); attempt++) {
      const pending = readsWithoutLog(g) && command.op === 'get' ? g.node(guess).readNow(command) : await g.node(guess).submit(command);
      const outcome = pending ? await pending.outcome(options.attemptTimeoutMs) : undefined;
      if (outcome?.ok) {
        history.complete(op, outcome.result, g.now);
        break;
      }
      guess = (guess + 1 + prng.int(g.size - 1)) % g.size;
      if (!pending) await g.sleep(10 + prng.int(40));
    }
    await g.sleep(prng.int(30));
    // The nemesis may ask for a quiet spell (see figure8.ts): start no new operation until it ends.
    while (load.quietUntil > g.now) await g.sleep(load.quietUntil - g.now);
  }
}

/** With ReadIndex or lease reads on, gets skip the log (thesis §6.4) and the history checks them all the same. */
function readsWithoutLog(g: Group<KvCommand, KvResult>): boolean {
  const features = g.cluster.config?.features;
  return features !== undefined && (features.readIndex || features.leaseReads);
}

function randomCommand(prng: Prng, keys: number, client: string, seq: number, writesOnly: boolean): KvCommand {
  const key = `k${prng.int(keys)}`;
  const session = { client, seq };
  const roll = prng.int(10);
  if (writesOnly) return { op: 'put', key, value: `${client}.${seq}`, session };
  if (roll < 5) return { op: 'put', key, value: `${client}.${seq}`, session };
  if (roll < 8) return { op: 'get', key, session };
  return { op: 'del', key, session };
}
