import type { KvCommand, KvResult } from '../../kv/types';
import type { NodeId } from '../../raft/types';
import type { NodeView } from '../../runtime';
import { currentLeader } from '../model/roles';
import { KvClient, KvClientError } from '../../runtime/client';
import type { Cluster } from '../../engine/cluster';
import { ClientHistory, definitelyLost, type ClientOp } from './history';

/**
 * The page's clients. Each named client ("A", "B", …) is a KvClient of its own, with its own
 * sessions (thesis §6.3). A command goes either to the leader — found and retried by KvClient —
 * or to one node the user picked, once, without retries: a stale leader in a minority then
 * visibly accepts an entry that never commits.
 */
export class UiClients {
  private readonly clients = new Map<string, KvClient>();
  private nextId = 1;
  private readonly log = new ClientHistory();

  constructor(
    private readonly cluster: Cluster,
    /** Told of every operation's start and end (a new object each time). */
    private readonly onChange: (op: ClientOp) => void,
    private readonly sessionPrefix: string = newSessionPrefix(),
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** What the page keeps of the operations since the last clear (in flight, and finished until checked). */
  history(): ClientHistory {
    return this.log;
  }

  clear(): void {
    this.log.clear(this.nextId);
  }

  async submit(client: string, command: KvCommand, target: NodeId | 'leader', options: { timeoutMs?: number; quiet?: boolean } = {}): Promise<ClientOp> {
    const timeoutMs = options.timeoutMs ?? 8000;
    let op: ClientOp = { id: this.nextId++, client, command, target, call: this.now(), return: null, status: 'pending', ...(options.quiet ? { quiet: true } : {}) };
    this.record(op);
    const end = (fields: Partial<ClientOp>): ClientOp => {
      op = { ...op, return: this.now(), ...fields };
      this.record(op);
      return op;
    };
    if (target === 'leader') {
      try {
        const { result, servedBy } = await this.client(client).submitServed(command, { timeoutMs });
        return end({ status: 'ok', result, servedBy });
      } catch (error) {
        const invalid = error instanceof KvClientError && error.code === 'invalid';
        return end({ status: invalid ? 'refused' : 'unknown', error: (error as Error).message });
      }
    }
    return this.direct(op, target, end);
  }

  /** One proposal to one node: placed or refused; then applied or lost. */
  private async direct(op: ClientOp, node: NodeId, end: (fields: Partial<ClientOp>) => ClientOp): Promise<ClientOp> {
    const session = { client: `${this.sessionPrefix}.${op.client}.direct${op.id}`, seq: 1 };
    const proposal = await this.cluster.propose<KvResult>(node, { ...op.command, session }, op.command.op === 'get' ? { read: true } : {});
    if (!proposal.outcome) {
      const hint = proposal.error ? '' : ` (${whoLeads(node, proposal.leaderHint, this.cluster.getState().nodes)})`;
      return end({ status: 'refused', error: `${proposal.error ?? `node ${node} is not the leader`}${hint}` });
    }
    if (proposal.placed) {
      op = { ...op, placed: proposal.placed };
      this.record(op);
    }
    const outcome = await proposal.outcome;
    if (outcome.ok) return end({ status: 'ok', result: outcome.result, servedBy: outcome.servedBy ?? 'log' });
    return end({ status: definitelyLost(outcome.reason) ? 'lost' : 'unknown', error: outcome.reason });
  }

  private client(name: string): KvClient {
    let client = this.clients.get(name);
    if (!client) {
      client = new KvClient(this.cluster, undefined, `${this.sessionPrefix}.${name}`);
      this.clients.set(name, client);
    }
    return client;
  }

  private record(op: ClientOp): void {
    this.log.record(op);
    this.onChange(op);
  }
}

/**
 * Who to ask instead (issue 12, item 8: a refusal that does not say who leads leaves the user
 * guessing): what the refusing node believes (its leader hint, Figure 2's leaderId) and, when that
 * differs, who the page sees leading.
 */
export function whoLeads(node: NodeId, hint: NodeId | null, nodes: readonly NodeView[]): string {
  const leader = currentLeader(nodes);
  const seen = leader ? `node ${leader.id} leads term ${leader.term}` : 'no node leads now: an election is under way, or no majority can reach each other';
  if (hint === null || hint === node) return `it knows of no leader; ${seen}`;
  if (leader?.id === hint) return `it points to node ${hint}, the leader of term ${leader.term}`;
  return `it points to node ${hint}; ${seen}`;
}

function newSessionPrefix(): string {
  // Sessions live in the replicated store across reloads, so a new page must never reuse an id.
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `page-${Date.now().toString(36)}`;
}
