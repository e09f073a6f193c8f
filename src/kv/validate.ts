import { CodecError } from '../raft/types';
import { MAX_KEY_LENGTH, MAX_VALUE_LENGTH, type KvCommand, type KvSession } from './types';

/**
 * Lengths are counted in UTF-16 code units (what String.length counts, and what bounds a command's
 * size): "a" is 1, "é" 1, "😀" 2. Every message says so, rather than "characters".
 */
const UNIT = 'UTF-16 code units';

/** Control characters (line breaks, tabs, …): a key is one line of text. */
const CONTROL = /\p{Cc}/u;
/** Nothing a reader can see: spaces and invisible characters only (zero-width space, bidi controls, …). */
const NOTHING_VISIBLE = /^[\p{White_Space}\p{Default_Ignorable_Code_Point}]*$/u;

/** Check a command a user typed or a peer sent; throws a CodecError that says what is wrong. */
export function validateKvCommand(input: unknown): KvCommand {
  if (typeof input !== 'object' || input === null) throw new CodecError('a KV command must be an object');
  const { op, key, value, session } = input as Record<string, unknown>;
  if (op !== 'put' && op !== 'get' && op !== 'del') throw new CodecError(`unknown KV operation ${JSON.stringify(op)}: expected put, get or del`);
  if (typeof key !== 'string') throw new CodecError('the key must be a string');
  const keyProblem = problemWithKey(key);
  if (keyProblem) throw new CodecError(keyProblem);
  const withSession = session === undefined ? {} : { session: validateSession(session) };
  if (op !== 'put') return { op, key, ...withSession };
  if (typeof value !== 'string') throw new CodecError('put needs a string value');
  if (value.length > MAX_VALUE_LENGTH) throw new CodecError(`the value is ${count(value.length)} ${UNIT} long; at most ${count(MAX_VALUE_LENGTH)} are allowed`);
  return { op, key, value, ...withSession };
}

/**
 * What is wrong with a key, or null. A key must show as something: one made only of spaces or
 * invisible characters would look empty, or identical to another key, wherever it is listed.
 */
export function problemWithKey(key: string): string | null {
  if (key.length === 0) return 'the key must not be empty';
  if (key.length > MAX_KEY_LENGTH) return `the key is ${count(key.length)} ${UNIT} long; at most ${MAX_KEY_LENGTH} are allowed`;
  const control = key.match(CONTROL)?.[0];
  if (control !== undefined) return `the key contains a control character (${controlName(control)}); a key is one line of text`;
  if (NOTHING_VISIBLE.test(key)) return 'the key has no visible character (only spaces or invisible characters); use at least one letter, digit or symbol';
  return null;
}

function controlName(char: string): string {
  const code = `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  return char === '\n' ? `a line break, ${code}` : char === '\t' ? `a tab, ${code}` : code;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function validateSession(input: unknown): KvSession {
  const { client, seq } = (input ?? {}) as Record<string, unknown>;
  if (typeof client !== 'string' || client.length === 0 || client.length > MAX_KEY_LENGTH) throw new CodecError('a session needs a non-empty client id');
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) throw new CodecError('a session sequence number must be a positive integer');
  return { client, seq };
}
