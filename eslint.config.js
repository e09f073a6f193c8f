import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** What the pure Raft core must never touch: time, randomness, messaging, storage, the DOM. */
const IMPURE_GLOBALS = [
  'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'setImmediate', 'queueMicrotask',
  'requestAnimationFrame', 'Date', 'performance', 'postMessage', 'indexedDB', 'IDBFactory',
  'localStorage', 'sessionStorage', 'document', 'window', 'self', 'navigator', 'fetch',
  'Worker', 'MessageChannel', 'MessagePort', 'BroadcastChannel', 'crypto', 'process',
].map((name) => ({ name, message: 'src/raft is a pure core: time, randomness and I/O come in through its inputs (STYLE.md §1).' }));

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/raft/**/*.ts'],
    ignores: ['src/raft/**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', ...IMPURE_GLOBALS],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'use the seeded Prng (src/raft/prng.ts)' }],
      'no-restricted-imports': ['error', { patterns: [
        { group: ['idb-keyval', 'react', 'react-dom', 'zustand', 'd3', 'd3-*', 'node:*', 'fs', 'path'], message: 'src/raft does no I/O and knows no UI.' },
        { group: ['../sim/*', '../runtime/*', '../ui/*', '../kv/*', '../checks/*'], message: 'src/raft depends on nothing else in the project.' },
      ] }],
    },
  },
);
