import type { NodeId } from '../raft/types';
import * as net from './network';

/**
 * The network controls every engine offers (the live WorkerCluster, the simulated SimEngine and
 * the page's SimClusterProxy), written once: each is a pure edit of the whole configuration
 * (./network.ts) handed to the engine's own setNetwork, which is all an engine implements.
 */
export abstract class NetworkControls {
  abstract getNetwork(): net.NetworkConfig;

  /** Replace the whole network configuration (the lab's setReliable uses this). */
  abstract setNetwork(network: net.NetworkConfig): void;

  /** Cut the link between a and b (only a → b if oneWay). What is sent over it is dropped. */
  cutLink(a: NodeId, b: NodeId, options: { oneWay?: boolean } = {}): void {
    this.setNetwork(net.setLinkCut(this.getNetwork(), a, b, true, options.oneWay));
  }

  healLink(a: NodeId, b: NodeId, options: { oneWay?: boolean } = {}): void {
    this.setNetwork(net.setLinkCut(this.getNetwork(), a, b, false, options.oneWay));
  }

  /** Cut a node off from everyone; it keeps running (an isolated leader still believes it leads). */
  isolate(node: NodeId): void {
    this.setNetwork(net.setIsolated(this.getNetwork(), node, true));
  }

  rejoin(node: NodeId): void {
    this.setNetwork(net.setIsolated(this.getNetwork(), node, false));
  }

  /** Split the cluster: nodes talk only within their group. Every node must be in one group. */
  partition(groups: readonly (readonly NodeId[])[]): void {
    this.setNetwork(net.partition(this.getNetwork(), groups));
  }

  healPartition(): void {
    this.setNetwork(net.healPartition(this.getNetwork()));
  }

  /** Heal every cut, isolation and partition (loss and delay stay). */
  healAll(): void {
    this.setNetwork(net.healAll(this.getNetwork()));
  }

  /** Loss in percent, for every message, only requests or replies, or one directed link. */
  setLoss(lossPercent: number, scope: net.PolicyScope = {}): void {
    this.setNetwork(net.setPolicy(this.getNetwork(), { lossPercent }, scope));
  }

  /** Delay range in virtual ms, drawn per message. */
  setDelay(delayMinMs: number, delayMaxMs: number, scope: net.PolicyScope = {}): void {
    this.setNetwork(net.setPolicy(this.getNetwork(), { delayMinMs, delayMaxMs }, scope));
  }

  clearLinkPolicy(from: NodeId, to: NodeId): void {
    this.setNetwork(net.clearLinkPolicy(this.getNetwork(), from, to));
  }
}
