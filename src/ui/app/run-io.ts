import { RunFileError, type RunFile } from '../../engine/run';
import { DECIDED_BY_THE_RUN, linkedRunText, RUN_FRAGMENT_KEY } from './run-link';

// The fragment's key and the hashchange reload live in run-link.ts, which the page loads without this module.
export { reloadOnLinkedRun } from './run-link';

/** The parser (valibot and the run's schema) loads only when a run is read, not with the page. */
async function parseRunFile(text: string): Promise<RunFile> {
  return (await import('../../engine/run-file')).parseRunFile(text);
}

/**
 * Runs leaving and entering the page (issue 9, item 5): a .json file saved or opened, and the
 * share link's fragment `#run=…` — the run's JSON compressed with the platform's CompressionStream
 * (raw DEFLATE, RFC 1951) and written in base64url (RFC 4648 §5), so the whole run rides in the URL
 * and never reaches a server. Everything read here goes through parseRunFile: a file or a link is
 * anyone's to write.
 */

/** A run file's JSON is refused above this (a decompression bomb or a wrong file, not a run). */
export const MAX_RUN_BYTES = 32 * 1024 * 1024;

/** Save the run as a .json file (the browser's download). */
export function downloadRun(run: RunFile, name: string = runFileName(run)): void {
  downloadBlob(new Blob([JSON.stringify(run, null, 1)], { type: 'application/json' }), name);
}

/**
 * Hand a file to the browser as a download (a run file, the diagram's SVG or PNG). Here rather than
 * in a module of its own: a chunk shared by two lazy modules would add its name to the page's
 * first JavaScript.
 */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the blob to the download; revoke after the current task, not before.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** "raftlab-run-seed7-12.3s.json": the seed and how far the run went. */
export function runFileName(run: RunFile): string {
  return `raftlab-run-seed${run.start.seed}-${(run.endAt / 1000).toFixed(1)}s.json`;
}

/** Read a file the user picked; rejects with a RunFileError that says what is wrong with it. */
export async function readRunFile(file: Blob): Promise<RunFile> {
  if (file.size > MAX_RUN_BYTES) throw new RunFileError(`the file is ${megabytes(file.size)}; a run file is at most ${megabytes(MAX_RUN_BYTES)}`);
  let text: string;
  try {
    text = await file.text();
  } catch (error) {
    throw new RunFileError(`the file could not be read (${(error as Error).message})`);
  }
  return parseRunFile(text);
}

/** The fragment that carries the run: `#run=…` (set it as a URL's hash). */
export async function shareFragment(run: RunFile): Promise<string> {
  const deflated = await pipeThrough(new TextEncoder().encode(JSON.stringify(run)), new CompressionStream('deflate-raw'), Infinity);
  return `#${RUN_FRAGMENT_KEY}=${toBase64Url(deflated)}`;
}

/**
 * Chromium refuses a URL past 2 MB (2,097,152 characters); other browsers are stricter still. A
 * share link is refused above this length (export the file instead), and a run opened from a file
 * that would not fit travels in the tab's session storage (`#run=session:<id>`).
 */
export const MAX_LINK_CHARS = 2_000_000;

/** The fragment's value for a run kept in this tab's session storage, not in the link itself. */
const SESSION_PREFIX = 'session:';
const SESSION_KEY = 'raftlab-run:';

/** A link too long for a browser's address bar: said so, with the way out, never handed over to fail silently. */
export class LinkTooLongError extends Error {
  constructor(readonly chars: number) {
    super(`this run is too large for a link (${(chars / 1e6).toFixed(1)} million characters; browsers take about ${(MAX_LINK_CHARS / 1e6).toFixed(0)} million): use Export run and share the file`);
    this.name = 'LinkTooLongError';
  }
}

/**
 * The page's address that opens `run` in the simulated engine: `?engine=sim&seed=…` with the run in
 * the fragment; parameters of `href` about watching (speed, theme) kept, those the run decides dropped.
 * Throws a LinkTooLongError for a run too large to travel in a URL.
 */
export async function shareLink(run: RunFile, href: string): Promise<string> {
  const link = linkTo(run, href, await shareFragment(run));
  if (link.length > MAX_LINK_CHARS) throw new LinkTooLongError(link.length);
  return link;
}

function linkTo(run: RunFile, href: string, fragment: string): string {
  const url = new URL(href);
  for (const name of [...DECIDED_BY_THE_RUN, 'cluster']) url.searchParams.delete(name);
  url.searchParams.set('engine', 'sim');
  url.searchParams.set('seed', String(run.start.seed));
  url.hash = fragment;
  return url.toString();
}

/**
 * Open `run` in the simulated engine: load its share link. The page picks its engine once per
 * load (as the Engine switch does), so this is a navigation. When only the fragment differs the
 * browser does not reload by itself: the page's hashchange listener (reloadOnLinkedRun) does.
 * A run too large for a link (an imported file, a long session) goes by this tab's session
 * storage instead, under a fresh id; the previous one kept there is dropped.
 */
export async function openRunInSimulator(run: RunFile, location: Location = window.location, storage?: Storage): Promise<void> {
  const fragment = await shareFragment(run);
  let link = linkTo(run, location.href, fragment);
  if (link.length > MAX_LINK_CHARS) link = linkTo(run, location.href, keepInSession(fragment.slice(`#${RUN_FRAGMENT_KEY}=`.length), storage ?? window.sessionStorage));
  if (link === location.href) location.reload(); // the very run already open: start it over
  else location.assign(link);
}

function keepInSession(encoded: string, storage: Storage): string {
  for (let i = storage.length - 1; i >= 0; i--) {
    const key = storage.key(i);
    if (key?.startsWith(SESSION_KEY)) storage.removeItem(key);
  }
  const id = Math.random().toString(36).slice(2, 10);
  try {
    storage.setItem(SESSION_KEY + id, encoded);
  } catch (error) {
    throw new RunFileError(`the run is too large to open in this page (${megabytes(encoded.length)} compressed; the browser keeps less than that for a tab: ${(error as Error).message})`);
  }
  return `#${RUN_FRAGMENT_KEY}=${SESSION_PREFIX}${id}`;
}

/**
 * The run in a URL fragment (`location.hash`, with or without its '#'): null when the fragment
 * carries no run; a RunFileError saying which layer is broken when it carries a bad one.
 */
export async function runFromFragment(hash: string, maxBytes: number = MAX_RUN_BYTES, storage: Storage | null = globalThis.sessionStorage ?? null): Promise<RunFile | null> {
  let encoded = linkedRunText(hash);
  if (encoded === null) return null;
  if (encoded.startsWith(SESSION_PREFIX)) {
    const kept = storage?.getItem(SESSION_KEY + encoded.slice(SESSION_PREFIX.length)) ?? null;
    if (kept === null) throw new RunFileError('the link points to a run kept by the tab that opened it, and this tab has none: open the file again (Import run)');
    encoded = kept;
  }
  const bytes = fromBase64Url(encoded);
  let inflated: Uint8Array;
  try {
    inflated = await pipeThrough(bytes, new DecompressionStream('deflate-raw'), maxBytes);
  } catch (error) {
    if (error instanceof RunFileError) throw error;
    throw new RunFileError(`the link's run is damaged: it does not decompress (${(error as Error).message}); was the link cut short?`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
  } catch {
    throw new RunFileError("the link's run is not UTF-8 text");
  }
  return parseRunFile(text);
}

/** Push bytes through a (de)compression stream, refusing output beyond `limit` bytes. */
async function pipeThrough(input: Uint8Array, transform: CompressionStream | DecompressionStream, limit: number): Promise<Uint8Array> {
  const writer = transform.writable.getWriter();
  // Errors surface on the reading side; the writer's promises are awaited there, not here.
  writer.write(input as Uint8Array<ArrayBuffer>).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = transform.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw new RunFileError(`the link's run is larger than ${megabytes(limit)} once decompressed`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** base64url without padding (RFC 4648 §5): safe in a URL fragment as it is. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000; // String.fromCharCode takes its bytes as arguments: keep the call small
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) {
    throw new RunFileError("the link's run is damaged: it is not base64url (letters, digits, - and _ only); was the link cut or edited?");
  }
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 0)} MB`;
}
