import type { KvCommand, KvResult } from '../../kv/types';
import type { Prng } from '../../raft/prng';
import type { Group } from '../harness';
import type { History } from './history';

/** Shared between the clients and the nemesis: the nemesis can hold new operations back. */
export interface Load {
  quietUntil: number;
}

export interface ClientOptions {
  readonly keys: number;
  /** Give up on an operation (leaving its outcome unknown) after this many attempts. */
  readonly maxAttempts: number;
  /** How long to wait for one attempt's result. */
  readonly attemptTimeoutMs: number;
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
    const command = randomCommand(prng, options.keys, name, ++seq);
    const op = history.invoke(name, command, g.now);
    for (let attempt = 0; attempt < options.maxAttempts && op.return === null && !shouldStop(); attempt++) {
      const pending = await g.node(guess).submit(command);
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

function randomCommand(prng: Prng, keys: number, client: string, seq: number): KvCommand {
  const key = `k${prng.int(keys)}`;
  const session = { client, seq };
  const roll = prng.int(10);
  if (roll < 5) return { op: 'put', key, value: `${client}.${seq}`, session };
  if (roll < 8) return { op: 'get', key, session };
  return { op: 'del', key, session };
}
