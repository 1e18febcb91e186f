/**
 * How one type of user action is carried out, in two halves, so that a call
 * that throws changes nothing and what is recorded is what was applied:
 *
 *  - check reads the world and the action and throws, naming what was wrong,
 *    before anything changes. It returns the action exactly as it will be
 *    applied: own fields only, defaults filled in (setNetwork's settings),
 *    lists copied and put in order (changeMembership's servers).
 *  - run carries that action out and returns the trace record it made (null
 *    when it changed nothing, e.g. crashing a crashed server) and the result.
 *
 * apply.ts holds the table of handlers and puts the checked action on the
 * record; the topic modules (faults, networkActions, clientActions,
 * membershipActions, compaction, stepping) define them.
 */
import type { ActionOf, ActionResult, ActionType } from './actions';
import type { World } from './live';
import type { TraceEvent } from './trace';

export interface Outcome {
  event: TraceEvent | null;
  result: ActionResult;
}

export interface ActionHandler<T extends ActionType> {
  check(w: World, a: ActionOf<T>): ActionOf<T>;
  run(w: World, a: ActionOf<T>): Outcome;
}

/** An outcome with nothing to return but its record. */
export function recorded(event: TraceEvent | null): Outcome {
  return { event, result: {} };
}
