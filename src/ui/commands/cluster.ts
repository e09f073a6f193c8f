import type { BugName } from '../../runtime';
import { RAFT_PROFILES, type RaftProfileName } from '../../raft/config';
import { BUG_INFO } from '../checks/bugs';
import { describeFeatures, PROFILE_TITLES } from '../model/profiles';
import type { Theme } from '../store/prefs-slice';
import { plainKey, type Command, type CommandContext } from './types';

/** The cluster as a whole, the checks, and the page. */

/** Forget the page's history: the cluster it was about is gone (reset) or was changed elsewhere (another tab). */
export function forgetHistory(ctx: CommandContext): void {
  ctx.flights.clear();
  ctx.monitor.reset();
  ctx.clients.clear();
  const store = ctx.store.getState();
  store.clearTimeline();
  // The space-time diagram's messages too: they were the old cluster's.
  ctx.messages?.clear();
  store.clearOps();
  store.setViolation(null);
  store.select(null);
}

/*
 * The page forgets its history once the old cluster is gone: the checker must not see a report of
 * the old cluster after it was reset (term 1 of the old and of the new cluster are not the same).
 * The cluster queues resets and resizes, so a double click runs two resets one after the other.
 */
export const resetCluster: Command = {
  name: 'resetCluster',
  label: () => 'Reset cluster',
  async perform(ctx) {
    if ((await ctx.cluster.reset()) === false) return; // it runs in another tab
    forgetHistory(ctx);
    ctx.note('You reset the cluster: every store wiped, all nodes start empty');
  },
};

export const setSize: Command<number> = {
  name: 'setSize',
  label: (size) => `Cluster size ${size}`,
  async perform(ctx, size) {
    // Compare with the size the queued resets are headed for: 7 then 5 in quick succession
    // ends with 5 nodes, and 7 twice with one reset.
    if (size === ctx.cluster.targetSize) return;
    if ((await ctx.cluster.reset({ size })) === false) return;
    forgetHistory(ctx);
    ctx.note(`You started a new cluster of ${size} nodes`, [], `A majority is ${Math.floor(size / 2) + 1}: it survives ${Math.floor((size - 1) / 2)} failed node${size > 3 ? 's' : ''}.`);
  },
};

/**
 * Run the cluster in this tab (issue 8, 3a): the tab that runs it stops its nodes first. The page
 * forgets its history: the other tab changed the cluster in ways this page never saw, and a
 * client history missing those writes would make the linearizability check cry wolf.
 */
export const takeOverHere: Command<{ takeOver(): Promise<boolean> }> = {
  name: 'takeOverHere',
  label: () => 'Take over here',
  async perform(ctx, owner) {
    if (!await owner.takeOver()) {
      ctx.note('You stopped waiting for the other tab', [], 'It never let go of the cluster (a frozen or busy tab keeps its lock), so it still runs there and nothing here changed.');
      return;
    }
    if (ctx.cluster.getState().standby) return; // the other tab left a shape this build cannot run
    forgetHistory(ctx);
    ctx.note('You took the cluster over in this tab', [], 'The other tab stopped its nodes first; every node here restored itself from IndexedDB.');
  },
};

export const cancelTakeOver: Command<{ cancelTakeOver(): void }> = {
  name: 'cancelTakeOver',
  label: () => 'Stop waiting',
  perform(_ctx, owner) {
    owner.cancelTakeOver();
  },
};

export const setBug: Command<{ readonly bug: BugName; readonly on: boolean }> = {
  name: 'setBug',
  label: ({ bug }) => `Inject bug: ${BUG_INFO[bug].title}`,
  perform(ctx, { bug, on }) {
    ctx.cluster.setBugs({ [bug]: on });
    ctx.note(`You ${on ? 'injected' : 'removed'} the bug “${BUG_INFO[bug].title}”`, [], on ? BUG_INFO[bug].breaks : undefined);
  },
};

/** Switch every node to a preset (issue 10): from each core's next decision on, no reset needed. */
export const setProfile: Command<RaftProfileName> = {
  name: 'setProfile',
  label: (name) => `Use ${PROFILE_TITLES[name]}`,
  perform(ctx, name) {
    ctx.cluster.setFeatures(RAFT_PROFILES[name]);
    ctx.note(`You switched to ${PROFILE_TITLES[name]}`, [], `On: ${describeFeatures(RAFT_PROFILES[name])}.`);
  },
};

/** Carry on after a violation: the checker starts afresh from here. */
export const dismissViolation: Command = {
  name: 'dismissViolation',
  label: () => 'Dismiss and keep checking',
  perform(ctx) {
    ctx.monitor.reset();
    ctx.store.getState().setViolation(null);
  },
};

export const toggleTheme: Command = {
  name: 'toggleTheme',
  label: (_, s) => (s.theme === 'dark' ? 'Light theme' : 'Dark theme'),
  perform(ctx) {
    const next: Theme = ctx.store.getState().theme === 'dark' ? 'light' : 'dark';
    ctx.store.getState().setTheme(next);
  },
};

export const toggleLegend: Command = {
  name: 'toggleLegend',
  label: () => 'Legend and shortcuts',
  perform(ctx) {
    const s = ctx.store.getState();
    s.setPopover(s.popover === 'legend' ? null : 'legend');
  },
  key: { test: plainKey('?'), hint: '?', arg: () => undefined },
};

export const clearSelection: Command = {
  name: 'clearSelection',
  label: () => 'Close',
  perform(ctx) {
    const s = ctx.store.getState();
    if (s.popover) s.setPopover(null);
    else s.select(null);
  },
  key: { test: plainKey('Escape'), hint: 'Esc', arg: () => undefined },
};

/** Digits select a node. */
export const selectNode: Command<number> = {
  name: 'selectNode',
  label: (node) => `Select node ${node}`,
  perform(ctx, node) {
    if (node < ctx.cluster.size) ctx.store.getState().select({ kind: 'node', node });
  },
};
