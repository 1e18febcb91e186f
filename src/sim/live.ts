/**
 * The world while it runs: the plain WorldState (world.ts) plus the parts kept
 * in a faster form between checkpoints (the event queue as a heap, the PRNG as
 * a generator, the trace as a ring), and the few operations every topic module
 * uses: find a server, draw a random delay, record an event. The simulator is
 * functions over this one value; lifecycle.ts makes one and turns it back into
 * plain data.
 */
import type { EngineOptions, Message, Note, Ready, RaftState, ServerId } from '../engine';
import type { UserAction } from './actions';
import type { EventFacts } from './invariants';
import type { EventQueue } from './eventQueue';
import type { Prng } from './prng';
import { checkIdType } from './rules';
import { hashEvent, hashFields, type TraceBuffer, type TraceEvent, type TraceKind } from './trace';
import type { InFlightMessage } from './network';
import type { LiveEvent, ServerSlot, TimerPlaces, WireDelivery, WorldState } from './world';

export interface World {
  /** Everything that defines the run, as plain data (its rng and queue fields are filled only in checkpoints). */
  state: WorldState;
  rng: Prng;
  queue: EventQueue<LiveEvent>;
  /** Which queued event stands in for each server timer (timers.ts); not part of checkpoints. */
  timerPlaces: TimerPlaces;
  /** The engine's options, derived once from state.options. */
  engine: EngineOptions;
  /** The retained trace (the newest traceLimit records). */
  trace: TraceBuffer;
  /** The Ready of the last engine step: submit reads the proposal's result from it. */
  lastReady: Ready | null;
  /** Scratch, reused for every engine step (the hot loop allocates neither): the Ready handed to step(), and the facts handed to the checker. */
  ready: Ready;
  facts: EventFacts;
  /** Scratch: the engine input for a message delivery (stepping.ts refills it per delivery). */
  deliverInput: { type: 'message'; message: Message };
  /** Scratch: the ids a step sent, one list per length (serverStep.ts; the trace copies them). */
  sentScratch: number[][];
  /** What replaying the run needs to make old trace records again (traceReplay.ts); null when the ring keeps them all. */
  replay: ReplayLog | null;
}

/**
 * A checkpoint the run can be replayed from: taken after `n` events, when
 * `actions` user actions had been applied (state null: the run's start, made
 * again from its options).
 */
export interface ReplayMark {
  n: number;
  actions: number;
  state: WorldState | null;
  /** The engine's own messages on the wire then, by the InFlightMessage the state shows (lifecycle.ts: resumeWorld). */
  originals: Map<InFlightMessage, Message> | null;
}

/** A user action as replaying needs it: applied after `n` events at `time`, the `ordinal`-th of the run. */
export interface LoggedAction {
  ordinal: number;
  n: number;
  time: number;
  action: UserAction;
}

/**
 * Checkpoints every `every` events, back to one old enough for the oldest
 * record the ring keeps, and the user actions applied since the oldest of them
 * (traceMarks.ts, traceReplay.ts).
 */
export interface ReplayLog {
  every: number;
  /** Event count at which the next mark is due. */
  nextAt: number;
  marks: ReplayMark[];
  actions: LoggedAction[];
  /** User actions applied so far (the next one's ordinal). */
  applied: number;
  /** The ring's limit: marks older than needed for its oldest record are dropped. */
  limit: number;
}

export function serverIds(w: World): ServerId[] {
  return Object.keys(w.state.servers).map(Number);
}

/** A server's slot; an id of the wrong type or an unknown id is refused with the valid ids. */
export function slot(w: World, id: ServerId): ServerSlot {
  checkIdType('server id', id);
  const s = Number.isInteger(id) ? w.state.servers[id] : undefined;
  if (!s) throw new RangeError(`unknown server id ${String(id)}; valid ids are ${serverIds(w).join(', ')}`);
  return s;
}

/** The live leader with the highest term, if any (a deposed leader may not know yet, §5.1). */
export function leaderId(w: World): ServerId | null {
  let best: RaftState | null = null;
  // (Object.values, not serverIds: one list, not three, for a call every user command makes.)
  for (const s of Object.values(w.state.servers)) {
    if (s.alive && s.node.role === 'leader' && (!best || s.node.currentTerm > best.currentTerm)) best = s.node;
  }
  return best ? best.id : null;
}

/** Uniform draw from [min, max]: whole milliseconds when both ends are whole. */
export function draw(w: World, [min, max]: readonly [number, number]): number {
  if (Number.isInteger(min) && Number.isInteger(max)) return w.rng.int(min, max);
  return min + w.rng.float() * (max - min);
}

/** Append an event to the run's history: number it, fold it into the trace hash, keep it in the ring. */
export function record(w: World, e: Omit<TraceEvent, 'n' | 'time'>): TraceEvent {
  return keep(w, {
    n: ++w.state.events,
    time: w.state.time,
    kind: e.kind,
    server: e.server,
    message: e.message,
    failure: e.failure,
    notes: e.notes,
    sent: e.sent,
    detail: e.detail,
    action: e.action,
    client: e.client,
    clientOutcome: e.clientOutcome,
  });
}

/**
 * record() for a server's engine step, the event nearly every event is, without
 * building the record: its fields go straight into the hash and the ring's
 * columns (a record is built from them only when asked for: lastEvent, trace()).
 * Returns the event's number.
 */
export function recordStep(w: World, kind: TraceKind, server: ServerId, delivery: WireDelivery | undefined, notes: Note[], sent: number[], detail: string | undefined): number {
  const n = ++w.state.events;
  const time = w.state.time;
  const message = delivery?.message;
  w.state.traceHash = hashFields(w.state.traceHash, n, time, kind, server, message, delivery?.id ?? 0, sent, notes.length, detail, undefined);
  w.trace.pushFields(n, time, kind, server, message, delivery ?? null, notes, sent, detail === undefined ? null : { failure: undefined, detail, action: undefined, client: undefined, clientOutcome: undefined });
  return n;
}

function keep(w: World, ev: TraceEvent): TraceEvent {
  w.state.traceHash = hashEvent(w.state.traceHash, ev);
  w.trace.push(ev);
  return ev;
}

/** The most recent event (null before the first, and after resuming from a checkpoint), built from the ring. */
export function lastEvent(w: World): TraceEvent | null {
  return w.trace.newest();
}
