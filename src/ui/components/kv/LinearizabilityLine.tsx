import { memo } from 'react';
import { useAppState } from '../../app/context';
import { formatAt } from '../../model/timeline';

/** What the incremental check (run in a worker) says about the whole history so far. */
export const LinearizabilityLine = memo(function LinearizabilityLine() {
  const status = useAppState((s) => s.linearizability);
  switch (status.state) {
    case 'idle': return null;
    case 'checking': return <p className="lin-line muted" role="status">Checking linearizability…</p>;
    case 'failed': return <p className="lin-line muted" role="status">The linearizability check stopped: {status.reason}</p>;
    case 'forked': {
      const verdict = status.before.state === 'done' && status.before.result.ok ? `it found the ${status.before.operations} operations before linearizable` : 'see the timeline for what it found before';
      return (
        <p className="lin-line muted" role="status" data-testid="linearizability">
          Linearizability is not checked after the fork at {formatAt(status.at)}: the checker had already seen operations of the future that was dropped ({verdict}). Reset the cluster to check a new history.
        </p>
      );
    }
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
