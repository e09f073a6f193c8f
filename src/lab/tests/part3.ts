import type { LabGroup, LabTest } from '../types';

/** Part 3: persistence. restart() keeps a node's storage and loses everything else. */
export const part3: LabTest[] = [
  {
    part: 'part3', name: 'persist1', description: 'Basic persistence', points: 5,
    async run({ createGroup }) {
      const n = 3;
      const g = createGroup({ nodes: n });
      await g.sleep(100);
      await g.appendNewCommand(11, n);
      for (let i = 0; i < n; i++) g.restart(i);
      for (let i = 0; i < n; i++) { g.disable(i); g.enable(i); }
      await g.appendNewCommand(12, n);
      const leader1 = await g.checkExactlyOneLeader();
      g.disable(leader1);
      g.restart(leader1);
      g.enable(leader1);
      await g.appendNewCommand(13, n);
      const leader2 = await g.checkExactlyOneLeader();
      g.disable(leader2);
      await g.appendNewCommand(14, n - 1);
      g.restart(leader2);
      g.enable(leader2);
      await g.waitCommit(4, n, -1); // wait for leader2 to rejoin before cutting off i3
      const i3 = ((await g.checkExactlyOneLeader()) + 1) % n;
      g.disable(i3);
      await g.appendNewCommand(15, n - 1);
      g.restart(i3);
      g.enable(i3);
      await g.appendNewCommand(16, n);
    },
  },
  {
    part: 'part3', name: 'persist2', description: 'More persistence', points: 5,
    async run({ createGroup }) {
      const n = 5;
      const g = createGroup({ nodes: n });
      let index = 1;
      for (let iters = 0; iters < 5; iters++) {
        await g.appendNewCommand(10 + index++, n);
        const leader1 = await g.checkExactlyOneLeader();
        const at = (k: number): number => (leader1 + k) % n;
        g.disable(at(1));
        g.disable(at(2));
        await g.appendNewCommand(10 + index++, n - 2);
        g.disable(at(0));
        g.disable(at(3));
        g.disable(at(4));
        g.restart(at(1));
        g.restart(at(2));
        g.enable(at(1));
        g.enable(at(2));
        await g.sleep(1000);
        g.restart(at(3));
        g.enable(at(3));
        await g.appendNewCommand(10 + index++, n - 2);
        g.enable(at(0));
        g.enable(at(4));
      }
      await g.appendNewCommand(1000, n);
      await g.waitCommit(index, n, -1);
    },
  },
  {
    part: 'part3', name: 'persist3', description: 'Partitioned leader and one follower crash, leader restarts', points: 5,
    async run({ createGroup }) {
      const n = 3;
      const g = createGroup({ nodes: n });
      await g.appendNewCommand(101, n);
      const leader = await g.checkExactlyOneLeader();
      g.disable((leader + 2) % n);
      await g.appendNewCommand(102, n - 1);
      g.disable((leader + 0) % n);
      g.disable((leader + 1) % n);
      g.enable((leader + 2) % n);
      g.restart((leader + 0) % n);
      g.enable((leader + 0) % n);
      await g.appendNewCommand(103, 2);
      g.restart((leader + 1) % n);
      await g.appendNewCommand(104, n);
      await g.waitCommit(4, n, -1);
    },
  },
  {
    part: 'part3', name: 'figure8', description: 'Raft paper figure 8', points: 2,
    async run({ createGroup }) {
      await figure8(createGroup({ nodes: 5 }), 1000);
    },
  },
  {
    part: 'part3', name: 'unreliable_agree', description: 'Agreement under unreliable network', points: 2,
    async run({ createGroup }) {
      const n = 5;
      const g = createGroup({ nodes: n });
      g.setReliable(false);
      const workers: Promise<number>[] = [];
      for (let iters = 1; iters < 50; iters++) {
        // Four "threads" that are joined only at the very end.
        for (let j = 0; j < 4; j++) workers.push(thread(g.appendNewCommand(100 * iters + j, 1)));
        await g.appendNewCommand(iters, 1);
      }
      await Promise.all(workers);
      await g.appendNewCommand(4096, n);
    },
  },
  {
    part: 'part3', name: 'unreliable_figure_8', description: 'Raft paper Figure 8 under unreliable network', points: 1,
    async run({ createGroup }) {
      const g = createGroup({ nodes: 5 });
      g.setReliable(false);
      await figure8(g, 100);
    },
  },
];

/** A background "thread": its failure surfaces when it is joined, not as an unhandled rejection. */
function thread<T>(work: Promise<T>): Promise<T> {
  work.catch(() => undefined);
  return work;
}

/**
 * Figure 8 of the paper: leaders come and go while entries of old terms sit on some logs; only
 * entries of the current term may be committed by counting replicas (§5.4.2).
 */
async function figure8(g: LabGroup<number, number>, tries: number): Promise<void> {
  const n = 5;
  await g.appendNewCommand(2048, 1);
  let up = n;
  for (let iters = 0; iters < tries; iters++) {
    let leader = -1;
    for (let i = 0; i < n; i++) if (await g.node(i).newCommand(iters)) leader = i;
    if (g.random(1000) < 100) await g.sleep(g.random(500));
    else await g.sleep(g.random(13));
    if (leader !== -1) {
      g.disable(leader);
      up--;
    }
    if (up < 3) {
      const s = g.random(n);
      if (!g.reachable(s)) {
        g.restart(s);
        up++;
      }
    }
  }
  for (let i = 0; i < n; i++) g.restart(i);
  await g.appendNewCommand(1024, n);
}
