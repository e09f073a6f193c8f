/**
 * The entry point of one node's dedicated module Worker. It wires the thread's real facilities —
 * MessagePorts to the peers, setTimeout, IndexedDB, postMessage to the page — to a NodeHost, which
 * holds all the logic.
 */
import type { NodeId } from '../raft/types';
import { MonotonicClock } from './clock';
import { IdbNodeStorage } from './idb-storage';
import { machineSpec } from './machines';
import { NodeHost } from './node-host';
import type { ControlMessage, InitCommand, StoppedReport, WorkerReport } from './protocol';
import { Reporter, type ReportStamp } from './reporter';
import type { WireMessage } from './validate';

interface WorkerScope {
  onmessage: ((event: MessageEvent) => void) | null;
  postMessage(message: unknown): void;
}

const scope = self as unknown as WorkerScope;

class WorkerNode {
  private readonly clock: MonotonicClock;
  private readonly ports = new Map<NodeId, MessagePort>();
  private readonly reporter: Reporter;
  private readonly stamp: ReportStamp;
  readonly host: NodeHost;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private wakeTarget = Infinity;

  constructor(init: InitCommand) {
    this.clock = new MonotonicClock(init.clock);
    this.stamp = { node: init.id, incarnation: init.incarnation, generation: init.generation };
    this.reporter = new Reporter((report: WorkerReport) => scope.postMessage(report), this.stamp, init.reportIntervalMs);
    const storage = new IdbNodeStorage<unknown>(init.databaseName, machineSpec(init.machine).codec);
    this.host = new NodeHost({ ...init }, {
      storage,
      now: () => this.clock.now(),
      isPaused: () => this.clock.state.paused,
      wakeAt: (at) => this.wakeAt(at),
      post: (to, wire) => this.post(to, wire),
      sink: this.reporter,
    });
    this.reporter.source = this.host;
    for (const { peer, port } of init.ports) this.attach(peer, port);
    this.reporter.changed();
    void this.host.start().then(() => this.reporter.flushAll());
  }

  control(message: ControlMessage): void {
    switch (message.type) {
      case 'init': throw new Error('this worker already runs a node');
      case 'port': return this.attach(message.peer, message.port);
      case 'peerDown':
        this.ports.get(message.peer)?.close();
        this.ports.delete(message.peer);
        return;
      case 'clock':
        this.clock.state = message.clock;
        this.wakeTarget = NaN;
        return this.host.clockChanged();
      case 'network': return this.host.setNetwork(message.network);
      case 'propose': return this.reporter.proposed(this.host.propose(message.requests));
      case 'saveSnapshot': return this.reporter.snapshotTaken(message.requestId, this.host.saveSnapshot());
      case 'readLog': return this.reporter.logRead(message.requestId, this.host.readLog(message.from, message.to));
      case 'configure': return this.host.configure(message.raft, message.ackBeforePersist);
      case 'forceElection': this.host.forceElectionTimeout(); return;
      case 'transferLeadership': this.host.transferLeadership(message.target); return;
      case 'inject': this.ports.get(message.to)?.postMessage(message.payload); return;
      case 'stop': return this.stop();
    }
  }

  /** Halt the node, close its ports, and say so once no write of it is in flight. */
  private stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    for (const port of this.ports.values()) port.close();
    this.ports.clear();
    void this.host.halt().then(() => {
      this.reporter.flushAll();
      scope.postMessage({ type: 'stopped', ...this.stamp } satisfies StoppedReport);
    });
  }

  private attach(peer: NodeId, port: MessagePort): void {
    this.ports.get(peer)?.close();
    port.onmessage = (event: MessageEvent) => this.host.onWire(peer, event.data);
    // A message that cannot even be deserialised is malformed too.
    port.onmessageerror = () => this.host.onWire(peer, undefined);
    this.ports.set(peer, port);
  }

  private post(to: NodeId, wire: WireMessage<unknown>): boolean {
    const port = this.ports.get(to);
    if (!port) return false;
    port.postMessage(wire);
    return true;
  }

  /** One real timer, at the next virtual deadline, scaled by the speed; none while paused. */
  private wakeAt(at: number): void {
    if (at === this.wakeTarget && this.timer !== null) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.wakeTarget = at;
    const delay = this.clock.realDelayUntil(at);
    if (delay === Infinity) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.host.wake();
    }, Math.ceil(delay));
  }
}

let node: WorkerNode | null = null;

scope.onmessage = (event: MessageEvent) => {
  const message = event.data as ControlMessage;
  try {
    if (message.type === 'init' && !node) node = new WorkerNode(message);
    else if (node) node.control(message);
  } catch (error) {
    // Control messages come from our own page; an error here is a bug worth seeing, not hiding.
    console.error(`raftlab worker: ${message.type} failed`, error);
  }
};
