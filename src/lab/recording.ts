import { makeConfig, type RaftConfig } from '../raft/config';
import type { NodeId } from '../raft/types';
import { RUN_FORMAT_VERSION, type RunAction, type RunFile, type RunStart, type TimedAction } from '../engine/run';
import type { Group, GroupObserver } from '../sim/harness';
import { RELIABLE_LINK, type NetworkConfig } from '../shared/network';

/**
 * A lab test's run as a run file (src/engine/run.ts), recorded while the test runs in the
 * simulator: the cluster it built (size, seed, machine, configuration; writes durable at once, as
 * in the harness), what it did to the cluster (commands, snapshots, restarts, network changes) at
 * the step it did them, and its steps in words as notes. The simulated engine replays the file to
 * the same states, so the page can show a lab test at any speed, and travel in its time.
 *
 * Steps count the cluster's events only: the harness's own wake-ups (a test's sleeps, its
 * time-outs) are scheduler steps too, which the engine's world does not have.
 */
export class LabRecording implements GroupObserver {
  private group: Group<unknown, unknown> | null = null;
  private start: RunStart | null = null;
  private readonly actions: TimedAction[] = [];

  /** The recorded test's cluster (tests compare it with the engine's replay). */
  get recorded(): Group<unknown, unknown> | null {
    return this.group;
  }

  /** The test built its cluster: record from here. Tests build one; a second would be another run. */
  attach(group: Group<unknown, unknown>, options: { readonly nodes: number; readonly machine?: 'list' | 'kv'; readonly config?: RaftConfig }): void {
    if (this.group) throw new Error('a recorded lab test builds one cluster; this one built a second');
    const config = options.config ?? makeConfig();
    this.group = group;
    this.start = {
      size: options.nodes, seed: group.seed, machine: options.machine ?? 'list', timing: config.timing, features: config.features,
      bugs: { ...config.bugs, ackBeforePersist: false }, autoCompactEntries: config.autoCompactEntries, trace: config.trace,
      linkPolicy: RELIABLE_LINK, diskLatencyMs: null,
    };
  }

  proposed(node: NodeId, command: unknown): void {
    this.add({ type: 'propose', node, command });
  }

  snapshot(node: NodeId): void {
    this.add({ type: 'saveSnapshot', node });
  }

  network(config: NetworkConfig): void {
    this.add({ type: 'setNetwork', network: config });
  }

  restarted(node: NodeId): void {
    this.add({ type: 'restart', node });
  }

  note(text: string): void {
    this.add({ type: 'note', text });
  }

  /** The test ended (`outcome` says how): the run so far, ending now, with the outcome as its last note. */
  file(name: string, outcome: string): RunFile {
    const group = this.group;
    if (!group || !this.start) throw new Error(`lab test ${name} built no cluster: nothing to record`);
    this.note(outcome);
    return {
      format: 'raftlab-run', version: RUN_FORMAT_VERSION, start: this.start, actions: [...this.actions], endAt: group.now,
      endStep: group.cluster.scheduler.steps - group.driver.wakeSteps, note: `lab test ${name}`,
    };
  }

  private add(action: RunAction): void {
    const group = this.group;
    if (!group) return;
    this.actions.push({ at: group.now, step: group.cluster.scheduler.steps - group.driver.wakeSteps, action });
  }
}
