/**
 * One server's state, exactly the fields of Figure 2 plus what the simulator and
 * the UI need to show (leaderId, votes, configuration, state machine) and the
 * volatile bookkeeping of the extensions (PreVote, CheckQuorum, ReadIndex,
 * leadership transfer, InstallSnapshot).
 */
import { configAtEnd } from './config';
import { emptyLog } from './log';
import { copyStateMachine, emptyStateMachine } from './stateMachine';
import type { Progress } from './progress';
import type {
  Configuration,
  LogIndex,
  ReadVia,
  LogState,
  Role,
  ServerId,
  StateMachineState,
  Term,
  UnsafeRules,
} from './types';

/** Figure 2 "persistent state on all servers": survives a crash. The log includes its snapshot (§7). */
export interface PersistentState {
  currentTerm: Term;
  votedFor: ServerId | null;
  log: LogState;
}

/** §8: a linearizable read waiting for its heartbeat round (ReadIndex) and for the state machine to catch up. */
export interface PendingRead {
  client: number;
  seq: number;
  key: string;
  /** commitIndex when the read arrived: the read returns state at least this new. */
  readIndex: LogIndex;
  /** The heartbeat round that must be acknowledged by a majority (0: served under a lease). */
  round: number;
  via: ReadVia;
  /** Leadership confirmed (round acknowledged, or lease valid); waiting only for lastApplied >= readIndex. */
  confirmed: boolean;
}

/** A snapshot arriving in chunks (Figure 13): volatile, so a crash restarts it from offset 0. */
export interface IncomingSnapshot {
  leader: ServerId;
  index: LogIndex;
  term: Term;
  data: string;
  size: number;
}

export interface RaftState extends PersistentState {
  id: ServerId;
  // Volatile state on all servers (Figure 2).
  role: Role;
  commitIndex: LogIndex;
  lastApplied: LogIndex;
  /** Who this server believes leads currentTerm (for redirects, §8). */
  leaderId: ServerId | null;
  /** Candidates and pre-candidates: who granted / refused a (pre-)vote in this election. */
  votesGranted: ServerId[];
  votesRejected: ServerId[];
  /** Leaders: nextIndex[] and matchIndex[] per peer (Figure 2 "volatile state on leaders"). */
  progress: Record<ServerId, Progress>;
  /** The latest configuration in the log (§6: used whether or not it is committed). */
  config: Configuration;
  /** Index of the entry that holds `config` (snapshotIndex when it came with the snapshot). */
  configIndex: LogIndex;
  stateMachine: StateMachineState;
  /** Simulated time of the input being handled (the core has no clock; the simulator tells it). */
  clock: number;
  /** When this server last heard from a current leader (null: never since it started). */
  lastLeaderContact: number | null;
  /** Leaders: heartbeat round counter, and when recent rounds were sent (a ring: round r at r % ROUNDS_KEPT). */
  round: number;
  roundSentAt: number[];
  /** Leaders: reads may be served without a round until this time (leases, dissertation §6.4.1). */
  leaseUntil: number;
  /** Leaders: a leadership transfer in progress (dissertation §3.10). */
  transferee: ServerId | null;
  pendingReads: PendingRead[];
  incomingSnapshot: IncomingSnapshot | null;
}

export function createNode(id: ServerId, config: Configuration, persistent?: PersistentState): RaftState {
  const log = persistent?.log ?? emptyLog(config);
  const s: RaftState = {
    id,
    currentTerm: persistent?.currentTerm ?? 0,
    votedFor: persistent?.votedFor ?? null,
    log,
    role: 'follower',
    // §7: on restart the state machine is loaded from the snapshot, which holds only committed entries.
    commitIndex: log.snapshotIndex,
    lastApplied: log.snapshotIndex,
    leaderId: null,
    votesGranted: [],
    votesRejected: [],
    progress: {},
    config: log.snapshotConfig,
    configIndex: log.snapshotIndex,
    stateMachine: log.snapshot ? copyStateMachine(log.snapshot) : emptyStateMachine(),
    clock: 0,
    lastLeaderContact: null,
    round: 0,
    roundSentAt: [],
    leaseUntil: -Infinity,
    transferee: null,
    pendingReads: [],
    incomingSnapshot: null,
  };
  const latest = configAtEnd(log);
  s.config = latest.config;
  s.configIndex = latest.index;
  return s;
}

/** What a crash keeps: currentTerm, votedFor and the log with its snapshot (Figure 2, §7). */
export function persistentPart(s: RaftState): PersistentState {
  return { currentTerm: s.currentTerm, votedFor: s.votedFor, log: s.log };
}

/**
 * A restart rebuilds everything volatile; the state machine is loaded from the snapshot, then re-applied as commitIndex is relearned.
 * With the unsafe rule forgetVotedForOnRestart, votedFor is treated as volatile (Figure 2 says it must persist).
 */
export function restartNode(s: RaftState, unsafe: UnsafeRules = {}): RaftState {
  const persistent = persistentPart(s);
  if (unsafe.forgetVotedForOnRestart === true) persistent.votedFor = null;
  return createNode(s.id, s.log.snapshotConfig, persistent);
}

/**
 * What every role change clears, in one place (etcd's `reset`): the leader the
 * server knew, the votes it counted, its followers' progress, and the
 * leader-only bookkeeping (a leadership transfer under way, reads waiting for
 * a heartbeat round, a read lease). Votes: a candidate or pre-candidate starts
 * with its own, a follower with none, and a new leader keeps the ones that
 * elected it (the inspector shows them). A leader then sets up its own
 * progress and rounds (becomeLeader).
 */
export function resetForRole(s: RaftState, role: Role, leaderId: ServerId | null): void {
  s.role = role;
  s.leaderId = leaderId;
  if (role !== 'leader') {
    s.votesGranted = role === 'follower' ? [] : [s.id];
    s.votesRejected = [];
  }
  s.progress = {};
  s.transferee = null;
  s.pendingReads = [];
  s.leaseUntil = -Infinity;
}
