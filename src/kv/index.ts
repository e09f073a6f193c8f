export { KvStateMachine } from './machine';
export { kvCodec } from './codec';
export { validateKvCommand } from './validate';
export * from './types';
