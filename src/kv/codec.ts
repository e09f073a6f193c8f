import { CodecError, type CommandCodec } from '../raft/types';
import type { KvCommand } from './types';
import { validateKvCommand } from './validate';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });
const FORMAT = 1;

/** KV commands as versioned UTF-8 JSON. Decoding rejects anything that is not a valid command. */
export const kvCodec: CommandCodec<KvCommand> = {
  encode(command: KvCommand): Uint8Array {
    return encoder.encode(JSON.stringify({ v: FORMAT, ...validateKvCommand(command) }));
  },
  decode(bytes: Uint8Array): KvCommand {
    let parsed: unknown;
    try {
      parsed = JSON.parse(decoder.decode(bytes));
    } catch (error) {
      throw new CodecError(`KV command is not UTF-8 JSON: ${(error as Error).message}`);
    }
    const version = (parsed as { v?: unknown } | null)?.v;
    if (version !== FORMAT) throw new CodecError(`KV command has format version ${JSON.stringify(version)}; this build reads version ${FORMAT}`);
    return validateKvCommand(parsed);
  },
};
