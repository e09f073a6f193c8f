import { CodecError, type CommandCodec, type StateMachine } from '../raft/types';

/**
 * The lab's list machine, one copy for every driver: the simulator's lab harness keeps its
 * commands in memory, the browser runtime stores them through listCodec.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });
const LIST_FORMAT = 1;

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

/** Throws a CodecError on anything that is not a list command (a safe integer). */
export function validateListCommand(input: unknown): number {
  if (typeof input !== 'number' || !Number.isSafeInteger(input)) throw new CodecError(`a list command is an integer, got ${JSON.stringify(input)}`);
  return input;
}

/** The lab's integer commands as versioned UTF-8 JSON, like kvCodec. */
export const listCodec: CommandCodec<number> = {
  encode: (command) => encoder.encode(JSON.stringify({ v: LIST_FORMAT, n: validateListCommand(command) })),
  decode(bytes) {
    let parsed: { v?: unknown; n?: unknown } | null;
    try {
      parsed = JSON.parse(strictDecoder.decode(bytes)) as typeof parsed;
    } catch (error) {
      throw new CodecError(`list command is not UTF-8 JSON: ${(error as Error).message}`);
    }
    if (parsed?.v !== LIST_FORMAT) throw new CodecError(`list command has format version ${JSON.stringify(parsed?.v)}; this build reads version ${LIST_FORMAT}`);
    return validateListCommand(parsed.n);
  },
};
