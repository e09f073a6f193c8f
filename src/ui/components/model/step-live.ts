import type { Cluster, Explore } from '../../../engine/cluster';
import type { ExploreChoice } from '../../../engine/run';
import type { PendingItem } from '../../../sim/explore';
import type { TraceStep } from './opened-trace';

/**
 * Make one counterexample step happen now, as the user would in explore mode: the choices and
 * actions the run recorded (src/model/to-run.ts), carried out as new actions of the run. The page's
 * invariant checker sees every state they lead to — it does not check again a stretch of a run it
 * only travels through — so walking a trace this way from its start lets the page's own checker
 * find the violation. The first step taken in the past forks the run (its old future was this trace).
 *
 * The recorded ids name pending items by the scheduler's order and timers by their deadlines,
 * which depend on when things happened; taken at another moment, a step finds its item again by
 * what the model said it is (src/model/trace.ts describeAction): the message by its description,
 * the write and the timer by node and kind.
 */
export async function performStep(cluster: Cluster, explore: Explore, step: TraceStep): Promise<void> {
  for (const action of step.actions) {
    if (action.type === 'explore') await explore.explore(findAgain(await explore.pending(), action.choice, step.text));
    else if (action.type === 'propose') await cluster.propose(action.node, action.command);
    else if (action.type === 'restart') await cluster.restart(action.node);
    else if (action.type === 'resetNode') await cluster.resetNode(action.node);
    else throw new Error(`a counterexample step does not ${action.type}`);
  }
}

/** The pending item the step's choice meant, as it is named now. */
export function findAgain(pending: readonly PendingItem[], choice: ExploreChoice, text: string): ExploreChoice {
  const said = text.split(' · ')[0]!;
  const found = pending.find((item) => {
    switch (choice.type) {
      case 'deliver':
      case 'drop':
      case 'duplicate': return item.kind === 'message' && said === `${choice.type} ${item.description}`;
      case 'persist': return item.kind === 'write' && said.startsWith(`node ${item.node}: write durable`);
      case 'fire': return item.kind === 'timer' && choice.id.startsWith(`timer:${item.node}:${item.timer}:`);
    }
  });
  if (!found) throw new Error(`nothing pending fits "${said}": the cluster is not where this step starts (Back to the start, then Next)`);
  return { type: choice.type, id: found.id };
}
