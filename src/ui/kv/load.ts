import type { KvCommand } from '../../kv/types';
import { Prng } from '../../raft/prng';
import type { UiClients } from './ui-client';

/**
 * A little concurrent load for the history view: a few clients, each sending one operation at a
 * time on a few shared keys, for a while. Concurrency is what makes linearizability interesting.
 */
export interface LoadOptions {
  readonly clients: readonly string[];
  readonly keys: number;
  readonly durationMs: number;
}

export const DEFAULT_LOAD: LoadOptions = { clients: ['B', 'C', 'D'], keys: 3, durationMs: 10_000 };

export async function runLoad(clients: UiClients, options: LoadOptions = DEFAULT_LOAD, seed = Date.now() >>> 0): Promise<void> {
  const prng = new Prng(seed);
  const random = (): number => prng.next();
  const end = performance.now() + options.durationMs;
  let n = 0;
  const pick = (): KvCommand => {
    const key = `k${Math.floor(random() * options.keys)}`;
    const roll = random();
    if (roll < 0.5) return { op: 'put', key, value: String(++n) };
    return roll < 0.85 ? { op: 'get', key } : { op: 'del', key };
  };
  await Promise.all(options.clients.map(async (client) => {
    while (performance.now() < end) await clients.submit(client, pick(), 'leader', { timeoutMs: 4000, quiet: true });
  }));
}
