import { memo, type KeyboardEvent } from 'react';
import type { NodeView } from '../../../runtime';
import { NODE_RADIUS, type Point } from '../../model/layout';
import { RECOVERING_LABEL, ROLE_LABEL, type DisplayRole } from '../../model/roles';
import { termColor } from '../../model/terms';

export interface NodeGlyphProps {
  readonly view: NodeView;
  readonly role: DisplayRole;
  readonly position: Point;
  readonly quorum: number;
  readonly selected: boolean;
  readonly highlighted: boolean;
  readonly isolated: boolean;
  /** The rule behind the node's last decision (shown on hover). */
  readonly reason: string | undefined;
  readonly onSelect: (node: number) => void;
}

/** Role words that fit inside a node (the full ones are in its accessible name and the inspector). */
const SHORT_ROLE: Record<DisplayRole, string> = { ...ROLE_LABEL, 'stale-leader': 'stale', 'storage-error': 'disk error' };

/** The election timer ring's radius (drawn by TimerRings, in the motion layer). */
export const RING = NODE_RADIUS + 7;

/**
 * One node: its role in shape and colour (the term's colour for leaders), its term and vote, and a
 * candidate's votes. Its election timer ring moves every frame, so it lives in the motion layer.
 */
export const NodeGlyph = memo(function NodeGlyph(props: NodeGlyphProps) {
  const { view, role, position, selected, highlighted, isolated } = props;
  const down = role === 'crashed' || role === 'storage-error';
  const recovering = !down && view.recovering === true;
  const label = `Node ${view.id}: ${ROLE_LABEL[role]}${down ? '' : `, term ${view.term}`}${recovering ? `, ${RECOVERING_LABEL}` : ''}${isolated ? ', isolated' : ''}`;
  const onKey = (event: KeyboardEvent): void => {
    if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); props.onSelect(view.id); }
  };
  return (
    <g className={`node role-${role} ${selected ? 'selected' : ''} ${highlighted ? 'highlighted' : ''} ${isolated ? 'isolated' : ''}`}
      style={{ transform: `translate(${position.x}px, ${position.y}px)`, ['--term' as string]: termColor(view.term) }}
      role="button" tabIndex={0} aria-label={label} aria-pressed={selected}
      data-testid={`node-${view.id}`} data-role={role} data-status={view.status} data-term={view.term} data-recovering={recovering}
      onClick={() => props.onSelect(view.id)} onKeyDown={onKey}>
      <title>{props.reason ? `${label}\nLast decision: ${props.reason}` : label}</title>
      <circle className="halo" r={RING + 9} />
      <circle className="body" r={NODE_RADIUS} />
      <text className="node-id" dy="-0.05em">{view.id}</text>
      <text className="node-role" y={17}>{SHORT_ROLE[role]}</text>
      {down && <path className="down-mark" d="M-9-31 9-13M9-31-9-13" />}
      {role === 'leader' && <path className="crown" d="M-11-54h22l3-14-8 6-6-9-6 9-8-6z" />}
      {role === 'candidate' && <VoteDots votes={view.votes.length} needed={props.quorum} />}
      <NodeCaption view={view} down={down} isolated={isolated} recovering={recovering} />
    </g>
  );
});

/** One dot per vote needed for a majority, filled as votes come in. */
function VoteDots({ votes, needed }: { votes: number; needed: number }) {
  return (
    <g className="votes" aria-hidden="true">
      {Array.from({ length: needed }, (_, i) => (
        <circle key={i} className={i < votes ? 'vote got' : 'vote'} cx={(i - (needed - 1) / 2) * 13} cy={-RING - 12} r={4.5} />
      ))}
    </g>
  );
}

/** The term as a badge on the ring (in the term's colour), and the vote under the node. */
function NodeCaption({ view, down, isolated, recovering }: { view: NodeView; down: boolean; isolated: boolean; recovering: boolean }) {
  // A recovering node casts no vote at all: say that instead of whom it voted for.
  const vote = recovering ? RECOVERING_LABEL : view.votedFor === null ? 'no vote' : view.votedFor === view.id ? 'voted for itself' : `voted for ${view.votedFor}`;
  const text = `T${view.term}`;
  const width = 12 + text.length * 7.5;
  return (
    <>
      <g className="term-pill" transform={`translate(${RING * 0.72} ${-RING * 0.72})`}>
        <rect x={-width / 2} y={-10} width={width} height={20} rx={10} />
        <text dy="0.36em">{text}</text>
      </g>
      <text className="vote-text" y={RING + 17}>{down ? (view.status === 'storage-error' ? 'storage error' : 'crashed') : isolated ? `isolated · ${vote}` : vote}</text>
    </>
  );
}
