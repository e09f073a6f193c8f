import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests against the BUILT app (`npx vite build` first: vite preview serves whatever is
 * in dist/, and 404s silently without it), in Debian's Chromium (scripts/ensure-chromium.sh).
 * Each test gets a fresh browser context, hence fresh IndexedDB.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic',
  // A shared page (e2e/fixtures.ts) navigates away from the app between tests: no back/forward
  // cache may keep the old document, its workers and its Web Lock alive.
  '--disable-features=BackForwardCache',
];

/**
 * RAFTLAB_PORT and RAFTLAB_DIST let several builds be tested side by side (one preview server
 * each); the defaults are what `npm test` uses.
 */
const PORT = Number(process.env.RAFTLAB_PORT ?? 4173);
const DIST = process.env.RAFTLAB_DIST ?? 'dist';

/**
 * Every context's options (e2e/fixtures.ts makes one context per worker from them). Tests see the
 * page as a user who asked for reduced motion does (a few frames a second, see
 * src/ui/anim/frame-loop.ts): what they check is state, not motion, and two cores spent painting 60
 * frames a second slowed every step. Tests about motion opt back in with
 * test.use({ reducedMotion: 'no-preference' }). RAFTLAB_MOTION=1 runs them all with motion.
 */
export const CONTEXT_OPTIONS = {
  baseURL: `http://127.0.0.1:${PORT}`,
  reducedMotion: process.env.RAFTLAB_MOTION === '1' ? 'no-preference' : 'reduce',
} as const;

export default defineConfig({
  testDir: 'e2e',
  // The lab's scenarios over real workers check timing-sensitive facts (every node agrees on the
  // term within the lab's wait): they run last, one at a time, with the machine to themselves
  // (a clean-clone npm test saw "inconsistent term: 1, 2" in part1 while another page ran beside it).
  projects: [
    { name: 'ui', testIgnore: /lab\.spec\.ts/ },
    { name: 'lab-on-workers', testMatch: /lab\.spec\.ts/, dependencies: ['ui'], fullyParallel: false },
  ],
  // Two tests at a time. Two pages of worker clusters once starved elections on two cores (kv.spec,
  // tabs.spec at load 12), when every page painted 60 frames a second and every test recorded a
  // trace; with reduced motion and no traces (below) the suite ran 58/58 in 5.5 min with two
  // workers against 7.5 min with one at the same load, and `npm run test:stress` runs it so.
  workers: 2,
  fullyParallel: true,
  // Generous for a busy machine (each test runs five workers; a scenario test takes 20–40 s idle and
  // twice that under load). Tests wait for states, so a passing test takes no longer for it.
  timeout: 90_000,
  expect: { timeout: 15_000 },
  retries: 0,
  reporter: 'list',
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    screenshot: 'only-on-failure',
    // No trace by default: recording one snapshots the whole DOM at every action, and cost 37% of
    // the suite's CPU on this machine (text + hardening specs: 21 s of CPU against 34 s with it).
    // A failure still leaves its screenshot and error; RAFTLAB_TRACE=1 records traces to debug one.
    trace: process.env.RAFTLAB_TRACE === '1' ? 'retain-on-failure' : 'off',
    ...CONTEXT_OPTIONS,
  },
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort --host 127.0.0.1 --outDir ${DIST}`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    // Generous for a busy machine (each test runs five workers; a scenario test takes 20–40 s idle and
  // twice that under load). Tests wait for states, so a passing test takes no longer for it.
  timeout: 90_000,
  },
});
