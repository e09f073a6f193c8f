import { makeConfig, type ConfigOverrides, type RaftConfig, type RaftFeatures, type RaftTiming } from '../raft/config';
import { coreBugs, type DriverBugs } from './bugs';

/**
 * An edit of every node's Raft settings from the page (timing, compaction, bug switches, Production
 * Raft's features), merged here the one way both engines merge it: the live engine's WorkerCluster
 * and the simulated engine (which records each edit as an action of its run, src/engine/run.ts).
 */
export type ConfigEdit =
  | { readonly type: 'setTiming'; readonly timing: Partial<RaftTiming> }
  | { readonly type: 'setAutoCompact'; readonly entries: number | null }
  | { readonly type: 'setBugs'; readonly bugs: Partial<DriverBugs> }
  | { readonly type: 'setFeatures'; readonly features: Partial<RaftFeatures> };

/** A cluster's Raft settings: the core's config overrides, and the driver's own switch. */
export interface RaftSettings {
  readonly raft: ConfigOverrides;
  readonly ackBeforePersist: boolean;
}

/**
 * `settings` with `edit` applied, and the full config it makes. Throws a RangeError for a config
 * Raft cannot run (§5.6's timing, say): nothing is changed then.
 */
export function editSettings(settings: RaftSettings, edit: ConfigEdit): RaftSettings & { readonly config: RaftConfig } {
  const { raft } = settings;
  let next: RaftSettings;
  switch (edit.type) {
    case 'setTiming': next = { ...settings, raft: { ...raft, timing: { ...raft.timing, ...edit.timing } } }; break;
    case 'setAutoCompact': next = { ...settings, raft: { ...raft, autoCompactEntries: edit.entries } }; break;
    case 'setFeatures': next = { ...settings, raft: { ...raft, features: { ...raft.features, ...edit.features } } }; break;
    case 'setBugs': {
      const bugs: DriverBugs = { ...makeConfig(raft).bugs, ackBeforePersist: settings.ackBeforePersist, ...edit.bugs };
      next = { raft: { ...raft, bugs: coreBugs(bugs) }, ackBeforePersist: bugs.ackBeforePersist };
      break;
    }
  }
  return { ...next, config: makeConfig(next.raft) };
}

/** What the page is told of the settings: the full timing, bugs (the driver's included), features and compaction. */
export function shownConfig(config: RaftConfig, ackBeforePersist: boolean): { timing: RaftTiming; bugs: DriverBugs; features: RaftFeatures; autoCompactEntries: number | null } {
  return { timing: config.timing, bugs: { ...config.bugs, ackBeforePersist }, features: config.features, autoCompactEntries: config.autoCompactEntries };
}
