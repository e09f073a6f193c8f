import { memo } from 'react';
import { useAppState } from '../../app/context';
import { MAX_CHECKED_OPS } from '../../kv/linearizability-runner';

/** What checkKvHistory says about the whole history. */
export const LinearizabilityLine = memo(function LinearizabilityLine() {
  const status = useAppState((s) => s.linearizability);
  switch (status.state) {
    case 'idle': return null;
    case 'checking': return <p className="lin-line muted" role="status">Checking linearizability…</p>;
    case 'too-long': return <p className="lin-line muted" role="status">History too long to check ({status.operations} operations; limit {MAX_CHECKED_OPS}). Reset to start afresh.</p>;
    case 'done': {
      const { result } = status;
      if (result.ok) return <p className="lin-line ok" role="status" data-testid="linearizability">Linearizable: {status.operations} operations fit one sequential order.</p>;
      if (result.timedOut) return <p className="lin-line muted" role="status">{result.explanation}</p>;
      return <p className="lin-line bad" role="status" data-testid="linearizability">Not linearizable: {result.explanation}</p>;
    }
  }
});
