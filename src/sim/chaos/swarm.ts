import { Prng } from '../../raft/prng';
import { DEFAULT_PROFILE, FAULTS, type FaultName, type NemesisProfile } from './nemesis';

/**
 * Swarm testing (Groce et al., ISSTA 2012; TigerBeetle's VOPR draws its whole configuration from
 * the seed): each seed also picks the cluster size, the clients and keys, the disk's latency and
 * the mix and rates of faults. A fault left out entirely lets others run long enough to matter —
 * a schedule without leader churn is one where a stranded follower stays stranded.
 */
export interface SwarmConfig {
  readonly nodes: 3 | 5 | 7;
  readonly clients: number;
  readonly keys: number;
  readonly diskLatencyMs: { readonly min: number; readonly max: number };
  readonly profile: NemesisProfile;
}

export function drawSwarm(seed: number): SwarmConfig {
  const prng = new Prng(seed ^ 0x5a4a1e5);
  const nodes = ([3, 5, 7] as const)[prng.int(3)]!;
  const clients = 1 + prng.int(5);
  const keys = 1 + prng.int(8);
  const diskLatencyMs = prng.chance(0.25) ? { min: 0, max: 0 } : { min: 0, max: 1 + prng.int(20) };
  const weights = Object.fromEntries(FAULTS.map((name) => {
    const base = DEFAULT_PROFILE.weights[name];
    return [name, prng.chance(0.3) ? 0 : Math.max(1, Math.round(base * (0.25 + 2.75 * prng.next())))];
  })) as Record<FaultName, number>;
  const profile: NemesisProfile = {
    weights, paceMs: 200 + prng.int(1300),
    maxDropPercent: prng.int(41), maxDuplicatePercent: prng.int(31), maxDelayMs: 5 + prng.int(150),
  };
  return { nodes, clients, keys, diskLatencyMs, profile };
}

/** One line: what this seed's swarm configuration is. */
export function describeSwarm(config: SwarmConfig): string {
  const p = config.profile;
  const faults = FAULTS.filter((name) => p.weights[name] > 0).map((name) => `${name}:${p.weights[name]}`).join(' ');
  return `swarm: ${config.nodes} nodes, ${config.clients} clients, ${config.keys} keys, disk ${config.diskLatencyMs.min}-${config.diskLatencyMs.max} ms, `
    + `a fault every 50-${50 + p.paceMs} ms, loss <${p.maxDropPercent}% dup <${p.maxDuplicatePercent}% delay <${p.maxDelayMs} ms; faults ${faults || 'none'}`;
}
