import type { Group } from '../harness';

/**
 * Liveness (catch-up), checked once every fault is healed: with a leader that stays in office (same
 * node, same term), every other node must hold the leader's log as it was when the window opened —
 * its last entry then, and so all before it — and no longer be recovering, within 3 s of virtual
 * time. (Clients may keep writing meanwhile: the target does not move.) A term change restarts the window (at most a few
 * times); a laggard under a stable leader is named. Healing everything is not enough on its own: a
 * follower the leader has stopped serving stays behind for as long as that leader lasts.
 */
export async function catchUp(g: Group<unknown, unknown>, withinMs = 3000): Promise<string | null> {
  for (let window = 0; window < 5; window++) {
    const leader = currentLeader(g);
    if (leader === undefined) {
      await g.sleep(500);
      continue;
    }
    const term = g.cluster.node(leader).term();
    const start = g.now;
    // The leader's log as the window opens: clients may go on writing, so its end keeps moving.
    const target = { index: g.cluster.node(leader).core.log.lastIndex, term: g.cluster.node(leader).core.log.lastTerm };
    for (;;) {
      if (!g.cluster.node(leader).isLeader() || g.cluster.node(leader).term() !== term) break;
      const laggard = firstLaggard(g, leader, target);
      if (laggard === undefined) return null;
      if (g.now - start >= withinMs) return laggard;
      await g.sleep(50);
    }
  }
  return 'no leader stayed in office long enough to check that followers catch up (5 tries)';
}

function currentLeader(g: Group<unknown, unknown>): number | undefined {
  let best: number | undefined;
  for (const n of g.cluster.members) {
    const node = g.cluster.node(n);
    if (g.reachable(n) && node.isLeader() && (best === undefined || node.term() > g.cluster.node(best).term())) best = n;
  }
  return best;
}

function firstLaggard(g: Group<unknown, unknown>, leader: number, target: { index: number; term: number }): string | undefined {
  const lead = g.cluster.node(leader).core;
  // Everyone the leader replicates to: the other members of its configuration (thesis §4.1).
  for (const n of lead.peers) {
    const core = g.cluster.node(n).core;
    // Holding the leader's entry at the target index means holding its whole log up to there (Log
    // Matching, §5.3). Entries past it may be uncommitted leftovers of an older term, replaced once
    // the leader appends there.
    const holds = core.log.snapshotIndex >= target.index || core.log.termAt(target.index) === target.term;
    if (holds && !core.recovering) continue;
    return `node ${n} holds entries through ${core.log.lastIndex} (term ${core.log.lastTerm})${core.recovering ? ', still recovering,' : ''}, short of entry ${target.index} (term ${target.term}) that leader ${leader} of term ${lead.term} held 3 s earlier, with no term change since`;
  }
  return undefined;
}

/** FNV-1a (32-bit, twice with different offsets for 64 bits) over every trace line, in order. */
export function traceHasher(): { add: (line: string) => void; hash: () => string } {
  let a = 0x811c9dc5;
  let b = 0xcbf29ce4;
  return {
    add(line: string): void {
      for (let i = 0; i < line.length; i++) {
        const c = line.charCodeAt(i);
        a = Math.imul(a ^ c, 0x01000193);
        b = Math.imul(b ^ c, 0x01000193) ^ (a >>> 7);
      }
      a = Math.imul(a ^ 10, 0x01000193);
    },
    hash: () => (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0'),
  };
}
