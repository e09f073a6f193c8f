import type { StateCreator } from 'zustand/vanilla';
import type { ClockState, ClusterConfig, ClusterState, NetworkConfig, NodeView, Standby } from '../../runtime';
import type { NodeId } from '../../raft/types';
import type { Replacement } from '../model/log-grid';
import type { AppState } from './store';

/** The cluster as last reported (throttled: see app/feeds.ts), and the log entries seen replaced. */
export interface ClusterSlice {
  nodes: readonly NodeView[];
  network: NetworkConfig | null;
  clock: ClockState | null;
  config: ClusterConfig | null;
  replaced: ReadonlyMap<NodeId, ReadonlyMap<number, Replacement>>;
  /** False while the page's cluster is off (?cluster=off) or not open yet. */
  live: boolean;
  /** Why the cluster's workers do not run in this tab (another tab has it, say); null: they do. */
  standby: Standby | null;
  setCluster(state: ClusterState, replaced: ReadonlyMap<NodeId, ReadonlyMap<number, Replacement>>): void;
}

export const createClusterSlice: StateCreator<AppState, [], [], ClusterSlice> = (set) => ({
  nodes: [],
  network: null,
  clock: null,
  config: null,
  replaced: new Map(),
  live: false,
  standby: null,
  setCluster: (state, replaced) => set({
    nodes: state.nodes, network: state.network, clock: state.clock, config: state.config, replaced, live: true, standby: state.standby ?? null,
  }),
});
