import { CodecError, type StateMachine } from '../raft/types';
import type { KvCommand, KvResult } from './types';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });
const SNAPSHOT_FORMAT = 1;

/** The single-node key-value store that Raft replicates (the lab's kv_state_machine). */
export class KvStateMachine implements StateMachine<KvCommand, KvResult> {
  private store = new Map<string, string>();

  apply(command: KvCommand): KvResult {
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
    return encoder.encode(JSON.stringify({ v: SNAPSHOT_FORMAT, entries: [...this.store] }));
  }

  restore(data: Uint8Array): void {
    let parsed: { v?: unknown; entries?: unknown };
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
