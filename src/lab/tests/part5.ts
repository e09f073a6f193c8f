import type { ProposalOutcome } from '../../raft/node';
import { labAssert } from '../../sim/assert';
import type { KvCommand, KvResult } from '../../kv/types';
import type { LabGroup, LabTest } from '../types';

/** Part 5: the replicated key-value store, with the lab's result semantics. */
type KvGroup = LabGroup<KvCommand, KvResult>;
const RESULT_WAIT_MS = 2500;
const key = (k: number): string => `k${k}`;
const val = (k: number): string => `v${k * 10}`;

/** Wait for a command's result; fail with `what` on time-out or if the entry was lost. */
async function resultOf(pending: { outcome(ms: number): Promise<ProposalOutcome<KvResult> | undefined> }, what: string): Promise<KvResult> {
  const outcome = await pending.outcome(RESULT_WAIT_MS);
  labAssert(outcome, `${what} timeout`);
  labAssert(outcome.ok, `${what} lost: ${outcome.ok ? '' : outcome.reason}`);
  return outcome.result;
}

async function putKvPair(g: KvGroup, k: number, succ: boolean): Promise<void> {
  const leader = await g.checkExactlyOneLeader();
  const pending = await g.node(leader).submit({ op: 'put', key: key(k), value: val(k) });
  labAssert(pending, 'Leader should not change');
  const res = await resultOf(pending, 'Put command');
  labAssert(res.succ === succ, 'Put command fails');
  if (succ) {
    labAssert(res.key === key(k), 'Wrong key');
    labAssert(res.value === val(k), `Wrong value ${res.value} vs ${val(k)}`);
  }
}

async function delKvPair(g: KvGroup, k: number, succ: boolean): Promise<void> {
  const leader = await g.checkExactlyOneLeader();
  const pending = await g.node(leader).submit({ op: 'del', key: key(k) });
  labAssert(pending, 'Leader should not change');
  const res = await resultOf(pending, 'Del command');
  labAssert(res.succ === succ, 'Del command fails');
  if (succ) {
    labAssert(res.key === key(k), 'Wrong key');
    labAssert(res.value === val(k), 'Wrong value');
  }
}

/** Up to 5 tries of leader + get + 2.5 s wait, 200 ms apart on refusal or time-out. */
async function checkKvPair(g: KvGroup, k: number, succ: boolean): Promise<void> {
  for (let tries = 0; tries < 5; tries++) {
    const leader = await g.checkExactlyOneLeader();
    const pending = await g.node(leader).submit({ op: 'get', key: key(k) });
    const outcome = pending && (await pending.outcome(RESULT_WAIT_MS));
    if (outcome?.ok) {
      const res = outcome.result;
      labAssert(res.succ === succ, `Get command fails ${res.succ} vs ${succ}`);
      if (succ) {
        labAssert(res.key === key(k), 'Wrong key');
        labAssert(res.value === val(k), 'Wrong value');
      }
      return;
    }
    await g.sleep(200);
  }
  labAssert(false, 'Cannot read key-value pair');
}

export const part5: LabTest[] = [
  {
    part: 'part5', name: 'basic_kv', description: 'Basic key-value store', points: 4,
    async run({ createGroup }) {
      const g = createGroup({ nodes: 3, machine: 'kv' });
      const leader = await g.checkExactlyOneLeader();
      const submitOnLeader = async (command: KvCommand) => {
        labAssert(leader === (await g.checkExactlyOneLeader()), 'Leader should not change');
        const pending = await g.node(leader).submit(command);
        labAssert(pending, 'Leader should not change');
        return pending;
      };
      // Pipelined: all puts are proposed before any result is awaited.
      const puts = [];
      for (let i = 0; i < 10; i++) puts.push(await submitOnLeader({ op: 'put', key: key(i), value: val(i) }));
      for (let i = 0; i < 10; i++) {
        const res = await resultOf(puts[i]!, 'Put command');
        labAssert(res.succ, 'Put command does not succ?');
        labAssert(res.key === key(i), `Put command key doesn't match, ${key(i)} != ${res.key}`);
        labAssert(res.value === val(i), `Put command value doesn't match, ${val(i)} != ${res.value}`);
      }
      const reads = [];
      for (let i = 0; i < 10; i++) reads.push(await submitOnLeader({ op: 'get', key: key(i) }));
      for (let i = 0; i < 10; i++) {
        const res = await resultOf(reads[i]!, 'Get command');
        labAssert(res.succ, 'Get command does not succ?');
        labAssert(res.key === key(i), `Get command key doesn't match, ${key(i)} != ${res.key}`);
        labAssert(res.value === val(i), `Get command value doesn't match, ${val(i)} != ${res.value}`);
      }
      const del = await g.node(leader).submit({ op: 'del', key: key(5) });
      const read = await g.node(leader).submit({ op: 'get', key: key(5) });
      labAssert(del && read, 'Leader should not change');
      const delRes = await resultOf(del, 'Del command');
      labAssert(delRes.key === key(5), `Del command key doesn't match, ${key(5)} != ${delRes.key}`);
      labAssert(delRes.succ, 'Del command does not succ?');
      const readRes = await resultOf(read, 'Get command');
      labAssert(readRes.key === key(5), `Get command key doesn't match, ${key(5)} != ${readRes.key}`);
      labAssert(readRes.succ === false, 'Get succ on deleted key?');
    },
  },
  {
    part: 'part5', name: 'persist_kv', description: 'Persist key-value store', points: 3,
    async run({ createGroup }) {
      const n = 3;
      const g = createGroup({ nodes: n, machine: 'kv' });
      for (let i = 0; i < 10; i++) await putKvPair(g, i, true);
      await delKvPair(g, 0, true);
      for (let i = 0; i < n; i++) { g.disable(i); g.restart(i); }
      await g.sleep(2000); // wait for an election
      for (let i = 1; i < 10; i++) await checkKvPair(g, i, true);
      await checkKvPair(g, 0, false);
    },
  },
  {
    part: 'part5', name: 'snapshot_kv', description: 'Persist key-value snapshot', points: 3,
    async run({ createGroup }) {
      const n = 3;
      const g = createGroup({ nodes: n, machine: 'kv' });
      let leader = await g.checkExactlyOneLeader();
      const killed = (leader + 1) % n;
      g.disable(killed);
      for (let i = 0; i < 50; i++) await putKvPair(g, i, true);
      leader = await g.checkExactlyOneLeader();
      let other = (leader + 1) % n;
      if (other === killed) other = (leader + 2) % n;
      labAssert(await g.node(leader).saveSnapshot(), 'leader cannot save snapshot');
      labAssert(await g.node(other).saveSnapshot(), 'follower cannot save snapshot');
      await g.sleep(2000);
      g.enable(killed);
      await g.sleep(2000); // wait for the election
      await g.checkExactlyOneLeader();
      for (let i = 0; i < 50; i++) await checkKvPair(g, i, true);
    },
  },
];
