/**
 * The teaching defaults. At 0.15× a message that takes 50–75 virtual ms is on screen for a third
 * to half a second — long enough to follow with the eye — and the election timeout (300–500 ms,
 * the lab's) runs 2–3.3 s, so the first leader appears about 3 s after the page opens. The delay
 * stays well under the timeout spread, or split votes would be the rule rather than a lesson.
 */
export const TEACHING_SPEED = 0.15;
export const TEACHING_DELAY_MS: readonly [number, number] = [50, 75];
export const SPEEDS = [0.05, 0.1, 0.15, 0.25, 0.5, 1, 2, 4] as const;
/** One press of Step lets this much virtual time pass. */
export const STEP_MS = 25;
/** Loss and delay slider ranges. */
export const MAX_LOSS_PERCENT = 60;
/** The duplication slider's top (percent of messages delivered twice). */
export const MAX_DUPLICATE_PERCENT = 50;
export const MAX_DELAY_MS = 400;
/**
 * Automatic log compaction for the page's cluster (RaftConfig.autoCompactEntries, §7): a node
 * snapshots its store once this many applied entries follow its snapshot. Without it a long run
 * under load keeps every entry in each worker's memory and database. 200 keeps a few screens of
 * log cells to look at; the timing editor changes it, or turns it off (snapshots only when asked).
 */
export const AUTO_COMPACT_ENTRIES = 200;
