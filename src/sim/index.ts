/**
 * The headless API (a public contract: course staff's scripts, the worker, the
 * tests and the benchmarks use these names).
 *
 *   import { createCluster } from './src/sim';
 *   const c = createCluster({ servers: 5, seed: 'lecture-1' });
 *   c.runUntil((c) => c.leaderId() !== null, 5_000);
 *   c.submit('x=1');
 */
import { RaftCluster } from './api';
import type { ClusterOptions } from './options';

export function createCluster(options: Partial<ClusterOptions> = {}): RaftCluster {
  return new RaftCluster(options);
}

export { RaftCluster } from './api';
export type { ServerView, ServerSummary, ClientView, NetworkView } from './views';
export type { ClientOp, ClientOutcome } from './clients';
export type { Stats, TypeStats, WorldState, SimEvent, PendingEvent } from './world';
export type { Violation, ViolationFacts, ViolationShape, SafetyProperty } from './invariants';
export { SAFETY_PROPERTIES } from './invariants';
export type { InFlightMessage, DeliveryFailure } from './network';
export { DEFAULT_OPTIONS, MAX_SERVERS, LIMITS, UNSAFE_KEYS as UNSAFE_RULES } from './options';
export type { ClusterOptions, NetworkSettings, InitialServer } from './options';
export type { TraceEvent, TraceKind } from './trace';
export type { Seed } from './prng';
// The seeded generator, for analyses above the simulator that draw their own schedules (issue 14).
export { Prng } from './prng';
export { applyAction } from './api';
export type { UserAction, ActionType, ActionResult, SubmitResult } from './actions';

// The validation rules the scenario format, the worker and the settings form share with the
// simulator (issue 10: one set of rules, so a limit cannot differ between them).
export { ACTION_TYPES, checkActionShape } from './actions';
export { INITIAL_ENTRY_KEYS, INITIAL_KEYS, NETWORK_KEYS, UNSAFE_KEYS, resolveOptions, validateNetwork } from './options';
export { checkFields, describe as describeValue, hasOwn, isPlainObject, ownValue } from './rules';
