/**
 * The deterministic world around the Raft core: one event queue, one seeded
 * PRNG, a network, timers, crashes and clients. Everything that defines the run
 * lives in one plain-data WorldState, so the whole cluster can be checkpointed
 * (snapshotState) and resumed (Cluster.fromState) exactly.
 */
import {
  clientAddress,
  isClientAddress,
  messageBytes,
  restartNode,
  step,
  type EngineOptions,
  type Input,
  type Message,
  type MessageType,
  type RaftState,
  type Ready,
  type ServerId,
  type ClientReply,
} from '../engine';
import { EventQueue } from './eventQueue';
import { checkServer, serverRestarted } from './invariants';
import { deliveryFailure, type InFlightMessage } from './network';
import { resolveOptions, type ClusterOptions } from './options';
import { checkIdType, checkSpanMs, describe } from './rules';
import { checkWorldState } from './stateRules';
import { Prng } from './prng';
import { hashEvent, TraceBuffer, type TraceEvent, type TraceKind } from './trace';
import { appendApplied } from './applied';
import { copyWorld } from './worldCopy';
import { engineOptionsOf, initialWorld, type PendingEvent, type ServerSlot, type SimEvent, type TimerEvent, type TimerKind, type WorldState } from './world';

// The world's data types live in world.ts; re-exported here, where they were first defined.

export abstract class Cluster {
  protected w: WorldState;
  protected rng: Prng;
  protected queue: EventQueue<SimEvent>;
  protected engine: EngineOptions;
  protected traceBuf: TraceBuffer;

  constructor(options: Partial<ClusterOptions> = {}) {
    const resolved = resolveOptions(options);
    this.w = initialWorld(resolved);
    this.rng = Prng.fromSeed(resolved.seed);
    this.queue = new EventQueue();
    this.engine = engineOptionsOf(resolved);
    this.traceBuf = new TraceBuffer(resolved.traceLimit);
    for (const id of this.ids()) if (this.w.servers[id]!.alive) this.resetTimer(id, 'election');
  }

  /** Resume from a checkpoint taken with snapshotState(). The trace starts empty; traceHash carries on. */
  static fromState<T extends Cluster>(this: { prototype: T }, state: WorldState): T {
    // Checked as strictly as createCluster checks options: a checkpoint can come from outside.
    const options = checkWorldState(state);
    const c = Object.create(this.prototype) as T;
    c.w = copyWorld({ ...state, options });
    c.rng = Prng.fromState(state.rng);
    c.queue = new EventQueue(c.w.queue);
    c.w.queue = [];
    c.engine = engineOptionsOf(c.w.options);
    c.traceBuf = new TraceBuffer(c.w.options.traceLimit);
    return c;
  }

  /**
   * A plain-data copy of the whole run's state (JSON- and structured-clone-safe).
   * It shares the immutable parts (log entries, messages) with the live run, so
   * taking one costs little more than copying the containers.
   */
  snapshotState(): WorldState {
    return copyWorld({ ...this.w, rng: [...this.rng.state()], queue: this.queue.toSortedArray() });
  }

  get options(): ClusterOptions {
    return this.w.options;
  }

  get now(): number {
    return this.w.time;
  }

  /** Events processed so far. */
  get eventCount(): number {
    return this.w.events;
  }

  ids(): ServerId[] {
    return Object.keys(this.w.servers).map(Number);
  }

  protected slot(id: ServerId): ServerSlot {
    checkIdType('server id', id);
    const s = Number.isInteger(id) ? this.w.servers[id] : undefined;
    if (!s) throw new RangeError(`unknown server id ${String(id)}; valid ids are ${this.ids().join(', ')}`);
    return s;
  }

  // ---- time --------------------------------------------------------------

  /** Pop the next event that is still live (reset or stopped timers are skipped), if it is due by `until`. */
  protected nextLive(until: number): SimEvent | null {
    for (;;) {
      const ev = this.queue.peek();
      if (!ev || ev.time > until) return null;
      this.queue.pop();
      if (this.isLive(ev)) return ev;
    }
  }

  private isLive(ev: SimEvent): boolean {
    if (ev.kind === 'deliver') return true;
    if (ev.kind === 'clientTimer') return this.w.clients[ev.client]?.timerGen === ev.gen;
    return this.isTimerDue(ev);
  }

  /** A timer event fires only if its timer was not reset or stopped since it was queued. */
  private isTimerDue(ev: TimerEvent): boolean {
    const s = this.w.servers[ev.server];
    if (!s || !s.alive) return false;
    return ev.timer === 'election' ? ev.gen === s.electionGen : ev.gen === s.heartbeatGen;
  }

  protected process(ev: SimEvent): TraceEvent {
    // An event chosen by hand ahead of earlier ones (manual mode) leaves those
    // behind the clock; they then happen late, at the current time.
    this.w.time = Math.max(this.w.time, ev.time);
    if (ev.kind === 'clientTimer') return this.clientTimeout(ev.client);
    if (ev.kind === 'timer') {
      const kind: TraceKind = ev.timer === 'election' ? 'electionTimeout' : 'heartbeatTimeout';
      const slot = this.slot(ev.server);
      if (ev.timer === 'election') slot.electionDeadline = null;
      else slot.heartbeatDeadline = null;
      return this.runNode(ev.server, { type: ev.timer === 'election' ? 'electionTimeout' : 'heartbeatTimeout' }, kind);
    }
    const m = ev.message;
    if (isClientAddress(m.to)) return this.deliverToClient(m as InFlightMessage & ClientReply);
    const receiver = this.w.servers[m.to];
    const failure = deliveryFailure(this.w.network, m, receiver?.alive === true);
    if (failure) {
      this.w.stats.undelivered++;
      return this.record({ kind: 'drop', server: m.to, message: m, failure, notes: [], sent: [] });
    }
    this.w.stats.delivered++;
    return this.runNode(m.to, { type: 'message', message: m }, 'deliver', m);
  }

  /** Events that can happen next (live deliveries and timers), in the order they would. */
  pending(): PendingEvent[] {
    const out: PendingEvent[] = [];
    for (const ev of this.queue.toSortedArray()) {
      if (ev.kind === 'deliver') {
        const m = ev.message;
        out.push({ seq: ev.seq, time: ev.time, kind: 'deliver', server: m.to, messageId: m.id, type: m.type, from: m.from, lost: m.lost });
      } else if (ev.kind === 'clientTimer') {
        if (this.isLive(ev)) out.push({ seq: ev.seq, time: ev.time, kind: 'clientTimeout', server: clientAddress(ev.client), client: ev.client });
      } else if (this.isTimerDue(ev)) {
        out.push({ seq: ev.seq, time: ev.time, kind: ev.timer === 'election' ? 'electionTimeout' : 'heartbeatTimeout', server: ev.server });
      }
    }
    return out;
  }

  /**
   * Manual mode: make the pending event `seq` happen now, ahead of any other.
   * The clock moves to its time if that is later; earlier events then happen late.
   */
  processEvent(seq: number): TraceEvent {
    checkIdType('processEvent(seq): seq', seq);
    const found = this.queue.find((ev) => ev.seq === seq && this.isLive(ev));
    if (!found) throw new RangeError(`processEvent(seq): no pending event ${String(seq)}`);
    this.queue.removeWhere((ev) => ev === found);
    return this.process(found);
  }

  /** Process exactly one event; return its trace record, or null if nothing is scheduled. */
  step(): TraceEvent | null {
    const ev = this.nextLive(Infinity);
    return ev ? this.process(ev) : null;
  }

  /** Process every event due up to now + ms; then now = now + ms. */
  runFor(ms: number): void {
    checkSpanMs('runFor(ms): ms', ms);
    const end = this.w.time + ms;
    for (let ev = this.nextLive(end); ev; ev = this.nextLive(end)) this.process(ev);
    this.w.time = end;
  }

  /**
   * Process events until exactly `n` have been processed, then move the clock to
   * `at` without processing anything more. This is how a recorded user action is
   * replayed at the very moment it happened, between the same two events.
   */
  runToEvent(n: number, at: number): void {
    // Every argument is checked before anything happens: a call that throws changes nothing.
    if (!Number.isInteger(n) || n < this.w.events) {
      throw new RangeError(`runToEvent(n, at): n must be a whole number >= ${this.w.events} (got ${describe(n)})`);
    }
    if (typeof at !== 'number' || !Number.isFinite(at) || at < this.w.time) {
      throw new RangeError(`runToEvent(n, at): at must be a time >= ${this.w.time} ms (got ${describe(at)})`);
    }
    checkSpanMs(`runToEvent(n, at): at - now (now is ${this.w.time} ms)`, at - this.w.time);
    while (this.w.events < n) {
      // Look before taking: an event after `at` stays in the queue for the run to go on.
      const ev = this.queue.peek();
      if (!ev) throw new RangeError(`runToEvent: only ${this.w.events} events can happen, not ${n}`);
      if (!this.isLive(ev)) {
        this.queue.pop(); // stale timers never change the run, whenever they are discarded
        continue;
      }
      // Every event before the action happened by `at`: a later one means the recording
      // does not match (and stops a hostile recording from running the clock forever).
      if (ev.time > at) throw new RangeError(`runToEvent: event ${this.w.events + 1} is due at ${ev.time} ms, after the action's time ${at} ms; the recording does not match this run`);
      this.queue.pop();
      this.process(ev);
    }
    // (Events may legitimately be due before `at` and still pending: in manual mode
    // a later event can be chosen first, leaving earlier ones to happen late.)
    this.w.time = at;
  }

  /** Run until pred(cluster) holds (checked before the first and after each event) or maxMs pass. */
  runUntil(pred: (c: this) => boolean, maxMs: number): boolean {
    if (typeof pred !== 'function') throw new TypeError('runUntil(pred, maxMs): pred must be a function');
    checkSpanMs('runUntil(pred, maxMs): maxMs', maxMs);
    if (pred(this)) return true;
    const end = this.w.time + maxMs;
    for (let ev = this.nextLive(end); ev; ev = this.nextLive(end)) {
      this.process(ev);
      if (pred(this)) return true;
    }
    this.w.time = end;
    return false;
  }

  // ---- the engine and its effects ----------------------------------------

  protected runNode(id: ServerId, input: Input, kind: TraceKind, message?: InFlightMessage, detail?: string): TraceEvent {
    const slot = this.slot(id);
    const r = step(slot.node, input, this.engine, this.w.time);
    const sent = this.carryOut(id, slot, r);
    const ev = this.record({ kind, server: id, message, notes: r.notes, sent, detail });
    if (r.applied.length > 0) for (const e of r.applied) appendApplied(slot.applied, e);
    checkServer(this.w.checker, slot.node, { time: this.w.time, event: ev.n, logChangedFrom: r.logChangedFrom, applied: r.applied, snapshotInstalled: r.snapshotInstalled, compacted: r.compacted });
    this.lastReady = r;
    return ev;
  }

  /** The most recent event (null before the first). */
  get lastEvent(): TraceEvent | null {
    return this.last;
  }

  private last: TraceEvent | null = null;

  /** The Ready of the last engine step (used by submit to return the proposal's result). */
  protected lastReady: Ready | null = null;

  private carryOut(id: ServerId, slot: ServerSlot, r: Ready): number[] {
    if (r.election === 'reset') this.resetTimer(id, 'election');
    else if (r.election === 'stop') this.stopTimer(slot, 'election');
    if (r.heartbeat === 'reset') this.resetTimer(id, 'heartbeat');
    else if (r.heartbeat === 'stop') this.stopTimer(slot, 'heartbeat');
    for (const note of r.notes) if (note.kind === 'roleChanged' && note.to === 'candidate') this.w.stats.elections++;
    const sent: number[] = [];
    for (const m of r.messages) sent.push(this.send(m, false));
    return sent;
  }

  protected resetTimer(id: ServerId, timer: TimerKind): void {
    const slot = this.slot(id);
    const o = this.w.options;
    const delay = timer === 'election' ? this.draw(o.electionTimeoutMs) : o.heartbeatMs;
    const time = this.w.time + delay;
    let gen: number;
    if (timer === 'election') {
      slot.electionDeadline = time;
      slot.electionSetAt = this.w.time;
      gen = ++slot.electionGen;
    } else {
      slot.heartbeatDeadline = time;
      slot.heartbeatSetAt = this.w.time;
      gen = ++slot.heartbeatGen;
    }
    this.queue.push({ kind: 'timer', server: id, timer, gen, time, seq: this.w.seq++ });
  }

  /** Stopping clears the deadline and makes any queued event for the timer stale. */
  protected stopTimer(slot: ServerSlot, timer: TimerKind): void {
    if (timer === 'election') {
      slot.electionDeadline = null;
      slot.electionGen++;
    } else {
      slot.heartbeatDeadline = null;
      slot.heartbeatGen++;
    }
  }

  /** Uniform draw from [min, max]: whole milliseconds when both ends are whole. */
  protected draw([min, max]: readonly [number, number]): number {
    if (Number.isInteger(min) && Number.isInteger(max)) return this.rng.int(min, max);
    return min + this.rng.float() * (max - min);
  }

  /** Put a message on the wire: latency, loss and duplication are drawn now. Returns its id. */
  protected send(m: Message, duplicate: boolean): number {
    const net = this.w.network;
    const stats = this.w.stats;
    const bytes = messageBytes(m);
    stats.messages++;
    stats.bytes += bytes;
    const t = stats.byType[m.type as MessageType] ?? (stats.byType[m.type] = { count: 0, bytes: 0 });
    t.count++;
    t.bytes += bytes;
    const id = this.w.nextMessageId++;
    const deliverAt = this.w.time + this.draw(net.latencyMs);
    const lost = this.rng.chance(net.dropRate);
    // The engine hands over fresh message objects, so the envelope fields are added
    // in place (no copy on the hot path); a duplicate gets a copy of its own.
    const inFlight = (duplicate ? { ...m } : m) as InFlightMessage;
    inFlight.id = id;
    inFlight.sentAt = this.w.time;
    inFlight.deliverAt = deliverAt;
    inFlight.lost = lost;
    inFlight.duplicate = duplicate;
    this.queue.push({ kind: 'deliver', message: inFlight, time: deliverAt, seq: this.w.seq++ });
    if (!duplicate && this.rng.chance(net.duplicateRate)) this.send(m, true);
    return id;
  }

  protected record(e: Omit<TraceEvent, 'n' | 'time'>): TraceEvent {
    // One fixed shape for every record (fast property access in the hot loop).
    const ev: TraceEvent = {
      n: ++this.w.events,
      time: this.w.time,
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
    };
    this.w.traceHash = hashEvent(this.w.traceHash, ev);
    this.last = ev;
    this.traceBuf.push(ev);
    return ev;
  }

  // ---- state for the API ---------------------------------------------------

  /** The live leader with the highest term, if any. */
  leaderId(): ServerId | null {
    let best: RaftState | null = null;
    for (const id of this.ids()) {
      const s = this.w.servers[id]!;
      if (s.alive && s.node.role === 'leader' && (!best || s.node.currentTerm > best.currentTerm)) best = s.node;
    }
    return best ? best.id : null;
  }

  protected restartState(slot: ServerSlot): void {
    slot.node = restartNode(slot.node);
    serverRestarted(this.w.checker, slot.node);
  }

  // ---- clients (§8): carried out by ClientCluster (clientCluster.ts) -------

  /** A client's retry timer fired. */
  protected abstract clientTimeout(id: number): TraceEvent;

  /** A message reached a client's address. */
  protected abstract deliverToClient(m: InFlightMessage & ClientReply): TraceEvent;
}
