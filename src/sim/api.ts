/**
 * The headless API: RaftCluster, a small façade over the live world. Every
 * user action (crash, restart, cut links, partition, submit…) is one line:
 * the action as data, handed to apply() (apply.ts), so a method and the same
 * action replayed from a recording cannot differ. The other methods move time
 * (stepping.ts) or return plain-data views (views.ts). Used by the worker, the
 * tests, the benchmarks and course staff's scripts; see README.md.
 * Every action validates its arguments first and throws an error that names
 * what was wrong and the valid range; nothing is half-applied.
 */
import type { Entry, LogIndex, ServerId } from '../engine';
import type { ActionResult, SubmitResult, UserAction } from './actions';
import { apply } from './apply';
import type { Violation } from './invariants';
import { checkpoint, createWorld, resumeWorld } from './lifecycle';
import { lastEvent, leaderId, serverIds, slot, type World } from './live';
import type { InFlightMessage } from './network';
import type { ClusterOptions, NetworkSettings } from './options';
import { pending, runFor, runToEvent, runUntil, step } from './stepping';
import { enableTraceReplay } from './traceReplay';
import type { TraceEvent } from './trace';
import { appliedEntries, clientViews, messagesInFlight, networkView, serverSummary, serverView, type ClientView, type NetworkView, type ServerSummary, type ServerView } from './views';
import type { PendingEvent, Stats, WorldState } from './world';

function hex(h: number): string {
  return (h >>> 0).toString(16).padStart(8, '0');
}

export class RaftCluster {
  private world: World;

  constructor(options: Partial<ClusterOptions> = {}) {
    this.world = createWorld(options);
    enableTraceReplay(this.world, null);
  }

  /**
   * Resume from a checkpoint taken with checkpoint(). The trace starts empty; traceHash carries on.
   * The cluster keeps `state` (to make old trace records again by replaying from it): do not change it afterwards.
   */
  static fromState<T extends RaftCluster>(this: { prototype: T }, state: WorldState): T {
    const world = resumeWorld(state);
    // The trace's older records are made again by replaying from `state` itself (it is not copied).
    enableTraceReplay(world, state);
    const c = Object.create(this.prototype) as T;
    (c as RaftCluster).world = world;
    return c;
  }

  /**
   * Carry out a user action given as data (the one way in: every action
   * method below is this call). Throws, changing nothing, on a bad action.
   */
  apply(action: UserAction): ActionResult {
    return apply(this.world, action).result;
  }

  // ---- the run -------------------------------------------------------------

  get options(): ClusterOptions {
    return this.world.state.options;
  }

  get now(): number {
    return this.world.state.time;
  }

  /** Events processed so far. */
  get eventCount(): number {
    return this.world.state.events;
  }

  /** The most recent event (null before the first, and after resuming from a checkpoint). */
  get lastEvent(): TraceEvent | null {
    return lastEvent(this.world);
  }

  /**
   * A plain-data copy of the whole run's state (JSON- and structured-clone-safe),
   * for RaftCluster.fromState. It shares the immutable parts (log entries,
   * messages) with the live run, so taking one costs little more than copying
   * the containers.
   */
  checkpoint(): WorldState {
    return checkpoint(this.world);
  }

  /**
   * @deprecated Use checkpoint(): this is not a §7 snapshot but a checkpoint
   * of the whole run. Kept, with the same result, for existing scripts.
   */
  snapshotState(): WorldState {
    return this.checkpoint();
  }

  // ---- time ----------------------------------------------------------------

  /** Process exactly one event; return its trace record, or null if nothing is scheduled. */
  step(): TraceEvent | null {
    return step(this.world);
  }

  /** Process every event due up to now + ms; then now = now + ms. */
  runFor(ms: number): void {
    runFor(this.world, ms);
  }

  /** Run until pred(cluster) holds (checked before the first and after each event) or maxMs pass. */
  runUntil(pred: (c: this) => boolean, maxMs: number): boolean {
    if (typeof pred !== 'function') throw new TypeError('runUntil(pred, maxMs): pred must be a function');
    return runUntil(this.world, () => pred(this), maxMs);
  }

  /**
   * Process events until exactly `n` have been processed, then move the clock to
   * `at` without processing anything more (how a recorded action is replayed at its moment).
   */
  runToEvent(n: number, at: number): void {
    runToEvent(this.world, n, at);
  }

  /** Events that can happen next (live deliveries and timers), in the order they would. */
  pending(): PendingEvent[] {
    return pending(this.world);
  }

  /** Manual mode: make the pending event `seq` happen now, ahead of any other. */
  processEvent(seq: number): TraceEvent {
    return apply(this.world, { type: 'processEvent', seq }).event!;
  }

  // ---- faults --------------------------------------------------------------

  /** Crash a server: it keeps currentTerm, votedFor and its log; everything else is lost. */
  crash(id: ServerId): void {
    this.apply({ type: 'crash', server: id });
  }

  /** Restart a crashed server from its persistent state; the state machine is rebuilt by re-applying. */
  restart(id: ServerId): void {
    this.apply({ type: 'restart', server: id });
  }

  /** Make a server's election timer fire now (a follower or candidate starts an election). */
  timeout(id: ServerId): TraceEvent {
    return apply(this.world, { type: 'timeout', server: id }).event!;
  }

  // ---- the network ---------------------------------------------------------

  disconnect(id: ServerId): void {
    this.apply({ type: 'disconnect', server: id });
  }

  connect(id: ServerId): void {
    this.apply({ type: 'connect', server: id });
  }

  /** Bring one direction of one link up or down. */
  setLink(from: ServerId, to: ServerId, up: boolean): void {
    this.apply({ type: 'setLink', from, to, up });
  }

  /** Only servers in the same group can talk; servers not listed are each isolated. */
  partition(groups: ServerId[][]): void {
    this.apply({ type: 'partition', groups });
  }

  /** Every link up, nobody disconnected. */
  heal(): void {
    this.apply({ type: 'heal' });
  }

  /** Change the network model for messages sent from now on. */
  setNetwork(settings: Partial<NetworkSettings>): void {
    this.apply({ type: 'setNetwork', settings });
  }

  /** The user removes a message from the wire. */
  dropMessage(messageId: number): void {
    this.apply({ type: 'dropMessage', message: messageId });
  }

  /** The user makes the network deliver another copy of a message (with its own delay). Returns the copy's id. */
  duplicateMessage(messageId: number): number {
    return this.apply({ type: 'duplicateMessage', message: messageId }).copy!;
  }

  // ---- clients (§8) --------------------------------------------------------

  /** A client request to server `id`, or to the current leader. */
  submit(command: string, id?: ServerId): SubmitResult {
    return this.apply(id === undefined ? { type: 'submit', command } : { type: 'submit', command, server: id }).submit!;
  }

  /** Client `client` (1..9) sends a write; it follows redirects and retries on timeout. Returns its seq. */
  clientWrite(client: number, command: string): number {
    return this.apply({ type: 'clientRequest', client, command }).seq!;
  }

  /** Client `client` reads `key` linearizably (ReadIndex, or a lease with readLeases). Returns its seq. */
  clientRead(client: number, key: string): number {
    return this.apply({ type: 'clientRequest', client, read: key }).seq!;
  }

  // ---- membership (§6), leadership transfer, snapshots (§7) -----------------

  /** §6: start a new server and add it as a learner; the leader promotes it once caught up. Returns the new id. */
  addServer(): ServerId {
    return this.apply({ type: 'addServer' }).started![0]!;
  }

  /** §6: remove one server from the configuration (it keeps running until crashed). */
  removeServer(id: ServerId): void {
    this.apply({ type: 'removeServer', server: id });
  }

  /** §6, joint consensus to exactly `ids`. Returns the ids of servers started for it. */
  changeMembership(ids: ServerId[]): ServerId[] {
    return this.apply({ type: 'changeMembership', servers: ids }).started!;
  }

  /** Dissertation §3.10: the leader hands leadership to `to` (which must be a voter). */
  transferLeadership(to: ServerId): void {
    this.apply({ type: 'transferLeadership', server: to });
  }

  /** §7: server `id` snapshots everything it has applied now. Returns its lastIncludedIndex afterwards. */
  snapshot(id: ServerId): number {
    this.apply({ type: 'snapshot', server: id });
    return this.logStart(id);
  }

  // ---- views -----------------------------------------------------------------

  ids(): ServerId[] {
    return serverIds(this.world);
  }

  /** The live leader with the highest term, if any. */
  leaderId(): ServerId | null {
    return leaderId(this.world);
  }

  server(id: ServerId): ServerView {
    return serverView(this.world, id);
  }

  servers(): ServerView[] {
    return this.ids().map((id) => this.server(id));
  }

  /** Everything in server(id) but the log, which is summarised (cheap: for views refreshed every frame). */
  summary(id: ServerId): ServerSummary {
    return serverSummary(this.world, id);
  }

  /**
   * The server's log entries, without copying. Read-only: entries are immutable
   * and the array must not be changed. Lets views diff logs cheaply by identity.
   */
  logEntries(id: ServerId): readonly Entry[] {
    return slot(this.world, id).node.log.entries;
  }

  /** §7: the index the server's log starts after (its snapshot's lastIncludedIndex; 0 without one). */
  logStart(id: ServerId): LogIndex {
    return slot(this.world, id).node.log.snapshotIndex;
  }

  /** The network's current settings, cut links and disconnected servers, as plain data. */
  networkView(): NetworkView {
    return networkView(this.world);
  }

  /** @deprecated Use networkView(): it is a view of the network, not a snapshot. Kept, with the same result, for existing scripts. */
  snapshotNetwork(): NetworkView {
    return this.networkView();
  }

  /** Messages on the wire, in delivery order. */
  messages(): InFlightMessage[] {
    return messagesInFlight(this.world);
  }

  applied(id: ServerId): Entry[] {
    return appliedEntries(this.world, id);
  }

  clients(): ClientView[] {
    return clientViews(this.world);
  }

  stats(): Stats {
    return structuredClone(this.world.state.stats);
  }

  /** How many violations the checker has recorded (cheap: a search asks after every event). */
  get violationCount(): number {
    return this.world.state.checker.violations.length;
  }

  violations(): Violation[] {
    return this.world.state.checker.violations.map((v) => ({ ...v, servers: v.servers.slice() }));
  }

  /** How many records trace() would return, without making any (older ones are made again by replaying the run). */
  get traceSize(): number {
    return this.world.trace.size;
  }

  /** The retained trace (the newest `traceLimit` events). */
  trace(): TraceEvent[] {
    return this.world.trace.toArray();
  }

  /** Retained trace events numbered above n (for incremental views). */
  traceSince(n: number): TraceEvent[] {
    return this.world.trace.since(n);
  }

  /** Fingerprint of every event so far: equal hashes mean identical runs. */
  traceHash(): string {
    return hex(this.world.state.traceHash);
  }
}

/**
 * Carry out one action on a cluster (c.apply(action)); throws, changing
 * nothing, on a bad action. The action is read through its own fields only,
 * and one with an unknown type or field is refused (the worker hands over what
 * the page sent).
 */
export function applyAction(c: RaftCluster, action: UserAction): ActionResult {
  return c.apply(action);
}
