import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMING, RAFT_PROFILES } from '../../raft/config';
import { RUN_FORMAT_VERSION, type RunFile } from '../../engine/run';
import { RunFileError } from '../../engine/run-file';
import { NO_DRIVER_BUGS } from '../../shared/bugs';
import { initialNetwork, setLinkCut } from '../../shared/network';
import { fromBase64Url, LinkTooLongError, MAX_LINK_CHARS, openRunInSimulator, readRunFile, reloadOnLinkedRun, runFromFragment, shareFragment, shareLink, toBase64Url } from './run-io';

/** A run as the simulated engine exports one: puts, a crash, a cut link, a live-recorded action. */
const RUN: RunFile = {
  format: 'raftlab-run',
  version: RUN_FORMAT_VERSION,
  start: {
    size: 5, seed: 7, machine: 'kv', timing: DEFAULT_TIMING, features: RAFT_PROFILES.production, bugs: NO_DRIVER_BUGS,
    autoCompactEntries: 200, trace: true, linkPolicy: { lossPercent: 0, delayMinMs: 50, delayMaxMs: 75 }, diskLatencyMs: { min: 1, max: 4 },
  },
  actions: [
    { at: 812.5, step: 40, action: { type: 'propose', node: 2, command: { op: 'put', key: 'fruit', value: 'äpfel 🍎', session: { client: 'c.A.0', seq: 1 } } } },
    { at: 900, step: 52, action: { type: 'propose', node: 2, command: { op: 'get', key: 'fruit', session: { client: 'c.A.0', seq: 2 } }, read: true } },
    { at: 1500, step: 80, action: { type: 'crash', node: 2 } },
    { at: 1600, step: 90, action: { type: 'setNetwork', network: setLinkCut(initialNetwork(5), 0, 1, true) } },
    { at: 2100, step: null, action: { type: 'restart', node: 2 } },
  ],
  endAt: 4000,
  note: 'simulated engine, seed 7',
};

/** The fragment's payload (after `#run=`). */
const payloadOf = (fragment: string): string => fragment.slice('#run='.length);
const deflate = async (text: string): Promise<string> =>
  toBase64Url(new Uint8Array(await new Response(new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer()));

describe('share links: the run deflated into the URL fragment', () => {
  it('round-trips a run exactly, non-ASCII text included', async () => {
    const fragment = await shareFragment(RUN);
    expect(fragment).toMatch(/^#run=[A-Za-z0-9_-]+$/);
    expect(await runFromFragment(fragment)).toEqual(RUN);
    expect(await runFromFragment(fragment.slice(1)), "location.hash without its '#' too").toEqual(RUN);
  });

  it('compresses: a run of 400 similar puts takes a fraction of its JSON', async () => {
    const actions = Array.from({ length: 400 }, (_, i) => ({
      at: i * 10, step: i * 3, action: { type: 'propose' as const, node: i % 5, command: { op: 'put', key: `k${i}`, value: `v${i}`, session: { client: 'c.A.0', seq: i + 1 } } },
    }));
    const big: RunFile = { ...RUN, actions, endAt: 4000 };
    const fragment = await shareFragment(big);
    expect(fragment.length).toBeLessThan(JSON.stringify(big).length / 4);
    expect(await runFromFragment(fragment)).toEqual(big);
  });

  it('a fragment without a run is no run (null), whatever else it holds', async () => {
    expect(await runFromFragment('')).toBeNull();
    expect(await runFromFragment('#')).toBeNull();
    expect(await runFromFragment('#section-2')).toBeNull();
  });

  it('the share link opens the simulated engine on the run\'s seed, keeping how to watch and dropping what the run decides', async () => {
    const link = new URL(await shareLink(RUN, 'https://example.org/raftlab/?speed=1&theme=dark&engine=live&seed=3&size=3&profile=lab&bugs=ackBeforePersist#old'));
    expect(link.pathname).toBe('/raftlab/');
    expect([...link.searchParams.keys()].sort()).toEqual(['engine', 'seed', 'speed', 'theme']);
    expect(link.searchParams.get('engine')).toBe('sim');
    expect(link.searchParams.get('seed')).toBe('7');
    expect(link.searchParams.get('speed')).toBe('1');
    expect(await runFromFragment(link.hash)).toEqual(RUN);
  });
});

describe('a damaged link says which layer is broken', () => {
  const rejects = (hash: string) => expect(runFromFragment(hash)).rejects;

  it('corrupt base64url: characters outside the alphabet, or a length no encoding has', async () => {
    await rejects('#run=abc$def').toThrow(/not base64url/);
    await rejects('#run=abcd+/==').toThrow(/not base64url/); // standard base64, not base64url
    await rejects('#run=abcde').toThrow(/not base64url/); // 5 characters: 4n + 1 encodes nothing
    await rejects('#run=abc$def').toBeInstanceOf(RunFileError);
  });

  it('corrupt deflate: random bytes, or a link cut short', async () => {
    await rejects(`#run=${toBase64Url(new Uint8Array([0xff, 0xfe, 0xfd, 0xfc, 0x00, 0x13]))}`).toThrow(/does not decompress/);
    const payload = payloadOf(await shareFragment(RUN));
    await rejects(`#run=${payload.slice(0, Math.floor(payload.length / 2))}`).toThrow(/does not decompress|cut short|not JSON/);
  });

  it('valid deflate of text that is not JSON, or JSON that is not a run', async () => {
    await rejects(`#run=${await deflate('{"format": "raftlab-run", "version": 1,')}`).toThrow(/not a Raftlab run: the file is not JSON/);
    await rejects(`#run=${await deflate('[1, 2, 3]')}`).toThrow(/not a JSON object/);
    await rejects(`#run=${await deflate(JSON.stringify({ ...RUN, endAt: -5 }))}`).toThrow(/endAt/);
  });

  it('a run of another format version is refused by name', async () => {
    await rejects(`#run=${await deflate(JSON.stringify({ ...RUN, version: 2 }))}`).toThrow(/unsupported version 2.*reads version 1/);
  });

  it('refuses a decompression bomb before holding it', async () => {
    // 4 MB of spaces deflate to a few KB; with a 1 MB limit (the page's is MAX_RUN_BYTES) reading stops there.
    const bomb = await deflate(' '.repeat(4 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(10_000);
    await expect(runFromFragment(`#run=${bomb}`, 1024 * 1024)).rejects.toThrow(/larger than 1 MB once decompressed/);
  });
});

describe('opening a run in the simulator: a navigation to its share link', () => {
  /** A Location that notes what was asked of it. */
  const location = (href: string) => {
    const asked: string[] = [];
    return { asked, href, assign: (url: string) => { asked.push(`assign ${url}`); }, reload: () => { asked.push('reload'); } } as unknown as Location & { asked: string[] };
  };

  it('loads the share link (another page, or the same page with another fragment)', async () => {
    const here = location('https://example.org/?speed=1');
    await openRunInSimulator(RUN, here);
    expect(here.asked).toEqual([`assign ${await shareLink(RUN, here.href)}`]);
  });

  it('starts the very run already open over again', async () => {
    const here = location(await shareLink(RUN, 'https://example.org/?speed=1'));
    await openRunInSimulator(RUN, here);
    expect(here.asked).toEqual(['reload']);
  });

  it('a fragment with a run, arriving in an open page, reloads it; any other fragment does not', () => {
    let onHashChange: () => void = () => undefined;
    let reloads = 0;
    const page = {
      location: { hash: '', reload: () => { reloads++; } },
      addEventListener: (type: string, listener: () => void) => { if (type === 'hashchange') onHashChange = listener; },
    } as unknown as Window;
    reloadOnLinkedRun(page);
    page.location.hash = '#section-2';
    onHashChange();
    expect(reloads).toBe(0);
    page.location.hash = '#run=abc';
    onHashChange();
    expect(reloads).toBe(1);
  });
});

describe('runs too large for a link', () => {
  /** 24,000 puts of random text: over 2 million characters of base64 once deflated, past any browser's URL limit. */
  function bigRun(): RunFile {
    const value = (): string => randomBytes(60).toString('base64url');
    const actions = Array.from({ length: 24_000 }, (_, i) => ({ at: 1000 + i, step: null, action: { type: 'propose' as const, node: 0, command: { op: 'put', key: `k${i}`, value: value() } } }));
    return { ...RUN, actions, endAt: 30_000 };
  }

  /** A Storage over a Map (the tab's sessionStorage in the page). */
  function memoryStorage(): Storage & { map: Map<string, string> } {
    const map = new Map<string, string>();
    return {
      map, get length() { return map.size; }, key: (i: number) => [...map.keys()][i] ?? null,
      getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => { map.set(k, v); },
      removeItem: (k: string) => { map.delete(k); }, clear: () => map.clear(),
    };
  }

  it('a share link is refused with the way out, not handed to a browser that would drop it', async () => {
    const run = bigRun();
    const error = await shareLink(run, 'https://example.org/').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LinkTooLongError);
    expect((error as LinkTooLongError).chars).toBeGreaterThan(MAX_LINK_CHARS);
    expect((error as Error).message).toMatch(/too large for a link .* use Export run and share the file/);
  });

  it('opening one (an imported file) goes by the tab\'s session storage and reads back the same run; the previous one kept is dropped', async () => {
    const run = bigRun();
    const storage = memoryStorage();
    storage.setItem('raftlab-run:old', 'stale');
    storage.setItem('theme', 'dark');
    const asked: string[] = [];
    const here = { href: 'https://example.org/?speed=1', assign: (url: string) => { asked.push(url); }, reload: () => undefined } as unknown as Location;
    await openRunInSimulator(run, here, storage);
    expect(asked).toHaveLength(1);
    const link = new URL(asked[0]!);
    expect(link.hash).toMatch(/^#run=session:[a-z0-9]+$/);
    expect(asked[0]!.length).toBeLessThan(200);
    expect([...storage.map.keys()].sort()).toEqual([`raftlab-run:${link.hash.slice('#run=session:'.length)}`, 'theme']);
    expect(await runFromFragment(link.hash, undefined, storage)).toEqual(run);
    // Another tab (or a cleared one) has nothing under that id: said so.
    await expect(runFromFragment(link.hash, undefined, memoryStorage())).rejects.toThrow(/kept by the tab that opened it, and this tab has none: open the file again/);
  });

  it('a run small enough still travels in the link itself', async () => {
    const storage = memoryStorage();
    const asked: string[] = [];
    await openRunInSimulator(RUN, { href: 'https://example.org/', assign: (url: string) => { asked.push(url); }, reload: () => undefined } as unknown as Location, storage);
    expect(asked[0]).toBe(await shareLink(RUN, 'https://example.org/'));
    expect(storage.map.size).toBe(0);
  });
});

describe('run files', () => {
  it('reads back what was saved', async () => {
    expect(await readRunFile(new Blob([JSON.stringify(RUN, null, 1)]))).toEqual(RUN);
  });

  it('refuses a malformed file with a message naming what is wrong', async () => {
    await expect(readRunFile(new Blob(['not json at all']))).rejects.toThrow(/not a Raftlab run: the file is not JSON/);
    await expect(readRunFile(new Blob([JSON.stringify({ ...RUN, version: 99 })]))).rejects.toThrow(/unsupported version 99/);
    const badNode = { ...RUN, actions: [{ at: 10, step: 1, action: { type: 'crash', node: 6 } }] };
    await expect(readRunFile(new Blob([JSON.stringify(badNode)]))).rejects.toThrow(/actions\[0\]\.action\.node: node 6 is not in the cluster of 5/);
  });
});

describe('base64url', () => {
  it('round-trips every byte value and every length mod 3', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    for (const length of [0, 1, 2, 3, 255, 256]) expect(fromBase64Url(toBase64Url(all.subarray(0, length)))).toEqual(all.subarray(0, length));
    expect(toBase64Url(all)).not.toMatch(/[+/=]/);
  });
});
