import type { EngineName } from './params';

/** What the page calls each engine (the switch, the headline, the legend). */
export const ENGINE_TITLES: Record<EngineName, string> = { live: 'Live', sim: 'Simulated' };

/** One line on what runs the cluster, for the headline and the legend. */
export function engineCaption(engine: EngineName, seed: number): string {
  return engine === 'sim'
    ? `Simulated engine, seed ${seed}: every node in one Worker under virtual time; the same seed and the same actions give the same run`
    : 'Live engine: a Web Worker per node, real time, each node’s storage in IndexedDB';
}

/**
 * The page's address with another engine (and for the simulated one, its seed); every other
 * parameter stays. Switching engine reloads the page: the cluster is rebuilt, not carried over.
 */
export function engineUrl(href: string, engine: EngineName, seed: number | null): string {
  const url = new URL(href);
  if (engine === 'live') url.searchParams.delete('engine');
  else url.searchParams.set('engine', engine);
  if (seed === null) url.searchParams.delete('seed');
  else url.searchParams.set('seed', String(seed));
  return url.toString();
}

/** Where a node's durable state lives on each engine, as the page's texts name it. */
export const STORAGE_NAMES: Record<EngineName, string> = { live: 'IndexedDB', sim: 'disk' };
