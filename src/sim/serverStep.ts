/**
 * One step of one server's Raft engine, and its effects on the world: the
 * engine (src/engine) is pure and returns a Ready (timers to reset or stop,
 * messages to send, entries applied); here the world carries it out, records
 * the event and lets the safety checker look at the server.
 */
import { restartNode, step, type Input, type Ready, type ServerId } from '../engine';
import { appendApplied } from './applied';
import { checkServer, serverRestarted } from './invariants';
import { lastEvent, recordStep, slot, type World } from './live';
import { resetTimer, stopTimer } from './timers';
import { NO_SENT, type TraceEvent, type TraceKind } from './trace';
import { send } from './wire';
import type { ServerSlot, WireDelivery } from './world';

/** Step server `id`'s engine with `input` and carry out what it asks for; returns the event's record. */
export function runNode(w: World, id: ServerId, input: Input, kind: TraceKind, delivery?: WireDelivery, detail?: string): TraceEvent {
  stepServer(w, id, input, kind, delivery, detail);
  return lastEvent(w)!;
}

/**
 * runNode without building the record (the event loop does not need it); returns
 * the event's number. The world's one Ready is reused for every step (see
 * clearReady); the trace copies the notes list at once, so it keeps no
 * reference to the reused lists.
 */
export function stepServer(w: World, id: ServerId, input: Input, kind: TraceKind, delivery?: WireDelivery, detail?: string): number {
  // Events name servers that exist; slot() (which checks the id and names the valid ones) is for the rest.
  const s = w.state.servers[id] ?? slot(w, id);
  const r = step(s.node, input, w.engine, w.state.time, w.ready);
  const sent = carryOut(w, id, s, r);
  // The ring copies the notes list at once, so the Ready's own list can be reused.
  const n = recordStep(w, kind, id, delivery, r.notes, sent, detail);
  if (r.applied.length > 0) for (const e of r.applied) appendApplied(s.applied, e);
  const f = w.facts;
  f.time = w.state.time;
  f.event = n;
  f.logChangedFrom = r.logChangedFrom;
  f.applied = r.applied;
  f.snapshotInstalled = r.snapshotInstalled;
  f.compacted = r.compacted;
  checkServer(w.state.checker, s.node, f);
  w.lastReady = r;
  return n;
}

/** Timers, statistics and messages; returns the ids of the messages sent, in an exact-size list (scratch: valid until the next step). */
function carryOut(w: World, id: ServerId, s: ServerSlot, r: Ready): number[] {
  if (r.election === 'reset') resetTimer(w, id, 'election');
  else if (r.election === 'stop') stopTimer(s, 'election');
  if (r.heartbeat === 'reset') resetTimer(w, id, 'heartbeat');
  else if (r.heartbeat === 'stop') stopTimer(s, 'heartbeat');
  for (const note of r.notes) if (note.kind === 'roleChanged' && note.to === 'candidate') w.state.stats.elections++;
  const n = r.messages.length;
  if (n === 0) return NO_SENT;
  // One list per length, reused: the trace copies the ids at once (as first id and
  // count, or a copy), so nothing keeps this list past the step (71 bytes per event).
  const sent = (w.sentScratch[n] ??= new Array<number>(n));
  for (let k = 0; k < n; k++) sent[k] = send(w, r.messages[k]!, false);
  return sent;
}

/**
 * A crash or a restart: the server keeps its persistent state (currentTerm,
 * votedFor, the log and its snapshot: Figure 2, §7) and loses the volatile
 * rest, so commit and apply progress start again from the snapshot.
 */
export function loseVolatileState(w: World, s: ServerSlot): void {
  s.node = restartNode(s.node, w.state.options.unsafe);
  serverRestarted(w.state.checker, s.node);
}
