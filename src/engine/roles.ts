/**
 * Role behaviour, swapped on transition as in etcd's raft: each role has its own
 * step function for messages; the rules shared by all roles (term checks) run
 * first, in node.ts.
 */
import type { EngineOptions, ServerId, Term } from './types';
import type { Message } from './messages';
import type { Ready, RoleChangeReason } from './ready';
import type { RaftState } from './state';
import { handleAppendEntries } from './appendEntries';
import { handleRequestVote, handleVoteReply } from './election';
import { handleAppendReply } from './replication';

/**
 * Become a follower, adopting `term` if it is newer (then votedFor is cleared,
 * since the vote belongs to a term). A former leader needs an election timer
 * again; a former candidate keeps the one it has.
 */
export function becomeFollower(
  s: RaftState,
  r: Ready,
  term: Term,
  leaderId: ServerId | null,
  reason: RoleChangeReason,
): void {
  const from = s.role;
  if (term > s.currentTerm) {
    s.currentTerm = term;
    s.votedFor = null;
  }
  s.role = 'follower';
  s.leaderId = leaderId;
  s.votesGranted = [];
  s.votesRejected = [];
  s.progress = {};
  if (from === 'leader') {
    r.heartbeat = 'stop';
    r.election = 'reset';
  }
  if (from !== 'follower') r.notes.push({ kind: 'roleChanged', from, to: 'follower', term: s.currentTerm, reason });
}

export type StepFn = (s: RaftState, r: Ready, opts: EngineOptions, m: Message) => void;

export const stepFollower: StepFn = (s, r, opts, m) => {
  switch (m.type) {
    case 'RequestVote':
      return handleRequestVote(s, r, opts, m);
    case 'AppendEntries':
      return handleAppendEntries(s, r, opts, m);
    default:
      // Replies addressed to an earlier role of ours: nothing to do.
      r.notes.push({ kind: 'ignored', what: 'staleReply' });
  }
};

export const stepCandidate: StepFn = (s, r, opts, m) => {
  switch (m.type) {
    case 'RequestVote':
      return handleRequestVote(s, r, opts, m); // we voted for ourselves: refused
    case 'AppendEntries':
      // Figure 2, candidates: "If AppendEntries RPC received from new leader: convert to follower".
      if (m.term >= s.currentTerm) becomeFollower(s, r, m.term, m.leaderId, 'leaderDiscovered');
      return handleAppendEntries(s, r, opts, m);
    case 'RequestVoteReply':
      return handleVoteReply(s, r, opts, m);
    default:
      r.notes.push({ kind: 'ignored', what: 'staleReply' });
  }
};

export const stepLeader: StepFn = (s, r, opts, m) => {
  switch (m.type) {
    case 'RequestVote':
      return handleRequestVote(s, r, opts, m); // same term: we voted for ourselves
    case 'AppendEntries':
      if (m.term < s.currentTerm) return handleAppendEntries(s, r, opts, m); // tells the old leader our term
      // Another leader in our own term: impossible in Raft (Election Safety). Only
      // a deliberately broken rule gets here; refuse rather than corrupt our log.
      if (opts.unsafe.leaderAcceptsAppendEntries) return handleAppendEntries(s, r, opts, m);
      r.notes.push({ kind: 'ignored', what: 'duplicateLeader' });
      return;
    case 'AppendEntriesReply':
      if (m.term === s.currentTerm) return handleAppendReply(s, r, opts, m);
      r.notes.push({ kind: 'ignored', what: 'staleReply' });
      return;
    default:
      r.notes.push({ kind: 'ignored', what: 'staleReply' });
  }
};

export const STEP_BY_ROLE = { follower: stepFollower, candidate: stepCandidate, leader: stepLeader } as const;
