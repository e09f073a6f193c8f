import { memo, useMemo } from 'react';
import type { NodeView } from '../../../runtime';
import { useAppState } from '../../app/context';
import { currentLeader } from '../../model/roles';
import { UserText } from '../common/UserText';

const ROWS = 12;

/** Each node's state machine, key by key: a node that lags or diverges shows it. Keys and values are user text (UserText). */
export const MachineTable = memo(function MachineTable() {
  const nodes = useAppState((s) => s.nodes);
  const { keys, more } = useMemo(() => keysOf(nodes), [nodes]);
  const leader = currentLeader(nodes);
  const reference = new Map(leader?.machine?.entries ?? []);
  return (
    <div className="machines">
      <h3>State machines <span className="muted">(applied entries; what each node's KV store holds)</span></h3>
      <table className="machine-table">
        <thead>
          <tr><th scope="col">key</th>{nodes.map((v) => <th key={v.id} scope="col" title={`node ${v.id}`}>{v.id}</th>)}</tr>
        </thead>
        <tbody>
          {keys.length === 0 && <tr><td colSpan={nodes.length + 1} className="muted">empty</td></tr>}
          {keys.map((key) => (
            <tr key={key}>
              <th scope="row"><UserText text={key} /></th>
              {nodes.map((v) => {
                const value = v.machine?.entries.find(([k]) => k === key)?.[1];
                const differs = leader !== null && v.machine !== null && value !== reference.get(key);
                return <td key={v.id} className={differs ? 'differs' : ''}>{v.machine === null ? '—' : value === undefined ? '∅' : <UserText text={value} />}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {more > 0 && <p className="muted small">…and {more} more keys</p>}
    </div>
  );
});

function keysOf(nodes: readonly NodeView[]): { keys: string[]; more: number } {
  const all = new Set<string>();
  let size = 0;
  for (const view of nodes) {
    for (const [key] of view.machine?.entries ?? []) all.add(key);
    size = Math.max(size, view.machine?.size ?? 0);
  }
  const keys = [...all].slice(0, ROWS);
  return { keys, more: Math.max(0, Math.max(size, all.size) - keys.length) };
}
