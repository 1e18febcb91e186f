/**
 * Timers: a server's election timer and a leader's heartbeat timer (§5.2), and
 * a simulated client's retry timer (§8). Each reset bumps the timer's
 * generation and takes the next seq, its place among events due at the same
 * time; an event whose generation is no longer current is stale and is
 * discarded when it comes up, with no other effect. So when stale events are
 * discarded never changes the run, which is what makes a recorded run replay
 * exactly (runToEvent).
 *
 * A server timer's reset pushes a queue event only when no earlier event of the
 * same timer is queued. Followers reset their election timer on every
 * heartbeat, so most resets find one: that event, coming up first (its time and
 * seq are both earlier), stands in for the timer and queues the timer's current
 * deadline, with the seq the reset took, when it comes up stale. Live events
 * therefore come off the queue in exactly the order they would if every reset
 * pushed one (issue 14: a third of the queue's pops were stale election timers).
 * Which event stands in is live-only bookkeeping (World.timerPlaces):
 * checkpoints hold every running timer's event (checkpointTimers).
 */
import type { ServerId } from '../engine';
import type { ClientState } from './clients';
import { draw, slot, type World } from './live';
import type { ClientTimerEvent, PendingEvent, ServerSlot, TimerEvent, TimerKind, TimerPlace } from './world';

function placeOf(w: World, id: ServerId, timer: TimerKind): TimerPlace {
  let places = w.timerPlaces.get(id);
  if (places === undefined) {
    places = { election: { seq: -1, queuedSeq: -1, queuedAt: 0 }, heartbeat: { seq: -1, queuedSeq: -1, queuedAt: 0 } };
    w.timerPlaces.set(id, places);
  }
  return places[timer];
}

/**
 * (Re)start a timer. An election timeout is drawn at random from its range
 * each time (§5.2: randomized timeouts make split votes rare); the heartbeat
 * interval is fixed.
 */
export function resetTimer(w: World, id: ServerId, timer: TimerKind): void {
  const s = slot(w, id);
  const o = w.state.options;
  const now = w.state.time;
  const delay = timer === 'election' ? draw(w, o.electionTimeoutMs) : o.heartbeatMs;
  const time = now + delay;
  let gen: number;
  if (timer === 'election') {
    s.electionDeadline = time;
    s.electionSetAt = now;
    gen = ++s.electionGen;
  } else {
    s.heartbeatDeadline = time;
    s.heartbeatSetAt = now;
    gen = ++s.heartbeatGen;
  }
  const seq = w.state.seq++;
  const place = placeOf(w, id, timer);
  place.seq = seq;
  // An earlier event of this timer stands in for this deadline (see the top of this file).
  if (place.queuedSeq >= 0 && place.queuedAt <= time) return;
  place.queuedSeq = seq;
  place.queuedAt = time;
  w.queue.push({ kind: 'timer', server: id, timer, gen, time, seq });
}

/** The timer's current event while it is running, whether or not it is in the queue itself. */
function currentEvent(s: ServerSlot, id: ServerId, timer: TimerKind, seq: number): TimerEvent | null {
  const time = timer === 'election' ? s.electionDeadline : s.heartbeatDeadline;
  if (time === null) return null;
  return { kind: 'timer', server: id, timer, gen: timer === 'election' ? s.electionGen : s.heartbeatGen, time, seq };
}

/**
 * A timer event left the queue (popped, or taken ahead in manual mode). If it
 * was standing in for its timer and the timer has been reset since, queue the
 * timer's current event now: it is due no earlier than the one that left.
 */
export function timerLeftQueue(w: World, ev: TimerEvent): void {
  const place = w.timerPlaces.get(ev.server)?.[ev.timer];
  if (place === undefined || place.queuedSeq !== ev.seq) return;
  place.queuedSeq = -1;
  if (ev.seq === place.seq) return; // the timer's own current event
  const s = w.state.servers[ev.server];
  const current = s ? currentEvent(s, ev.server, ev.timer, place.seq) : null;
  if (current === null) return; // stopped, or fired ahead in manual mode
  place.queuedSeq = current.seq;
  place.queuedAt = current.time;
  w.queue.push(current);
}

/** Running server timers whose current event is not in the queue (an earlier one stands in for it). */
export function timersStoodIn(w: World): TimerEvent[] {
  const out: TimerEvent[] = [];
  for (const [id, places] of w.timerPlaces) {
    const s = w.state.servers[id];
    if (!s) continue;
    for (const timer of ['election', 'heartbeat'] as const) {
      const place = places[timer];
      if (place.seq < 0 || place.queuedSeq === place.seq) continue;
      const current = currentEvent(s, id, timer, place.seq);
      if (current !== null) out.push(current);
    }
  }
  return out;
}

/** A pending timer event, for pending(): what manual mode offers. */
export function pendingTimer(ev: TimerEvent): PendingEvent {
  return { seq: ev.seq, time: ev.time, kind: ev.timer === 'election' ? 'electionTimeout' : 'heartbeatTimeout', server: ev.server };
}

/** Stopping clears the deadline and makes any queued event for the timer stale. */
export function stopTimer(s: ServerSlot, timer: TimerKind): void {
  if (timer === 'election') {
    s.electionDeadline = null;
    s.electionGen++;
  } else {
    s.heartbeatDeadline = null;
    s.heartbeatGen++;
  }
}

/** A timer event whose timer was reset or stopped since it was queued: it will never fire. */
export function timerIsStale(w: World, ev: TimerEvent): boolean {
  const s = w.state.servers[ev.server];
  return s !== undefined && ev.gen !== (ev.timer === 'election' ? s.electionGen : s.heartbeatGen);
}

/** A timer event fires only if its server is alive and its timer was not reset or stopped since it was queued. */
export function timerIsCurrent(w: World, ev: TimerEvent): boolean {
  const s = w.state.servers[ev.server];
  if (!s || !s.alive) return false;
  return ev.timer === 'election' ? ev.gen === s.electionGen : ev.gen === s.heartbeatGen;
}

/** (Re)start a client's retry timer: clientTimeoutMs from now. */
export function resetClientTimer(w: World, client: ClientState): void {
  const time = w.state.time + w.state.options.clientTimeoutMs;
  client.deadline = time;
  client.timerGen++;
  w.queue.push({ kind: 'clientTimer', client: client.id, gen: client.timerGen, time, seq: w.state.seq++ });
}

/** A client's retry timer fires only if the client neither got its answer nor retried since. */
export function clientTimerIsCurrent(w: World, ev: ClientTimerEvent): boolean {
  return w.state.clients[ev.client]?.timerGen === ev.gen;
}
