/** A leader crash and the up-to-date vote rule (§5.4.1): only a node holding every committed entry can be elected. */
export const lesson = {
  id: 'leader-crash',
  title: 'A leader crash and the up-to-date vote rule',
  summary: 'The leader crashes; a node that missed a committed entry asks for votes and is refused (§5.4.1); one that has it wins.',
  seed: 4, size: 5, profile: 'lab', speed: 1,
  steps: [
    {
      narration: 'A leader has been elected, and one follower has been cut off from everyone (isolated), so it will miss what comes next.',
      setup: [{ do: 'run', ms: 1500 }, { do: 'isolate', node: 'follower' }, { do: 'resume' }],
      task: 'Send a put through the Client panel: four of five nodes store it, and it commits.',
      checkpoint: { kind: 'committed', index: 1 },
      showMe: [{ do: 'put', key: 'x', value: '1' }],
    },
    {
      narration: 'Entry 1 is committed, but the isolated node does not have it. Now the network heals and the leader fails.',
      setup: [{ do: 'heal' }, { do: 'run', ms: 20 }],
      task: 'Crash the leader: select it and press its "Crash node" button.',
      checkpoint: { kind: 'nodeCrashed', role: 'leader' },
      showMe: [{ do: 'crash', node: 'leader' }],
    },
    {
      narration: 'Who may lead next? A voter refuses a candidate whose log is less up to date than its own: compared by the last entry\'s term, then by length (§5.4.1). The node that missed entry 1 can ask, but every node holding entry 1 refuses it; since entry 1 is on a majority, any winner must hold it (Leader Completeness).',
      task: 'Force an election timeout on the node that missed entry 1 (node 1), then let time run (Resume) until a new leader is elected: one that holds entry 1.',
      checkpoint: { kind: 'leaderElected', minTerm: 2, hasIndex: 1 },
      showMe: [{ do: 'timeout', node: 1 }, { do: 'resume' }],
    },
    {
      narration: 'The new leader holds entry 1, and so will every leader after it: a committed entry is never lost by an election.',
    },
  ],
};
