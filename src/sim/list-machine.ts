import type { StateMachine } from '../raft/types';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The lab's list_state_machine: records each applied integer. Slot 0 is a dummy, so a value's
 * position is its log index. numAppendLogs counts applies since this machine was made; restoring a
 * snapshot does not count.
 */
export class ListStateMachine implements StateMachine<number, number> {
  store: number[] = [0];
  numAppendLogs = 0;

  apply(command: number): number {
    this.store.push(command);
    this.numAppendLogs++;
    return command;
  }

  snapshot(): Uint8Array {
    return encoder.encode(JSON.stringify(this.store));
  }

  restore(data: Uint8Array): void {
    const parsed: unknown = JSON.parse(decoder.decode(data));
    if (!Array.isArray(parsed) || !parsed.every((v) => typeof v === 'number')) throw new Error('list snapshot is not an array of numbers');
    this.store = parsed as number[];
  }
}
