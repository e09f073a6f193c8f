import { timeTravelOf, type Cluster } from '../../engine/cluster';
import type { RaftEvent } from '../../raft/events';
import type { NodeId } from '../../raft/types';
import type { ClusterState, NodeStatus, NodeView } from '../../runtime';
import type { FrameLoop } from '../anim/frame-loop';
import type { InvariantMonitor } from '../checks/invariant-monitor';
import type { FlightTracker } from '../model/flights';
import type { ReplacementTracker } from '../model/log-grid';
import { RewindBuffer } from '../model/rewind-buffer';
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
 *
 * Time (issue 9, items 3 and 4): on the live engine every state is also kept for a few minutes
 * (RewindBuffer) and, while the user has rewound, the panels are given the kept state instead of
 * the live one. On the simulated engine, a stretch it replays (a seek, a step, the past) is not
 * added to the timeline nor checked again: the page saw it the first time.
 */
export const RENDER_INTERVAL_MS = 100;

export interface FeedDeps {
  readonly cluster: Cluster;
  readonly store: AppStore;
  readonly flights: FlightTracker;
  readonly monitor: InvariantMonitor;
  readonly replacements: ReplacementTracker;
  readonly loop: FrameLoop;
  /** Real ms now (the rewind buffer samples by it); performance.now unless a test moves it. */
  readonly wallNow?: () => number;
}

export function connectFeeds({ cluster, store, flights, monitor, replacements, loop, wallNow = () => performance.now() }: FeedDeps): () => void {
  const rows: NewTimelineEvent[] = [];
  const reasons = new Map<NodeId, (RaftEvent & { at: number })[]>();
  const travel = timeTravelOf(cluster);
  let statuses: readonly NodeStatus[] = [];
  // An engine that travels in time keeps its whole run itself; the live one's past is kept here.
  const past = travel ? null : new RewindBuffer();
  let rendered: ClusterState | null = null;
  // The furthest step of the simulated run the page has been shown (in this fork): what the engine
  // plays up to there, the page has seen; past it is news, even in the past of a recorded run (a
  // lab test's run opens at its start with its whole future recorded).
  let frontier = -1;
  let forks = 0;
  /** What the engine reports now replays a stretch of its run the page has already seen and checked. */
  const replaying = (): boolean => {
    if (store.getState().travelling > 0) return true;
    const run = cluster.getState().run;
    return run !== undefined && run.inPast && run.step < frontier;
  };

  const flush = (): void => {
    const state = cluster.getState();
    rendered = state;
    rows.push(...statusChanges(statuses, state.nodes, cluster.now()));
    statuses = state.nodes.map((v) => v.status);
    const s = store.getState();
    const replaced = replacements.observe(state.nodes, performance.now());
    // The one place that decides what the panels show: the live state, or the kept one the user rewound to.
    const shown = s.viewing.kind === 'rewind' ? past?.sampleAt(s.viewing.at) ?? null : null;
    s.setLive({ clock: state.clock, at: cluster.now(), run: state.run ?? null, rewindRange: past?.range() ?? null, shownAt: shown?.at ?? null });
    s.setCluster(shown?.state ?? state, replaced);
    if (rows.length > 0) s.addTimeline(rows.splice(0));
    for (const [node, list] of reasons) s.addReasons(node, list);
    reasons.clear();
    s.setChecked({ views: monitor.checks, applied: monitor.appliedChecked });
    loop.wake();
  };
  const render = new Throttle(flush, RENDER_INTERVAL_MS);

  const stops = [
    cluster.subscribe((state) => {
      past?.record(state, cluster.now(), wallNow());
      const run = state.run;
      if (run && store.getState().travelling === 0) {
        frontier = run.forks !== forks ? run.step : Math.max(frontier, run.step);
        forks = run.forks;
      }
      // A fork dropped the future the checker saw: what it learned of that future no longer holds.
      if ((state.run?.forks ?? 0) > (rendered?.run?.forks ?? 0)) monitor.reset();
      if (!replaying()) monitor.observe(state.nodes);
      if (rendered === null || urgent(rendered, state)) {
        render.cancel();
        flush();
      } else {
        render.request();
      }
    }),
    cluster.subscribeEvents((node, events) => {
      const now = cluster.now();
      const again = replaying();
      for (const event of events) {
        const at = event.at ?? now;
        const row = again ? null : fromRaftEvent(event, at);
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
    ...(travel ? [travel.subscribeNotes((notes) => {
      if (replaying()) return;
      for (const note of notes) {
        rows.push({ at: note.at, kind: 'info', nodes: [], title: note.text });
        monitor.note(note.text);
      }
      render.request();
    })] : []),
    cluster.subscribeTraffic((batch) => {
      flights.ingest(batch.events, performance.now());
      loop.wake();
    }),
    cluster.subscribeApplied((node, entries) => {
      if (!replaying()) monitor.observeApplied(node, entries);
    }),
    // Rewinding or coming back to live shows another state at once.
    store.subscribe((s, before) => {
      if (s.viewing !== before.viewing) {
        render.cancel();
        flush();
      }
      // A cleared timeline has shown nothing: what the run plays from here on is news again
      // (presenter mode clears it at a run's start, whose events a link's replay never told).
      if (s.timeline !== before.timeline && s.timeline.length === 0) frontier = cluster.getState().run?.step ?? -1;
    }),
  ];
  flush();
  return () => {
    render.cancel();
    for (const stop of stops) stop();
  };
}

/**
 * A change the user made (network, clock, config, standby) or news (a role, status or term) renders
 * at once; the rest waits for the throttle. Compared with the live state rendered last, whatever
 * moment the page shows.
 */
function urgent(before: ClusterState, state: ClusterState): boolean {
  return (state.standby ?? null) !== (before.standby ?? null) || state.network !== before.network || state.clock !== before.clock
    || state.config !== before.config || state.run?.forks !== before.run?.forks || rolesChanged(before.nodes, state.nodes);
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
