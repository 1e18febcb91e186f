/**
 * Role behaviour, swapped on transition as in etcd's raft (stepFollower,
 * stepCandidate, stepLeader): each role has its own step function for
 * messages; the rules shared by all roles (term checks) run first, in node.ts.
 * The transitions themselves are in roles.ts. This module routes messages to
 * every part of the protocol, so it comes last in the engine's module order,
 * just below node.ts.
 */
import type { EngineOptions } from './types';
import type { Message } from './messages';
import type { Ready } from './ready';
import type { RaftState } from './state';
import { becomeFollower } from './roles';
import { handleAppendEntries } from './appendEntries';
import { handlePreVote, handlePreVoteReply, handleRequestVote, handleVoteReply } from './election';
import { handleAppendReply } from './replication';
import { handleInstallSnapshot, handleInstallSnapshotReply } from './snapshot';
import { handleTimeoutNow } from './transfer';
import { handleClientRequest } from './reads';

export type StepFn = (s: RaftState, r: Ready, opts: EngineOptions, m: Message) => void;

function staleReply(r: Ready): void {
  r.notes.push({ kind: 'ignored', what: 'staleReply' });
}

export const stepFollower: StepFn = (s, r, opts, m) => {
  switch (m.type) {
    case 'RequestVote':
      return handleRequestVote(s, r, opts, m);
    case 'PreVote':
      return handlePreVote(s, r, opts, m);
    case 'AppendEntries':
      return handleAppendEntries(s, r, opts, m);
    case 'InstallSnapshot':
      return handleInstallSnapshot(s, r, opts, m);
    case 'TimeoutNow':
      return handleTimeoutNow(s, r, opts, m);
    case 'ClientRequest':
      return handleClientRequest(s, r, opts, m);
    default:
      // Replies addressed to an earlier role of ours: nothing to do.
      return staleReply(r);
  }
};

/** Candidates and pre-candidates hear of a leader of their term (or newer): follow it. */
function stepCampaigner(s: RaftState, r: Ready, opts: EngineOptions, m: Message): boolean {
  switch (m.type) {
    case 'RequestVote':
      handleRequestVote(s, r, opts, m); // a candidate voted for itself: refused
      return true;
    case 'PreVote':
      handlePreVote(s, r, opts, m);
      return true;
    case 'AppendEntries':
      // Figure 2, candidates: "If AppendEntries RPC received from new leader: convert to follower".
      if (m.term >= s.currentTerm) becomeFollower(s, r, m.term, m.leaderId, 'leaderDiscovered');
      handleAppendEntries(s, r, opts, m);
      return true;
    case 'InstallSnapshot':
      if (m.term >= s.currentTerm) becomeFollower(s, r, m.term, m.leaderId, 'leaderDiscovered');
      handleInstallSnapshot(s, r, opts, m);
      return true;
    case 'TimeoutNow':
      handleTimeoutNow(s, r, opts, m);
      return true;
    case 'ClientRequest':
      handleClientRequest(s, r, opts, m);
      return true;
    default:
      return false;
  }
}

export const stepPreCandidate: StepFn = (s, r, opts, m) => {
  if (stepCampaigner(s, r, opts, m)) return;
  if (m.type === 'PreVoteReply') return handlePreVoteReply(s, r, opts, m);
  return staleReply(r);
};

export const stepCandidate: StepFn = (s, r, opts, m) => {
  if (stepCampaigner(s, r, opts, m)) return;
  if (m.type === 'RequestVoteReply') return handleVoteReply(s, r, opts, m);
  return staleReply(r);
};

export const stepLeader: StepFn = (s, r, opts, m) => {
  switch (m.type) {
    case 'RequestVote':
      return handleRequestVote(s, r, opts, m); // same term: we voted for ourselves
    case 'PreVote':
      return handlePreVote(s, r, opts, m); // refused: we are the leader
    case 'AppendEntries':
      if (m.term < s.currentTerm) return handleAppendEntries(s, r, opts, m); // tells the old leader our term
      // Another leader in our own term: impossible in Raft (Election Safety). Only
      // a deliberately broken rule gets here; refuse rather than corrupt our log.
      if (opts.unsafe.leaderAcceptsAppendEntries) return handleAppendEntries(s, r, opts, m);
      r.notes.push({ kind: 'ignored', what: 'duplicateLeader' });
      return;
    case 'InstallSnapshot':
      if (m.term < s.currentTerm) return handleInstallSnapshot(s, r, opts, m);
      r.notes.push({ kind: 'ignored', what: 'duplicateLeader' });
      return;
    case 'AppendEntriesReply':
      if (m.term === s.currentTerm) return handleAppendReply(s, r, opts, m);
      return staleReply(r);
    case 'InstallSnapshotReply':
      if (m.term === s.currentTerm) return handleInstallSnapshotReply(s, r, opts, m);
      return staleReply(r);
    case 'ClientRequest':
      return handleClientRequest(s, r, opts, m);
    default:
      return staleReply(r);
  }
};

export const STEP_BY_ROLE = {
  follower: stepFollower,
  precandidate: stepPreCandidate,
  candidate: stepCandidate,
  leader: stepLeader,
} as const;
