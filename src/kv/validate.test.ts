import { describe, expect, it } from 'vitest';
import { kvCodec } from './codec';
import { problemWithKey, validateKvCommand } from './validate';

/** What a key may be (issue 8, 3e): something visible, on one line; lengths in UTF-16 code units. */
describe('validateKvCommand: keys', () => {
  it('refuses keys made only of spaces or invisible characters', () => {
    for (const key of [' ', '   ', '\u00A0', '\u3000', '\u200B', '\u200B\u200C', '\u202E', ' \uFEFF ']) {
      expect(() => validateKvCommand({ op: 'get', key }), JSON.stringify(key)).toThrow(/no visible character/);
    }
  });

  it('refuses a line break or another control character in a key, naming it', () => {
    expect(problemWithKey('a\nb')).toBe('the key contains a control character (a line break, U+000A); a key is one line of text');
    expect(problemWithKey('a\tb')).toMatch(/a tab, U\+0009/);
    expect(problemWithKey('a\u0000')).toMatch(/U\+0000/);
  });

  it('accepts keys with something visible, invisible characters and all (the page shows them escaped)', () => {
    for (const key of ['x', ' x ', 'a\u200Bb', '\u202Eabc', 'שלום', '😀']) expect(problemWithKey(key), JSON.stringify(key)).toBeNull();
  });

  it('keeps a line break in a value', () => {
    expect(validateKvCommand({ op: 'put', key: 'k', value: 'two\nlines' })).toEqual({ op: 'put', key: 'k', value: 'two\nlines' });
    expect(kvCodec.decode(kvCodec.encode({ op: 'put', key: 'k', value: 'two\nlines' }))).toMatchObject({ value: 'two\nlines' });
  });

  it('counts length in UTF-16 code units and says so', () => {
    expect(problemWithKey('😀'.repeat(128))).toBeNull(); // 256 units
    expect(problemWithKey('😀'.repeat(128) + 'x')).toBe('the key is 257 UTF-16 code units long; at most 256 are allowed');
    expect(() => validateKvCommand({ op: 'put', key: 'k', value: 'v'.repeat(65_537) })).toThrow('the value is 65,537 UTF-16 code units long; at most 65,536 are allowed');
  });
});
