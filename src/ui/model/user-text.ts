/**
 * Text a user typed (keys, values) shown on the page. Two dangers: characters that change how the
 * text AROUND it reads (U+202E reverses everything after it, in the same line), and characters
 * that cannot be seen (U+200B, a trailing space, a line break), so two different keys look alike.
 *
 * - `escapeInvisible` writes every such character as a visible escape: ⟨U+202E⟩, ⏎ for a line
 *   break, ␣ for a space at either end. The mapping is one-to-one: a typed "⟨", "⏎" or "␣" is
 *   itself escaped, so every escape on screen is one.
 * - `isolate` also wraps the result in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE (UAX #9),
 *   the plain-text form of <bdi>: right-to-left text stays inside its run. Components split such
 *   strings back into <bdi> elements (splitIsolated); tooltips and SVG titles keep them as is.
 */

export const FSI = '\u2068';
export const PDI = '\u2069';

/** Shown for a line feed (U+000A). */
export const NEWLINE_MARK = '⏎';
/** Shown for an ordinary space at the start or end of the text. */
export const EDGE_SPACE_MARK = '␣';

/**
 * Characters written as ⟨U+XXXX⟩ wherever they are: controls (Cc: tab, carriage return, …),
 * lone surrogates (Cs), line and paragraph separators, every space other than U+0020, and the
 * default-ignorable code points (zero-width space, joiners, bidi controls, BOM, Hangul fillers,
 * variation selectors, tags). Joiners and variation selectors inside emoji are kept (see below).
 */
const ALWAYS_ESCAPED = /[\p{Cc}\p{Cs}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]|(?! )\p{Zs}/u;
/** The marks themselves, escaped when typed so an escape on screen is never the user's text. */
const MARKS = new Set(['⟨', NEWLINE_MARK, EDGE_SPACE_MARK]);
const ZWJ = '\u200D';
const VARIATION_SELECTOR = /[\uFE00-\uFE0F]/u;
const EMOJI = /\p{Extended_Pictographic}/u;
/** What may come before a joiner inside an emoji sequence: an emoji, a skin tone, or VS16. */
const EMOJI_PART = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F]/u;

/** "U+200B" for one code point. */
export function codePointName(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The text with every invisible or direction-changing character written visibly (see above). */
export function escapeInvisible(text: string): string {
  const chars = [...text];
  const leading = chars.findIndex((c) => c !== ' ');
  const firstKept = leading === -1 ? chars.length : leading;
  let lastKept = chars.length - 1;
  while (lastKept >= 0 && chars[lastKept] === ' ') lastKept--;
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    if (char === ' ') out += i < firstKept || i > lastKept ? EDGE_SPACE_MARK : ' ';
    else if (char === '\n') out += NEWLINE_MARK;
    else if (MARKS.has(char) || (ALWAYS_ESCAPED.test(char) && !partOfEmoji(chars, i))) out += `⟨${codePointName(char)}⟩`;
    else out += char;
  }
  return out;
}

/**
 * A joiner between two emoji (👩‍💻) or a variation selector after one (❤️) draws one picture;
 * escaping it would break the emoji. Anywhere else it only makes two keys look alike.
 */
function partOfEmoji(chars: readonly string[], i: number): boolean {
  const char = chars[i]!;
  const before = chars[i - 1] ?? '';
  if (char === ZWJ) return EMOJI_PART.test(before) && EMOJI.test(chars[i + 1] ?? '');
  if (VARIATION_SELECTOR.test(char)) return char === '\uFE0F' && /\p{Emoji}/u.test(before);
  return false;
}

/** User text for a plain string: escaped, and isolated from the text around it. */
export function isolate(text: string): string {
  return `${FSI}${escapeInvisible(text)}${PDI}`;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * At most `max` characters as a reader counts them (grapheme clusters: a family emoji joined by
 * ZWJs, a flag, an accented letter written with a combining mark), with … if cut — never half of one.
 */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text; // a UTF-16 length within max cannot hold more graphemes
  const chars = Array.from(graphemes.segment(text), (part) => part.segment);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

export interface TextPart {
  readonly text: string;
  /** The part is user text (it was between FSI and PDI): render it in <bdi>. */
  readonly isolated: boolean;
}

/** Split a string made with `isolate` into plain and isolated parts (FSI and PDI removed). */
export function splitIsolated(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let rest = text;
  while (rest.length > 0) {
    const open = rest.indexOf(FSI);
    const close = open === -1 ? -1 : rest.indexOf(PDI, open);
    if (open === -1 || close === -1) {
      parts.push({ text: rest, isolated: false });
      break;
    }
    if (open > 0) parts.push({ text: rest.slice(0, open), isolated: false });
    parts.push({ text: rest.slice(open + 1, close), isolated: true });
    rest = rest.slice(close + 1);
  }
  return parts;
}

/** Escapes inside escaped text (for styling them apart from what the user typed). */
export const ESCAPE_PATTERN = /(⟨U\+[0-9A-F]{4,6}⟩|⏎|␣)/u;
