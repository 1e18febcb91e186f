/**
 * One step of one server's Raft engine, and its effects on the world: the
 * engine (src/engine) is pure and returns a Ready (timers to reset or stop,
 * messages to send, entries applied); here the world carries it out, records
 * the event and lets the safety checker look at the server.
 */
import { restartNode, step, type Input, type Ready, type ServerId } from '../engine';
import { appendApplied } from './applied';
import { checkServer, serverRestarted } from './invariants';
import { record, slot, type World } from './live';
import type { InFlightMessage } from './network';
import { resetTimer, stopTimer } from './timers';
import type { TraceEvent, TraceKind } from './trace';
import { send } from './wire';
import type { ServerSlot } from './world';

/** Step server `id`'s engine with `input` and carry out what it asks for; returns the event's record. */
export function runNode(w: World, id: ServerId, input: Input, kind: TraceKind, message?: InFlightMessage, detail?: string): TraceEvent {
  const s = slot(w, id);
  const r = step(s.node, input, w.engine, w.state.time);
  const sent = carryOut(w, id, s, r);
  const ev = record(w, { kind, server: id, message, notes: r.notes, sent, detail });
  if (r.applied.length > 0) for (const e of r.applied) appendApplied(s.applied, e);
  checkServer(w.state.checker, s.node, { time: w.state.time, event: ev.n, logChangedFrom: r.logChangedFrom, applied: r.applied, snapshotInstalled: r.snapshotInstalled, compacted: r.compacted });
  w.lastReady = r;
  return ev;
}

function carryOut(w: World, id: ServerId, s: ServerSlot, r: Ready): number[] {
  if (r.election === 'reset') resetTimer(w, id, 'election');
  else if (r.election === 'stop') stopTimer(s, 'election');
  if (r.heartbeat === 'reset') resetTimer(w, id, 'heartbeat');
  else if (r.heartbeat === 'stop') stopTimer(s, 'heartbeat');
  for (const note of r.notes) if (note.kind === 'roleChanged' && note.to === 'candidate') w.state.stats.elections++;
  const sent: number[] = [];
  for (const m of r.messages) sent.push(send(w, m, false));
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
