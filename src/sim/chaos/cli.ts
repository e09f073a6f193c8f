/**
 * `npm run chaos -- --seeds N [--nodes 3..9 | --swarm] [--profile lab|production] [--feature NAME]…
 *  [--membership [single|joint]] [--bug NAME] [--seed S] [--from S] [--verbose]`:
 * seeded chaos runs. With --swarm each seed also picks the cluster size, clients, keys, disk latency
 * and fault mix (swarm.ts). With --membership servers are added, promoted and removed among the
 * faults (membership.ts); --nodes then gives the starting size. A failure prints its seed, the check that caught it, and the command
 * that replays it exactly. The last line is `N runs, M client operations, V violation(s) …`.
 */
import { RAFT_PROFILES, type RaftFeatures, type RaftProfileName } from '../../raft/config';
import { BUG_NAMES, chaosReplayCommand, MEMBERSHIP_BUG_NAMES, runChaos, type BugName, type MembershipBugName } from './run';
import type { MembershipMethod } from './membership';

interface Args { seeds: number; from: number; nodes: number[]; swarm: boolean; features: Partial<RaftFeatures>; membership?: MembershipMethod; bug?: BugName | MembershipBugName; verbose: boolean; stopAtFirst: boolean }
const ALL_BUGS: readonly string[] = [...BUG_NAMES, ...MEMBERSHIP_BUG_NAMES];

const FEATURE_NAMES = Object.keys(RAFT_PROFILES.production) as (keyof RaftFeatures)[];

function parseArgs(argv: string[]): Args {
  const args: Args = { seeds: 100, from: 1, nodes: [3, 5, 7], swarm: false, features: {}, verbose: false, stopAtFirst: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = argv[i + 1];
    const int = (): number => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0) throw new Error(`${arg} needs a non-negative integer`);
      i++;
      return n;
    };
    if (arg === '--seeds') args.seeds = int();
    else if (arg === '--from') args.from = int();
    else if (arg === '--seed') { args.from = int(); args.seeds = 1; args.verbose = true; }
    else if (arg === '--nodes') {
      const n = int();
      if (n < 3 || n > 9) throw new Error('--nodes must be 3 to 9');
      args.nodes = [n];
    } else if (arg === '--bug') {
      if (!ALL_BUGS.includes(value!)) throw new Error(`--bug must be one of ${ALL_BUGS.join(', ')}`);
      args.bug = value as BugName | MembershipBugName;
      i++;
    } else if (arg === '--profile') {
      if (!(value! in RAFT_PROFILES)) throw new Error(`--profile must be one of ${Object.keys(RAFT_PROFILES).join(', ')}`);
      args.features = { ...RAFT_PROFILES[value as RaftProfileName] };
      i++;
    } else if (arg === '--feature') {
      if (!FEATURE_NAMES.includes(value as keyof RaftFeatures)) throw new Error(`--feature must be one of ${FEATURE_NAMES.join(', ')}`);
      args.features = { ...args.features, [value as keyof RaftFeatures]: true };
      i++;
    } else if (arg === '--swarm') args.swarm = true;
    else if (arg === '--membership') {
      args.membership = value === 'joint' || value === 'single' ? value : 'single';
      if (value === 'joint' || value === 'single') i++;
    }
    else if (arg === '--verbose') args.verbose = true;
    else if (arg === '--stop-at-first') args.stopAtFirst = true;
    else throw new Error(`unknown argument ${arg}; usage: npm run chaos -- --seeds N [--nodes 3..9 | --swarm] [--profile lab|production] [--feature NAME]… [--membership [single|joint]] [--bug NAME] [--seed S]`);
  }
  return args;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const started = performance.now();
  let failures = 0;
  let runs = 0;
  let operations = 0;
  const changes = { proposed: 0, accepted: 0, added: 0, retired: 0 };
  // With --swarm the seed picks the size: one pass over the seeds, counted by the size it drew.
  for (const nodes of args.swarm ? [0] : args.nodes) {
    let nodeFailures = 0;
    let seedsRun = 0;
    const bySize = new Map<number, number>();
    for (let seed = args.from; seed < args.from + args.seeds; seed++) {
      const options = { seed, nodes, features: args.features, ...(args.swarm ? { swarm: true } : {}), ...(args.membership ? { membership: args.membership } : {}), ...(args.bug ? { bug: args.bug } : {}) };
      const result = await runChaos(options);
      runs++;
      seedsRun++;
      operations += result.operations;
      if (result.membership) for (const key of Object.keys(changes) as (keyof typeof changes)[]) changes[key] += result.membership[key];
      bySize.set(result.nodes, (bySize.get(result.nodes) ?? 0) + 1);
      if (args.verbose) console.log(result.log.join('\n'));
      if (!result.ok) {
        failures++;
        nodeFailures++;
        console.log(`FAIL seed ${seed}, ${result.nodes} nodes, caught by ${result.caughtBy}: ${result.failure}\n  replay: ${chaosReplayCommand(options)}`);
        if (args.stopAtFirst) break;
      }
    }
    const sizes = [...bySize].sort(([a], [b]) => a - b).map(([size, count]) => `${count} on ${size}`).join(', ');
    console.log(args.swarm ? `swarm: ${seedsRun} seeds (${sizes} nodes), ${nodeFailures} violation(s)` : `${nodes} nodes: ${seedsRun} seeds, ${nodeFailures} violation(s)`);
  }
  const seconds = (performance.now() - started) / 1000;
  if (args.membership) console.log(`membership: ${changes.accepted} of ${changes.proposed} changes proposed were accepted, ${changes.added} servers added, ${changes.retired} shut down after their removal`);
  console.log(`${runs} runs, ${operations} client operations, ${failures} violation(s) in ${seconds.toFixed(1)} s (${(runs / seconds * 60).toFixed(0)} seeds/min)${args.swarm ? ' with --swarm' : ''}${describeFeatures(args.features)}${args.membership ? ` with --membership ${args.membership}` : ''}${args.bug ? ` with bug ${args.bug}` : ''}`);
  return failures === 0 ? 0 : 1;
}

function describeFeatures(features: Partial<RaftFeatures>): string {
  const on = FEATURE_NAMES.filter((name) => features[name]);
  return on.length ? ` with ${on.join(', ')}` : '';
}

// Set the exit code rather than calling process.exit(), which can cut off output still in a pipe.
main().then((code) => { process.exitCode = code; }, (error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 2;
});
