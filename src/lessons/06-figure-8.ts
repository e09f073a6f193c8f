/**
 * Figure 8 of the Raft paper, played exactly: five servers (S1–S5 are nodes 0–4), the (a)–(e)
 * sequence, and why a leader commits an entry of an earlier term only by committing one of its
 * own (§5.4.2). The lab's Raft (no no-op entry on election), and every move chosen: elections
 * are forced, partitions and crashes keep each message where the figure has it.
 */
export const lesson = {
  id: 'figure-8',
  title: 'Figure 8: why old entries are not committed by counting',
  summary: 'The paper\'s Figure 8, move by move: an entry stored on a majority is overwritten, and the rule (§5.4.2) that makes that safe.',
  seed: 8, size: 5, profile: 'lab', speed: 1,
  steps: [
    {
      narration: 'Figure 8 of the Raft paper has five servers, S1 to S5: here nodes 0 to 4. Time is paused and moves only when you let it, and election timeouts are long (1.5 to 2 s), so that only the elections the figure has happen.\n\nFirst, term 1: node 1 becomes leader and every node stores entry 1 (term 1), as at the start of the figure.',
      setup: [{ do: 'timing', electionTimeoutMinMs: 1500, electionTimeoutMaxMs: 2000 }, { do: 'timeout', node: 1 }, { do: 'run', ms: 300 }, { do: 'put', node: 1, key: 'x', value: '1' }],
      task: 'Let time pass (Step, a few times, or Resume) until every node holds entry 1 of term 1.',
      checkpoint: { kind: 'logs', terms: { 0: [1], 1: [1], 2: [1], 3: [1], 4: [1] } },
      showMe: [{ do: 'run', ms: 300 }],
    },
    {
      narration: '(a) S1 (node 0) becomes leader in term 2 and starts replicating entry 2, but only S2 (node 1) receives it before trouble starts.',
      setup: [{ do: 'timeout', node: 0 }, { do: 'run', ms: 250 }, { do: 'partition', groups: [[0, 1], [2, 3, 4]] }],
      task: 'Node 0 leads term 2, and the network is split {0, 1} | {2, 3, 4}. Send a put to node 0 (Client, Send to node 0), then let time pass (Resume, or Step) until node 1 has it.',
      checkpoint: { kind: 'logs', terms: { 0: [1, 2], 1: [1, 2], 2: [1], 3: [1], 4: [1] } },
      showMe: [{ do: 'put', node: 0, key: 'a', value: 'S1' }, { do: 'run', ms: 150 }],
    },
    {
      narration: '(b) S1 crashes. S5 (node 4) is elected in term 3 with votes from S3, S4 and itself: their logs are as up to date as its own (§5.4.1).',
      setup: [{ do: 'crash', node: 0 }],
      task: 'Force an election timeout on node 4, then let time pass until it leads term 3.',
      checkpoint: { kind: 'leaderElected', node: 4, minTerm: 3 },
      showMe: [{ do: 'timeout', node: 4 }, { do: 'run', ms: 150 }],
    },
    {
      narration: 'S5 accepts a different entry at index 2, in term 3, and crashes before sending it to anyone.',
      setup: [{ do: 'isolate', node: 4 }],
      task: 'Node 4 is isolated. Send a put to node 4, then let time pass until it holds an entry of term 3 at index 2.',
      checkpoint: { kind: 'logs', terms: { 4: [1, 3] } },
      showMe: [{ do: 'put', node: 4, key: 'a', value: 'S5' }, { do: 'run', ms: 25 }],
    },
    {
      narration: '(c) S5 has crashed and S1 restarts. S1 is elected in term 4 (S2, S3 and itself vote for it) and replicates entry 2 of term 2 to S3. Entry 2 is now on a majority, S1, S2 and S3, yet S1 does not commit it: it is from an earlier term (§5.4.2).',
      setup: [{ do: 'crash', node: 4 }, { do: 'heal' }, { do: 'partition', groups: [[0, 1, 2], [3, 4]] }, { do: 'restart', node: 0 }, { do: 'run', ms: 20 }],
      task: 'Force an election timeout on node 0 twice in a row (term 3 cannot be won: nodes 2 and 3 voted in it already), then let time pass until node 0 leads term 4 and node 2 holds entry 2.',
      checkpoint: { kind: 'logs', terms: { 0: [1, 2], 1: [1, 2], 2: [1, 2], 3: [1], 4: [1, 3] } },
      showMe: [{ do: 'timeout', node: 0 }, { do: 'timeout', node: 0 }, { do: 'run', ms: 400 }],
    },
    {
      narration: 'S1 also accepts an entry of its own term, 4, at index 3, and has not sent it yet. Look at node 0\'s commit index: still 1. Counting replicas is not enough for entry 2.',
      setup: [{ do: 'isolate', node: 0 }],
      task: 'Node 0 is isolated for a moment. Send a put to node 0 and let time pass until its log reads terms 1, 2, 4.',
      checkpoint: { kind: 'logs', terms: { 0: [1, 2, 4], 1: [1, 2], 2: [1, 2], 3: [1], 4: [1, 3] } },
      showMe: [{ do: 'put', node: 0, key: 'b', value: 'S1' }, { do: 'run', ms: 25 }],
    },
    {
      narration: '(d) Suppose S1 crashes now. S5 restarts and can be elected with votes from S2, S3 and S4: its last entry (term 3) is newer than theirs (term 2). It overwrites entry 2 on every node. Had S1 committed entry 2 by counting, a committed entry would be gone.',
      setup: [{ do: 'crash', node: 0 }, { do: 'heal' }, { do: 'restart', node: 4 }, { do: 'run', ms: 20 }],
      task: 'Force an election timeout on node 4 twice in a row (term 4 is taken), then let time pass until its entry of term 3 is on nodes 1 to 4.',
      checkpoint: { kind: 'logs', terms: { 1: [1, 3], 2: [1, 3], 3: [1, 3], 4: [1, 3] } },
      showMe: [{ do: 'timeout', node: 4 }, { do: 'timeout', node: 4 }, { do: 'run', ms: 400 }],
    },
    {
      narration: '(e) Back to the moment before S1 crashed (time travel). This time S1 replicates its term-4 entry to a majority first. Committing entry 3, of its own term, commits entry 2 with it (§5.4.2, Log Matching), and S5 can no longer win an election: its log is behind the majority\'s.',
      setup: [{ do: 'rewind', step: 7 }, { do: 'heal' }],
      task: 'Node 0 is reconnected. Let time pass until entry 3 is committed.',
      checkpoint: { kind: 'committed', index: 3 },
      showMe: [{ do: 'run', ms: 300 }],
    },
    {
      narration: 'That is the rule: a leader counts replicas only for entries of its current term; earlier entries commit with them. The lab\'s Raft waits for the next client write to do so; production Raft appends an empty entry (a no-op) as soon as it is elected (§8).',
    },
  ],
};
