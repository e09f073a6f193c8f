import type { RaftProfileName } from '../../raft/config';
import { BUG_NAMES, type BugName } from '../../runtime/bugs';
import { MAX_SPEED, MIN_SPEED } from '../../runtime/clock';
import { clipText, isolate } from '../model/user-text';
import { MAX_DELAY_MS, TEACHING_DELAY_MS, TEACHING_SPEED } from './defaults';

/**
 * What the page takes from its URL (all optional):
 *   ?speed=1          clock speed, 0.05–4 (default 0.15, the teaching speed)
 *   ?size=3|5|7       size of a cluster that does not exist yet (a remembered one keeps its size)
 *   ?delay=60-90      message delay range in virtual ms, each end 0–400 (default 50–75)
 *   ?cluster=off      no cluster (lab runs then have the machine to themselves)
 *   ?theme=dark|light
 *   ?bugs=a,b         start with bugs injected (names as in the bug menu's switches)
 *   ?trace=0          no rule-citing trace events from the core (no explanations)
 *   ?report=MS        how often each worker reports, 10–1000 ms (default 20 ms)
 *   ?seed=N           the cluster's PRNG seed, an integer 0–4294967295 (default: the time)
 *   ?profile=lab|production   the Raft preset (default production: Production Raft)
 *   ?engine=live|sim  which engine runs the cluster: a Worker per node in real time (default), or
 *                     the simulator in one Worker under virtual time (same seed, same run)
 *   ?lab=part2.fail_agree   one of the lab's 21 tests, run as `npm run lab` runs it with ?seed (the
 *                     simulated engine then shows its run from the start; an unknown name is said so)
 *   ?embed[=log|timeline|client]   for an iframe in a slide or a course page: the cluster and at most
 *                     one panel, with a minimal bar (pause, step, open the full page)
 *   ?present          presenter mode: the run (#run=… or the seed's) on the simulated engine, from its
 *                     start, one event per key press (src/ui/components/slides)
 * and in the fragment, read by boot.ts:
 *   #run=…            a run to replay (a share link, src/ui/app/run-io.ts): it opens in the simulated
 *                     engine and decides the seed and how the cluster starts; a broken one is named
 *                     in `ignored` and the page starts as it would without it
 *
 * A URL is anyone's to write (a link in a course page, a typo): every value is bounded, and one
 * the page does not use is named in `ignored`, which the page shows (ParamsNotice) — never a
 * silent fallback.
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
  /** A lab test to show (?lab=part2.fail_agree): the page runs it on the simulated engine with `seed`. */
  readonly lab?: string;
  /** The Raft preset the nodes start with: the lab's bare paper, or Production Raft (the default). */
  readonly profile: RaftProfileName;
  /** Which engine runs the cluster (src/engine/cluster.ts); only boot.ts acts on it. */
  readonly engine: EngineName;
  /** The whole page, an embed for an iframe (with one panel, or none), or presenter mode. */
  readonly mode: PageMode;
  /** One sentence per parameter the page ignored, and why ("?speed=99 ignored: …"). */
  readonly ignored: readonly string[];
}

export type EmbedPanel = 'none' | 'log' | 'timeline' | 'client';
export type PageMode = { readonly kind: 'full' } | { readonly kind: 'embed'; readonly panel: EmbedPanel } | { readonly kind: 'present' };
const EMBED_PANELS: readonly string[] = ['log', 'timeline', 'client'];

export type EngineName = 'live' | 'sim';

export const REPORT_MS_RANGE: readonly [number, number] = [10, 1000];
export const MAX_SEED = 2 ** 32 - 1;
/** Longer values are cut in the notes (a URL can be megabytes). */
const SHOWN_VALUE = 40;

export function parseParams(search: string): PageParams {
  const params = new URLSearchParams(search);
  const ignored: string[] = [];
  /** The parameter's value if `accept` takes it; otherwise a note saying why not. */
  const read = <T>(name: string, accept: (raw: string) => T | undefined, expected: string): T | undefined => {
    const raw = params.get(name);
    if (raw === null) return undefined;
    const value = accept(raw);
    if (value === undefined) ignored.push(`?${name}=${shown(raw)} ignored: expected ${expected}`);
    return value;
  };
  const speed = read('speed', (raw) => numberIn(raw, MIN_SPEED, MAX_SPEED), `a speed from ${MIN_SPEED} to ${MAX_SPEED}`);
  const size = read('size', (raw) => ['3', '5', '7'].includes(raw) ? Number(raw) : undefined, '3, 5 or 7');
  const delay = read('delay', parseDelay, `a delay in ms, "min" or "min-max", from 0 to ${MAX_DELAY_MS}`);
  const theme = read('theme', (raw) => (raw === 'dark' || raw === 'light' ? raw : undefined), 'dark or light');
  const report = read('report', (raw) => integerIn(raw, REPORT_MS_RANGE[0], REPORT_MS_RANGE[1]), `an interval in ms from ${REPORT_MS_RANGE[0]} to ${REPORT_MS_RANGE[1]}`);
  const seed = read('seed', (raw) => integerIn(raw, 0, MAX_SEED), `an integer from 0 to ${MAX_SEED}`);
  const trace = read('trace', (raw) => (raw === '0' ? false : raw === '1' ? true : undefined), '0 or 1');
  const profile = read('profile', (raw) => (raw === 'lab' || raw === 'production' ? raw : undefined), 'lab or production');
  const engine = read('engine', (raw) => (raw === 'live' || raw === 'sim' ? raw : undefined), 'live or sim');
  const lab = read('lab', (raw) => (/^part[1-5]\.[a-z0-9_]{1,40}$/.test(raw) ? raw : undefined), 'a lab test such as part2.fail_agree');
  const clusterOff = read('cluster', (raw) => (raw === 'off' ? true : undefined), 'off');
  const embed = read('embed', (raw) => (raw === '' ? 'none' : EMBED_PANELS.includes(raw) ? raw as EmbedPanel : undefined), `nothing, or one of ${EMBED_PANELS.join(', ')}`);
  const present = read('present', (raw) => (raw === '' || raw === '1' ? true : undefined), 'nothing or 1');
  if (embed !== undefined && present) ignored.push('?embed ignored: ?present shows the page for a talk');
  return {
    clusterOff: clusterOff === true,
    speed: speed ?? TEACHING_SPEED,
    ...(size !== undefined ? { size } : {}),
    delay: delay ?? TEACHING_DELAY_MS,
    ...(theme !== undefined ? { theme } : {}),
    bugs: parseBugs(params.get('bugs'), ignored),
    trace: trace ?? true,
    ...(report !== undefined ? { reportIntervalMs: report } : {}),
    ...(seed !== undefined ? { seed } : {}),
    profile: profile ?? 'production',
    engine: engine ?? 'live',
    ...(lab !== undefined ? { lab } : {}),
    mode: present ? { kind: 'present' } : embed !== undefined ? { kind: 'embed', panel: embed } : { kind: 'full' },
    ignored,
  };
}

function numberIn(raw: string, min: number, max: number): number | undefined {
  const value = raw.trim() === '' ? NaN : Number(raw);
  return value >= min && value <= max ? value : undefined;
}

function integerIn(raw: string, min: number, max: number): number | undefined {
  const value = numberIn(raw, min, max);
  return value !== undefined && Number.isInteger(value) ? value : undefined;
}

function parseDelay(raw: string): [number, number] | undefined {
  const match = raw.match(/^(\d{1,6})(?:-(\d{1,6}))?$/);
  if (!match) return undefined;
  const min = Number(match[1]);
  const max = match[2] === undefined ? min : Number(match[2]);
  return min <= max && max <= MAX_DELAY_MS ? [min, max] : undefined;
}

/** Known bug names are taken; each unknown one is named in a note. */
function parseBugs(raw: string | null, ignored: string[]): BugName[] {
  if (raw === null || raw === '') return [];
  const bugs: BugName[] = [];
  for (const name of raw.split(',')) {
    if ((BUG_NAMES as string[]).includes(name)) bugs.push(name as BugName);
    else ignored.push(`?bugs: "${shown(name)}" ignored: not a bug this page knows (${BUG_NAMES.join(', ')})`);
  }
  return bugs;
}

/** A value from the URL as the note quotes it: anyone's text, so clipped, escaped and isolated. */
function shown(raw: string): string {
  return isolate(clipText(raw, SHOWN_VALUE));
}
