import { labAssert } from '../../sim/assert';
import type { LabTest } from '../types';

/** Part 4: snapshots (§7, Figure 13). */
export const part4: LabTest[] = [
  {
    part: 'part4', name: 'basic_snapshot', description: 'Basic snapshot', points: 2,
    async run({ createGroup }) {
      const n = 3;
      const g = createGroup({ nodes: n });
      let leader = await g.checkExactlyOneLeader();
      const killed = (leader + 1) % n;
      g.disable(killed);
      for (let i = 1; i < 100; i++) await g.appendNewCommand(100 + i, n - 1);
      leader = await g.checkExactlyOneLeader();
      let other = (leader + 1) % n;
      if (other === killed) other = (leader + 2) % n;
      labAssert(await g.node(leader).saveSnapshot(), 'leader cannot save snapshot');
      labAssert(await g.node(other).saveSnapshot(), 'follower cannot save snapshot');
      await g.sleep(2000);
      g.enable(killed);
      await g.checkExactlyOneLeader();
      await g.appendNewCommand(1024, n);
      const applied = g.node(killed).numAppendLogs();
      labAssert(applied < 90, `the snapshot does not work (node ${killed} applied ${applied} entries one by one)`);
    },
  },
  {
    part: 'part4', name: 'restore_snapshot', description: 'Restore snapshot after failure', points: 2,
    async run({ createGroup }) {
      const n = 3;
      const g = createGroup({ nodes: n });
      await g.checkExactlyOneLeader();
      for (let i = 1; i < 100; i++) await g.appendNewCommand(100 + i, n - 1);
      const leader = await g.checkExactlyOneLeader();
      labAssert(await g.node(leader).saveSnapshot(), 'leader cannot save snapshot');
      await g.sleep(2000);
      g.restart(leader);
      await g.appendNewCommand(1024, n);
      const applied = g.node(leader).numAppendLogs();
      labAssert(applied < 90, `the snapshot does not work (node ${leader} applied ${applied} entries one by one)`);
    },
  },
  {
    part: 'part4', name: 'override_snapshot', description: 'Override snapshot', points: 1,
    async run({ createGroup }) {
      const n = 3;
      const g = createGroup({ nodes: n });
      await g.checkExactlyOneLeader();
      for (let i = 1; i < 30; i++) await g.appendNewCommand(100 + i, n - 1);
      let leader = await g.checkExactlyOneLeader();
      labAssert(await g.node(leader).saveSnapshot(), 'leader cannot save snapshot');
      for (let i = 30; i < 60; i++) await g.appendNewCommand(100 + i, n - 1);
      leader = await g.checkExactlyOneLeader();
      labAssert(await g.node(leader).saveSnapshot(), 'leader cannot save snapshot');
      await g.sleep(2000);
      g.restart(leader);
      await g.appendNewCommand(1024, n);
      const applied = g.node(leader).numAppendLogs();
      labAssert(applied < 50, `the snapshot does not work (node ${leader} applied ${applied} entries one by one)`);
    },
  },
];
