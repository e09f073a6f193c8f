import type { Cluster } from '../../engine/cluster';
import type { NodeStatus } from '../../runtime';
import { MessageLog } from '../model/message-log';
import type { AppStore } from '../store/store';

const logs = new WeakMap<Cluster, MessageLog>();

/** The cluster's message log, recorded since the page was wired (null before, or with no cluster). */
export function messageLogOf(cluster: Cluster | null): MessageLog | null {
  return cluster ? logs.get(cluster) ?? null : null;
}

/**
 * Record the cluster's messages, rule events, crashes and restarts for the space-time diagram,
 * from the page's start (the diagram's chunk loads only when opened; what happened before must be
 * there). The streams are the ones the page already listens to; a time-travel replay is muted by
 * the engine and a stretch played again is recognised by the log. A fork drops the old future.
 */
export function recordMessages(cluster: Cluster, store: AppStore): MessageLog {
  const log = new MessageLog();
  logs.set(cluster, log);
  let statuses: readonly NodeStatus[] = cluster.getState().nodes.map((v) => v.status);
  // Recorded for the page's whole life: nothing unsubscribes.
  cluster.subscribeTraffic((batch) => log.addTraffic(batch.events, batch.overflow));
  cluster.subscribeEvents((node, events) => {
    const now = cluster.now();
    log.addRules(node, events.map((event) => ({ ...event, at: event.at ?? now })));
  });
  cluster.subscribe((state) => {
    const travelling = store.getState().travelling > 0;
    for (const view of state.nodes) {
      const was = statuses[view.id];
      if (travelling || was === undefined || was === view.status) continue;
      if (view.status === 'crashed') log.addStatus(view.id, cluster.now(), 'crashed');
      else if (was === 'crashed') log.addStatus(view.id, cluster.now(), 'restarted');
    }
    statuses = state.nodes.map((v) => v.status);
  });
  store.subscribe((s, before) => {
    if (s.fork && s.fork !== before.fork) log.dropAfter(s.fork.at);
  });
  return log;
}
