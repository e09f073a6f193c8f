/**
 * What the page must know of share links (`#run=…`, run-io.ts) before it knows whether it needs
 * run-io.ts at all: whether the fragment carries a run, and which URL parameters a run decides.
 * Kept apart so that a page opened without a run never loads the link's decoder.
 */

/** The fragment's key: `#run=<base64url of the deflated JSON>`. */
export const RUN_FRAGMENT_KEY = 'run';

/** URL parameters a run decides for itself (its start says how the cluster is built): a share link leaves them out. */
export const DECIDED_BY_THE_RUN = ['size', 'delay', 'bugs', 'profile', 'trace', 'report'] as const;

/** The fragment (`location.hash`, with or without its '#') carries a run, well-formed or not. */
export function hasLinkedRun(hash: string): boolean {
  return linkedRunText(hash) !== null;
}

/** The fragment's encoded run, or null when it carries none. */
export function linkedRunText(hash: string): string | null {
  return new URLSearchParams(hash.replace(/^#/, '')).get(RUN_FRAGMENT_KEY);
}

/**
 * A run pasted into the address bar of an open page changes only its fragment, which loads
 * nothing: reload, so that the page opens the run as it would from a fresh link.
 */
export function reloadOnLinkedRun(target: Window = window): void {
  target.addEventListener('hashchange', () => {
    if (hasLinkedRun(target.location.hash)) target.location.reload();
  });
}
