import { CheckSession, type CheckRequest } from './check-session';

/** The linearizability checker's own thread: the search never competes with the page's frames. */
const scope = self as unknown as { postMessage(message: unknown): void; onmessage: ((event: MessageEvent<CheckRequest>) => void) | null };
const session = new CheckSession();

scope.onmessage = (event) => scope.postMessage(session.handle(event.data));
