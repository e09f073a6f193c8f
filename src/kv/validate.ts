import { CodecError } from '../raft/types';
import { MAX_KEY_LENGTH, MAX_VALUE_LENGTH, type KvCommand, type KvSession } from './types';

/** Check a command a user typed or a peer sent; throws a CodecError that says what is wrong. */
export function validateKvCommand(input: unknown): KvCommand {
  if (typeof input !== 'object' || input === null) throw new CodecError('a KV command must be an object');
  const { op, key, value, session } = input as Record<string, unknown>;
  if (op !== 'put' && op !== 'get' && op !== 'del') throw new CodecError(`unknown KV operation ${JSON.stringify(op)}: expected put, get or del`);
  if (typeof key !== 'string') throw new CodecError('the key must be a string');
  if (key.length === 0) throw new CodecError('the key must not be empty');
  if (key.length > MAX_KEY_LENGTH) throw new CodecError(`the key is ${key.length} characters; at most ${MAX_KEY_LENGTH} are allowed`);
  const withSession = session === undefined ? {} : { session: validateSession(session) };
  if (op !== 'put') return { op, key, ...withSession };
  if (typeof value !== 'string') throw new CodecError('put needs a string value');
  if (value.length > MAX_VALUE_LENGTH) throw new CodecError(`the value is ${value.length} characters; at most ${MAX_VALUE_LENGTH} are allowed`);
  return { op, key, value, ...withSession };
}

function validateSession(input: unknown): KvSession {
  const { client, seq } = (input ?? {}) as Record<string, unknown>;
  if (typeof client !== 'string' || client.length === 0 || client.length > MAX_KEY_LENGTH) throw new CodecError('a session needs a non-empty client id');
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) throw new CodecError('a session sequence number must be a positive integer');
  return { client, seq };
}
