/**
 * The one way into the simulator: apply(world, action). Every user action,
 * whether it comes from a script's c.crash(2), the page, a link being replayed
 * or the time machine, is data (actions.ts) carried out here:
 *
 *   1. its shape is checked (known type, own fields only, none unknown);
 *   2. its handler's check reads the world and throws, naming what was wrong,
 *      before anything changes; it returns the action as it will be applied;
 *   3. its handler's run carries out that action, and that same object is put
 *      on the trace record the action made.
 *
 * So a call that throws changes nothing, and the action recorded is the
 * action applied, by construction: the time machine and the scenario format
 * rely on replaying one to get the other.
 */
import { checkActionShape, type ActionOf, type ActionResult, type ActionType, type UserAction } from './actions';
import { clientRequest, submit } from './clientActions';
import { snapshot } from './compaction';
import { crash, restart, timeout } from './faults';
import type { ActionHandler } from './handler';
import type { World } from './live';
import { addServer, changeMembership, removeServer, transferLeadership } from './membershipActions';
import { connect, disconnect, dropMessage, duplicateMessage, heal, partition, setLink, setNetwork } from './networkActions';
import { processEvent } from './stepping';
import { logAction } from './traceMarks';
import type { TraceEvent } from './trace';

const HANDLERS: { readonly [T in ActionType]: ActionHandler<T> } = {
  crash,
  restart,
  timeout,
  disconnect,
  connect,
  setLink,
  partition,
  heal,
  setNetwork,
  submit,
  dropMessage,
  duplicateMessage,
  processEvent,
  addServer,
  removeServer,
  changeMembership,
  transferLeadership,
  snapshot,
  clientRequest,
};

export interface Applied {
  /** The action as applied and recorded (own fields, defaults filled, lists copied). */
  action: UserAction;
  /** The trace record it made, carrying `action` (null: it changed nothing, e.g. restarting a live server). */
  event: TraceEvent | null;
  result: ActionResult;
}

/** Carry out one action; throws (changing nothing) on a bad action or bad arguments. */
export function apply(w: World, input: UserAction): Applied {
  const type = checkActionShape('action', input);
  // A copy of the own fields: nothing inherited is read by the handler.
  const own = { ...input } as ActionOf<typeof type>;
  const handler = HANDLERS[type] as ActionHandler<typeof type>;
  const action = handler.check(w, own);
  const n = w.state.events;
  const time = w.state.time;
  const { event, result } = handler.run(w, action);
  // Replaying the run to make old trace records again applies it at the same moment (traceMarks.ts).
  logAction(w, n, time, action);
  if (event) {
    event.action = action;
    w.trace.setAction(event.n, action); // the ring keeps the record's fields, not the object
  }
  return { action, event, result };
}
