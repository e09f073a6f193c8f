/**
 * The browser runtime: the Raft core (src/raft) running for real, one module Worker per node, with
 * the KV store (src/kv) as its state machine, MessagePorts between nodes and IndexedDB for each
 * node's promises. Framework-free: the UI subscribes and renders.
 *
 *   const { cluster } = await openCluster();        // 5 nodes, restored from IndexedDB if present
 *   const client = new KvClient(cluster);
 *   await client.put('x', '1');                      // → { succ, key, value } (the lab's result)
 *   const stop = cluster.subscribe((state) => render(state.nodes));
 *   cluster.crash(2); cluster.restart(2);            // terminate a worker; restore it from IndexedDB
 *   cluster.isolate(0); cluster.partition([[0, 1], [2, 3, 4]]); cluster.healAll();
 *   cluster.cutLink(0, 1, { oneWay: true }); cluster.setLoss(20); cluster.setDelay(5, 50);
 *   cluster.pause(); cluster.setSpeed(0.1); cluster.resume();
 *   cluster.step(20);                                // paused: let 20 virtual ms pass, then stop again
 *   cluster.forceElectionTimeout(3);                 // node 3 starts an election now
 *   cluster.setTiming({ electionTimeoutMinMs: 150 }); cluster.setBugs({ grantVoteWithoutUpToDate: true });
 *   cluster.subscribeTraffic((batch) => animate(batch.events));   // sends, deliveries, drops
 *   cluster.subscribeEvents((node, events) => explain(events));    // the core's rule citations
 *   cluster.subscribeApplied((node, entries) => check(entries));   // with { reportApplied: true }
 *   await cluster.reset({ size: 7 });                 // wipe every store, start over (queued: one lifecycle step at a time)
 *
 * In the page, one tab runs the cluster: `openCluster({ lock: new TabLock('raftlab:app') })` opens
 * it parked in any other tab (state.standby), and `owner.takeOver()` moves it there once the owning
 * tab has stopped its workers.
 *
 * State per node (NodeView): role, term, vote, leader, commit and applied index, the log's last
 * entries, snapshot index and term, the leader's next/match index per follower, the election timer
 * and the votes a candidate holds, a look at the state machine, and what of it is durable
 * (view.durable, log.stableIndex) versus only in memory.
 */

export { WorkerCluster, type ClusterOptions, type ClusterState, type ClusterConfig, type Standby, type TrafficBatch, type WorkerLike } from './cluster';
export { NO_RUNTIME_BUGS, BUG_NAMES, type RuntimeBugs, type BugName } from './bugs';
export { KvClient, KvClientError, leaderOf, type SubmitOptions } from './client';
export type { Proposal } from './requests';
export type { NodeView, NodeStatus, EntryView, ProgressView, TrafficEvent, TrafficCounters, TimerView, MachineSummary, AppliedEntryView } from './protocol';
export type { NetworkConfig, LinkPolicy, DropReason, LinkDownReason, PolicyScope } from './network';
export { linkDown } from './network';
export type { ClockState } from './clock';
export { MIN_SPEED, MAX_SPEED, virtualAt, wallNow, stepDone } from './clock';
export type { MachineKind } from './machines';
export { runLabTestOnWorkers, labTestNames, type BrowserLabResult } from './lab-runner';
export { WorkerLabGroup } from './lab-group';
export { validateMessage, validateWire, MalformedMessage } from './validate';
export { StorageCorruption } from './storage-codec';
export { nodeDatabaseName } from './idb-storage';

export { openCluster, CLUSTER_SIZES, DEFAULT_CLUSTER_SIZE, type OpenedCluster } from './open-cluster';
export { TabLock } from './tab-lock';
export { TabOwner } from './tab-owner';
