/** The lesson the page's URL asks for (?lesson=<id>), or null. */
export function lessonParam(search = window.location.search): string | null {
  return new URLSearchParams(search).get('lesson');
}

/**
 * Fetch lesson `id`'s file now, while the engine starts, instead of after the first picture (a
 * chain of chunks one after another took 1.5–2.1 s to the first step, against ≤ 1 s asked); the
 * panel then finds it loaded (catalog.ts loads each lesson once).
 */
export function preloadLesson(id: string): void {
  // A lesson that cannot be opened is the panel's to explain: here the error is only not reported twice.
  import('../../../lessons/catalog').then((catalog) => catalog.loadLesson(id)).catch(() => undefined);
}
