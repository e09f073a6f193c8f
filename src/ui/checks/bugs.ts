import type { BugName } from '../../runtime';

/** What each injectable bug does, what it breaks, and how to provoke it — for the bug menu. */
export interface BugInfo {
  readonly title: string;
  readonly breaks: string;
  readonly provoke: string;
}

export const BUG_INFO: Record<BugName, BugInfo> = {
  grantVoteWithoutUpToDate: {
    title: 'Vote without the up-to-date check',
    breaks: 'Voters skip §5.4.1, so a node missing committed entries can win an election: Leader Completeness breaks.',
    provoke: 'Isolate a follower, put a few keys, reconnect it and force its election timeout.',
  },
  forgetVoteOnRestart: {
    title: 'Forget the vote on restart',
    breaks: 'votedFor is not restored (Figure 2 makes it persistent): a restarted node can vote twice in one term, and two leaders can share a term.',
    provoke: 'During an election, restart a node that just voted; acts at each node\'s next restart.',
  },
  commitPreviousTermByCount: {
    title: 'Commit old-term entries by counting',
    breaks: 'A leader commits an earlier term\'s entry once a majority holds it — the Figure 8 mistake §5.4.2 forbids.',
    provoke: 'Hard to hit by hand: needs a leader to crash after replicating to a minority, twice (Figure 8).',
  },
  ackBeforePersist: {
    title: 'Acknowledge before persisting',
    breaks: 'Votes and append replies leave before IndexedDB has them (thesis §3.8): a crash then forgets a promise.',
    provoke: 'Under load, crash a follower right after it acknowledged, then crash the leader.',
  },
};
