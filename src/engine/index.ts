/** The pure Raft core. See node.ts for the entry point. */
export * from './types';
export * from './messages';
export * from './log';
export * from './quorum';
export * from './ready';
export * from './state';
export type { Progress } from './progress';
export * from './stateMachine';
export * from './config';
export { step, type Input } from './node';
export { membershipBlocked, type ConfigChange } from './membership';
