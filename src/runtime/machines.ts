import { kvCodec } from '../kv/codec';
import { KvStateMachine } from '../kv/machine';
import type { KvCommand, KvResult } from '../kv/types';
import { validateKvCommand } from '../kv/validate';
import type { CommandCodec, StateMachine } from '../raft/types';
import { listCodec, ListStateMachine, validateListCommand } from '../shared/list-machine';
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

/** The lab's list machine (src/shared/list-machine.ts): its commands stored through listCodec. */
export const listMachine: MachineSpec<number, number> = {
  kind: 'list',
  create: () => new ListStateMachine(),
  codec: listCodec,
  validateCommand: validateListCommand,
  describe: (command) => String(command),
};

export { listCodec };

export function machineSpec(kind: MachineKind): MachineSpec<unknown, unknown> {
  const spec = kind === 'kv' ? kvMachine : kind === 'list' ? listMachine : null;
  if (!spec) throw new RangeError(`unknown state machine ${JSON.stringify(kind)}: expected kv or list`);
  return spec as unknown as MachineSpec<unknown, unknown>;
}

function clip(text: string): string {
  return text.length > 24 ? `${text.slice(0, 23)}…` : text;
}
