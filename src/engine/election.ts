/**
 * Leader election (§5.2) and the election restriction (§5.4.1).
 */
import type { EngineOptions } from './types';
import type { RequestVote, RequestVoteReply } from './messages';
import { appendEntry, isUpToDate, lastIndex, lastTerm } from './log';
import { isMajority, majoritySize } from './quorum';
import { markLogChanged, type Ready } from './ready';
import { broadcastAppend, maybeAdvanceCommit } from './replication';
import { peersOf, type RaftState } from './state';

/**
 * Figure 2, candidates: "On conversion to candidate, start election: increment
 * currentTerm, vote for self, reset election timer, send RequestVote RPCs to all
 * other servers." A candidate whose timeout fires again starts a new election.
 */
export function becomeCandidate(s: RaftState, r: Ready, opts: EngineOptions): void {
  const from = s.role;
  s.currentTerm += 1;
  s.role = 'candidate';
  s.votedFor = s.id;
  s.leaderId = null;
  s.votesGranted = [s.id];
  s.votesRejected = [];
  s.progress = {};
  r.election = 'reset';
  r.notes.push({ kind: 'roleChanged', from, to: 'candidate', term: s.currentTerm, reason: 'electionTimeout' });
  const lastLogIndex = lastIndex(s.log);
  const lastLogTerm = lastTerm(s.log);
  for (const peer of peersOf(s)) {
    r.messages.push({
      type: 'RequestVote',
      from: s.id,
      to: peer,
      term: s.currentTerm,
      candidateId: s.id,
      lastLogIndex,
      lastLogTerm,
    });
  }
  maybeWinElection(s, r, opts); // a one-server cluster elects itself
}

/**
 * Figure 2, leaders: "Upon election: send initial empty AppendEntries RPCs
 * (heartbeat) to each server". nextIndex starts just past the leader's log and
 * matchIndex at 0; with `leaderNoop`, a no-op of the new term follows (§8).
 */
export function becomeLeader(s: RaftState, r: Ready, opts: EngineOptions): void {
  const from = s.role;
  s.role = 'leader';
  s.leaderId = s.id;
  const nextIndex = lastIndex(s.log) + 1;
  s.progress = {};
  for (const peer of peersOf(s)) {
    s.progress[peer] = { nextIndex, matchIndex: 0, state: 'probe', probeSent: false };
  }
  r.election = 'stop';
  r.heartbeat = 'reset';
  r.notes.push({ kind: 'roleChanged', from, to: 'leader', term: s.currentTerm, reason: 'wonElection' });
  if (opts.leaderNoop) {
    appendEntry(s.log, { index: nextIndex, term: s.currentTerm, command: null });
    markLogChanged(r, nextIndex);
    r.notes.push({ kind: 'noopAppended', index: nextIndex, term: s.currentTerm });
  }
  broadcastAppend(s, r, opts);
  maybeAdvanceCommit(s, r, opts);
}

function maybeWinElection(s: RaftState, r: Ready, opts: EngineOptions): void {
  if (s.role !== 'candidate') return;
  const granted = s.votesGranted;
  if (isMajority(s.config, (id) => granted.includes(id))) becomeLeader(s, r, opts);
}

/**
 * Figure 2, RequestVote receiver: reject a stale term; grant when votedFor is
 * null or the candidate, and the candidate's log is at least as up-to-date as
 * ours (§5.4.1). Granting a vote resets the election timer.
 */
export function handleRequestVote(s: RaftState, r: Ready, opts: EngineOptions, m: RequestVote): void {
  const reply = (voteGranted: boolean, reason?: RequestVoteReply['reason']): void => {
    r.messages.push({ type: 'RequestVoteReply', from: s.id, to: m.from, term: s.currentTerm, voteGranted, reason });
  };
  const refuse = (reason: RequestVoteReply['reason'] & string): void => {
    r.notes.push({
      kind: 'voteRejected',
      candidate: m.candidateId,
      term: m.term,
      reason,
      currentTerm: s.currentTerm,
      votedFor: s.votedFor,
      lastLogIndex: lastIndex(s.log),
      lastLogTerm: lastTerm(s.log),
    });
    reply(false, reason);
  };
  if (m.term < s.currentTerm) return refuse('stale-term');
  const mayVote = s.votedFor === null || s.votedFor === m.candidateId || opts.unsafe.voteTwicePerTerm === true;
  if (!mayVote) return refuse('already-voted');
  const upToDate = opts.unsafe.skipUpToDateCheck === true || isUpToDate(s.log, m.lastLogIndex, m.lastLogTerm);
  if (!upToDate) return refuse('log-not-up-to-date');
  s.votedFor = m.candidateId;
  r.election = 'reset';
  r.notes.push({ kind: 'voteGranted', candidate: m.candidateId, term: m.term });
  reply(true);
}

/** Figure 2, candidates: "If votes received from majority of servers: become leader". */
export function handleVoteReply(s: RaftState, r: Ready, opts: EngineOptions, m: RequestVoteReply): void {
  if (m.term !== s.currentTerm) return; // a reply from an earlier election
  const list = m.voteGranted ? s.votesGranted : s.votesRejected;
  if (!list.includes(m.from)) list.push(m.from);
  r.notes.push({
    kind: 'voteReceived',
    voter: m.from,
    granted: m.voteGranted,
    votes: s.votesGranted.length,
    needed: majoritySize(s.config),
  });
  if (m.voteGranted) maybeWinElection(s, r, opts);
}
