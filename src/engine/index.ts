/**
 * The pure Raft core. See node.ts for the entry point. Its modules are
 * ordered, each importing only those before it (moduleOrder.test.ts):
 * vocabulary (types, messages, ready) → log, config, quorum, state machine →
 * progress (the leader's record of a follower) → state → roles (transitions)
 * → replication (§5.3, §5.4.2) → election (§5.2) → membership (§6),
 * snapshots (§7), reads (§8), leadership transfer (dissertation §3.10) →
 * stepByRole (message dispatch) → node. What the extensions do when
 * replication moves on is registered in hooks.ts by node.ts.
 */
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
