/** Split votes and randomised timeouts (§5.2): why no one may win a term, and why it rarely happens twice. */
export const lesson = {
  id: 'split-votes',
  title: 'Split votes and randomised timeouts',
  summary: 'Three candidates in one term split the vote; randomised timeouts make one of them try again first and win.',
  seed: 2, size: 3, profile: 'lab', speed: 1,
  steps: [
    {
      narration: 'Three followers in term 0, time paused. What if every timer ran out at the same moment? Each node would become a candidate in term 1 and vote for itself, and no vote would be left for anyone else.',
      task: 'Select each node in turn and press "Force election timeout" on all three.',
      checkpoint: { kind: 'candidates', count: 3 },
      showMe: [{ do: 'timeout', node: 0 }, { do: 'timeout', node: 1 }, { do: 'timeout', node: 2 }],
    },
    {
      narration: 'Three candidates in term 1, each holding only its own vote: a split vote. Nobody can reach a majority in this term, so each candidate waits for its timer to run out and starts term 2.\n\nRaft picks every timeout at random (§5.2), so one candidate almost always starts the next term first, and wins before the others wake up.',
      task: 'Let time run (Resume) until a leader is elected in a later term.',
      checkpoint: { kind: 'leaderElected', minTerm: 2 },
      showMe: [{ do: 'resume' }],
    },
    {
      narration: 'Term 1 had no leader: that is allowed. Randomised timeouts make split votes rare and short-lived; a fixed timeout would let them repeat forever.',
    },
  ],
};
