import { InvariantChecker, InvariantViolation, type CheckedNode, type InvariantName } from '../../checks/invariants';
import type { AppliedEntryView, NodeView } from '../../runtime';
import type { NodeId } from '../../raft/types';

/**
 * Figure 3's invariants checked live in the page, from what the workers report. A view carries
 * only the last entries of a log, so the checker sees a window (firstShownIndex) and checks what
 * it can; applied entries come separately (State Machine Safety). Report-based checking can miss a
 * state that lasted less than a report interval; what it does flag is a real violation.
 */
export interface ViolationReport {
  readonly invariant: InvariantName;
  readonly nodes: readonly NodeId[];
  readonly detail: string;
  /** What happened just before, oldest first (timeline titles). */
  readonly recentEvents: readonly string[];
  /** Virtual ms when it was seen. */
  readonly at: number;
}

/** A node's report as the checker's CheckedNode (entries as the log view describes them). */
export function checkedNodeOf(view: NodeView): CheckedNode {
  const entries = new Map(view.log.window.map((entry) => [entry.index, { term: entry.term, ...(entry.kind ? { kind: entry.kind } : {}), command: entry.command }]));
  const first = view.log.window[0]?.index ?? view.log.lastIndex + 1;
  return {
    id: view.id, role: view.role, term: view.term, commitIndex: view.commitIndex,
    snapshotIndex: view.log.snapshotIndex, snapshotTerm: view.log.snapshotTerm, lastIndex: view.log.lastIndex,
    firstShownIndex: Math.max(first, view.log.snapshotIndex + 1),
    entryAt: (index) => entries.get(index),
  };
}

const RECENT_EVENTS = 30;

export class InvariantMonitor {
  private checker = new InvariantChecker();
  private readonly seen = new Map<NodeId, NodeView>();
  private readonly recent: string[] = [];
  private violated = false;
  /** Entries at or below this index have been forgotten (forgetBelowEverySnapshot). */
  private floor = 0;
  /** Applied entries checked (State Machine Safety), for the status badge. */
  appliedChecked = 0;

  constructor(private readonly onViolation: (report: ViolationReport) => void, private readonly now: () => number) {}

  get checks(): number {
    return this.checker.checks;
  }

  /** Remember a line of what happened, to explain a violation that follows. */
  note(line: string): void {
    this.recent.push(line);
    if (this.recent.length > RECENT_EVENTS) this.recent.shift();
  }

  /** Check every running node whose report changed. */
  observe(nodes: readonly NodeView[]): void {
    if (this.violated) return;
    for (const view of nodes) {
      if (view.status !== 'running' || this.seen.get(view.id) === view) continue;
      this.seen.set(view.id, view);
      this.guard(() => this.checker.observe(checkedNodeOf(view)));
      if (this.violated) return;
    }
    this.forgetBelowEverySnapshot(nodes);
  }

  /**
   * Entries at or below every node's durable snapshot (crashed, recovering and wiped nodes
   * included: a wiped one holds the floor at 0 until it installs a snapshot) can never be checked
   * again: forget them, so that a long run's checker holds only what lies above the lowest snapshot.
   */
  private forgetBelowEverySnapshot(nodes: readonly NodeView[]): void {
    const floor = nodes.length === 0 ? 0 : Math.min(...nodes.map((view) => view.durable.snapshotIndex));
    if (floor <= this.floor) return;
    this.floor = floor;
    this.checker.forgetThrough(floor);
  }

  /** Entries the checker holds facts about (for tests and the long-run benchmark). */
  get retained(): number {
    return this.checker.retained;
  }

  observeApplied(node: NodeId, entries: readonly AppliedEntryView[]): void {
    if (this.violated) return;
    for (const entry of entries) {
      this.guard(() => this.checker.observeApply(node, entry.index, { term: entry.term, command: entry.command }));
      if (this.violated) return;
      this.appliedChecked++;
    }
  }

  /** Forget everything (the cluster was wiped, or the user carries on after a violation). */
  reset(): void {
    this.checker = new InvariantChecker();
    this.seen.clear();
    this.violated = false;
    this.floor = 0;
    this.appliedChecked = 0;
  }

  private guard(check: () => void): void {
    try {
      check();
    } catch (error) {
      if (!(error instanceof InvariantViolation)) throw error;
      this.violated = true;
      this.onViolation({ invariant: error.invariant, nodes: error.nodes, detail: error.detail, recentEvents: this.recent.slice(), at: this.now() });
    }
  }
}
