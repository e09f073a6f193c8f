import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

/** What the browser benchmarks share: the built app, served on loopback, and Chromium's flags. */
export { CHROMIUM_ARGS, CHROMIUM_PATH } from '../playwright.config';

export const DIST = resolve(import.meta.dirname ?? '.', '..', 'dist');

const MIME: Record<string, string> = {
  '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.map': 'application/json',
};

/** Serve dist/ on 127.0.0.1 at a free port; unknown paths get index.html. */
export function serveDist(): Promise<Server> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    let file = join(DIST, path);
    if (!file.startsWith(DIST) || !existsSync(file) || path === '/') file = join(DIST, 'index.html');
    response.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}
