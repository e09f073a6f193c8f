import { describe, expect, it } from 'vitest';
import { answered, called, noCallsYet } from './clients';
import { notLinearizable } from './kv-checks';
import { DEFAULT_BOUNDS, makeContext } from './context';
import { goalNamed } from './goals';
import { check } from './model';
import { judge } from './search';
import { initialState } from './successors';
import { describeTrace } from './trace';

/**
 * The key-value store and its clients in the model (clients.ts): proposals are KV operations
 * (1: put x=1, 2: get x, …) applied by the unmodified src/kv machine on each node, answered by the
 * node the client asked, and the clients' history must stay linearizable (src/checks).
 */
const KV = { ...DEFAULT_BOUNDS, maxTerm: 1, maxLog: 2, proposals: 2, maxInflight: 3 };

describe('model checker with the key-value store', () => {
  it('answers a client: put x=1 is applied by its leader, which replies (shortest trace)', () => {
    const context = makeContext(KV, null, { kv: true });
    const result = check(context, { mode: 'bfs', goal: goalNamed('client-answered') });
    expect(result.findings.map((f) => f.name)).toEqual(['client-answered']);
    // Elected, the messages in flight cleared to make room (3 at most), proposes, the entry reaches
    // one follower and its answer comes back: committed and applied, and the client answered.
    expect(result.findings[0]!.actions.length).toBe(10);
    const trace = describeTrace(result.findings[0]!.actions, context).join('\n');
    expect(trace).toContain('client proposes command 1 (put x=1) to node 0');
    expect(trace).toContain('answers command 1: put x=1 → ok 1');
  });

  it('the correct core keeps every client history linearizable: the space is exhausted with no violation', () => {
    const result = check(makeContext(KV, null, { kv: true }), { mode: 'bfs', symmetry: true });
    expect(result.findings).toEqual([]);
    expect(result.exhausted).toBe(true);
  });

  it('a stale read is caught: get x answers "absent" after put x=1 was answered (Linearizability)', () => {
    const context = makeContext(KV, null, { kv: true });
    const state = initialState(context);
    let clients = called(noCallsYet(), 1, 0, 1);
    clients = answered(clients, 0, [{ index: 1, command: 1, result: { succ: true, key: 'x', value: '1' } }]);
    clients = called(clients, 2, 0, 2);
    expect(notLinearizable(clients)).toBeNull();
    const stale = answered(clients, 0, [{ index: 2, command: 2, result: { succ: false, key: 'x', value: '' } }]);
    expect(notLinearizable(stale)).not.toBeNull();
    const before = { ...state, clients };
    expect(judge({ ...state, clients: stale }, before, null)?.name).toBe('Linearizability');
    // The honest answer passes.
    const fresh = answered(clients, 0, [{ index: 2, command: 2, result: { succ: true, key: 'x', value: '1' } }]);
    expect(judge({ ...state, clients: fresh }, before, null)).toBeNull();
  });
});
