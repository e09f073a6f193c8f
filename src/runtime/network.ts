/**
 * The network model every worker applies to what it sends and receives. It is the one model the
 * simulator uses too, and lives in src/shared/network.ts; this module keeps the runtime's import
 * path for its callers.
 */
export * from '../shared/network';
