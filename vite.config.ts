import { createHash } from 'node:crypto';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * The built page's Content-Security-Policy, as a <meta> tag (a static host may not let a course set
 * headers). Scripts and workers only from the page's own origin; the one inline script (the theme
 * before the first paint, index.html) is allowed by its hash, computed here from the HTML as built,
 * so editing it cannot leave a stale hash behind. `frame-ancestors` cannot be set from a <meta>.
 * Build only: the dev server injects inline scripts of its own (hot reload).
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'raftlab-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
          .map((match) => `'sha256-${createHash('sha256').update(match[1]!).digest('base64')}'`);
        const policy = [
          "default-src 'self'", `script-src 'self' ${hashes.join(' ')}`.trim(), "worker-src 'self'", "style-src 'self'",
          "img-src 'self' data:", "connect-src 'self'", "font-src 'self'", "manifest-src 'self'", "object-src 'none'",
          "base-uri 'none'", "form-action 'none'",
        ].join('; ');
        return [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' }];
      },
    },
  };
}

/**
 * What each built chunk is made of (dist/bundle-stats.json): every module's minified size in it, as
 * the bundler rendered it. `npm run bench -- ui` names the ten largest modules of the page's first
 * JavaScript from it (issue 14: what to cut, measured, not guessed).
 */
function bundleStats(): Plugin {
  return {
    name: 'raftlab-bundle-stats',
    apply: 'build',
    generateBundle(_, bundle) {
      const chunks = Object.values(bundle).flatMap((item) => item.type !== 'chunk' ? [] : [{
        file: item.fileName,
        modules: Object.entries(item.modules).map(([id, m]) => ({ id: id.replace(/^.*\/node_modules\//, 'node_modules/').replace(process.cwd() + '/', ''), bytes: m.renderedLength }))
          .filter((m) => m.bytes > 0).sort((a, b) => b.bytes - a.bytes),
      }]);
      this.emitFile({ type: 'asset', fileName: 'bundle-stats.json', source: JSON.stringify(chunks) });
    },
  };
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), bundleStats()],
  // Relative URLs for assets, chunks and workers: the build works from any sub-path of a static
  // host (e2e/subpath.spec.ts serves it under /raftlab/).
  base: './',
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Everything the entry imports statically, in one chunk: left alone, the bundler puts each
        // module the entry shares with a lazy chunk into a small chunk of its own (a dozen of them,
        // 0.1-3 KB each), and small files compress badly: one file is 4 KB of gzip smaller.
        codeSplitting: { groups: [{ name: 'app', tags: ['$initial'] }] },
      },
    },
  },
  preview: { port: 4173, strictPort: true },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // Worker threads, not forked processes: the same 550 tests took 22% less CPU (53 s against
    // 68 s on two cores); no test depends on a process of its own.
    pool: 'threads',
    // Files share a worker's module graph instead of each loading its own: 695 tests in 19 s
    // against 35 s (most of that time was importing). The modules under test keep no state between
    // tests (cores, clusters and stores are made per test); the IndexedDB tests share fake-indexeddb's
    // global database list and name their clusters apart (a namespace per test).
    isolate: false,
    testTimeout: 60_000,
  },
});
