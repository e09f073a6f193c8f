import { describe, expect, it } from 'vitest';
import { clipText, escapeInvisible, FSI, isolate, PDI, splitIsolated } from './user-text';

/** Untrusted text on screen (issue 8, 3e): nothing invisible, nothing that reorders its neighbours. */
describe('escapeInvisible', () => {
  it('writes bidi controls as escapes, so U+202E cannot reverse what follows', () => {
    expect(escapeInvisible('abc\u202Edef')).toBe('abc⟨U+202E⟩def');
    expect(escapeInvisible('\u2066x\u2069\u200F')).toBe('⟨U+2066⟩x⟨U+2069⟩⟨U+200F⟩');
  });

  it('makes zero-width and look-alike characters visible, so two keys never look the same', () => {
    expect(escapeInvisible('a\u200Bb')).toBe('a⟨U+200B⟩b');
    expect(escapeInvisible('a\u200Db')).toBe('a⟨U+200D⟩b');
    expect(escapeInvisible('\uFEFFx')).toBe('⟨U+FEFF⟩x');
    expect(escapeInvisible('a\u00A0b')).toBe('a⟨U+00A0⟩b');
    expect(escapeInvisible('\u3164')).toBe('⟨U+3164⟩');
    expect(escapeInvisible('a\uFE0F')).toBe('a⟨U+FE0F⟩');
  });

  it('shows a line break as ⏎, other controls as escapes, and spaces at either end as ␣', () => {
    expect(escapeInvisible('a\nb')).toBe('a⏎b');
    expect(escapeInvisible('a\tb\r')).toBe('a⟨U+0009⟩b⟨U+000D⟩');
    expect(escapeInvisible('  a b ')).toBe('␣␣a b␣');
    expect(escapeInvisible('   ')).toBe('␣␣␣');
  });

  it('is one-to-one: a typed escape mark is itself escaped', () => {
    expect(escapeInvisible('⟨U+200B⟩')).toBe('⟨U+27E8⟩U+200B⟩');
    expect(escapeInvisible('⏎␣')).toBe('⟨U+23CE⟩⟨U+2423⟩');
    expect(escapeInvisible('a\u200Bb')).not.toBe(escapeInvisible('a⟨U+200B⟩b'));
  });

  it('leaves ordinary text, right-to-left scripts and emoji alone', () => {
    for (const text of ['x', 'héllo wörld', 'שלום', 'مرحبا', '日本語', '😀', '👩‍💻', '❤️', '👍🏽', '1️⃣']) expect(escapeInvisible(text)).toBe(text);
  });

  it('names a lone surrogate instead of drawing a replacement character', () => {
    expect(escapeInvisible('a\uD800')).toBe('a⟨U+D800⟩');
  });
});

describe('isolate and splitIsolated', () => {
  it('wraps escaped user text in FSI … PDI, and splits it back for <bdi>', () => {
    const title = `Client A sends put ${isolate('k\u202E')}=${isolate('1')} to the leader`;
    expect(title).toBe(`Client A sends put ${FSI}k⟨U+202E⟩${PDI}=${FSI}1${PDI} to the leader`);
    expect(splitIsolated(title)).toEqual([
      { text: 'Client A sends put ', isolated: false }, { text: 'k⟨U+202E⟩', isolated: true },
      { text: '=', isolated: false }, { text: '1', isolated: true }, { text: ' to the leader', isolated: false },
    ]);
  });

  it('a user cannot close an isolate early: their own PDI is escaped', () => {
    expect(splitIsolated(isolate(`a${PDI}b`))).toEqual([{ text: 'a⟨U+2069⟩b', isolated: true }]);
  });

  it('plain text is one part', () => {
    expect(splitIsolated('Node 1 becomes leader of term 2')).toEqual([{ text: 'Node 1 becomes leader of term 2', isolated: false }]);
  });
});

describe('clipText', () => {
  it('cuts by code point, never inside an emoji', () => {
    expect(clipText('abcdef', 4)).toBe('abc…');
    expect(clipText('😀😀😀😀', 3)).toBe('😀😀…');
    // A ZWJ family, a flag and e + combining acute are one character each to a reader.
    expect(clipText('👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧', 2)).toBe('👨‍👩‍👧…');
    expect(clipText('🇳🇱🇳🇱🇳🇱', 3)).toBe('🇳🇱🇳🇱🇳🇱');
    expect(clipText('🇳🇱🇳🇱🇳🇱', 2)).toBe('🇳🇱…');
    expect(clipText('e\u0301e\u0301e\u0301', 2)).toBe('e\u0301…');
    expect(clipText('abc', 3)).toBe('abc');
  });
});
