/**
 * The bookkeeping that lets the trace ring make old records again (issue 14):
 * a checkpoint every so many events, and every user action applied since the
 * oldest one still needed, with where it happened. traceReplay.ts replays
 * from them; stepping.ts takes the marks and apply.ts logs the actions.
 */
import type { Message } from '../engine';
import type { UserAction } from './actions';
import { checkpoint } from './lifecycle';
import type { ReplayLog, World } from './live';
import type { InFlightMessage } from './network';

/** Take a mark if one is due. Called between events only (the event loops), never inside an action. */
export function markIfDue(w: World): void {
  const log = w.replay;
  if (log !== null && w.state.events >= log.nextAt) takeMark(w, log);
}

function takeMark(w: World, log: ReplayLog): void {
  const n = w.state.events;
  const originals = new Map<InFlightMessage, Message>();
  log.marks.push({ n, actions: log.applied, state: checkpoint(w, originals), originals });
  log.nextAt = n + log.every;
  pruneMarks(log, n);
}

/**
 * Drop the marks and logged actions no replay can need once `events` events
 * have happened: the oldest record the ring can still hold is events - limit + 1
 * (and later ones), and the newest mark at or before events - limit replays to it.
 */
export function pruneMarks(log: ReplayLog, events: number): void {
  while (log.marks.length > 1 && log.marks[1]!.n <= events - log.limit) log.marks.shift();
  const oldest = log.marks[0]!.actions;
  let drop = 0;
  while (drop < log.actions.length && log.actions[drop]!.ordinal < oldest) drop++;
  if (drop > 0) log.actions.splice(0, drop);
}

/** Log a user action just applied, with the event count and time before it (apply.ts). */
export function logAction(w: World, n: number, time: number, action: UserAction): void {
  const log = w.replay;
  if (log !== null) log.actions.push({ ordinal: log.applied++, n, time, action });
}
