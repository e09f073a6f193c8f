import type { NodeId } from '../../raft/types';
import type { Cluster } from '../../engine/cluster';
import type { InvariantMonitor } from '../checks/invariant-monitor';
import type { UiClients } from '../kv/ui-client';
import type { FlightTracker } from '../model/flights';
import type { AppState, AppStore } from '../store/store';

/** What a command may touch: the cluster, the store, and the page's trackers. */
export interface CommandContext {
  readonly cluster: Cluster;
  readonly store: AppStore;
  readonly flights: FlightTracker;
  readonly monitor: InvariantMonitor;
  readonly clients: UiClients;
  /** The space-time diagram's record of messages (app/message-feed.ts), when the page keeps one. */
  readonly messages?: { clear(): void };
  /** Put what the user did on the timeline (their own commands belong there too). */
  note(title: string, nodes?: readonly NodeId[], why?: string): void;
}

/** The part of a KeyboardEvent a shortcut looks at (tests pass plain objects). */
export interface KeyLike {
  readonly key: string;
  readonly ctrlKey?: boolean;
  readonly metaKey?: boolean;
  readonly altKey?: boolean;
}

/**
 * A user command as data (Excalidraw's actions): a name, the accessible label of the control that
 * runs it, what it does, and optionally the key that runs it. Components render controls from
 * these; keyboard handling and tests go through the same objects.
 */
export interface Command<A = void> {
  readonly name: string;
  label(arg: A, state: AppState): string;
  perform(ctx: CommandContext, arg: A): void | Promise<void>;
  /** A keyboard shortcut: which key, and the argument it takes from the state (null: not now). */
  readonly key?: { readonly test: (event: KeyLike) => boolean; readonly hint: string; readonly arg: (state: AppState) => A | null };
}

export function plainKey(key: string): (event: KeyLike) => boolean {
  return (event) => event.key === key && !event.ctrlKey && !event.metaKey && !event.altKey;
}
