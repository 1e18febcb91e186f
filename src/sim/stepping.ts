/**
 * Time: the event loop. Events come off the one queue in (time, seq) order;
 * stale timers are skipped. step, runFor, runUntil and runToEvent move the run
 * forward; pending lists what can happen next, and processEvent (manual mode,
 * a user action) makes one of those happen ahead of the others.
 */
import { clientAddress, isClientAddress, type ClientReply, type Input } from '../engine';
import { clientTimeout, deliverToClient } from './clientActions';
import { recorded, type ActionHandler } from './handler';
import { lastEvent, record, slot, type World } from './live';
import { deliveryFailure } from './network';
import { checkIdType, checkSpanMs, describe } from './rules';
import { stepServer } from './serverStep';
import { clientTimerIsCurrent, pendingTimer, timerIsCurrent, timerLeftQueue, timersStoodIn } from './timers';
import { markIfDue } from './traceMarks';
import { NO_NOTES, NO_SENT, type TraceEvent, type TraceKind } from './trace';
import { inFlightMessage } from './wire';
import type { LiveEvent, PendingEvent, WireDelivery } from './world';

function isLive(w: World, ev: LiveEvent): boolean {
  if (ev.kind === 'deliver') return true;
  if (ev.kind === 'clientTimer') return clientTimerIsCurrent(w, ev);
  return timerIsCurrent(w, ev);
}

/** Take the queue's first event (a timer's that stood in for a later deadline queues that deadline: timers.ts). */
function take(w: World): LiveEvent {
  const ev = w.queue.pop()!;
  if (ev.kind === 'timer') timerLeftQueue(w, ev);
  return ev;
}

/** Pop the next event that is still live (reset or stopped timers are skipped), if it is due by `until`. */
function nextLive(w: World, until: number): LiveEvent | null {
  for (;;) {
    const ev = w.queue.peek();
    if (!ev || ev.time > until) return null;
    take(w);
    if (isLive(w, ev)) return ev;
  }
}

/** Make `ev` happen (its record goes to the trace: lastEvent builds it when wanted). */
function process(w: World, ev: LiveEvent): void {
  // An event chosen by hand ahead of earlier ones (manual mode) leaves those
  // behind the clock; they then happen late, at the current time.
  w.state.time = Math.max(w.state.time, ev.time);
  if (ev.kind === 'clientTimer') {
    clientTimeout(w, ev.client);
    return;
  }
  if (ev.kind === 'timer') {
    const kind: TraceKind = ev.timer === 'election' ? 'electionTimeout' : 'heartbeatTimeout';
    const s = slot(w, ev.server);
    if (ev.timer === 'election') s.electionDeadline = null;
    else s.heartbeatDeadline = null;
    stepServer(w, ev.server, ev.timer === 'election' ? ELECTION_TIMEOUT : HEARTBEAT_TIMEOUT, kind);
    return;
  }
  const m = ev.message;
  if (isClientAddress(m.to)) {
    deliverToClient(w, ev as WireDelivery & { message: ClientReply });
    return;
  }
  const receiver = w.state.servers[m.to];
  const failure = deliveryFailure(w.state.network, m, ev.lost, receiver?.alive === true);
  if (failure) {
    w.state.stats.undelivered++;
    record(w, { kind: 'drop', server: m.to, message: inFlightMessage(ev), failure, notes: NO_NOTES, sent: NO_SENT });
    return;
  }
  w.state.stats.delivered++;
  // One input object per world, refilled: the engine reads it during the step and keeps nothing of it.
  const input = w.deliverInput;
  input.message = m;
  stepServer(w, m.to, input, 'deliver', ev);
}

const ELECTION_TIMEOUT: Input = Object.freeze({ type: 'electionTimeout' });
const HEARTBEAT_TIMEOUT: Input = Object.freeze({ type: 'heartbeatTimeout' });

/** Events that can happen next (live deliveries and timers), in the order they would. */
export function pending(w: World): PendingEvent[] {
  const out: PendingEvent[] = [];
  for (const ev of w.queue.toSortedArray()) {
    if (ev.kind === 'deliver') {
      const m = ev.message;
      out.push({ seq: ev.seq, time: ev.time, kind: 'deliver', server: m.to, messageId: ev.id, type: m.type, from: m.from, lost: ev.lost });
    } else if (ev.kind === 'clientTimer') {
      if (isLive(w, ev)) out.push({ seq: ev.seq, time: ev.time, kind: 'clientTimeout', server: clientAddress(ev.client), client: ev.client });
    } else if (timerIsCurrent(w, ev)) {
      out.push(pendingTimer(ev));
    }
  }
  const stoodIn = timersStoodIn(w).filter((ev) => timerIsCurrent(w, ev));
  if (stoodIn.length === 0) return out;
  for (const ev of stoodIn) out.push(pendingTimer(ev));
  return out.sort((a, b) => a.time - b.time || a.seq - b.seq);
}

function findPending(w: World, seq: number): LiveEvent | undefined {
  return w.queue.find((ev) => ev.seq === seq && isLive(w, ev)) ?? timersStoodIn(w).find((ev) => ev.seq === seq && timerIsCurrent(w, ev));
}

/**
 * Manual mode: make the pending event `seq` happen now, ahead of any other.
 * The clock moves to its time if that is later; earlier events then happen late.
 */
export const processEvent: ActionHandler<'processEvent'> = {
  check(w, a) {
    checkIdType('processEvent(seq): seq', a.seq);
    if (!findPending(w, a.seq)) throw new RangeError(`processEvent(seq): no pending event ${String(a.seq)}`);
    return { type: 'processEvent', seq: a.seq };
  },
  run(w, a) {
    const found = findPending(w, a.seq)!;
    // (A timer whose event stands in the queue for it is not in the queue itself: nothing to remove.)
    if (w.queue.removeWhere((ev) => ev === found).length > 0 && found.kind === 'timer') timerLeftQueue(w, found);
    process(w, found);
    return recorded(lastEvent(w));
  },
};

/** Process exactly one event; return its trace record, or null if nothing is scheduled. */
export function step(w: World): TraceEvent | null {
  markIfDue(w);
  const ev = nextLive(w, Infinity);
  if (!ev) return null;
  process(w, ev);
  return lastEvent(w);
}

/** Process every event due up to now + ms; then now = now + ms. */
export function runFor(w: World, ms: number): void {
  checkSpanMs('runFor(ms): ms', ms);
  const end = w.state.time + ms;
  for (;;) {
    // Marks go between events, before the next one leaves the queue, where a checkpoint holds the whole run (traceMarks.ts).
    markIfDue(w);
    const ev = nextLive(w, end);
    if (!ev) break;
    process(w, ev);
  }
  w.state.time = end;
}

/**
 * Process events until exactly `n` have been processed, then move the clock to
 * `at` without processing anything more. This is how a recorded user action is
 * replayed at the very moment it happened, between the same two events.
 */
export function runToEvent(w: World, n: number, at: number): void {
  const s = w.state;
  // Every argument is checked before anything happens: a call that throws changes nothing.
  if (!Number.isInteger(n) || n < s.events) {
    throw new RangeError(`runToEvent(n, at): n must be a whole number >= ${s.events} (got ${describe(n)})`);
  }
  if (typeof at !== 'number' || !Number.isFinite(at) || at < s.time) {
    throw new RangeError(`runToEvent(n, at): at must be a time >= ${s.time} ms (got ${describe(at)})`);
  }
  checkSpanMs(`runToEvent(n, at): at - now (now is ${s.time} ms)`, at - s.time);
  while (s.events < n) {
    // Look before taking: an event after `at` stays in the queue for the run to go on.
    const ev = w.queue.peek();
    if (!ev) throw new RangeError(`runToEvent: only ${s.events} events can happen, not ${n}`);
    if (!isLive(w, ev)) {
      take(w); // stale timers never change the run, whenever they are discarded
      continue;
    }
    // Every event before the action happened by `at`: a later one means the recording
    // does not match (and stops a hostile recording from running the clock forever).
    if (ev.time > at) throw new RangeError(`runToEvent: event ${s.events + 1} is due at ${ev.time} ms, after the action's time ${at} ms; the recording does not match this run`);
    markIfDue(w);
    take(w);
    process(w, ev);
  }
  // (Events may legitimately be due before `at` and still pending: in manual mode
  // a later event can be chosen first, leaving earlier ones to happen late.)
  s.time = at;
}

/** Run until `holds()` (checked before the first and after each event) or maxMs pass; returns whether it held. */
export function runUntil(w: World, holds: () => boolean, maxMs: number): boolean {
  checkSpanMs('runUntil(pred, maxMs): maxMs', maxMs);
  if (holds()) return true;
  const end = w.state.time + maxMs;
  for (;;) {
    markIfDue(w);
    const ev = nextLive(w, end);
    if (!ev) break;
    process(w, ev);
    if (holds()) return true;
  }
  w.state.time = end;
  return false;
}
