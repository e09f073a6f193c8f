import type { NodeView } from '../runtime';
import type { ClusterState } from '../runtime/cluster';

/**
 * The simulated engine's state crosses from its Worker to the page about once a frame. Sent whole,
 * every copy is a new object tree: the page deserialises every node's log each frame and every
 * panel re-renders, changed or not (the simulated page cost ~3x the live page's CPU). Sent as a
 * change to the last state posted, a node whose view the engine did not rebuild, and a field it
 * did not replace, arrive as nothing and keep their identity on the page.
 */
export interface StateDelta {
  /** Top-level fields replaced since the last state (everything but the nodes). */
  readonly fields: Partial<Omit<ClusterState, 'nodes'>>;
  /** How many nodes the state has. */
  readonly count: number;
  /** The nodes whose views are new, by index. */
  readonly nodes: Readonly<Record<number, NodeView>>;
}

/** What changed from `prev` (null: everything) to `next`, by identity: the engine rebuilds only what changed. */
export function diffState(prev: ClusterState | null, next: ClusterState): StateDelta {
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof ClusterState)[]) {
    if (key === 'nodes') continue;
    if (prev === null || prev[key] !== next[key]) fields[key] = next[key];
  }
  const nodes: Record<number, NodeView> = {};
  next.nodes.forEach((view, i) => {
    if (prev?.nodes[i] !== view) nodes[i] = view;
  });
  return { fields: fields as StateDelta['fields'], count: next.nodes.length, nodes };
}

/** `prev` with `delta` applied: unchanged fields and nodes keep their objects. */
export function applyStateDelta(prev: ClusterState | null, delta: StateDelta): ClusterState {
  const nodes = Array.from({ length: delta.count }, (_, i) => delta.nodes[i] ?? prev?.nodes[i] ?? missing(i));
  return { ...(prev ?? {}), ...delta.fields, nodes } as ClusterState;
}

function missing(node: number): never {
  throw new Error(`the simulated engine's state lacks node ${node} (a delta applied to the wrong state)`);
}
