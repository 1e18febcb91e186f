/**
 * Plain-data views of the world for the headless API and the page: copies,
 * so a caller cannot change the run through them (except logEntries, which
 * hands out the log without copying for cheap diffs; entries are immutable).
 */
import { lastIndex, lastTerm, serializeStateMachine, type Configuration, type Entry, type LogIndex, type Role, type ServerId, type StateMachineState, type Term } from '../engine';
import { appliedToArray } from './applied';
import type { ClientOp } from './clients';
import { slot as slotOf, type World } from './live';
import { parseLinkKey, type InFlightMessage } from './network';
import { inFlightMessage } from './wire';

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

/** A client as plain data, for views. */
export interface ClientView {
  id: number;
  nextSeq: number;
  leaderGuess: ServerId | null;
  pending: ClientOp | null;
  history: ClientOp[];
  /** When the pending request will be retried (null: nothing pending). */
  deadline: number | null;
}

/** The network's settings and faults, as plain data. */
export interface NetworkView {
  latencyMs: [number, number];
  dropRate: number;
  duplicateRate: number;
  /** Cut directed links, [from, to]. */
  cut: Array<[ServerId, ServerId]>;
  disconnected: ServerId[];
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

export function serverSummary(w: World, id: ServerId): ServerSummary {
  const slot = slotOf(w, id);
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
    connected: w.state.network.disconnected[id] !== true,
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

export function serverView(w: World, id: ServerId): ServerView {
  return { ...serverSummary(w, id), log: slotOf(w, id).node.log.entries.slice() };
}

export function networkView(w: World): NetworkView {
  const net = w.state.network;
  return {
    latencyMs: [net.latencyMs[0], net.latencyMs[1]],
    dropRate: net.dropRate,
    duplicateRate: net.duplicateRate,
    cut: Object.keys(net.cut).map((k) => parseLinkKey(Number(k))),
    disconnected: Object.keys(net.disconnected).map(Number),
  };
}

/** Messages on the wire, in delivery order. */
export function messagesInFlight(w: World): InFlightMessage[] {
  return w.queue.toSortedArray().flatMap((ev) => (ev.kind === 'deliver' ? [{ ...inFlightMessage(ev) }] : []));
}

export function appliedEntries(w: World, id: ServerId): Entry[] {
  return appliedToArray(slotOf(w, id).applied);
}

export function clientViews(w: World): ClientView[] {
  return Object.values(w.state.clients).map((c) => ({
    id: c.id,
    nextSeq: c.nextSeq,
    leaderGuess: c.leaderGuess,
    pending: c.pending ? { ...c.pending } : null,
    history: c.history.map((op) => ({ ...op })),
    deadline: c.deadline,
  }));
}
