/** Snapshots and InstallSnapshot (§7): the log is compacted, and a node that fell behind gets the snapshot instead. */
export const lesson = {
  id: 'snapshots',
  title: 'Snapshots and InstallSnapshot',
  summary: 'The leader compacts its log into a snapshot; a follower that missed those entries is sent the snapshot (InstallSnapshot).',
  seed: 10, size: 3, profile: 'lab', speed: 1,
  steps: [
    {
      narration: 'A leader has been elected and one follower has crashed. The other two can still commit (2 of 3).',
      setup: [{ do: 'run', ms: 1500 }, { do: 'crash', node: 'follower' }, { do: 'resume' }],
      task: 'Send three puts through the Client panel.',
      checkpoint: { kind: 'committed', index: 3 },
      showMe: [{ do: 'put', key: 'a', value: '1' }, { do: 'put', key: 'b', value: '2' }, { do: 'put', key: 'c', value: '3' }],
    },
    {
      narration: 'Logs cannot grow forever. A node can write its state machine (here, the key-value store) to a snapshot and drop every entry it covers (§7).',
      task: 'Select the leader and press "Save snapshot".',
      checkpoint: { kind: 'snapshot', node: 'leader', index: 3 },
      showMe: [{ do: 'snapshot', node: 'leader' }],
    },
    {
      narration: 'The leader\'s log now starts after entry 3. The crashed follower needs entries 1 to 3, which the leader no longer has: instead it sends its snapshot, in InstallSnapshot (§7).',
      setup: [{ do: 'resume' }],
      task: 'Restart the crashed follower and let it catch up.',
      checkpoint: { kind: 'committed', index: 3, everywhere: true },
      showMe: [{ do: 'restart', node: 'crashed' }],
    },
    {
      narration: 'The follower installed the snapshot (its log too starts after entry 3) and holds every key. A snapshot carries the last included index and term, so the consistency check of the next AppendEntries works from there.',
    },
  ],
};
