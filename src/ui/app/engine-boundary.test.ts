import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The page depends on the Cluster shape (src/engine/cluster.ts), never on an engine class: only
 * its composition root, app/boot.ts, knows which engine it built (issue 9, item 1). Anything else
 * that names an engine class, or imports a module that builds one, fails here with the file and
 * the name.
 */

const UI = resolve(__dirname, '..');
const COMPOSITION_ROOT = 'app/boot.ts';

/** The engines' classes, and the factory that builds the live one. */
const ENGINE_NAMES = ['WorkerCluster', 'SimClusterProxy', 'SimEngine', 'SimWorkerHost', 'openCluster'];
/** Modules whose point is an engine (importing anything from them picks an engine). */
const ENGINE_MODULES = /(?:^|\/)(?:engine\/sim-(?:proxy|engine|host|worker)|runtime\/open-cluster)$/;

/** Every engine class or engine module a source text imports, statically, dynamically or as a type. */
function engineImports(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/import\s+(?:type\s+)?([^'";]*?)\s*from\s*'([^']+)'/g)) {
    const [, clause, path] = match as unknown as [string, string, string];
    if (ENGINE_MODULES.test(path)) found.push(path);
    for (const name of ENGINE_NAMES) if (new RegExp(`\\b${name}\\b`).test(clause)) found.push(name);
  }
  for (const match of text.matchAll(/import\(\s*'([^']+)'\s*\)(?:\.(\w+))?/g)) {
    const [, path, member] = match as unknown as [string, string, string | undefined];
    if (ENGINE_MODULES.test(path)) found.push(path);
    if (member && ENGINE_NAMES.includes(member)) found.push(member);
  }
  return found;
}

function uiSources(): string[] {
  return readdirSync(UI, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file) && !file.endsWith('engine-boundary.test.ts'))
    .map((file) => file.split('\\').join('/'));
}

describe('the page knows no engine class', () => {
  it('finds engine classes however they are imported', () => {
    expect(engineImports("import type { WorkerCluster } from '../../runtime';")).toEqual(['WorkerCluster']);
    expect(engineImports("import { a, SimEngine as E } from '../engine/x';")).toEqual(['SimEngine']);
    expect(engineImports("const { X } = await import('../../engine/sim-proxy');")).toEqual(['../../engine/sim-proxy']);
    expect(engineImports("let c: import('../../runtime/cluster').WorkerCluster;")).toEqual(['WorkerCluster']);
    expect(engineImports("import type { Cluster } from '../../engine/cluster';")).toEqual([]);
  });

  it('only app/boot.ts, the composition root, imports one (and it does: the scan sees it)', () => {
    const offenders = uiSources()
      .filter((file) => file !== COMPOSITION_ROOT)
      .flatMap((file) => engineImports(readFileSync(join(UI, file), 'utf8')).map((name) => `${file} imports ${name}`));
    expect(offenders, 'depend on Cluster from src/engine/cluster.ts instead').toEqual([]);
    expect(engineImports(readFileSync(join(UI, COMPOSITION_ROOT), 'utf8'))).toEqual(expect.arrayContaining(['../../engine/sim-proxy', 'openCluster']));
  });
});
