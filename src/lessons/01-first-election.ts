/** Terms and a first election (§5.1, §5.2): followers, election timers, a candidate, votes, a leader. */
export const lesson = {
  id: 'first-election',
  title: 'Terms and a first election',
  summary: 'Five nodes start as followers in term 0; the first whose election timer runs out asks for votes and leads term 1.',
  seed: 1, size: 5, profile: 'lab', speed: 1,
  steps: [
    {
      narration: 'Five nodes have just started. Each is a follower in term 0, and each runs an election timer with its own random timeout (the rings around the nodes). Time is paused.\n\nA follower that hears from no leader before its timer runs out becomes a candidate: it starts term 1, votes for itself and asks the others for their votes (§5.2).',
      task: 'Let time run (Resume) and watch a leader be elected.',
      checkpoint: { kind: 'leaderElected' },
      showMe: [{ do: 'resume' }],
    },
    {
      narration: 'A candidate that gets votes from a majority (3 of 5) leads its term. Each node votes at most once per term, so at most one leader per term (Election Safety). The leader now sends heartbeats, empty AppendEntries, that keep resetting the followers\' timers.\n\nTerms are Raft\'s logical clock (§5.1): a node that sees a higher term takes it at once, and a leader that sees one steps down.',
      setup: [{ do: 'resume' }],
      task: 'Make a follower start an election now: select it and press its "Force election timeout" button.',
      checkpoint: { kind: 'leaderElected', minTerm: 2 },
      showMe: [{ do: 'timeout', node: 'follower' }],
    },
    {
      narration: 'The follower raised the term to 2 and won: its log was as up to date as every other, so they voted for it, and the old leader stepped down when it saw term 2. Every election starts a new term, whether it succeeds or not.',
    },
  ],
};
