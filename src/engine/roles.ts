/**
 * Role transitions (Figure 2 "Rules for Servers"; etcd's becomeFollower,
 * becomePreCandidate, becomeCandidate, becomeLeader): what changes in the
 * server's own state, timers and notes when it changes role, and nothing it
 * sends. Asking for votes and the new leader's first heartbeats are the
 * election's and replication's (election.ts), so membership (§6) and
 * leadership transfer (dissertation §3.10) can change a server's role without
 * importing the modules that route messages to them.
 */
import type { EngineOptions, ServerId, Term } from './types';
import type { Ready, RoleChangeReason } from './ready';
import { replicationPeers } from './config';
import { lastIndex } from './log';
import { resetForRole, type RaftState } from './state';
import { newProgress } from './progress';

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
  // Leader-only bookkeeping goes too: waiting reads are dropped (their clients retry), a transfer ends.
  resetForRole(s, 'follower', leaderId);
  if (from === 'leader') {
    r.heartbeat = 'stop';
    r.election = 'reset';
  }
  if (from !== 'follower') r.notes.push({ kind: 'roleChanged', from, to: 'follower', term: s.currentTerm, reason });
}

/**
 * Dissertation §9.6: a pre-candidate keeps its term (it asks whether it could
 * win before raising it) and counts its own pre-vote.
 */
export function becomePreCandidate(s: RaftState, r: Ready): void {
  const from = s.role;
  resetForRole(s, 'precandidate', null);
  r.election = 'reset';
  r.notes.push({ kind: 'roleChanged', from, to: 'precandidate', term: s.currentTerm, reason: 'electionTimeout' });
}

/**
 * Figure 2, candidates: "On conversion to candidate, start election: increment
 * currentTerm, vote for self, reset election timer" (the RequestVotes are sent
 * by the caller, election.ts).
 */
export function becomeCandidate(s: RaftState, r: Ready, reason: RoleChangeReason): void {
  const from = s.role;
  s.currentTerm += 1;
  s.votedFor = s.id;
  resetForRole(s, 'candidate', null);
  r.election = 'reset';
  r.notes.push({ kind: 'roleChanged', from, to: 'candidate', term: s.currentTerm, reason });
}

/**
 * Figure 2, leaders: nextIndex starts just past the leader's log and matchIndex
 * at 0 for every follower; heartbeat rounds start again. A leader has no
 * election timer, except to run CheckQuorum once per election timeout
 * (dissertation §6.2). The initial heartbeats are the caller's (election.ts).
 */
export function becomeLeader(s: RaftState, r: Ready, opts: EngineOptions): void {
  const from = s.role;
  resetForRole(s, 'leader', s.id);
  const nextIndex = lastIndex(s.log) + 1;
  for (const peer of replicationPeers(s.config, s.id)) s.progress[peer] = newProgress(nextIndex);
  s.round = 0;
  s.roundSentAt = [];
  r.election = opts.checkQuorum ? 'reset' : 'stop';
  r.heartbeat = 'reset';
  r.notes.push({ kind: 'roleChanged', from, to: 'leader', term: s.currentTerm, reason: 'wonElection' });
}
