/**
 * What one step of the core produces (etcd calls this `Ready`): messages to
 * send, entries applied to the state machine, timer changes, and notes that say
 * what happened and why, for the event log. The simulator carries these out.
 */
import type { Message, MessageType, AppendRejectReason, VoteRejectReason } from './messages';
import type { Entry, LogIndex, Role, ServerId, Term } from './types';

export type RoleChangeReason = 'electionTimeout' | 'higherTerm' | 'wonElection' | 'leaderDiscovered' | 'restart';

export type Note =
  | { kind: 'roleChanged'; from: Role; to: Role; term: Term; reason: RoleChangeReason }
  | { kind: 'termAdopted'; from: Term; to: Term; via: MessageType; sender: ServerId }
  | { kind: 'voteGranted'; candidate: ServerId; term: Term }
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
  | { kind: 'proposalRejected'; leaderHint: ServerId | null }
  | { kind: 'ignored'; what: 'staleReply' | 'duplicateLeader' | 'notLeader' };

export type TimerChange = 'reset' | 'stop' | null;

export interface ProposalResult {
  ok: boolean;
  index?: LogIndex;
  term?: Term;
  leaderHint?: ServerId | null;
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
  };
}

export function markLogChanged(r: Ready, index: LogIndex): void {
  if (r.logChangedFrom === null || index < r.logChangedFrom) r.logChangedFrom = index;
}
