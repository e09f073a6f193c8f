import { useContext } from 'react';
import { AppContext } from '../../app/context';
import { engineCaption } from '../../app/engine-choice';
import { SHORTCUTS } from '../../commands/keyboard';
import { DOT_SHAPES, DOT_LABELS } from '../cluster/dot-shapes';
import type { DotKind } from '../../model/flights';
import { TERM_HUES } from '../../model/terms';

const ROLES = [
  ['follower', 'Follower', 'waits for heartbeats; the ring is its election timer'],
  ['candidate', 'Candidate', 'asks for votes; dots count the votes it has'],
  ['leader', 'Leader', 'sends heartbeats and entries; commits on a majority'],
  ['stale-leader', 'Stale leader', 'believes it leads an older term; commits nothing'],
  ['crashed', 'Crashed', 'stopped; its storage keeps its promises'],
  ['storage-error', 'Storage error', 'its store does not decode; it stopped'],
] as const;

const MESSAGES: readonly DotKind[] = ['vote-request', 'vote-granted', 'vote-rejected', 'prevote-request', 'prevote-granted', 'prevote-rejected', 'timeout-now', 'append', 'heartbeat', 'append-ok', 'append-rejected', 'snapshot'];

/** What every shape and colour means, and the keyboard shortcuts. */
export function Legend() {
  const app = useContext(AppContext);
  return (
    <div className="legend">
      {app && <p className="engine-note legend-engine">{engineCaption(app.engine, app.seed)}</p>}
      <section>
        <h3>Nodes</h3>
        <ul className="legend-list">
          {ROLES.map(([role, name, what]) => (
            <li key={role}><svg width="22" height="22" viewBox="-11 -11 22 22" aria-hidden="true"><circle className={`legend-node role-${role}`} r="8" /></svg><strong>{name}</strong><span>{what}</span></li>
          ))}
        </ul>
      </section>
      <section>
        <h3>Messages</h3>
        <ul className="legend-list">
          {MESSAGES.map((kind) => (
            <li key={kind}><svg width="22" height="22" viewBox="-11 -11 22 22" aria-hidden="true"><g className="dot" data-kind={kind}><path d={DOT_SHAPES[kind]} /></g></svg><span>{DOT_LABELS[kind]}</span></li>
          ))}
          <li><svg width="22" height="22" viewBox="-11 -11 22 22" aria-hidden="true"><g className="dot lost"><path d={DOT_SHAPES.heartbeat} /><path className="lost-x" d="M-4-4 4 4M4-4-4 4" /></g></svg><span>lost: it fades where it dropped</span></li>
        </ul>
      </section>
      <section>
        <h3>Links and logs</h3>
        <ul className="legend-list">
          <li><svg width="34" height="12" aria-hidden="true"><line className="legend-link" x1="2" y1="6" x2="32" y2="6" /></svg><span>link up (click a link to cut it)</span></li>
          <li><svg width="34" height="12" aria-hidden="true"><line className="legend-link cut" x1="2" y1="6" x2="32" y2="6" /></svg><span>link cut; one-way cuts show an arrow</span></li>
          <li><span className="legend-cell" /><span>log entry: term colour, term and command</span></li>
          <li><span className="legend-cell pending" /><span>not committed yet (no majority)</span></li>
          <li><span className="legend-cell memory" /><span>only in memory, not yet in storage</span></li>
          <li><span className="legend-cell conflict" /><span>differs from the leader's entry: will be replaced</span></li>
        </ul>
        <div className="term-strip" aria-label="Term colours">
          {Array.from({ length: TERM_HUES }, (_, i) => <span key={i} style={{ background: `var(--term-${i})` }}>{i + 1}</span>)}
          <span className="muted">term colours (cycle)</span>
        </div>
      </section>
      <section>
        <h3>Keys</h3>
        <ul className="keys">
          {SHORTCUTS.map((c) => <li key={c.name}><kbd>{c.key!.hint}</kbd><span>{shortcutText(c.name)}</span></li>)}
          <li><kbd>0–6</kbd><span>select a node</span></li>
        </ul>
      </section>
    </div>
  );
}

function shortcutText(name: string): string {
  const text: Record<string, string> = {
    togglePause: 'pause / resume', step: 'step a little time', faster: 'faster', slower: 'slower',
    crashNode: 'crash the selected node', restartNode: 'restart it', forceTimeout: 'force its election timeout',
    toggleIsolation: 'isolate / reconnect it', toggleLegend: 'this legend', clearSelection: 'close / deselect',
  };
  return text[name] ?? name;
}
