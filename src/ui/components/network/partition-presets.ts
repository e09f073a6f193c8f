import type { NodeId } from '../../../raft/types';
import { quorum } from '../../model/roles';

export interface PartitionPreset {
  readonly label: string;
  readonly groups: NodeId[][];
}

/** Groups from a side number per node (empty sides dropped). */
export function sidesToGroups(sides: readonly number[]): NodeId[][] {
  const groups: NodeId[][] = [];
  sides.forEach((side, node) => { (groups[side] ??= []).push(node); });
  return groups.filter((g) => g && g.length > 0);
}

/**
 * The splits worth trying first: the leader alone, the leader in a minority that can still reach a
 * follower (so it keeps accepting entries it can never commit), and any minority | majority split.
 */
export function presets(size: number, leader: NodeId | null): PartitionPreset[] {
  const all = Array.from({ length: size }, (_, i) => i);
  const minoritySize = size - quorum(size);
  const result: PartitionPreset[] = [];
  if (leader !== null) {
    result.push({ label: `Leader ${leader} alone | the rest`, groups: [[leader], all.filter((n) => n !== leader)] });
    if (minoritySize >= 2) {
      const minority = [leader, (leader + 1) % size];
      result.push({ label: `Leader ${leader} + node ${minority[1]} (minority) | the rest`, groups: [minority, all.filter((n) => !minority.includes(n))] });
    }
  }
  const minority = all.slice(0, minoritySize);
  result.push({ label: `{${minority.join(', ')}} | {${all.slice(minoritySize).join(', ')}}`, groups: [minority, all.slice(minoritySize)] });
  return result;
}
