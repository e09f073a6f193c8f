import { kvCodec } from '../kv/codec';
import { KvStateMachine } from '../kv/machine';
import type { KvCommand, KvResult } from '../kv/types';
import { validateKvCommand } from '../kv/validate';
import { CodecError, type CommandCodec, type StateMachine } from '../raft/types';
import { ListStateMachine } from '../sim/list-machine';
import type { MachineSummary } from './protocol';

/**
 * The state machines a worker can run: the KV store (the app) and the lab's list machine (the lab
 * harness over workers). Each comes with the codec its stored log uses and the validator its
 * incoming commands go through.
 */
export const MACHINE_KINDS = ['kv', 'list'] as const;
export type MachineKind = (typeof MACHINE_KINDS)[number];

export interface MachineSpec<C, R> {
  readonly kind: MachineKind;
  create(): StateMachine<C, R>;
  readonly codec: CommandCodec<C>;
  /** Throws a CodecError on anything that is not a command. */
  validateCommand(input: unknown): C;
  /** One short line for the log view. */
  describe(command: C): string;
  /** At most `limit` of the machine's contents, for the page (absent: nothing worth showing). */
  summarize?(machine: StateMachine<C, R>, limit: number): MachineSummary;
}

export const kvMachine: MachineSpec<KvCommand, KvResult> = {
  kind: 'kv',
  create: () => new KvStateMachine(),
  codec: kvCodec,
  validateCommand: validateKvCommand,
  describe(command) {
    const value = command.op === 'put' ? `=${clip(command.value)}` : '';
    return `${command.op} ${clip(command.key)}${value}`;
  },
  summarize(machine, limit) {
    const kv = machine as KvStateMachine;
    const entries = kv.entries();
    return { size: kv.size, entries: entries.length > limit ? entries.slice(0, limit) : entries };
  },
};

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });
const LIST_FORMAT = 1;

function validateListCommand(input: unknown): number {
  if (typeof input !== 'number' || !Number.isSafeInteger(input)) throw new CodecError(`a list command is an integer, got ${JSON.stringify(input)}`);
  return input;
}

/** The lab's integer commands as versioned UTF-8 JSON, like kvCodec. */
export const listCodec: CommandCodec<number> = {
  encode: (command) => encoder.encode(JSON.stringify({ v: LIST_FORMAT, n: validateListCommand(command) })),
  decode(bytes) {
    let parsed: { v?: unknown; n?: unknown } | null;
    try {
      parsed = JSON.parse(decoder.decode(bytes)) as typeof parsed;
    } catch (error) {
      throw new CodecError(`list command is not UTF-8 JSON: ${(error as Error).message}`);
    }
    if (parsed?.v !== LIST_FORMAT) throw new CodecError(`list command has format version ${JSON.stringify(parsed?.v)}; this build reads version ${LIST_FORMAT}`);
    return validateListCommand(parsed.n);
  },
};

export const listMachine: MachineSpec<number, number> = {
  kind: 'list',
  create: () => new ListStateMachine(),
  codec: listCodec,
  validateCommand: validateListCommand,
  describe: (command) => String(command),
};

export function machineSpec(kind: MachineKind): MachineSpec<unknown, unknown> {
  const spec = kind === 'kv' ? kvMachine : kind === 'list' ? listMachine : null;
  if (!spec) throw new RangeError(`unknown state machine ${JSON.stringify(kind)}: expected kv or list`);
  return spec as unknown as MachineSpec<unknown, unknown>;
}

function clip(text: string): string {
  return text.length > 24 ? `${text.slice(0, 23)}…` : text;
}
