import { describe, expect, it } from 'vitest';
import { describeCommand, describeResult, formProblem } from './kv-format';
import { FSI, PDI } from './user-text';

/** Keys and values appear isolated (FSI … PDI) and escaped; the rest is the lab's wording. */
const plain = (text: string): string => text.replaceAll(FSI, '').replaceAll(PDI, '');

describe('KV words', () => {
  it('describes results with the lab\'s semantics', () => {
    expect(plain(describeResult({ op: 'put', key: 'x', value: '2' }, { succ: false, key: 'x', value: '1' }))).toBe('replaced x (was "1")');
    expect(plain(describeResult({ op: 'get', key: 'x' }, { succ: false, key: 'x', value: '' }))).toBe('x is not set');
    expect(plain(describeResult({ op: 'del', key: 'x' }, { succ: true, key: 'x', value: '1' }))).toBe('deleted x (was "1")');
  });

  it('isolates and escapes the key and value in a command', () => {
    expect(describeCommand({ op: 'put', key: 'a\u202Eb', value: 'line\nbreak' })).toBe(`put ${FSI}a⟨U+202E⟩b${PDI}=${FSI}line⏎break${PDI}`);
    expect(describeCommand({ op: 'get', key: ' k' })).toBe(`get ${FSI}␣k${PDI}`);
  });

  it('refuses an empty key and oversized ones, in the unit counted (UTF-16 code units)', () => {
    expect(formProblem({ op: 'get', key: '' })).toBe('Enter a key.');
    expect(formProblem({ op: 'put', key: 'k', value: 'v'.repeat(70_000) })).toBe('The value is 70,000 UTF-16 code units long; at most 65,536 are allowed.');
    expect(formProblem({ op: 'put', key: 'k'.repeat(300), value: '' })).toBe('The key is 300 UTF-16 code units long; at most 256 are allowed.');
    expect(formProblem({ op: 'put', key: '😀'.repeat(129), value: '' })).toMatch(/258 UTF-16 code units/);
    expect(formProblem({ op: 'put', key: 'k', value: 'v' })).toBeNull();
  });

  it('refuses keys that show as nothing, with the reason', () => {
    expect(formProblem({ op: 'get', key: '   ' })).toMatch(/^The key has no visible character/);
    expect(formProblem({ op: 'get', key: '\u200B' })).toMatch(/^The key has no visible character/);
    expect(formProblem({ op: 'get', key: 'a\nb' })).toBe('The key contains a control character (a line break, U+000A); a key is one line of text.');
  });
});
