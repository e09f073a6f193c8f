import { CodecError, type StateMachine } from '../raft/types';
import type { KvCommand, KvResult } from './types';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });
const SNAPSHOT_FORMAT = 1;

/** The single-node key-value store that Raft replicates (the lab's kv_state_machine). */
export class KvStateMachine implements StateMachine<KvCommand, KvResult> {
  private store = new Map<string, string>();
  /** Per client: the last sequence number applied and its result (thesis §6.3). */
  private sessions = new Map<string, { seq: number; result: KvResult }>();

  apply(command: KvCommand): KvResult {
    const session = command.session;
    if (!session) return this.execute(command);
    const last = this.sessions.get(session.client);
    // A duplicate of the last command gets the first application's result; it is not re-applied.
    if (last && session.seq === last.seq) return last.result;
    if (last && session.seq < last.seq) {
      return { succ: false, key: command.key, value: '' };
    }
    const result = this.execute(command);
    this.sessions.set(session.client, { seq: session.seq, result });
    return result;
  }

  /** A get answered from the applied state, no log entry and no session (ReadIndex and lease reads, thesis §6.4). */
  query(command: KvCommand): KvResult {
    if (command.op !== 'get') throw new Error(`only a get can be answered without the log (got ${command.op})`);
    return this.execute(command);
  }

  private execute(command: KvCommand): KvResult {
    const old = this.store.get(command.key);
    switch (command.op) {
      case 'get':
        return { succ: old !== undefined, key: command.key, value: old ?? '' };
      case 'del':
        this.store.delete(command.key);
        return { succ: old !== undefined, key: command.key, value: old ?? '' };
      case 'put':
        this.store.set(command.key, command.value);
        return old === undefined
          ? { succ: true, key: command.key, value: command.value }
          : { succ: false, key: command.key, value: old };
    }
  }

  snapshot(): Uint8Array {
    return encoder.encode(JSON.stringify({ v: SNAPSHOT_FORMAT, entries: [...this.store], sessions: [...this.sessions] }));
  }

  restore(data: Uint8Array): void {
    let parsed: { v?: unknown; entries?: unknown; sessions?: unknown };
    try {
      parsed = JSON.parse(decoder.decode(data)) as typeof parsed;
    } catch (error) {
      throw new CodecError(`KV snapshot is not UTF-8 JSON: ${(error as Error).message}`);
    }
    if (parsed?.v !== SNAPSHOT_FORMAT || !Array.isArray(parsed.entries)) {
      throw new CodecError(`KV snapshot has format ${JSON.stringify(parsed?.v)}; this build reads version ${SNAPSHOT_FORMAT}`);
    }
    const store = new Map<string, string>();
    for (const pair of parsed.entries as unknown[]) {
      if (!Array.isArray(pair) || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') {
        throw new CodecError('KV snapshot holds a malformed key/value pair');
      }
      store.set(pair[0], pair[1]);
    }
    this.store = store;
    this.sessions = restoreSessions(parsed.sessions);
  }

  get(key: string): string | undefined {
    return this.store.get(key);
  }

  /** A copy of the contents, for display and checks. */
  entries(): [string, string][] {
    return [...this.store];
  }

  get size(): number {
    return this.store.size;
  }
}

function restoreSessions(input: unknown): Map<string, { seq: number; result: KvResult }> {
  const sessions = new Map<string, { seq: number; result: KvResult }>();
  if (input === undefined) return sessions;
  if (!Array.isArray(input)) throw new CodecError('KV snapshot sessions are malformed');
  for (const item of input as unknown[]) {
    const [client, last] = Array.isArray(item) ? item : [];
    const { seq, result } = (last ?? {}) as { seq?: unknown; result?: KvResult };
    if (typeof client !== 'string' || typeof seq !== 'number' || typeof result?.succ !== 'boolean' || typeof result.key !== 'string' || typeof result.value !== 'string') {
      throw new CodecError('KV snapshot holds a malformed client session');
    }
    sessions.set(client, { seq, result: { succ: result.succ, key: result.key, value: result.value } });
  }
  return sessions;
}
