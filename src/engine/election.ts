/**
 * Leader election (§5.2), the election restriction (§5.4.1), PreVote
 * (dissertation §9.6) and the §6 rule that keeps removed servers from
 * disrupting a cluster that has a leader (leaderStickiness).
 */
import type { EngineOptions } from './types';
import type { PreVote, PreVoteReply, RequestVote, RequestVoteReply } from './messages';
import { isUpToDate, lastIndex, lastTerm } from './log';
import { isMajority, majoritySize } from './quorum';
import type { Ready, RoleChangeReason } from './ready';
import { appendAsLeader, broadcastAppend, maybeAdvanceCommit } from './replication';
import { configAt, isVoter, votingPeers } from './config';
import type { RaftState } from './state';
import { becomeCandidate, becomeLeader, becomePreCandidate } from './roles';

/**
 * Whether this server believes a current leader exists: it leads, or it heard
 * from the leader less than a minimum election timeout ago (§6, dissertation §9.6).
 */
export function leaderKnown(s: RaftState, opts: EngineOptions): boolean {
  if (s.role === 'leader') return true;
  return s.leaderId !== null && s.lastLeaderContact !== null && s.clock - s.lastLeaderContact < opts.electionTimeoutMinMs;
}

/**
 * Who stands for election (§6, dissertation §4.2.2). A voter of the latest
 * configuration in its log does. So does a server that configuration leaves out
 * while the entry holding it is past its commitIndex, if the configuration before
 * it named the server a voter: "a server that is not part of its own latest
 * configuration should still start new elections, as it might still be needed
 * until the C_new entry is committed" (dissertation §4.2.2, Figure 4.6: S1 removes
 * itself from {S1, S2}; until S2 holds C_new it needs S1's vote, which S1 refuses
 * for S2's shorter log, so only S1 can lead). Its own vote counts only where it
 * is a voter: votes are counted in the latest configuration.
 *
 * A leader appends a configuration only once the previous one is committed
 * (membershipBlocked), so the configuration before the latest is committed and is
 * the only other one that may still be in force. It is read from the log, not at
 * commitIndex: commitIndex is volatile, and after a restart it falls back to the
 * snapshot's index, whose configuration may be long gone (fuzz seed 7703: a server
 * added later, restarted after appending its own removal, found itself outside
 * the initial configuration and stopped, and nobody could be elected).
 * Learners, and removed servers that know their removal is committed, wait to
 * hear from a leader.
 */
export function mayStandForElection(s: RaftState): boolean {
  if (isVoter(s.config, s.id)) return true;
  return s.configIndex > s.commitIndex && isVoter(configAt(s.log, s.configIndex - 1).config, s.id);
}

/** The election timer fired on a follower, pre-candidate or candidate. */
export function campaign(s: RaftState, r: Ready, opts: EngineOptions): void {
  if (!mayStandForElection(s)) {
    // No timer until a leader's message (which resets it) or a restart: nothing to time out for.
    r.election = 'stop';
    r.notes.push({ kind: 'notVoter' });
    return;
  }
  if (opts.preVote) startPreVote(s, r, opts);
  else startElection(s, r, opts, 'electionTimeout', false);
}

/**
 * Dissertation §9.6: before raising its term, ask the voters whether they would
 * vote for it. A server cut off from the majority then never inflates its term.
 */
export function startPreVote(s: RaftState, r: Ready, opts: EngineOptions): void {
  becomePreCandidate(s, r);
  const lastLogIndex = lastIndex(s.log);
  const lastLogTerm = lastTerm(s.log);
  for (const peer of votingPeers(s.config, s.id)) {
    const m: PreVote = { type: 'PreVote', from: s.id, to: peer, term: s.currentTerm + 1, candidateId: s.id, lastLogIndex, lastLogTerm };
    r.messages.push(m);
  }
  if (isMajority(s.config, (id) => s.votesGranted.includes(id))) startElection(s, r, opts, 'preVoteWon', false);
}

/**
 * Figure 2, candidates: "On conversion to candidate, start election: increment
 * currentTerm, vote for self, reset election timer, send RequestVote RPCs to all
 * other servers." A candidate whose timeout fires again starts a new election.
 * `transfer`: the election a leadership transfer asked for (dissertation §3.10).
 */
export function startElection(s: RaftState, r: Ready, opts: EngineOptions, reason: RoleChangeReason = 'electionTimeout', transfer = false): void {
  becomeCandidate(s, r, reason);
  const lastLogIndex = lastIndex(s.log);
  const lastLogTerm = lastTerm(s.log);
  for (const peer of votingPeers(s.config, s.id)) {
    const m: RequestVote = { type: 'RequestVote', from: s.id, to: peer, term: s.currentTerm, candidateId: s.id, lastLogIndex, lastLogTerm };
    if (transfer) m.transfer = true;
    r.messages.push(m);
  }
  maybeWinElection(s, r, opts); // a one-server cluster elects itself
}

/**
 * Figure 2, leaders: "Upon election: send initial empty AppendEntries RPCs
 * (heartbeat) to each server"; with `leaderNoop`, a no-op of the new term
 * goes first (§8), and a one-server cluster commits it at once.
 */
function winElection(s: RaftState, r: Ready, opts: EngineOptions): void {
  becomeLeader(s, r, opts);
  if (opts.leaderNoop) {
    const index = appendAsLeader(s, r, { command: null });
    r.notes.push({ kind: 'noopAppended', index, term: s.currentTerm });
  }
  broadcastAppend(s, r, opts);
  maybeAdvanceCommit(s, r, opts);
}

function maybeWinElection(s: RaftState, r: Ready, opts: EngineOptions): void {
  if (s.role !== 'candidate') return;
  const granted = s.votesGranted;
  if (isMajority(s.config, (id) => granted.includes(id))) winElection(s, r, opts);
}

/**
 * §6: "servers disregard RequestVote RPCs when they believe a current leader
 * exists": no reply, no new term. Leadership transfer votes are exempt.
 * Leases rely on the same rule, so readLeases turns it on too.
 */
export function shouldIgnoreVote(s: RaftState, opts: EngineOptions, m: RequestVote): boolean {
  if (!(opts.leaderStickiness || opts.readLeases) || m.transfer === true) return false;
  return m.term > s.currentTerm && leaderKnown(s, opts);
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
  const upToDate = isUpToDate(s.log, m.lastLogIndex, m.lastLogTerm);
  if (!upToDate && opts.unsafe.skipUpToDateCheck !== true) return refuse('log-not-up-to-date');
  const votedBefore = s.votedFor;
  s.votedFor = m.candidateId;
  r.election = 'reset';
  r.notes.push({ kind: 'voteGranted', candidate: m.candidateId, term: m.term, votedBefore, upToDate });
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

/**
 * Dissertation §9.6: grant a pre-vote when the asker's log is at least as
 * up-to-date as ours and we have not heard from a leader within the minimum
 * election timeout. Nothing is recorded: a pre-vote binds no one, and our term
 * does not change.
 */
export function handlePreVote(s: RaftState, r: Ready, opts: EngineOptions, m: PreVote): void {
  const reply = (voteGranted: boolean, reason?: PreVoteReply['reason']): void => {
    r.messages.push({ type: 'PreVoteReply', from: s.id, to: m.from, term: voteGranted ? m.term : s.currentTerm, voteGranted, reason });
  };
  const refuse = (reason: PreVoteReply['reason'] & string): void => {
    r.notes.push({
      kind: 'preVoteRejected',
      candidate: m.candidateId,
      term: m.term,
      reason,
      leaderId: s.role === 'leader' ? s.id : s.leaderId,
      currentTerm: s.currentTerm,
      lastLogIndex: lastIndex(s.log),
      lastLogTerm: lastTerm(s.log),
    });
    reply(false, reason);
  };
  if (m.term <= s.currentTerm) return refuse('stale-term');
  if (leaderKnown(s, opts)) return refuse('leader-known');
  if (!isUpToDate(s.log, m.lastLogIndex, m.lastLogTerm)) return refuse('log-not-up-to-date');
  r.notes.push({ kind: 'preVoteGranted', candidate: m.candidateId, term: m.term });
  reply(true);
}

/** A pre-candidate with pre-votes from a majority starts the real election. */
export function handlePreVoteReply(s: RaftState, r: Ready, opts: EngineOptions, m: PreVoteReply): void {
  if (!m.voteGranted || m.term !== s.currentTerm + 1) {
    if (!m.voteGranted && m.term <= s.currentTerm + 1 && !s.votesRejected.includes(m.from)) s.votesRejected.push(m.from);
    if (m.voteGranted) return; // a reply to an earlier pre-vote
  } else if (!s.votesGranted.includes(m.from)) {
    s.votesGranted.push(m.from);
  }
  r.notes.push({ kind: 'preVoteReceived', voter: m.from, granted: m.voteGranted, votes: s.votesGranted.length, needed: majoritySize(s.config) });
  if (m.voteGranted && isMajority(s.config, (id) => s.votesGranted.includes(id))) startElection(s, r, opts, 'preVoteWon', false);
}
