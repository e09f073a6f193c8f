import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

/** What the browser benchmarks share: the built app, served on loopback, and Chromium's flags. */
export { CHROMIUM_ARGS, CHROMIUM_PATH } from '../playwright.config';

/**
 * RAFTLAB_DIST and RAFTLAB_PORT, as in playwright.config.ts, let several builds be measured side
 * by side: which build to serve (default dist/) and on which port (default: any free one).
 */
export const DIST = resolve(import.meta.dirname ?? '.', '..', process.env.RAFTLAB_DIST ?? 'dist');
const PORT = Number(process.env.RAFTLAB_PORT ?? 0);

const MIME: Record<string, string> = {
  '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.map': 'application/json',
};

/** Serve DIST on 127.0.0.1 at PORT (by default a free one); unknown paths get index.html. */
export function serveDist(): Promise<Server> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    let file = join(DIST, path);
    if (!file.startsWith(DIST) || !existsSync(file) || path === '/') file = join(DIST, 'index.html');
    response.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  return new Promise((done) => server.listen(PORT, '127.0.0.1', () => done(server)));
}
