/**
 * Leadership transfer (dissertation §3.10): the leader stops taking new
 * commands, brings the target's log up to date, then sends it TimeoutNow so it
 * starts an election at once (and wins, having the most up-to-date log). If no
 * new leader appears within an election timeout, the leader gives up.
 */
import type { EngineOptions, ServerId } from './types';
import type { TimeoutNow } from './messages';
import { lastIndex } from './log';
import { isVoter } from './config';
import type { Ready } from './ready';
import type { RaftState } from './state';
import { sendAppend } from './replication';
import { startElection } from './election';

export function startTransfer(s: RaftState, r: Ready, opts: EngineOptions, to: ServerId): void {
  const refuse = (reason: 'not-leader' | 'not-voter' | 'self' | 'transferring'): void => {
    r.notes.push({ kind: 'transferRejected', to, reason });
    r.proposal = { ok: false, leaderHint: s.role === 'leader' ? s.id : s.leaderId, reason: reason === 'transferring' ? 'transferring' : 'not-leader' };
  };
  if (s.role !== 'leader') return refuse('not-leader');
  if (to === s.id) return refuse('self');
  if (!isVoter(s.config, to) || !s.progress[to]) return refuse('not-voter');
  if (s.transferee !== null) return refuse('transferring');
  s.transferee = to;
  // The leader's election timer measures how long it waits for the transfer.
  r.election = 'reset';
  const upToDate = s.progress[to]!.matchIndex === lastIndex(s.log);
  r.notes.push({ kind: 'transferStarted', to, upToDate });
  r.proposal = { ok: true };
  if (upToDate) maybeSendTimeoutNow(s, r, to);
  else sendAppend(s, r, opts, to, false);
}

/** Send TimeoutNow once the target's log matches ours. */
export function maybeSendTimeoutNow(s: RaftState, r: Ready, peer: ServerId): void {
  if (s.role !== 'leader' || s.transferee !== peer) return;
  if ((s.progress[peer]?.matchIndex ?? -1) !== lastIndex(s.log)) return;
  const m: TimeoutNow = { type: 'TimeoutNow', from: s.id, to: peer, term: s.currentTerm, leaderId: s.id };
  r.messages.push(m);
  r.notes.push({ kind: 'timeoutNowSent', to: peer });
}

/** The target starts an election at once, skipping PreVote; its RequestVotes say it is a transfer. */
export function handleTimeoutNow(s: RaftState, r: Ready, opts: EngineOptions, m: TimeoutNow): void {
  if (m.term < s.currentTerm || !isVoter(s.config, s.id)) {
    r.notes.push({ kind: 'ignored', what: 'staleReply' });
    return;
  }
  r.notes.push({ kind: 'timeoutNowReceived', leader: m.leaderId });
  startElection(s, r, opts, 'timeoutNow', true);
}
