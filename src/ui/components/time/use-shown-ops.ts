import { useMemo } from 'react';
import { useAppState } from '../../app/context';
import type { ClientOp } from '../../kv/history';
import { opsAt } from '../../model/viewing';
import { selectPastAt } from '../../store/time-slice';

/** The client's operations as they stood at the moment the page shows (all of them, live). */
export function useShownOps(): readonly ClientOp[] {
  const ops = useAppState((s) => s.ops);
  const times = useAppState((s) => s.opTimes);
  const until = useAppState(selectPastAt);
  return useMemo(() => opsAt(ops, times, until), [ops, times, until]);
}
