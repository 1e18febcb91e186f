/**
 * Timers: a server's election timer and a leader's heartbeat timer (§5.2), and
 * a simulated client's retry timer (§8). Each reset pushes a new queue event
 * and bumps the timer's generation; an event whose generation is no longer
 * current is stale and is discarded when it comes up, with no other effect. So
 * when stale events are discarded never changes the run, which is what makes a
 * recorded run replay exactly (runToEvent).
 */
import type { ServerId } from '../engine';
import type { ClientState } from './clients';
import { draw, slot, type World } from './live';
import type { ClientTimerEvent, ServerSlot, TimerEvent, TimerKind } from './world';

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
  w.queue.push({ kind: 'timer', server: id, timer, gen, time, seq: w.state.seq++ });
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
