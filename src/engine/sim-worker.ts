/**
 * The entry point of the simulated engine's Worker: the whole simulated cluster runs in this one
 * thread, so the page stays smooth. SimWorkerHost holds all the logic.
 */
import { SimWorkerHost } from './sim-host';
import type { SimCommand, SimReport } from './sim-protocol';

interface WorkerScope {
  onmessage: ((event: MessageEvent) => void) | null;
  postMessage(message: unknown): void;
}

const scope = self as unknown as WorkerScope;
const host = new SimWorkerHost((report: SimReport) => scope.postMessage(report));
scope.onmessage = (event) => host.handle(event.data as SimCommand);
