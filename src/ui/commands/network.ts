import { setDuplication as duplicate } from '../../engine/cluster';
import type { RaftTiming } from '../../raft/config';
import type { NodeId } from '../../raft/types';
import { linkName } from '../model/links';
import type { Command } from './types';

/** The network: links, partitions, loss, delay, duplication, and Raft's timing. */

export type Direction = 'both' | 'forward' | 'backward';

export interface LinkArg {
  readonly a: NodeId;
  readonly b: NodeId;
  /** both ways, only a → b, or only b → a. */
  readonly direction: Direction;
}

function ends({ a, b, direction }: LinkArg): [NodeId, NodeId, boolean] {
  return direction === 'backward' ? [b, a, true] : [a, b, direction === 'forward'];
}

function linkLabel(verb: string, arg: LinkArg): string {
  if (arg.direction === 'both') return `${verb} link ${linkName(arg.a, arg.b)}`;
  const [from, to] = ends(arg);
  return `${verb} link ${from}→${to} only`;
}

export const cutLink: Command<LinkArg> = {
  name: 'cutLink',
  label: (arg) => linkLabel('Cut', arg),
  perform(ctx, arg) {
    const [from, to, oneWay] = ends(arg);
    ctx.cluster.cutLink(from, to, { oneWay });
    ctx.note(`You cut link ${oneWay ? `${from}→${to}` : linkName(from, to)}${oneWay ? ' (one way)' : ''}`, [from, to], 'Messages on it are dropped, including those already in flight.');
  },
};

export const healLink: Command<LinkArg> = {
  name: 'healLink',
  label: (arg) => linkLabel('Heal', arg),
  perform(ctx, arg) {
    const [from, to, oneWay] = ends(arg);
    ctx.cluster.healLink(from, to, { oneWay });
    ctx.note(`You healed link ${oneWay ? `${from}→${to}` : linkName(from, to)}`, [from, to]);
  },
};

export const partition: Command<readonly (readonly NodeId[])[]> = {
  name: 'partition',
  label: (groups) => `Partition into ${groups.map((g) => `{${g.join(', ')}}`).join(' | ')}`,
  perform(ctx, groups) {
    ctx.cluster.partition(groups);
    ctx.note(`You partitioned the cluster: ${groups.map((g) => `{${g.join(', ')}}`).join(' | ')}`, groups.flat(),
      'Nodes talk only within their side. Only a side with a majority can elect a leader and commit (§5.2, §5.3).');
  },
};

export const healAll: Command = {
  name: 'healAll',
  label: () => 'Heal all',
  perform(ctx) {
    ctx.cluster.healAll();
    ctx.note('You healed every link, isolation and partition');
  },
};

export const setLoss: Command<number> = {
  name: 'setLoss',
  label: (percent) => `Loss ${percent}%`,
  perform(ctx, percent) {
    ctx.cluster.setLoss(percent);
    ctx.note(`You set message loss to ${percent}%`, [], percent > 0 ? 'Each message is dropped with this probability; Raft retries (§5.1).' : undefined);
  },
};

export const setDuplication: Command<number> = {
  name: 'setDuplication',
  label: (percent) => `Duplication ${percent}%`,
  perform(ctx, percent) {
    duplicate(ctx.cluster, percent);
    ctx.note(`You set message duplication to ${percent}%`, [],
      percent > 0 ? 'Each message may arrive twice, the copy with its own delay; Raft\'s RPCs are idempotent, so a copy changes nothing (Figure 2).' : undefined);
  },
};

export const setDelay: Command<readonly [number, number]> = {
  name: 'setDelay',
  label: ([min, max]) => `Delay ${min}–${max} ms`,
  perform(ctx, [min, max]) {
    ctx.cluster.setDelay(min, max);
    ctx.note(`You set message delay to ${min}–${max} ms`);
  },
};

/** Throws a RangeError with the reason if the timing breaks §5.6 (heartbeat < election timeout). */
export const setTiming: Command<Partial<RaftTiming>> = {
  name: 'setTiming',
  label: () => 'Apply timing',
  perform(ctx, timing) {
    ctx.cluster.setTiming(timing);
    const t = ctx.cluster.getConfig().timing;
    ctx.note(`You set election timeout ${t.electionTimeoutMinMs}–${t.electionTimeoutMaxMs} ms, heartbeat ${t.heartbeatMs} ms`, [],
      'New timers use it. A narrow timeout range makes split votes likely (§5.2); a heartbeat near the timeout makes followers time out under a live leader (§5.6).');
  },
};
