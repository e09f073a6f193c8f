import type { Cluster } from '../../engine/cluster';
import type { RaftEvent } from '../../raft/events';
import type { NodeId } from '../../raft/types';
import type { NodeStatus, NodeView } from '../../runtime';
import type { FrameLoop } from '../anim/frame-loop';
import type { InvariantMonitor } from '../checks/invariant-monitor';
import type { FlightTracker } from '../model/flights';
import type { ReplacementTracker } from '../model/log-grid';
import { fromRaftEvent, type NewTimelineEvent } from '../model/timeline';
import type { AppStore } from '../store/store';
import { Throttle } from './throttle';

/**
 * Wires the cluster's streams into the page. Workers report up to 50 times a second each; React
 * renders their reports at most RENDER_INTERVAL_MS apart (a table is read, not watched frame by
 * frame — rendering every report slowed the cluster itself, see bench/runtime.bench.ts). A change
 * the user made (network, clock, config) renders at once: a control must answer its click; so does
 * a change of role or status (an election is news, and rare). The invariant checker sees every
 * report; message dots go straight to the frame loop.
 */
export const RENDER_INTERVAL_MS = 100;

export interface FeedDeps {
  readonly cluster: Cluster;
  readonly store: AppStore;
  readonly flights: FlightTracker;
  readonly monitor: InvariantMonitor;
  readonly replacements: ReplacementTracker;
  readonly loop: FrameLoop;
}

export function connectFeeds({ cluster, store, flights, monitor, replacements, loop }: FeedDeps): () => void {
  const rows: NewTimelineEvent[] = [];
  const reasons = new Map<NodeId, (RaftEvent & { at: number })[]>();
  let statuses: readonly NodeStatus[] = [];

  const flush = (): void => {
    const state = cluster.getState();
    rows.push(...statusChanges(statuses, state.nodes, cluster.now()));
    statuses = state.nodes.map((v) => v.status);
    const s = store.getState();
    s.setCluster(state, replacements.observe(state.nodes, performance.now()));
    if (rows.length > 0) s.addTimeline(rows.splice(0));
    for (const [node, list] of reasons) s.addReasons(node, list);
    reasons.clear();
    s.setChecked({ views: monitor.checks, applied: monitor.appliedChecked });
    loop.wake();
  };
  const render = new Throttle(flush, RENDER_INTERVAL_MS);

  const stops = [
    cluster.subscribe((state) => {
      monitor.observe(state.nodes);
      const shown = store.getState();
      const standbyChanged = (state.standby ?? null) !== shown.standby;
      if (standbyChanged || state.network !== shown.network || state.clock !== shown.clock || state.config !== shown.config || rolesChanged(shown.nodes, state.nodes)) {
        render.cancel();
        flush();
      } else {
        render.request();
      }
    }),
    cluster.subscribeEvents((node, events) => {
      const at = cluster.now();
      for (const event of events) {
        const row = fromRaftEvent(event, at);
        if (row) {
          rows.push(row);
          if (row.kind !== 'commit') monitor.note(row.title);
        }
        const list = reasons.get(node) ?? [];
        if (event.kind !== 'committed') list.push({ ...event, at });
        reasons.set(node, list);
      }
      render.request();
    }),
    cluster.subscribeTraffic((batch) => {
      flights.ingest(batch.events, performance.now());
      loop.wake();
    }),
    cluster.subscribeApplied((node, entries) => monitor.observeApplied(node, entries)),
  ];
  flush();
  return () => {
    render.cancel();
    for (const stop of stops) stop();
  };
}

/** A node changed role, status or term since the last render. */
export function rolesChanged(before: readonly NodeView[], after: readonly NodeView[]): boolean {
  if (before.length !== after.length) return true;
  for (let i = 0; i < after.length; i++) {
    const a = before[i]!;
    const b = after[i]!;
    if (a !== b && (a.role !== b.role || a.status !== b.status || a.term !== b.term)) return true;
  }
  return false;
}

/** Rows for nodes that stopped on their own (a storage error, a worker failure). */
export function statusChanges(before: readonly NodeStatus[], nodes: readonly NodeView[], at: number): NewTimelineEvent[] {
  const rows: NewTimelineEvent[] = [];
  for (const view of nodes) {
    const was = before[view.id];
    if (was === undefined || was === view.status) continue;
    if (view.status === 'storage-error') rows.push({ at, kind: 'storage', nodes: [view.id], title: `Node ${view.id} stopped on a storage error`, why: view.error ?? undefined });
    if (view.status === 'failed') rows.push({ at, kind: 'storage', nodes: [view.id], title: `Node ${view.id}'s worker failed`, why: view.error ?? undefined });
  }
  return rows;
}
