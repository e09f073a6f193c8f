/**
 * The list machine lives in src/shared/list-machine.ts (one copy for the simulator and the
 * browser runtime). This path stays for src/runtime/node-view.ts, which still imports it here.
 */
export { ListStateMachine } from '../shared/list-machine';
