import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The architecture's import rules (issue 9): the simulator and the browser runtime are two drivers
 * of one core and import nothing of each other; what both need lives in src/shared, which depends
 * on the core (src/raft) alone.
 */

const SRC = resolve(__dirname, '..');

/** Known crossings, each with the change that removes it (in files this module's owner does not own). */
const KNOWN: Record<string, string> = {
  'runtime/node-view.ts -> sim/list-machine': 'import ListStateMachine from ../shared/list-machine instead',
  'runtime/storage.test.ts -> sim/storage': 'the test borrows the simulator\'s MemoryStorage; give it its own',
};

function sources(folder: string): string[] {
  return readdirSync(join(SRC, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file))
    .map((file) => join(folder, file));
}

/** Every project-relative import of a file, as "from -> to" with src-relative paths, extensions dropped. */
function imports(file: string): { from: string; to: string }[] {
  const text = readFileSync(join(SRC, file), 'utf8');
  const found: { from: string; to: string }[] = [];
  for (const match of text.matchAll(/(?:from|import\()\s*'(\.[^']+)'/g)) {
    const target = relative(SRC, resolve(dirname(join(SRC, file)), match[1]!));
    found.push({ from: file, to: target });
  }
  return found;
}

function crossings(folder: string, forbidden: (target: string) => boolean): string[] {
  return sources(folder).flatMap(imports).filter(({ to }) => forbidden(to)).map(({ from, to }) => `${from} -> ${to}`);
}

describe('import boundaries', () => {
  it('src/sim imports nothing of src/runtime', () => {
    expect(crossings('sim', (to) => to.startsWith('runtime/')).filter((c) => !(c in KNOWN))).toEqual([]);
  });

  it('src/runtime imports nothing of src/sim, but for the known crossings listed here', () => {
    const found = crossings('runtime', (to) => to.startsWith('sim/'));
    expect(found.filter((c) => !(c in KNOWN))).toEqual([]);
  });

  it('src/shared depends on the core alone', () => {
    expect(crossings('shared', (to) => !to.startsWith('raft/') && !to.startsWith('shared/'))).toEqual([]);
  });
});
