import { memo } from 'react';
import { useAppState, useRun } from '../../app/context';
import { cutLink, healLink, type Direction } from '../../commands/network';
import { rimToRim, type Point } from '../../model/layout';
import { allLinks, describeLink, linkConsequence, linkLook, linkName } from '../../model/links';
import { currentLeader } from '../../model/roles';

const WIDTH = 232;
const HEIGHT = 210;

/** Cut or heal the selected link, one way or both, right where it is drawn. */
export const LinkPopover = memo(function LinkPopover({ positions, width, height }: { positions: readonly Point[]; width: number; height: number }) {
  const selection = useAppState((s) => (s.selection?.kind === 'link' ? s.selection : null));
  const network = useAppState((s) => s.network);
  const select = useAppState((s) => s.select);
  const leader = useAppState((s) => currentLeader(s.nodes)?.id ?? null);
  const preVote = useAppState((s) => s.config?.features?.preVote ?? false);
  const cut = useRun(cutLink);
  const heal = useRun(healLink);
  if (!selection || !network) return null;
  const link = allLinks(network).find((l) => l.a === selection.a && l.b === selection.b);
  const a = positions[selection.a];
  const b = positions[selection.b];
  if (!link || !a || !b) return null;
  const { from, to } = rimToRim(a, b);
  const x = Math.min(Math.max((from.x + to.x) / 2 - WIDTH / 2, 4), width - WIDTH - 4);
  const y = Math.min(Math.max((from.y + to.y) / 2 + 14, 4), height - HEIGHT - 4);
  const name = linkName(link.a, link.b);
  const act = (action: typeof cut, direction: Direction) => () => action({ a: link.a, b: link.b, direction });
  const up = linkLook(link) === 'up';
  return (
    <foreignObject x={x} y={y} width={WIDTH} height={HEIGHT}>
      <div className="link-pop" role="dialog" aria-label={`Link ${name}`}>
        <div className="link-pop-head">
          <strong>Link {name}</strong>
          <button className="btn icon-only small" aria-label="Close" onClick={() => select(null)}>×</button>
        </div>
        <p className="muted">{describeLink(link)}</p>
        <p className="link-why">{linkConsequence(link, leader, preVote)}</p>
        <div className="link-pop-actions">
          <button className="btn small danger-outline" onClick={act(cut, 'both')}>Cut link {name}</button>
          <button className="btn small" onClick={act(heal, 'both')} disabled={up}>Heal link {name}</button>
          <button className="btn small" onClick={act(cut, 'forward')}>Cut link {link.a}→{link.b} only</button>
          <button className="btn small" onClick={act(cut, 'backward')}>Cut link {link.b}→{link.a} only</button>
        </div>
      </div>
    </foreignObject>
  );
});
