/**
 * A branch's checkpoints: the whole plain-data cluster state at evenly spaced
 * events, taken as the run first moves forward. When there are more than the
 * bound, every other one is dropped and the spacing doubles, so memory stays
 * bounded however long the run and no moment is further than one spacing from
 * a checkpoint.
 */
import type { RaftCluster, TraceEvent, WorldState } from '../sim';
import type { RecordedAction } from '../scenario/types';
import type { Position } from './protocol';

export const CHECKPOINT_EVERY = 2_000;
/** 128 rather than 64 halves the longest replay of a seek (issue 10), for about 130 MB more in a one-hour run. */
export const MAX_CHECKPOINTS = 128;
/** Events before a seek's target that the event log shows at least (when the run has them). */
export const EVENT_LOG_CONTEXT = 200;

export interface Checkpoint extends Position {
  state: WorldState;
  /**
   * The last EVENT_LOG_CONTEXT trace events before the checkpoint (shared,
   * immutable), so the event log after a seek shows what led up to the moment
   * without replaying the span before the checkpoint too.
   */
  lead: readonly TraceEvent[];
}

/** Take a checkpoint of the cluster now; past `max`, keep the start and every other one, and space new ones twice as far. */
export function addCheckpoint(b: { checkpoints: Checkpoint[]; spacing: number }, c: RaftCluster, max: number): void {
  const cps = b.checkpoints;
  cps.push({ n: c.eventCount, time: c.now, state: c.checkpoint(), lead: c.traceSince(c.eventCount - EVENT_LOG_CONTEXT) });
  if (cps.length > max) {
    b.checkpoints = cps.filter((_, i) => i % 2 === 0);
    b.spacing *= 2;
  }
}

/** The latest checkpoint that is `ok` (the first one, the run's start, when none is). */
export function latestCheckpoint(cps: readonly Checkpoint[], ok: (cp: Checkpoint) => boolean): Checkpoint {
  let i = 0;
  for (let k = 0; k < cps.length; k++) if (ok(cps[k]!)) i = k;
  return cps[i]!;
}

/** Index of the first recorded action at or after event n (actions are in event order): a binary search, since a long run records tens of thousands. */
export function firstActionFrom(actions: readonly RecordedAction[], n: number): number {
  let lo = 0;
  let hi = actions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (actions[mid]!.n < n) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
