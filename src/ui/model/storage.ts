import type { NodeView } from '../../runtime';

/**
 * The storage view: for each promise a node makes (Figure 2's persistent state and the log), what
 * IndexedDB holds and what only memory holds. A difference is a write not yet completed — what a
 * crash would lose, and why replies wait for the write (thesis §3.8).
 */
export interface StorageRow {
  readonly label: string;
  readonly memory: string;
  readonly durable: string;
  readonly differs: boolean;
}

const vote = (v: number | null): string => (v === null ? 'none' : `node ${v}`);

export function storageRows(view: NodeView): StorageRow[] {
  const up = view.status === 'running';
  const d = view.durable;
  const row = (label: string, memory: string, durable: string): StorageRow => ({ label, memory: up ? memory : '—', durable, differs: up && memory !== durable });
  return [
    row('current term', String(view.term), String(d.term)),
    row('voted for', vote(view.votedFor), vote(d.votedFor)),
    row('log entries through', String(view.log.lastIndex), String(d.lastIndex)),
    row('snapshot through', snapshotText(view.log.snapshotIndex, view.log.snapshotTerm), snapshotText(d.snapshotIndex, d.snapshotTerm)),
    { label: 'commit index', memory: up ? String(view.commitIndex) : '—', durable: 'not stored', differs: false },
    { label: 'applied', memory: up ? String(view.lastApplied) : '—', durable: 'not stored', differs: false },
  ];
}

function snapshotText(index: number, term: number): string {
  return index === 0 ? 'none' : `${index} (term ${term})`;
}
