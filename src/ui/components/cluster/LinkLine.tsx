import { memo, type CSSProperties, type KeyboardEvent } from 'react';
import { rimToRim, type Point } from '../../model/layout';
import { describeLink, linkLook, linkName, type LinkModel } from '../../model/links';

export interface LinkLineProps {
  readonly link: LinkModel;
  readonly a: Point;
  readonly b: Point;
  readonly selected: boolean;
  readonly onSelect: (a: number, b: number) => void;
}

const path = (p: Point, q: Point): string => `M${p.x.toFixed(1)} ${p.y.toFixed(1)}L${q.x.toFixed(1)} ${q.y.toFixed(1)}`;

/**
 * The link between two nodes, clickable to cut or heal it. A cut is drawn broken in the middle;
 * a one-way cut breaks only the half leaving the node that cannot send, with an arrow.
 */
export const LinkLine = memo(function LinkLine({ link, a, b, selected, onSelect }: LinkLineProps) {
  const look = linkLook(link);
  const { from, to } = rimToRim(a, b);
  const mid = { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 };
  const label = `Link ${linkName(link.a, link.b)}: ${describeLink(link)}`;
  const onKey = (event: KeyboardEvent): void => {
    if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); onSelect(link.a, link.b); }
  };
  return (
    <g className={`link look-${look} ${selected ? 'selected' : ''}`} role="button" tabIndex={0} aria-label={label} aria-pressed={selected}
      data-testid={`link-${link.a}-${link.b}`} data-look={look} onClick={() => onSelect(link.a, link.b)} onKeyDown={onKey}>
      <title>{label}</title>
      <path className="hit" style={{ d: `path("${path(from, to)}")` } as CSSProperties} />
      {look === 'cut-ab' || look === 'cut-ba' ? (
        <OneWay from={look === 'cut-ab' ? from : to} to={look === 'cut-ab' ? to : from} mid={mid} />
      ) : (
        <path className="wire" style={{ d: `path("${path(from, to)}")` } as CSSProperties} />
      )}
      {look === 'cut' && <circle className="cut-mark" cx={mid.x} cy={mid.y} r={7} />}
      {look === 'cut' && <path className="cut-x" d={`M${mid.x - 3.5} ${mid.y - 3.5}l7 7m0-7l-7 7`} />}
    </g>
  );
});

/** The sending half (from → mid) is cut; the other half still carries messages the other way. */
function OneWay({ from, to, mid }: { from: Point; to: Point; mid: Point }) {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  const tip = { x: mid.x - ux * 6, y: mid.y - uy * 6 };
  const arrow = `M${tip.x - ux * 9 - uy * 5} ${tip.y - uy * 9 + ux * 5}L${tip.x} ${tip.y}L${tip.x - ux * 9 + uy * 5} ${tip.y - uy * 9 - ux * 5}`;
  return (
    <>
      <path className="wire cut-half" d={path(from, tip)} />
      <path className="cut-arrow" d={arrow} />
      <path className="wire" d={path({ x: mid.x + ux * 6, y: mid.y + uy * 6 }, to)} />
    </>
  );
}
