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
