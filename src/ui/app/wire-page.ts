import type { Cluster } from '../../engine/cluster';
import type { RunFile } from '../../engine/run';
import { KvClient } from '../../runtime/client';
import type { FrameLoop } from '../anim/frame-loop';
import { InvariantMonitor } from '../checks/invariant-monitor';
import type { CommandContext } from '../commands/types';
import { LinearizabilityRunner } from '../kv/linearizability-runner';
import { opEvent } from '../kv/op-events';
import { UiClients } from '../kv/ui-client';
import type { FlightTracker } from '../model/flights';
import { ReplacementTracker } from '../model/log-grid';
import type { AppStore } from '../store/store';
import type { ConsoleCluster } from './boot';
import type { EngineName } from './params';
import { connectFeeds } from './feeds';
import { recordMessages } from './message-feed';
// The diagram reaches the log through this chunk (a chunk of its own would add a name to the first JavaScript).
export { messageLogOf } from './message-feed';
import { autoPauseWhenHidden } from './visibility';

/** What boot.ts built before the page is wired: the engine, and the pieces the first render reads. */
export interface WireDeps {
  readonly cluster: Cluster;
  /** The same cluster as the console sees it (with the live engine's storage hooks). */
  readonly console: ConsoleCluster;
  readonly engine: EngineName;
  readonly store: AppStore;
  readonly flights: FlightTracker;
  readonly loop: FrameLoop;
  readonly seek: ((virtualMs: number) => Promise<void>) | null;
  readonly exportRun: () => Promise<RunFile>;
}

/**
 * The cluster wired into the page: the invariant checker, the Client panel's clients and the
 * linearizability check, the feeds from the engine to the store, pausing while hidden, and
 * `window.raftlab`. None of it is needed to start the workers, so boot.ts loads this module while
 * they start (it is not in the page's first JavaScript) and calls it before the first render.
 */
export function wirePage({ cluster, console, engine, store, flights, loop, seek, exportRun }: WireDeps): CommandContext {
  const monitor = new InvariantMonitor((violation) => {
    cluster.pause();
    store.getState().setViolation(violation);
  }, () => cluster.now());
  const note: CommandContext['note'] = (title, nodes = [], why) => {
    store.getState().addTimeline([{ at: cluster.now(), kind: 'user', nodes, title, ...(why ? { why } : {}) }]);
    monitor.note(title);
  };
  let runner: LinearizabilityRunner | null = null;
  const clients = new UiClients(cluster, (op) => {
    const s = store.getState();
    s.upsertOp(op);
    const row = opEvent(op, cluster.now());
    if (row) {
      s.addTimeline([row]);
      monitor.note(row.title);
    }
    if (op.status !== 'pending') runner?.request();
  });
  runner = new LinearizabilityRunner(() => clients.history(), store);
  // Acting in the past forked the simulated run: the checker cannot take back the dropped future.
  store.subscribe((s, before) => { if (s.fork && s.fork !== before.fork) runner?.forked(s.fork.at); });
  const messages = recordMessages(cluster, store); // the space-time diagram's record, from the start
  const commands: CommandContext = { cluster, store, flights, monitor, clients, note, messages };
  connectFeeds({ cluster, store, flights, monitor, replacements: new ReplacementTracker(), loop });
  autoPauseWhenHidden(cluster, (title) => note(title));
  window.raftlab = {
    engine, cluster: console, now: () => cluster.now(), ...(seek ? { seek } : {}),
    exportRun, shareLink: async () => {
      const run = await exportRun();
      // The share link's encoder loads when a link is asked for (run-io.ts is not in the page's first JavaScript).
      return (await import('./run-io')).shareLink(run, window.location.href);
    },
    client: new KvClient(cluster), store, commands,
  };
  return commands;
}
