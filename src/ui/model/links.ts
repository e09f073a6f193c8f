import { linkDown, type LinkDownReason, type NetworkConfig } from '../../runtime/network';
import type { NodeId } from '../../raft/types';

/** Both directions of the link between a and b (a < b), as the network model sees them now. */
export interface LinkModel {
  readonly a: NodeId;
  readonly b: NodeId;
  /** Why a → b carries nothing, or null if it is up. */
  readonly ab: LinkDownReason | null;
  readonly ba: LinkDownReason | null;
}

export type LinkLook = 'up' | 'cut' | 'cut-ab' | 'cut-ba' | 'partitioned' | 'isolated';

export function allLinks(network: NetworkConfig): LinkModel[] {
  const links: LinkModel[] = [];
  for (let a = 0; a < network.size; a++) {
    for (let b = a + 1; b < network.size; b++) links.push({ a, b, ab: linkDown(network, a, b), ba: linkDown(network, b, a) });
  }
  return links;
}

/** One word for how to draw a link: the strongest reason wins (isolation, partition, then cuts). */
export function linkLook(link: LinkModel): LinkLook {
  if (link.ab === 'isolated' || link.ba === 'isolated') return 'isolated';
  if (link.ab === 'partitioned' || link.ba === 'partitioned') return 'partitioned';
  if (link.ab && link.ba) return 'cut';
  if (link.ab) return 'cut-ab';
  if (link.ba) return 'cut-ba';
  return 'up';
}

/** "1–3", the way links are named in labels. */
export function linkName(a: NodeId, b: NodeId): string {
  return `${Math.min(a, b)}–${Math.max(a, b)}`;
}

export function describeLink(link: LinkModel): string {
  switch (linkLook(link)) {
    case 'up': return 'connected both ways';
    case 'cut': return 'cut both ways';
    case 'cut-ab': return `cut from ${link.a} to ${link.b} only`;
    case 'cut-ba': return `cut from ${link.b} to ${link.a} only`;
    case 'partitioned': return 'across the partition: nothing passes';
    case 'isolated': return 'an isolated node: nothing passes';
  }
}

/**
 * What the link's state means for Raft now ("why?" one click away, issue 12 item 5): who stops
 * hearing whom, and the rule that follows (§5.2 election timeouts, thesis §9.6 pre-vote).
 */
export function linkConsequence(link: LinkModel, leader: NodeId | null, preVote: boolean): string {
  if (!link.ab && !link.ba) return leader === link.a || leader === link.b
    ? `Node ${leader} leads: its heartbeats reach node ${leader === link.a ? link.b : link.a} here, which keeps that follower from campaigning (§5.2).`
    : 'Messages pass both ways, with the network\'s delay and loss.';
  const lost = link.ab && link.ba ? 'Nothing passes' : `Only node ${link.ab ? link.b : link.a} → node ${link.ab ? link.a : link.b} passes`;
  if (leader === null || (leader !== link.a && leader !== link.b)) {
    return `${lost}: requests and replies across it are lost, so these two cannot count on each other's votes or entries (§5.2, §5.3).`;
  }
  const follower = leader === link.a ? link.b : link.a;
  const heard = leader === link.a ? !link.ab : !link.ba;
  if (heard) return `${lost}: node ${follower} still hears leader ${leader}, but its replies are lost, so the leader cannot count its copies (§5.3).`;
  return `${lost}: node ${follower} stops hearing leader ${leader}'s heartbeats; after its election timeout it campaigns (§5.2)`
    + (preVote ? ', though its pre-vote fails while a majority still hears the leader (thesis §9.6).' : ', and may depose the leader if a majority answers.');
}
