/**
 * The RPCs of Figure 2 and their replies. Every message carries the sender's
 * currentTerm, because "if an RPC request or response contains term T >
 * currentTerm: set currentTerm = T, convert to follower" applies to all of them.
 */
import type { Configuration, Entry, LogIndex, ReadVia, ServerId, Term } from './types';

interface MessageBase {
  from: ServerId;
  to: ServerId;
  term: Term;
}

/** Invoked by candidates to gather votes (§5.2). */
export interface RequestVote extends MessageBase {
  type: 'RequestVote';
  candidateId: ServerId;
  lastLogIndex: LogIndex;
  lastLogTerm: Term;
  /** Sent because the leader handed over leadership (TimeoutNow): voters skip the stickiness check. */
  transfer?: boolean;
}

/**
 * Dissertation §9.6: "would you vote for me?", asked before raising the term.
 * `term` is the term the sender would campaign in (its currentTerm + 1); the
 * receiver does not adopt it.
 */
export interface PreVote extends MessageBase {
  type: 'PreVote';
  candidateId: ServerId;
  lastLogIndex: LogIndex;
  lastLogTerm: Term;
}

/** A granted pre-vote carries the term asked about; a refusal carries the voter's own term. */
export interface PreVoteReply extends MessageBase {
  type: 'PreVoteReply';
  voteGranted: boolean;
  reason?: VoteRejectReason;
}

/** Why a vote was refused, so the UI can say it in plain words. */
export type VoteRejectReason = 'stale-term' | 'already-voted' | 'log-not-up-to-date' | 'leader-known' | 'not-voter';

export interface RequestVoteReply extends MessageBase {
  type: 'RequestVoteReply';
  voteGranted: boolean;
  reason?: VoteRejectReason;
}

/** Invoked by the leader to replicate entries (§5.3); also the heartbeat (§5.2). */
export interface AppendEntries extends MessageBase {
  type: 'AppendEntries';
  leaderId: ServerId;
  prevLogIndex: LogIndex;
  prevLogTerm: Term;
  entries: Entry[];
  leaderCommit: LogIndex;
  /** The leader's heartbeat round when sent; echoed in the reply (ReadIndex, leases and CheckQuorum, §8). */
  round?: number;
}

export type AppendRejectReason = 'stale-term' | 'missing-entry' | 'term-mismatch';

export interface AppendEntriesReply extends MessageBase {
  type: 'AppendEntriesReply';
  success: boolean;
  /**
   * On success: the index up to which the follower's log now matches the
   * leader's (prevLogIndex + entries.length). Lets the leader update matchIndex
   * correctly even when replies are reordered or duplicated.
   */
  matchIndex: LogIndex;
  /** On failure: the prevLogIndex that was rejected (identifies stale rejections). */
  rejectedIndex: LogIndex;
  reason?: AppendRejectReason;
  /**
   * fastBackup hints (§5.3, last paragraphs): the term of the conflicting entry
   * (0 if the follower has no entry at prevLogIndex) and the first index the
   * follower stores for that term (or its lastIndex + 1 if the entry is missing).
   */
  conflictTerm?: Term;
  conflictIndex?: LogIndex;
  /** The round of the AppendEntries answered. */
  round?: number;
}

/**
 * §7, Figure 13: the leader sends a follower the snapshot it needs, in chunks.
 * `data` is the chunk of the serialized state machine starting at byte `offset`;
 * `done` marks the last chunk. The configuration travels with the snapshot.
 */
export interface InstallSnapshot extends MessageBase {
  type: 'InstallSnapshot';
  leaderId: ServerId;
  lastIncludedIndex: LogIndex;
  lastIncludedTerm: Term;
  offset: number;
  data: string;
  done: boolean;
  /** Total size of the serialized snapshot (for showing progress). */
  size: number;
  config: Configuration;
  round?: number;
}

export interface InstallSnapshotReply extends MessageBase {
  type: 'InstallSnapshotReply';
  lastIncludedIndex: LogIndex;
  /** Bytes of this snapshot the follower now holds: where the next chunk should start. */
  offset: number;
  /** The snapshot is installed (or the follower already had everything it covers). */
  done: boolean;
  round?: number;
}

/** Leadership transfer (dissertation §3.10): "start an election now", sent to an up-to-date target. */
export interface TimeoutNow extends MessageBase {
  type: 'TimeoutNow';
  leaderId: ServerId;
}

/**
 * Client addresses are negative: client k is -k. Clients are not servers; their
 * messages travel over the same network (§8).
 */
export function clientAddress(client: number): ServerId {
  return -client;
}

export function isClientAddress(id: ServerId): boolean {
  return id < 0;
}

/** §8: a client's write (`command`) or linearizable read (`read`: a key), tagged with client id and seq. */
export interface ClientRequest extends MessageBase {
  type: 'ClientRequest';
  client: number;
  seq: number;
  /** Which try of this request it is (echoed in a refusal, so a client acts only on its latest try). */
  attempt?: number;
  command?: string;
  read?: string;
}

export type ClientRejectReason = 'not-leader' | 'transferring' | 'no-leader-yet' | 'crashed';

export interface ClientReply extends MessageBase {
  type: 'ClientReply';
  client: number;
  seq: number;
  attempt?: number;
  ok: boolean;
  /** Not the leader: whom to try instead (null: unknown). */
  leaderHint?: ServerId | null;
  reason?: ClientRejectReason;
  /** Writes: the log index where the request was applied. */
  index?: LogIndex;
  /** The request had been applied before (a retry recognised by its session). */
  alreadyApplied?: boolean;
  /** Reads: the value (null: the key is not set), and how the read was made safe. */
  value?: string | null;
  readIndex?: LogIndex;
  readVia?: ReadVia;
  readRound?: number;
}

export type Message =
  | RequestVote
  | RequestVoteReply
  | AppendEntries
  | AppendEntriesReply
  | PreVote
  | PreVoteReply
  | InstallSnapshot
  | InstallSnapshotReply
  | TimeoutNow
  | ClientRequest
  | ClientReply;
export type MessageType = Message['type'];

export const MESSAGE_TYPES: readonly MessageType[] = [
  'RequestVote',
  'RequestVoteReply',
  'AppendEntries',
  'AppendEntriesReply',
  'PreVote',
  'PreVoteReply',
  'InstallSnapshot',
  'InstallSnapshotReply',
  'TimeoutNow',
  'ClientRequest',
  'ClientReply',
];

/** Fixed-size part of each message on a notional wire: type, term, from, to and fixed fields (8 bytes each). */
const HEADER_BYTES: Record<MessageType, number> = {
  RequestVote: 8 * 6,
  RequestVoteReply: 8 * 5,
  AppendEntries: 8 * 8,
  AppendEntriesReply: 8 * 7,
  PreVote: 8 * 6,
  PreVoteReply: 8 * 5,
  InstallSnapshot: 8 * 9,
  InstallSnapshotReply: 8 * 6,
  TimeoutNow: 8 * 5,
  ClientRequest: 8 * 6,
  ClientReply: 8 * 8,
};

/** An entry costs its index and term (8 bytes each) plus its command's length. */
function entryBytes(e: Entry): number {
  const configBytes = e.config ? 8 * (e.config.voters.length + e.config.learners.length + (e.config.oldVoters?.length ?? 0)) : 0;
  return 16 + (e.command === null ? 0 : e.command.length) + configBytes + (e.client ? 16 : 0);
}

/**
 * A client request's text, in its own function. Read inline in messageBytes
 * (`(m.command ?? m.read ?? '').length`, or the same with conditionals), the
 * load of the field a request does not have made V8 throw away the optimised
 * send() about fifty times in one run of the extensions benchmark ("wrong map"
 * on the same map each time, seen with node --trace-deopt). In a function of
 * its own it is optimised once and stays.
 */
function requestBytes(m: ClientRequest): number {
  const text = m.command !== undefined ? m.command : m.read;
  return typeof text === 'string' ? text.length : 0;
}

/**
 * A deterministic estimate of a message's size, for the statistics panel and
 * benchmarks. Command length is counted in UTF-16 code units, which is cheap and
 * the same in every JavaScript engine.
 */
export function messageBytes(m: Message): number {
  let n = HEADER_BYTES[m.type];
  if (m.type === 'AppendEntries') {
    // By index: heartbeats share one frozen empty list, and a for-of over lists of two
    // kinds was no longer optimised into a plain loop (it allocated an iterator).
    const entries = m.entries;
    for (let k = 0; k < entries.length; k++) n += entryBytes(entries[k]!);
  } else if (m.type === 'InstallSnapshot') {
    n += m.data.length;
  } else if (m.type === 'ClientRequest') {
    n += requestBytes(m);
  } else if (m.type === 'ClientReply') {
    n += m.value?.length ?? 0;
  }
  return n;
}

export function isHeartbeat(m: Message): boolean {
  return m.type === 'AppendEntries' && m.entries.length === 0;
}
