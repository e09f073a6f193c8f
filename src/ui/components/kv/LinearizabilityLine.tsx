import { memo } from 'react';
import { useAppState } from '../../app/context';

/** What the incremental check (run in a worker) says about the whole history so far. */
export const LinearizabilityLine = memo(function LinearizabilityLine() {
  const status = useAppState((s) => s.linearizability);
  switch (status.state) {
    case 'idle': return null;
    case 'checking': return <p className="lin-line muted" role="status">Checking linearizability…</p>;
    case 'failed': return <p className="lin-line muted" role="status">The linearizability check stopped: {status.reason}</p>;
    case 'done': {
      const { result, operations, waiting } = status;
      const pending = waiting > 0 ? ` ${waiting} more wait for a moment when their key is quiet.` : '';
      if (result.ok && operations === 0) return <p className="lin-line muted" role="status">Checking linearizability…{pending}</p>;
      if (result.ok) {
        return <p className="lin-line ok" role="status" data-testid="linearizability">Linearizable: {operations} operations checked in total fit one sequential order.{pending}</p>;
      }
      if (result.timedOut) return <p className="lin-line muted" role="status">{result.explanation} ({operations} operations checked before that.)</p>;
      return <p className="lin-line bad" role="status" data-testid="linearizability">Not linearizable: {result.explanation} (Found after {operations} operation{operations === 1 ? "" : "s"} checked.)</p>;
    }
  }
});
