/** The lesson the page's URL asks for (?lesson=<id>), or null. */
export function lessonParam(search = window.location.search): string | null {
  return new URLSearchParams(search).get('lesson');
}
