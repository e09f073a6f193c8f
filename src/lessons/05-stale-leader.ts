/** A stale leader in a minority partition (§5.2, §5.3, §5.1): it keeps leading, commits nothing, and steps down on a higher term. */
export const lesson = {
  id: 'stale-leader',
  title: 'A stale leader in a minority partition',
  summary: 'The leader is cut off with one follower; the majority elects a new leader; the old one still thinks it leads until the partition heals.',
  seed: 5, size: 5, profile: 'lab', speed: 1,
  steps: [
    {
      narration: 'A leader has been elected. Now split the network so that the leader and one follower are on one side (2 of 5, a minority) and the other three on the other.',
      setup: [{ do: 'run', ms: 1500 }],
      task: 'Open Partition in the network bar and pick "Leader … + node … (minority) | the rest".',
      checkpoint: { kind: 'leaderInMinority' },
      showMe: [{ do: 'partition', groups: [['leader', 'follower'], ['others']] }],
    },
    {
      narration: 'The three on the majority side stop hearing heartbeats; one times out and is elected in a higher term with their three votes. The old leader hears nothing of it: without CheckQuorum (the lab\'s Raft) it goes on believing it leads. It can accept writes, but never commit them: it cannot reach a majority (§5.3).',
      task: 'Let time run (Resume) until the majority side has its own leader.',
      checkpoint: { kind: 'twoLeaders' },
      showMe: [{ do: 'resume' }],
    },
    {
      narration: 'Two leaders, in different terms: the stale one and the real one. Safety holds because only the newer can commit. When the partition heals, the stale leader sees the higher term in the first message it gets and steps down (§5.1); whatever it appended uncommitted is overwritten.',
      setup: [{ do: 'resume' }],
      task: 'Heal the partition (Heal all) and let the old leader step down.',
      checkpoint: { kind: 'oneLeader' },
      showMe: [{ do: 'heal' }],
    },
    {
      narration: 'One leader again, every node in its term. Production Raft adds CheckQuorum (thesis §6.2): a leader that has not heard from a majority for an election timeout steps down by itself.',
    },
  ],
};
