/**
 * Crash before and after the write is durable (Figure 2: persist before responding; thesis §3.8):
 * with the ackBeforePersist bug a follower acknowledges an entry it has not stored, the leader
 * counts it, and a crash takes the acknowledged copy away.
 */
export const lesson = {
  id: 'durability',
  title: 'Crash before and after the write is durable',
  summary: 'A follower that answers before its disk write lands can lose an entry the leader counted: the ackBeforePersist bug, made visible move by move.',
  seed: 7, size: 3, profile: 'lab', speed: 1,
  steps: [
    {
      narration: 'A leader has been elected, and time is paused. A node must store an entry on disk before acknowledging it (Figure 2: "respond after persisting"). Until its disk write lands, the entry is only in memory: the log view marks entries not yet durable.\n\nA client has just sent a put to the leader.',
      setup: [{ do: 'run', ms: 1500 }, { do: 'put', key: 'x', value: '1' }],
      task: 'Open Explore, and deliver the AppendEntries carrying the entry from the leader to node 2 (Step forward until it is in flight).',
      checkpoint: { kind: 'notDurable', node: 2, index: 1 },
      showMe: [{ do: 'deliver', type: 'AppendEntries', from: 'leader', to: 2, withEntries: true }],
    },
    {
      narration: 'Node 2 holds entry 1 in memory; its disk write is in flight. Its answer waits behind the write: in Explore there is no AppendEntriesReply from node 2 yet. Crashing it now loses nothing anyone counted.',
      task: 'Crash node 2 before its write lands.',
      checkpoint: { kind: 'nodeCrashed', node: 2 },
      showMe: [{ do: 'crash', node: 2 }],
    },
    {
      narration: 'Node 2 lost entry 1, and nobody had counted it. Now break the rule: the bug "ackBeforePersist" makes nodes answer before their disk write lands.',
      setup: [{ do: 'restart', node: 2 }, { do: 'run', ms: 400 }],
      task: 'Open "Inject a bug" and switch on the acknowledge-before-persisting bug.',
      checkpoint: { kind: 'bug', bug: 'ackBeforePersist', on: true },
      showMe: [{ do: 'bug', bug: 'ackBeforePersist', on: true }],
    },
    {
      narration: 'Another put has gone to the leader. This time node 2 answers at once.',
      setup: [{ do: 'put', key: 'y', value: '2' }],
      task: 'In Explore, deliver the AppendEntries carrying the entry to node 2, then its AppendEntriesReply to the leader.',
      checkpoint: { kind: 'ackedNotDurable', node: 2 },
      showMe: [{ do: 'deliver', type: 'AppendEntries', from: 'leader', to: 2, withEntries: true }, { do: 'deliver', type: 'AppendEntriesReply', from: 2, to: 'leader' }],
    },
    {
      narration: 'The leader counts node 2 as holding the new entry (its match index), though node 2 has not stored it. With its own copy that is a majority of three: the leader may commit it and answer the client.',
      task: 'Crash node 2 now, before its write lands.',
      checkpoint: { kind: 'nodeCrashed', node: 2 },
      showMe: [{ do: 'crash', node: 2 }],
    },
    {
      narration: 'The acknowledged copy is gone: only the leader still stores the entry. Should the leader fail too, nodes 1 and 2 could elect a leader without an entry the client was told was committed. Persisting before answering is what makes an acknowledgement a promise.',
    },
  ],
};
