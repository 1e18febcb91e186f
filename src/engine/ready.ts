/**
 * What one step of the core produces (etcd calls this `Ready`): messages to
 * send, entries applied to the state machine, timer changes, and notes that say
 * what happened and why, for the event log. The simulator carries these out.
 */
import type { Message, MessageType, AppendRejectReason, VoteRejectReason } from './messages';
import type { Configuration, Entry, LogIndex, ReadVia, Role, ServerId, Term } from './types';

export type RoleChangeReason =
  | 'electionTimeout'
  | 'higherTerm'
  | 'wonElection'
  | 'leaderDiscovered'
  | 'restart'
  /** PreVote: a majority said it would vote, so the real election starts (dissertation §9.6). */
  | 'preVoteWon'
  /** CheckQuorum: the leader has not heard from a majority for an election timeout (dissertation §6.2). */
  | 'checkQuorum'
  /** §6: a leader not in C_new steps down once C_new is committed. */
  | 'removedFromConfig'
  /** Leadership transfer: the leader told this server to start an election now. */
  | 'timeoutNow';

/** Which kind of membership change a configuration entry makes. */
export type ConfigChangeKind = 'addLearner' | 'promote' | 'remove' | 'enterJoint' | 'leaveJoint';

export type ConfigRejectReason =
  | 'not-leader'
  /** Dissertation §4.1: one change at a time; the previous configuration entry is not committed yet. */
  | 'change-pending'
  /** Dissertation §4.1 (the 2015 fix): a new leader must commit an entry of its term before changing membership. */
  | 'no-commit-in-term'
  | 'no-change'
  /** Removing the last voter would leave nobody to decide. */
  | 'would-be-empty'
  | 'transferring';

export type Note =
  | { kind: 'roleChanged'; from: Role; to: Role; term: Term; reason: RoleChangeReason }
  | { kind: 'termAdopted'; from: Term; to: Term; via: MessageType; sender: ServerId }
  | {
      kind: 'voteGranted';
      candidate: ServerId;
      term: Term;
      /** Whom the voter had voted for in this term before (null: nobody; the candidate: a repeated request). */
      votedBefore: ServerId | null;
      /** Whether the candidate's log passed §5.4.1 (false only when an unsafe rule skipped the check). */
      upToDate: boolean;
    }
  | {
      kind: 'voteRejected';
      candidate: ServerId;
      term: Term;
      reason: VoteRejectReason;
      /** The voter's own state when it refused: its term, whom it had voted for, its last entry. */
      currentTerm: Term;
      votedFor: ServerId | null;
      lastLogIndex: LogIndex;
      lastLogTerm: Term;
    }
  | { kind: 'voteReceived'; voter: ServerId; granted: boolean; votes: number; needed: number }
  | {
      kind: 'appendRejected';
      leader: ServerId;
      prevLogIndex: LogIndex;
      prevLogTerm: Term;
      reason: AppendRejectReason;
      /** Where the follower's log ends, and the term it holds at prevLogIndex (undefined: no entry there). */
      lastLogIndex: LogIndex;
      termAtPrev?: Term;
    }
  | { kind: 'entriesAppended'; from: LogIndex; to: LogIndex }
  | { kind: 'logTruncated'; from: LogIndex; removed: number }
  | {
      kind: 'commitAdvanced';
      from: LogIndex;
      to: LogIndex;
      /** Term of the entry at `to`; earlier entries of older terms are committed with it (§5.4.2). */
      term: Term;
    }
  | { kind: 'entriesApplied'; from: LogIndex; to: LogIndex }
  | { kind: 'noopAppended'; index: LogIndex; term: Term }
  | { kind: 'nextIndexBackedOff'; peer: ServerId; from: LogIndex; to: LogIndex; fast: boolean }
  | { kind: 'matchIndexAdvanced'; peer: ServerId; to: LogIndex }
  | { kind: 'proposalAppended'; index: LogIndex; term: Term }
  | { kind: 'proposalRejected'; leaderHint: ServerId | null; reason?: 'not-leader' | 'transferring' }
  | { kind: 'ignored'; what: 'staleReply' | 'duplicateLeader' | 'notLeader' }
  // ---- PreVote (dissertation §9.6) ----
  | { kind: 'preVoteGranted'; candidate: ServerId; term: Term }
  | {
      kind: 'preVoteRejected';
      candidate: ServerId;
      term: Term;
      reason: VoteRejectReason;
      /** The leader the voter knows of (it is that leader itself, or heard from it recently). */
      leaderId: ServerId | null;
      currentTerm: Term;
      lastLogIndex: LogIndex;
      lastLogTerm: Term;
    }
  | { kind: 'preVoteReceived'; voter: ServerId; granted: boolean; votes: number; needed: number }
  /** §6: a RequestVote disregarded because a current leader is known (leaderStickiness). */
  | { kind: 'voteIgnored'; candidate: ServerId; term: Term; leaderId: ServerId | null }
  /** A learner or a server outside the configuration does not start elections (§6). */
  | { kind: 'notVoter' }
  // ---- CheckQuorum (dissertation §6.2) ----
  | { kind: 'checkQuorumFailed'; active: ServerId[]; needed: number }
  // ---- Log compaction (§7) ----
  | { kind: 'snapshotTaken'; index: LogIndex; term: Term; removed: number; forced: boolean }
  | { kind: 'snapshotChunk'; leader: ServerId; index: LogIndex; offset: number; bytes: number; size: number; done: boolean }
  | { kind: 'snapshotInstalled'; index: LogIndex; term: Term; keptEntries: number }
  | { kind: 'snapshotSkipped'; index: LogIndex; reason: 'have-it' | 'offset-mismatch' }
  | { kind: 'snapshotSendStarted'; peer: ServerId; index: LogIndex; size: number }
  | { kind: 'snapshotSendDone'; peer: ServerId; index: LogIndex }
  // ---- Membership changes (§6) ----
  | { kind: 'configAppended'; index: LogIndex; term: Term; change: ConfigChangeKind; servers: ServerId[]; config: Configuration }
  | { kind: 'configRejected'; reason: ConfigRejectReason }
  // ---- Leadership transfer (dissertation §3.10) ----
  | { kind: 'transferStarted'; to: ServerId; upToDate: boolean }
  | { kind: 'timeoutNowSent'; to: ServerId }
  | { kind: 'transferAborted'; to: ServerId }
  | { kind: 'transferRejected'; to: ServerId; reason: 'not-leader' | 'not-voter' | 'self' | 'transferring' }
  | { kind: 'timeoutNowReceived'; leader: ServerId }
  // ---- Clients (§8) ----
  | { kind: 'clientAppended'; client: number; seq: number; index: LogIndex }
  | { kind: 'clientRedirected'; client: number; seq: number; leaderHint: ServerId | null; reason: 'not-leader' | 'transferring' }
  /** The leader answered a retried write from its session table without appending it again. */
  | { kind: 'clientDuplicateAnswered'; client: number; seq: number; index: LogIndex }
  /** Applying: the entry repeats a request already applied (same client and seq), so it is skipped. */
  | { kind: 'duplicateSuppressed'; client: number; seq: number; index: LogIndex; firstIndex: LogIndex }
  /** Applying without sessions: the entry repeats a request already applied, and is applied again. */
  | { kind: 'appliedTwice'; client: number; seq: number; index: LogIndex }
  | { kind: 'readStarted'; client: number; seq: number; key: string; readIndex: LogIndex; round: number; via: ReadVia; waitingForTermCommit: boolean }
  | { kind: 'readServed'; client: number; seq: number; key: string; value: string | null; readIndex: LogIndex; round: number; via: ReadVia };

export type TimerChange = 'reset' | 'stop' | null;

export interface ProposalResult {
  ok: boolean;
  index?: LogIndex;
  term?: Term;
  leaderHint?: ServerId | null;
  reason?: 'not-leader' | 'transferring' | ConfigRejectReason;
}

export interface Ready {
  messages: Message[];
  applied: Entry[];
  election: TimerChange;
  heartbeat: TimerChange;
  /** Lowest log index written or removed during this step (null: log untouched). */
  logChangedFrom: LogIndex | null;
  notes: Note[];
  proposal: ProposalResult | null;
  /** §7: a snapshot covering up to this index was installed from the leader (the checker compares it). */
  snapshotInstalled: { index: LogIndex; term: Term } | null;
  /** §7: entries this step folded into a new snapshot and removed from the log (the checker still examines them). */
  compacted: Entry[] | null;
}

export function newReady(): Ready {
  return {
    messages: [],
    applied: [],
    election: null,
    heartbeat: null,
    logChangedFrom: null,
    notes: [],
    proposal: null,
    snapshotInstalled: null,
    compacted: null,
  };
}

/**
 * Empty a Ready for another step, keeping its arrays. The simulator steps a
 * server for almost every event; reusing one Ready saves four objects per step
 * (it copies what it keeps, the notes, before the next step).
 */
export function clearReady(r: Ready): Ready {
  empty(r.messages);
  empty(r.applied);
  r.election = null;
  r.heartbeat = null;
  r.logChangedFrom = null;
  empty(r.notes);
  r.proposal = null;
  r.snapshotInstalled = null;
  r.compacted = null;
  return r;
}

/**
 * Empty a list and keep its storage for the next step. Not `length = 0`: V8
 * frees an array's backing store when its length is set to zero, so the next
 * push allocated a new one, about 100 bytes per non-empty list per step (issue
 * 14: a fifth of what the steady workload allocated). Popping shrinks the
 * store at most once, then reuses it.
 */
function empty(list: unknown[]): void {
  while (list.length !== 0) list.pop();
}

export function markLogChanged(r: Ready, index: LogIndex): void {
  if (r.logChangedFrom === null || index < r.logChangedFrom) r.logChangedFrom = index;
}
