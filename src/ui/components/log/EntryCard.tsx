import { memo } from 'react';
import { useAppState, useStorageName } from '../../app/context';
import { entryFacts } from '../../model/entry-facts';
import { currentLeader } from '../../model/roles';
import { UserText } from '../common/UserText';
import { useLogCache } from './use-older-entries';

/**
 * The log entry chosen in the grid, in words (issue 12: why it waits, one click away): committed or
 * why not, applied, durable, who holds it. Shown in the inspector, as a chosen node is.
 */
export const EntryCard = memo(function EntryCard({ node, index }: { node: number; index: number }) {
  const nodes = useAppState((s) => s.nodes);
  const noop = useAppState((s) => s.config?.features?.noopOnElection ?? false);
  const select = useAppState((s) => s.select);
  const storage = useStorageName();
  const cache = useLogCache();
  const leader = currentLeader(nodes);
  const older = cache ? { own: cache.entries(node), leader: leader ? cache.entries(leader.id) : new Map() } : undefined;
  const facts = entryFacts(nodes, node, index, noop, storage, older);
  if (!facts) return null;
  return (
    <div className="entry-card" aria-live="polite">
      <div className="entry-card-head">
        <h2 className="card-title">{facts.title}{facts.command !== null && <>: <UserText text={facts.command} /></>}</h2>
        <button type="button" className="btn small" onClick={() => select({ kind: 'node', node })}>Node {node}</button>
        <button type="button" className="btn small" onClick={() => select(null)}>Close entry</button>
      </div>
      <dl>
        {facts.facts.map((fact) => (
          <div key={fact.label}><dt>{fact.label}</dt><dd>{fact.text}</dd></div>
        ))}
      </dl>
    </div>
  );
});
