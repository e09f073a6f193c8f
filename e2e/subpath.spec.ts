import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { expect, showPanel, test, waitForLeader } from './fixtures';

/**
 * The build works from any sub-path (issue 8, 3g): a course's static host serves it as
 * https://host/course/raftlab/. A tiny static server, started here, serves the built app (the
 * same directory playwright.config.ts previews) under /raftlab/ only: an absolute /assets/… URL
 * would 404 and fail the test, and so would a worker that cannot load.
 */
const DIST = process.env.RAFTLAB_DIST ?? 'dist';
const PREFIX = '/raftlab/';
const TYPES: Record<string, string> = {
  '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.map': 'application/json', '.json': 'application/json',
};

let server: Server;
let origin = '';
const notFound: string[] = [];

test.beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    const path = decodeURIComponent(url.pathname);
    // As static hosts do: the directory without its slash redirects to it.
    if (path === PREFIX.slice(0, -1)) return void response.writeHead(301, { location: PREFIX + url.search }).end();
    const relative = path.startsWith(PREFIX) ? normalize(path.slice(PREFIX.length) || 'index.html') : null;
    const file = relative && !relative.startsWith('..') ? join(DIST, relative) : null;
    if (!file || !existsSync(file) || !statSync(file).isFile()) {
      notFound.push(path);
      return void response.writeHead(404).end();
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

test('served under /raftlab/, the page loads every asset and worker from there and elects a leader', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  await page.goto(`${origin}/raftlab?speed=1`);
  await expect(page).toHaveURL(`${origin}/raftlab/?speed=1`);
  await page.waitForFunction(() => window.raftlab !== undefined);
  await waitForLeader(page);
  // A lazy panel's chunk and the favicon come from the sub-path too.
  await showPanel(page, 'Client');
  await expect(page.getByRole('button', { name: 'Send put' })).toBeVisible();
  expect(requests.filter((path) => path.endsWith('.js')).length).toBeGreaterThan(1);
  expect(requests.filter((path) => !path.startsWith('/raftlab'))).toEqual([]);
  expect(notFound.filter((path) => !path.endsWith('.map'))).toEqual([]);
  const icon = await page.locator('link[rel="icon"]').evaluate((link) => (link as HTMLLinkElement).href);
  expect(icon).toBe(`${origin}/raftlab/favicon.svg`);
});
