/** Replication and commit (§5.3): a client's command goes into the leader's log, to the followers, and commits on a majority. */
export const lesson = {
  id: 'replication',
  title: 'Replication and commit',
  summary: 'A put goes into the leader\'s log, is copied to the followers, and is committed once a majority holds it.',
  seed: 3, size: 5, profile: 'lab', speed: 1,
  steps: [
    {
      narration: 'A leader has been elected. Clients send commands to it; it appends each to its log and sends it to the followers in AppendEntries (§5.3).',
      setup: [{ do: 'run', ms: 1500 }, { do: 'resume' }],
      task: 'Send a put through the Client panel (Send put).',
      checkpoint: { kind: 'committed', index: 1 },
      showMe: [{ do: 'put', key: 'x', value: '1' }],
    },
    {
      narration: 'Entry 1 is committed: the leader knows a majority stores it, so it applies it and answers the client. A majority is enough: two of five nodes have just crashed.',
      setup: [{ do: 'crash', node: 'follower' }, { do: 'crash', node: 'follower' }, { do: 'resume' }],
      task: 'Send another put: three of five nodes can still commit it.',
      checkpoint: { kind: 'committed', index: 2 },
      showMe: [{ do: 'put', key: 'y', value: '2' }],
    },
    {
      narration: 'Committed with three copies out of five. The crashed nodes missed it; when they come back, the leader finds where their logs diverge and sends what they lack (§5.3, nextIndex).',
      setup: [{ do: 'resume' }],
      task: 'Restart both crashed nodes and let them catch up.',
      checkpoint: { kind: 'committed', index: 2, everywhere: true },
      showMe: [{ do: 'restart', node: 'crashed' }, { do: 'restart', node: 'crashed' }],
    },
    {
      narration: 'Every node now has both entries committed. Log Matching (§5.3): if two logs hold an entry with the same index and term, they are identical up to it.',
    },
  ],
};
