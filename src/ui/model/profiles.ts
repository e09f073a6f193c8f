import { LAB_FEATURES, RAFT_PROFILES, type RaftFeatures, type RaftProfileName } from '../../raft/config';

/**
 * The two presets the page offers (issue 10): "The lab's Raft" is the bare paper the lab's tests
 * expect; "Production Raft" adds what etcd, hashicorp/raft and TiKV run. Each switch with the rule
 * it follows, for the picker's description.
 */
export const PROFILE_TITLES: Readonly<Record<RaftProfileName, string>> = {
  lab: 'The lab\'s Raft',
  production: 'Production Raft',
};

export const FEATURE_INFO: Readonly<Record<keyof RaftFeatures, { readonly title: string; readonly rule: string }>> = {
  noopOnElection: { title: 'no-op on election', rule: '§8, thesis §6.4' },
  preVote: { title: 'PreVote', rule: 'thesis §9.6' },
  checkQuorum: { title: 'CheckQuorum', rule: 'thesis §6.2' },
  leadershipTransfer: { title: 'leadership transfer', rule: 'thesis §3.10' },
  readIndex: { title: 'ReadIndex reads', rule: 'thesis §6.4' },
  leaseReads: { title: 'lease reads', rule: 'thesis §6.4.1' },
};

/** Which preset these features are, or null for a mix (set from the console). */
export function profileOf(features: RaftFeatures | undefined): RaftProfileName | null {
  const f = features ?? LAB_FEATURES;
  for (const name of Object.keys(RAFT_PROFILES) as RaftProfileName[]) {
    const preset = RAFT_PROFILES[name];
    if ((Object.keys(preset) as (keyof RaftFeatures)[]).every((k) => preset[k] === f[k])) return name;
  }
  return null;
}

/** "no-op on election (§8, thesis §6.4), PreVote (thesis §9.6), …", or "nothing beyond the paper". */
export function describeFeatures(features: RaftFeatures | undefined): string {
  const f = features ?? LAB_FEATURES;
  const on = (Object.keys(FEATURE_INFO) as (keyof RaftFeatures)[]).filter((k) => f[k]);
  return on.length === 0 ? 'nothing beyond the paper (the lab\'s tests expect it bare)' : on.map((k) => `${FEATURE_INFO[k].title} (${FEATURE_INFO[k].rule})`).join(', ');
}
