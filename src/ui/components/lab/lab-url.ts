/** The page's address that runs lab test `test` with `seed` in the simulated engine, played at `speed`. */
export function labUrl(href: string, test: string, seed: number, speed: number): string {
  const url = new URL(href);
  url.search = new URLSearchParams({ engine: 'sim', lab: test, seed: String(seed), speed: String(speed) }).toString();
  url.hash = '';
  return url.toString();
}
