import * as v from 'valibot';

/**
 * Where the learner is in each lesson, kept in localStorage across reloads. What is read back is
 * anyone's data (another version of the page, a hand edit, a full disk): it is checked, and a
 * record that does not check is ignored with a notice, never trusted and never a crash.
 */
export const PROGRESS_KEY = 'raftlab-lessons';

const record = v.strictObject({
  /** The step the learner is on, from 0. */
  step: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(39)),
  /** Its checkpoint is met. */
  met: v.boolean(),
  /** The lesson was finished once. */
  done: v.boolean(),
});
const progressSchema = v.strictObject({ version: v.literal(1), lessons: v.record(v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,40}$/)), record) });

export type LessonProgress = v.InferOutput<typeof record>;
export type Progress = Readonly<Record<string, LessonProgress>>;

export const CORRUPT_NOTICE = 'Saved lesson progress could not be read and was ignored: the lessons start afresh.';

export function readProgress(storage: Pick<Storage, 'getItem'> = localStorage): { progress: Progress; notice: string | null } {
  let raw: string | null;
  try {
    raw = storage.getItem(PROGRESS_KEY);
  } catch {
    return { progress: {}, notice: 'Lesson progress cannot be kept in this browser (storage is unavailable).' };
  }
  if (raw === null) return { progress: {}, notice: null };
  try {
    const result = v.safeParse(progressSchema, JSON.parse(raw));
    if (result.success) return { progress: result.output.lessons, notice: null };
  } catch {
    // not JSON: the notice below
  }
  return { progress: {}, notice: CORRUPT_NOTICE };
}

/** Save one lesson's place (null: forget it). Fails quietly where storage is unavailable: progress is a convenience. */
export function saveProgress(id: string, place: LessonProgress | null, storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage): void {
  const lessons: Record<string, LessonProgress> = { ...readProgress(storage).progress };
  if (place) lessons[id] = place;
  else delete lessons[id];
  try {
    storage.setItem(PROGRESS_KEY, JSON.stringify({ version: 1, lessons }));
  } catch {
    // a full or blocked storage: the lesson goes on, unsaved
  }
}
