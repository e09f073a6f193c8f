/** The lesson the page's URL asks for (?lesson=<id>), or null. */
export function lessonParam(search = window.location.search): string | null {
  return new URLSearchParams(search).get('lesson');
}

/**
 * A page opened on a lesson fetches the lesson's panel and its file while the engine starts, instead
 * of after the first picture (a chain of four chunks, one after another: 1.5–2.1 s to the first step
 * against ≤ 1 s asked). The panel then finds both loaded (catalog.ts loads each lesson once).
 */
export function preloadLesson(search = window.location.search): void {
  const id = lessonParam(search);
  if (id === null) return;
  void import('./LessonPanel');
  // A lesson that cannot be opened is the panel's to explain: here the error is only not reported twice.
  import('../../../lessons/catalog').then((catalog) => catalog.loadLesson(id)).catch(() => undefined);
}
