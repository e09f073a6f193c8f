import { checkLesson, type Lesson } from './format';

/**
 * Every lesson, in teaching order: its id and title for the menu, and its file, fetched only when
 * opened (each is a chunk of its own). A new lesson is one file and one line here (docs/lessons.md).
 */
export interface LessonEntry {
  readonly id: string;
  readonly title: string;
  readonly load: () => Promise<{ readonly lesson: unknown }>;
}

export const LESSONS: readonly LessonEntry[] = [
  { id: 'first-election', title: 'Terms and a first election', load: () => import('./01-first-election') },
  { id: 'split-votes', title: 'Split votes and randomised timeouts', load: () => import('./02-split-votes') },
  { id: 'replication', title: 'Replication and commit', load: () => import('./03-replication') },
  { id: 'leader-crash', title: 'A leader crash and the up-to-date vote rule', load: () => import('./04-leader-crash') },
  { id: 'stale-leader', title: 'A stale leader in a minority partition', load: () => import('./05-stale-leader') },
  { id: 'figure-8', title: 'Figure 8: why old entries are not committed by counting', load: () => import('./06-figure-8') },
  { id: 'durability', title: 'Crash before and after the write is durable', load: () => import('./07-durability') },
  { id: 'snapshots', title: 'Snapshots and InstallSnapshot', load: () => import('./08-snapshots') },
];

const loading = new Map<string, Promise<Lesson>>();

/**
 * The lesson `id`, loaded and checked; an unknown id or a malformed file throws a message for the
 * learner. Loaded once per page: the page starts it before its first picture (main.tsx), and the
 * lesson panel finds it there.
 */
export function loadLesson(id: string): Promise<Lesson> {
  let lesson = loading.get(id);
  if (!lesson) loading.set(id, lesson = readLesson(id));
  return lesson;
}

async function readLesson(id: string): Promise<Lesson> {
  const entry = LESSONS.find((l) => l.id === id);
  if (!entry) throw new Error(`there is no lesson "${id}"; the lessons are ${LESSONS.map((l) => l.id).join(', ')}`);
  const lesson = checkLesson((await entry.load()).lesson);
  if (lesson.id !== id) throw new Error(`the file of lesson "${id}" holds lesson "${lesson.id}"`);
  return lesson;
}

/** The page's address that opens lesson `lesson`: the simulated engine with the lesson's seed, size, profile and speed. */
export function lessonUrl(href: string, lesson: Pick<Lesson, 'id' | 'seed' | 'size' | 'profile' | 'speed'>): string {
  const url = new URL(href);
  url.search = new URLSearchParams({
    engine: 'sim', seed: String(lesson.seed), size: String(lesson.size), profile: lesson.profile, speed: String(lesson.speed ?? 1), lesson: lesson.id,
  }).toString();
  url.hash = '';
  return url.toString();
}
