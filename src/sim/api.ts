/**
 * The headless API: the user's actions on a cluster (crash, restart, cut links,
 * partition, submit…) and plain-data views of its state. Used by the worker,
 * the tests, the benchmarks and course staff's scripts; see README.md.
 * Every action validates its arguments first and throws an error that names
 * what was wrong and the valid range; nothing is half-applied.
 */
import { lastIndex, lastTerm, serializeStateMachine, type Configuration, type Entry, type LogIndex, type Message, type Role, type ServerId, type StateMachineState, type Term } from '../engine';
import type { Stats } from './world';
import { ExtendedCluster } from './extensions';
import { checkServer, type Violation } from './invariants';
import { appliedToArray } from './applied';
import { parseLinkKey, setLinkUp, type InFlightMessage } from './network';
import { describe, LIMITS, validateNetwork, type NetworkSettings } from './options';
import { checkIdType } from './rules';
import type { TraceEvent } from './trace';
import type { UserAction } from './actions';

export interface ServerView {
  id: ServerId;
  role: Role;
  alive: boolean;
  /** False while disconnect(id) holds it off the network. */
  connected: boolean;
  term: Term;
  votedFor: ServerId | null;
  leaderId: ServerId | null;
  /** The entries after the snapshot: log[k].index === snapshotIndex + 1 + k. */
  log: Entry[];
  lastLogIndex: LogIndex;
  lastLogTerm: Term;
  commitIndex: LogIndex;
  lastApplied: LogIndex;
  /** Leaders only (empty otherwise): per peer. */
  nextIndex: Record<ServerId, LogIndex>;
  matchIndex: Record<ServerId, LogIndex>;
  /** Candidates: who granted / refused a vote this term. */
  votesGranted: ServerId[];
  votesRejected: ServerId[];
  /** Simulated time at which the election / heartbeat timer fires (null: not running). */
  electionDeadline: number | null;
  heartbeatDeadline: number | null;
  /** When each timer was last reset: with the deadline, how far it has run. */
  electionSetAt: number;
  heartbeatSetAt: number;
  stateMachine: {
    kv: Record<string, string>;
    records: string[];
    appliedCommands: number;
    /** §8: the latest request applied per client, and retries skipped. */
    sessions: Record<number, { seq: number; index: LogIndex }>;
    duplicatesSuppressed: number;
  };
  /** The voters of the server's current configuration (C_new during joint consensus). */
  voters: ServerId[];
  // ---- membership (§6), snapshots (§7), leadership transfer, reads ----
  /** §6: the latest configuration in the server's log and the index of its entry. */
  config: Configuration;
  configIndex: LogIndex;
  /** §7: lastIncludedIndex / lastIncludedTerm of the server's snapshot (0 / 0: none). */
  snapshotIndex: LogIndex;
  snapshotTerm: Term;
  /** The snapshot's key-value contents (null: no snapshot). */
  snapshot: { kv: Record<string, string>; appliedCommands: number; bytes: number } | null;
  /** A snapshot arriving in chunks from the leader. */
  incomingSnapshot: { index: LogIndex; term: Term; received: number; size: number } | null;
  /** Leaders: replication state per peer ('snapshot': InstallSnapshot in progress, with bytes sent so far). */
  progressState: Record<ServerId, 'probe' | 'replicate' | 'snapshot'>;
  snapshotOffset: Record<ServerId, number>;
  /** Leaders: the server leadership is being handed to. */
  transferee: ServerId | null;
  /** Leaders: reads waiting for their heartbeat round or for the state machine. */
  pendingReads: number;
  /** Leaders with readLeases: reads need no round until this time. */
  leaseUntil: number | null;
}

export type ServerSummary = Omit<ServerView, 'log'>;

export interface SubmitResult {
  ok: boolean;
  index?: LogIndex;
  term?: Term;
  /** Whom the contacted server believes is leader (null: it does not know). */
  leaderHint?: ServerId | null;
}

/**
 * A snapshot's size on the wire. Snapshots never change once taken (§7), so it
 * is measured once per snapshot rather than on every frame that shows it.
 */
const snapshotSize = new WeakMap<StateMachineState, number>();
function snapshotBytes(snap: StateMachineState): number {
  let n = snapshotSize.get(snap);
  if (n === undefined) {
    n = serializeStateMachine(snap).length;
    snapshotSize.set(snap, n);
  }
  return n;
}

function hex(h: number): string {
  return (h >>> 0).toString(16).padStart(8, '0');
}

export class RaftCluster extends ExtendedCluster {
  // ---- faults ------------------------------------------------------------

  /** Crash a server: it keeps currentTerm, votedFor and its log; everything else is lost. */
  crash(id: ServerId): void {
    const slot = this.slot(id);
    if (!slot.alive) return;
    slot.alive = false;
    this.stopTimer(slot, 'election');
    this.stopTimer(slot, 'heartbeat');
    this.restartState(slot);
    this.afterAction('crash', id, { type: 'crash', server: id });
  }

  /** Restart a crashed server from its persistent state; the state machine is rebuilt by re-applying. */
  restart(id: ServerId): void {
    const slot = this.slot(id);
    if (slot.alive) return;
    slot.alive = true;
    this.restartState(slot);
    this.resetTimer(id, 'election');
    this.afterAction('restart', id, { type: 'restart', server: id });
  }

  /** Make a server's election timer fire now (a follower or candidate starts an election). */
  timeout(id: ServerId): TraceEvent {
    const slot = this.slot(id);
    if (!slot.alive) throw new RangeError(`server ${id} is crashed; restart it before forcing a timeout`);
    this.stopTimer(slot, 'election');
    return this.runNode(id, { type: 'electionTimeout' }, 'electionTimeout', undefined, 'forced');
  }

  disconnect(id: ServerId): void {
    this.slot(id);
    this.w.network.disconnected[id] = true;
    this.afterAction('network', id, { type: 'disconnect', server: id }, `disconnect S${id}`);
  }

  connect(id: ServerId): void {
    this.slot(id);
    delete this.w.network.disconnected[id];
    this.afterAction('network', id, { type: 'connect', server: id }, `connect S${id}`);
  }

  /** Bring one direction of one link up or down. */
  setLink(from: ServerId, to: ServerId, up: boolean): void {
    this.slot(from);
    this.slot(to);
    if (from === to) throw new RangeError(`setLink: from and to must differ (got ${from} twice)`);
    if (typeof up !== 'boolean') throw new TypeError(`setLink: up must be true or false (got ${describe(up)})`);
    setLinkUp(this.w.network, from, to, up);
    this.afterAction('network', null, { type: 'setLink', from, to, up }, `link S${from}→S${to} ${up ? 'up' : 'down'}`);
  }

  /** Only servers in the same group can talk; servers not listed are each isolated. */
  partition(groups: ServerId[][]): void {
    if (!Array.isArray(groups) || groups.some((g) => !Array.isArray(g))) {
      throw new TypeError(`partition(groups): groups must be an array of arrays of server ids, e.g. [[1,2],[3,4,5]]`);
    }
    const groupOf = new Map<ServerId, number>();
    groups.forEach((g, k) => {
      for (const id of g) {
        this.slot(id);
        if (groupOf.has(id)) throw new RangeError(`partition(groups): server ${id} is in more than one group`);
        groupOf.set(id, k);
      }
    });
    const ids = this.ids();
    for (const a of ids) {
      for (const b of ids) {
        if (a === b) continue;
        const ga = groupOf.get(a);
        setLinkUp(this.w.network, a, b, ga !== undefined && ga === groupOf.get(b));
      }
    }
    this.afterAction('network', null, { type: 'partition', groups: groups.map((g) => g.slice()) }, `partition ${groups.map((g) => `[${g.join(',')}]`).join(' ')}`);
  }

  /** Every link up, nobody disconnected. */
  heal(): void {
    this.w.network.cut = {};
    this.w.network.disconnected = {};
    this.afterAction('network', null, { type: 'heal' }, 'heal');
  }

  /** Change the network model for messages sent from now on. */
  setNetwork(settings: Partial<NetworkSettings>): void {
    if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) {
      throw new TypeError(`setNetwork(settings): settings must be an object (got ${describe(settings)})`);
    }
    // Unknown keys are refused (as createCluster refuses unknown options): a misspelt setting must not be recorded as a change.
    const next = validateNetwork(settings, this.w.network, 'setNetwork(settings): settings');
    Object.assign(this.w.network, next);
    this.afterAction('network', null, { type: 'setNetwork', settings: { latencyMs: [next.latencyMs[0], next.latencyMs[1]], dropRate: next.dropRate, duplicateRate: next.duplicateRate } }, `network latency ${next.latencyMs[0]}–${next.latencyMs[1]} ms, drop ${next.dropRate}, duplicate ${next.duplicateRate}`);
  }

  /** The user removes a message from the wire. */
  dropMessage(messageId: number): void {
    checkIdType('dropMessage(id): message id', messageId);
    const removed = this.queue.removeWhere((ev) => ev.kind === 'deliver' && ev.message.id === messageId);
    const ev = removed[0];
    if (!ev || ev.kind !== 'deliver') throw new RangeError(`no message ${String(messageId)} is in flight`);
    this.w.stats.undelivered++;
    this.record({ kind: 'dropMessage', server: ev.message.to, message: ev.message, notes: [], sent: [], action: { type: 'dropMessage', message: messageId } });
  }

  /** The user makes the network deliver another copy of a message (with its own delay). Returns the copy's id. */
  duplicateMessage(messageId: number): number {
    checkIdType('duplicateMessage(id): message id', messageId);
    const original = this.messages().find((m) => m.id === messageId);
    if (!original) throw new RangeError(`no message ${String(messageId)} is in flight`);
    const { id: _id, sentAt: _s, deliverAt: _d, lost: _l, duplicate: _dup, ...message } = original;
    const copy = this.send(message as Message, true);
    this.record({ kind: 'duplicateMessage', server: original.to, message: original, notes: [], sent: [copy], action: { type: 'duplicateMessage', message: messageId } });
    return copy;
  }

  // ---- clients -----------------------------------------------------------

  /** A client request to server `id`, or to the current leader. */
  submit(command: string, id?: ServerId): SubmitResult {
    if (typeof command !== 'string') throw new TypeError(`submit(command): command must be a string (got ${describe(command)})`);
    if (command.length > LIMITS.commandLength) {
      throw new RangeError(`submit(command): command must be at most ${LIMITS.commandLength} characters (got ${command.length})`);
    }
    const target = id === undefined ? this.leaderId() : (this.slot(id), id);
    if (target === null) {
      this.record({ kind: 'submit', server: null, notes: [], sent: [], detail: command });
      return { ok: false, leaderHint: null };
    }
    if (!this.slot(target).alive) {
      this.record({ kind: 'submit', server: target, notes: [], sent: [], detail: command });
      return { ok: false, leaderHint: null };
    }
    this.runNode(target, { type: 'propose', command }, 'submit', undefined, command);
    const p = this.lastReady?.proposal;
    return p ? { ...p } : { ok: false, leaderHint: null };
  }

  // ---- views -------------------------------------------------------------

  server(id: ServerId): ServerView {
    return { ...this.summary(id), log: this.slot(id).node.log.entries.slice() };
  }

  /** Everything in server(id) but the log, which is summarised (cheap: for views refreshed every frame). */
  summary(id: ServerId): ServerSummary {
    const slot = this.slot(id);
    const s = slot.node;
    const nextIndex: Record<ServerId, LogIndex> = {};
    const matchIndex: Record<ServerId, LogIndex> = {};
    const progressState: ServerSummary['progressState'] = {};
    const snapshotOffset: Record<ServerId, number> = {};
    for (const [peer, pr] of Object.entries(s.progress)) {
      nextIndex[Number(peer)] = pr.nextIndex;
      matchIndex[Number(peer)] = pr.matchIndex;
      progressState[Number(peer)] = pr.state;
      if (pr.state === 'snapshot') snapshotOffset[Number(peer)] = pr.snapshotOffset ?? 0;
    }
    const snap = s.log.snapshot;
    return {
      id,
      role: s.role,
      alive: slot.alive,
      connected: this.w.network.disconnected[id] !== true,
      term: s.currentTerm,
      votedFor: s.votedFor,
      leaderId: s.leaderId,
      lastLogIndex: lastIndex(s.log),
      lastLogTerm: lastTerm(s.log),
      commitIndex: s.commitIndex,
      lastApplied: s.lastApplied,
      nextIndex,
      matchIndex,
      votesGranted: s.votesGranted.slice(),
      votesRejected: s.votesRejected.slice(),
      electionDeadline: slot.electionDeadline,
      heartbeatDeadline: slot.heartbeatDeadline,
      electionSetAt: slot.electionSetAt,
      heartbeatSetAt: slot.heartbeatSetAt,
      stateMachine: {
        kv: { ...s.stateMachine.kv },
        records: s.stateMachine.records.slice(),
        appliedCommands: s.stateMachine.appliedCommands,
        sessions: structuredClone(s.stateMachine.sessions),
        duplicatesSuppressed: s.stateMachine.duplicatesSuppressed,
      },
      voters: s.config.voters.slice(),
      config: structuredClone(s.config),
      configIndex: s.configIndex,
      snapshotIndex: s.log.snapshotIndex,
      snapshotTerm: s.log.snapshotTerm,
      snapshot: snap ? { kv: { ...snap.kv }, appliedCommands: snap.appliedCommands, bytes: snapshotBytes(snap) } : null,
      incomingSnapshot: s.incomingSnapshot
        ? { index: s.incomingSnapshot.index, term: s.incomingSnapshot.term, received: s.incomingSnapshot.data.length, size: s.incomingSnapshot.size }
        : null,
      progressState,
      snapshotOffset,
      transferee: s.transferee,
      pendingReads: s.pendingReads.length,
      leaseUntil: Number.isFinite(s.leaseUntil) ? s.leaseUntil : null,
    };
  }

  /**
   * The server's log entries, without copying. Read-only: entries are immutable
   * and the array must not be changed. Lets views diff logs cheaply by identity.
   */
  logEntries(id: ServerId): readonly Entry[] {
    return this.slot(id).node.log.entries;
  }

  /** §7: the index the server's log starts after (its snapshot's lastIncludedIndex; 0 without one). */
  logStart(id: ServerId): LogIndex {
    return this.slot(id).node.log.snapshotIndex;
  }

  /** Retained trace events numbered above n (for incremental views). */
  traceSince(n: number): TraceEvent[] {
    return this.traceBuf.since(n);
  }

  /** The network's current settings, cut links and disconnected servers, as plain data. */
  snapshotNetwork(): { latencyMs: [number, number]; dropRate: number; duplicateRate: number; cut: Array<[ServerId, ServerId]>; disconnected: ServerId[] } {
    const net = this.w.network;
    return {
      latencyMs: [net.latencyMs[0], net.latencyMs[1]],
      dropRate: net.dropRate,
      duplicateRate: net.duplicateRate,
      cut: Object.keys(net.cut).map((k) => parseLinkKey(Number(k))),
      disconnected: Object.keys(net.disconnected).map(Number),
    };
  }

  servers(): ServerView[] {
    return this.ids().map((id) => this.server(id));
  }

  /** Messages on the wire, in delivery order. */
  messages(): InFlightMessage[] {
    return this.queue
      .toSortedArray()
      .flatMap((ev) => (ev.kind === 'deliver' ? [{ ...ev.message }] : []));
  }

  applied(id: ServerId): Entry[] {
    return appliedToArray(this.slot(id).applied);
  }

  stats(): Stats {
    return structuredClone(this.w.stats);
  }

  violations(): Violation[] {
    return this.w.checker.violations.map((v) => ({ ...v, servers: v.servers.slice() }));
  }

  /** The retained trace (the newest `traceLimit` events). */
  trace(): TraceEvent[] {
    return this.traceBuf.toArray();
  }

  /** Fingerprint of every event so far: equal hashes mean identical runs. */
  traceHash(): string {
    return hex(this.w.traceHash);
  }

  /** A user action that is not an engine step: record it and let the checker see its effect. */
  private afterAction(kind: 'crash' | 'restart' | 'network', id: ServerId | null, action: UserAction, detail?: string): void {
    const ev = this.record({ kind, server: id, notes: [], sent: [], detail, action });
    if (id !== null && kind !== 'network') {
      const node = this.slot(id).node;
      checkServer(this.w.checker, node, { time: this.w.time, event: ev.n, logChangedFrom: null, applied: [] });
    }
  }
}
