import { BUG_NAMES, type BugName } from '../../runtime/bugs';
import { MAX_SPEED, MIN_SPEED } from '../../runtime/clock';
import { TEACHING_DELAY_MS, TEACHING_SPEED } from './defaults';

/**
 * What the page takes from its URL (all optional):
 *   ?speed=1          clock speed (default 0.15, the teaching speed)
 *   ?size=3|5|7       size of a cluster that does not exist yet (a remembered one keeps its size)
 *   ?delay=60-90      message delay range in virtual ms (default 60–90)
 *   ?cluster=off      no cluster (lab runs then have the machine to themselves)
 *   ?theme=dark|light
 *   ?bugs=a,b         start with bugs injected (names as in the bug menu's switches)
 *   ?trace=0          no rule-citing trace events from the core (no explanations)
 *   ?report=MS        how often each worker reports (default 20 ms)
 *   ?seed=N           the cluster's PRNG seed (default: the time)
 */
export interface PageParams {
  readonly clusterOff: boolean;
  readonly speed: number;
  readonly size?: number;
  readonly delay: readonly [number, number];
  readonly theme?: 'light' | 'dark';
  readonly bugs: readonly BugName[];
  readonly trace: boolean;
  readonly reportIntervalMs?: number;
  readonly seed?: number;
}

export function parseParams(search: string): PageParams {
  const params = new URLSearchParams(search);
  const number = (name: string): number | undefined => {
    const raw = params.get(name);
    const value = raw === null || raw === '' ? NaN : Number(raw);
    return Number.isFinite(value) ? value : undefined;
  };
  const speed = number('speed');
  const size = number('size');
  const report = number('report');
  const seed = number('seed');
  const theme = params.get('theme');
  return {
    clusterOff: params.get('cluster') === 'off',
    speed: speed !== undefined && speed >= MIN_SPEED && speed <= MAX_SPEED ? speed : TEACHING_SPEED,
    ...(size !== undefined && [3, 5, 7].includes(size) ? { size } : {}),
    delay: parseDelay(params.get('delay')) ?? TEACHING_DELAY_MS,
    ...(theme === 'dark' || theme === 'light' ? { theme } : {}),
    bugs: (params.get('bugs') ?? '').split(',').filter((b): b is BugName => (BUG_NAMES as string[]).includes(b)),
    trace: params.get('trace') !== '0',
    ...(report !== undefined && report > 0 ? { reportIntervalMs: report } : {}),
    ...(seed !== undefined ? { seed: seed >>> 0 } : {}),
  };
}

function parseDelay(raw: string | null): [number, number] | null {
  const match = raw?.match(/^(\d+)(?:-(\d+))?$/);
  if (!match) return null;
  const min = Number(match[1]);
  const max = match[2] === undefined ? min : Number(match[2]);
  return max >= min ? [min, max] : null;
}
