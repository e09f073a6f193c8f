/**
 * Terms are coloured from a palette of eight hues that cycles (term 9 looks like term 1): enough to
 * tell neighbouring terms apart, which is what a log or a cluster picture needs. Term 0 (before any
 * election) has no colour. The hues themselves live in CSS (tokens.css, --term-0 … --term-7), one
 * set per theme.
 */
export const TERM_HUES = 8;

export function termHue(term: number): number | null {
  return term <= 0 ? null : (term - 1) % TERM_HUES;
}

/** The CSS colour of a term. */
export function termColor(term: number): string {
  const hue = termHue(term);
  return hue === null ? 'var(--term-none)' : `var(--term-${hue})`;
}
