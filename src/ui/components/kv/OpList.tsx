import { memo } from 'react';
import type { ClientOp } from '../../kv/history';
import { describeCommand, describeResult } from '../../model/kv-format';
import { isolate } from '../../model/user-text';
import { RichText } from '../common/UserText';
import { useShownOps } from '../time/use-shown-ops';

const SHOWN = 8;

/** The latest commands: pending until committed, then their result in the lab's semantics (as they stood at a past moment shown). */
export const OpList = memo(function OpList() {
  const ops = useShownOps();
  const latest = ops.slice(-SHOWN).reverse();
  if (latest.length === 0) return <p className="muted small">No commands yet. A command shows “pending” until a majority has it and the leader applies it.</p>;
  return (
    <ol className="op-list" data-testid="kv-results" aria-label="Latest commands">
      {latest.map((op) => <OpRow key={op.id} op={op} />)}
    </ol>
  );
});

const OpRow = memo(function OpRow({ op }: { op: ClientOp }) {
  return (
    <li className={`op status-${op.status}`}>
      <span className="op-client">{op.client}</span>
      <span className="op-command"><RichText text={describeCommand(op.command)} /></span>
      <span className="op-target">{op.target === 'leader' ? '→ leader' : `→ node ${op.target}`}</span>
      <span className="op-outcome"><RichText text={outcome(op)} /></span>
      {op.servedBy && op.servedBy !== 'log' && (
        <span className={`op-served served-${op.servedBy}`} title={SERVED_WHY[op.servedBy]}>{SERVED_LABEL[op.servedBy]}</span>
      )}
    </li>
  );
});

/** A get answered without the log (Production Raft): said in the row, with the rule. */
const SERVED_LABEL = { readIndex: 'by ReadIndex, no log entry', lease: 'by lease, no log entry' } as const;
const SERVED_WHY = {
  readIndex: 'The leader recorded its commit index, confirmed it still leads with a round of heartbeats, and answered once applied that far (thesis §6.4).',
  lease: 'The leader answered from its state at once: a majority answered its heartbeats within its lease, so no other leader can exist yet (thesis §6.4.1).',
} as const;

function outcome(op: ClientOp): string {
  switch (op.status) {
    case 'pending': return op.placed ? `pending at index ${op.placed.index} (term ${op.placed.term})` : 'pending…';
    case 'ok': return op.result ? `${op.result.succ ? 'succ' : 'not succ'}: ${describeResult(op.command, op.result)}` : 'done';
    // An error may quote the key (a time-out names the command): isolated like any user text.
    case 'refused': return `refused: ${isolate(op.error ?? '')}`;
    case 'lost': return `never committed: ${isolate(op.error ?? '')}`;
    case 'unknown': return op.error ? `unknown: ${isolate(op.error)}` : 'unknown: no answer';
  }
}
