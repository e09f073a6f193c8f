import { labAssert } from '../../sim/assert';
import type { LabTest } from '../types';

/** Part 1: leader election and heartbeats (§5.2). */
export const part1: LabTest[] = [
  {
    part: 'part1', name: 'leader_election', description: 'Initial election', points: 10,
    async run({ createGroup }) {
      const g = createGroup({ nodes: 3 });
      await g.sleep(300);
      await g.checkExactlyOneLeader();
      await g.sleep(2000);
      const term1 = g.checkSameTerm();
      await g.sleep(2000);
      const term2 = g.checkSameTerm();
      labAssert(term1 === term2, `inconsistent term: ${term1}, ${term2}`);
      await g.checkExactlyOneLeader();
    },
  },
  {
    part: 'part1', name: 're_election', description: 'Election after network failure', points: 10,
    async run({ createGroup }) {
      const g = createGroup({ nodes: 5 });
      await g.sleep(300);
      const leader1 = await g.checkExactlyOneLeader();
      g.disable(leader1);
      await g.sleep(1000);
      const leader2 = await g.checkExactlyOneLeader();
      labAssert(leader1 !== leader2, `node ${leader2} is killed, which should not be the new leader!`);
      g.disable(leader2);
      await g.sleep(1000);
      const leader3 = await g.checkExactlyOneLeader();
      labAssert(leader3 !== leader1 && leader3 !== leader2, `node ${leader3} is killed, which should not be the new leader!`);
      g.disable(leader3);
      await g.sleep(1000);
      g.checkNoLeader(); // only 2 of 5 left: no majority
      g.enable(leader1);
      await g.sleep(1000);
      await g.checkExactlyOneLeader();
    },
  },
];
