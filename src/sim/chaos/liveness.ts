import type { Group } from '../harness';

/**
 * Liveness (catch-up), checked once every fault is healed: with a leader that stays in office (same
 * node, same term), every other node must hold the leader's log — its last entry, and so all before
 * it — and no longer be recovering, within 3 s of virtual time. A term change restarts the window (at most a few
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
    for (;;) {
      if (!g.cluster.node(leader).isLeader() || g.cluster.node(leader).term() !== term) break;
      const laggard = firstLaggard(g, leader);
      if (laggard === undefined) return null;
      if (g.now - start >= withinMs) return laggard;
      await g.sleep(50);
    }
  }
  return 'no leader stayed in office long enough to check that followers catch up (5 tries)';
}

function currentLeader(g: Group<unknown, unknown>): number | undefined {
  let best: number | undefined;
  for (let n = 0; n < g.size; n++) {
    const node = g.cluster.node(n);
    if (g.reachable(n) && node.isLeader() && (best === undefined || node.term() > g.cluster.node(best).term())) best = n;
  }
  return best;
}

function firstLaggard(g: Group<unknown, unknown>, leader: number): string | undefined {
  const lead = g.cluster.node(leader).core;
  for (let n = 0; n < g.size; n++) {
    if (n === leader) continue;
    const core = g.cluster.node(n).core;
    // Holding the leader's last entry means holding its whole log (Log Matching, §5.3). Entries past
    // it are uncommitted leftovers of an older term, replaced once the leader appends there.
    const holds = core.log.snapshotIndex >= lead.log.lastIndex || core.log.termAt(lead.log.lastIndex) === lead.log.lastTerm;
    if (holds && !core.recovering) continue;
    return `node ${n} holds entries through ${core.log.lastIndex} (term ${core.log.lastTerm})${core.recovering ? ', still recovering,' : ''} while leader ${leader} of term ${lead.term} holds ${lead.log.lastIndex} (term ${lead.log.lastTerm}), 3 s after the heal with no term change`;
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
