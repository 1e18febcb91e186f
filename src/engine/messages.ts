/**
 * The RPCs of Figure 2 and their replies. Every message carries the sender's
 * currentTerm, because "if an RPC request or response contains term T >
 * currentTerm: set currentTerm = T, convert to follower" applies to all of them.
 */
import type { Entry, LogIndex, ServerId, Term } from './types';

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
}

/** Why a vote was refused, so the UI can say it in plain words. */
export type VoteRejectReason = 'stale-term' | 'already-voted' | 'log-not-up-to-date';

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
}

export type Message = RequestVote | RequestVoteReply | AppendEntries | AppendEntriesReply;
export type MessageType = Message['type'];

export const MESSAGE_TYPES: readonly MessageType[] = [
  'RequestVote',
  'RequestVoteReply',
  'AppendEntries',
  'AppendEntriesReply',
];

/** Fixed-size part of each message on a notional wire: type, term, from, to and fixed fields (8 bytes each). */
const HEADER_BYTES: Record<MessageType, number> = {
  RequestVote: 8 * 6,
  RequestVoteReply: 8 * 5,
  AppendEntries: 8 * 8,
  AppendEntriesReply: 8 * 7,
};

/** An entry costs its index and term (8 bytes each) plus its command's length. */
function entryBytes(e: Entry): number {
  return 16 + (e.command === null ? 0 : e.command.length);
}

/**
 * A deterministic estimate of a message's size, for the statistics panel and
 * benchmarks. Command length is counted in UTF-16 code units, which is cheap and
 * the same in every JavaScript engine.
 */
export function messageBytes(m: Message): number {
  let n = HEADER_BYTES[m.type];
  if (m.type === 'AppendEntries') {
    for (const e of m.entries) n += entryBytes(e);
  }
  return n;
}

export function isHeartbeat(m: Message): boolean {
  return m.type === 'AppendEntries' && m.entries.length === 0;
}
