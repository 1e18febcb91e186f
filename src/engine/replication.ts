/**
 * Leader side of log replication (§5.3) and commitment (§5.4.2), with
 * heartbeat rounds (used by ReadIndex, leases and CheckQuorum) and the hand-off
 * to InstallSnapshot when a follower needs entries that were compacted (§7).
 * What the extensions do when commitIndex or a follower's matchIndex moves, or
 * a round is acknowledged, is registered in hooks.ts, not imported from them.
 */
import type { EngineOptions, Entry, LogIndex, ServerId } from './types';
import type { AppendEntries, AppendEntriesReply } from './messages';
import { appendEntry, entriesFrom, lastIndex, lastIndexOfTerm, termAt } from './log';
import { committedIndex } from './quorum';
import { markLogChanged, type Ready } from './ready';
import { replicationPeers } from './config';
import type { RaftState } from './state';
import { sendSnapshotChunk, startSnapshot } from './snapshotSend';
import { leaderHooks, runLeaderHooks, runPeerHooks } from './hooks';
import { becomeReplicate, isPaused, maybeDecrTo, maybeUpdate, recordReply, sentEntries, unpause, type Progress } from './progress';

/** How many recent rounds' send times a leader remembers (for leases). */
export const ROUNDS_KEPT = 16;

/**
 * Send one AppendEntries to `peer` from its nextIndex. In 'replicate' the
 * entries are streamed: nextIndex moves past them at once. In 'probe' at most
 * one request is outstanding, unless this is a heartbeat round, which always
 * goes out (it is how a leader keeps its authority, §5.2).
 */
export function sendAppend(s: RaftState, r: Ready, opts: EngineOptions, peer: ServerId, heartbeatRound: boolean): void {
  const pr = s.progress[peer];
  if (!pr) return;
  if (pr.state === 'snapshot') {
    if (heartbeatRound || !isPaused(pr)) sendSnapshotChunk(s, r, opts, peer, pr);
    return;
  }
  if (isPaused(pr) && !heartbeatRound) return;
  const prevLogIndex = pr.nextIndex - 1;
  const prevLogTerm = termAt(s.log, prevLogIndex);
  if (prevLogTerm === undefined) {
    // §7: the entry before nextIndex was compacted into our snapshot; send the snapshot instead.
    startSnapshot(s, r, opts, peer, pr);
    return;
  }
  const entries = entriesFrom(s.log, pr.nextIndex, opts.maxEntriesPerAppend);
  const m: AppendEntries = {
    type: 'AppendEntries',
    from: s.id,
    to: peer,
    term: s.currentTerm,
    leaderId: s.id,
    prevLogIndex,
    prevLogTerm,
    entries,
    leaderCommit: s.commitIndex,
    round: s.round,
  };
  r.messages.push(m);
  sentEntries(pr, entries[entries.length - 1]?.index);
}

/** Heartbeat round: AppendEntries to every peer (empty when it is up to date); starts a new round. */
export function broadcastAppend(s: RaftState, r: Ready, opts: EngineOptions): void {
  s.round += 1;
  s.roundSentAt[s.round % ROUNDS_KEPT] = s.clock;
  for (const peer of replicationPeers(s.config, s.id)) sendAppend(s, r, opts, peer, true);
}

/**
 * Figure 2, leaders: "If there exists an N such that N > commitIndex, a majority
 * of matchIndex[i] >= N, and log[N].term == currentTerm: set commitIndex = N".
 * §5.4.2: entries from earlier terms are committed only indirectly, never by
 * counting their replicas (Figure 8). §6: the leader counts itself only while it
 * is a voter, and in joint consensus both majorities are needed.
 */
export function maybeAdvanceCommit(s: RaftState, r: Ready, opts: EngineOptions): void {
  const n = committedIndex(s.config, (id) => (id === s.id ? lastIndex(s.log) : (s.progress[id]?.matchIndex ?? 0)));
  if (n <= s.commitIndex) return;
  if (termAt(s.log, n) !== s.currentTerm && !opts.unsafe.commitPreviousTermByCounting) return;
  r.notes.push({ kind: 'commitAdvanced', from: s.commitIndex, to: n, term: termAt(s.log, n) ?? 0 });
  s.commitIndex = n;
  runLeaderHooks(leaderHooks().commitAdvanced, s, r, opts);
}

/**
 * A follower's matchIndex moved: commit what a majority now holds (Figure 2),
 * then let the extensions react (a learner has caught up, §6; the target of a
 * leadership transfer has, dissertation §3.10).
 */
export function followerAdvanced(s: RaftState, r: Ready, opts: EngineOptions, peer: ServerId): void {
  maybeAdvanceCommit(s, r, opts);
  runPeerHooks(leaderHooks().matchAdvanced, s, r, opts, peer);
}

/**
 * The one way a leader adds to its log (§5.3: "the leader appends the command
 * to its log as a new entry"): at the end, in its current term. Used for
 * client commands, the no-op of a new leader (§8) and configuration entries
 * (§6). Replication is up to the caller (replicateNew, or a heartbeat round).
 */
export function appendAsLeader(s: RaftState, r: Ready, fields: Omit<Entry, 'index' | 'term'>): LogIndex {
  const index = lastIndex(s.log) + 1;
  appendEntry(s.log, { index, term: s.currentTerm, ...fields });
  markLogChanged(r, index);
  return index;
}

/** Send the new entries to every peer and commit at once if this leader alone is a majority. */
export function replicateNew(s: RaftState, r: Ready, opts: EngineOptions): void {
  for (const peer of replicationPeers(s.config, s.id)) sendAppend(s, r, opts, peer, false);
  maybeAdvanceCommit(s, r, opts); // a one-server cluster commits at once
}

/** A client command reaches the leader: append it, then replicate (§5.3). */
export function propose(s: RaftState, r: Ready, opts: EngineOptions, command: string): void {
  if (s.role !== 'leader' || s.transferee !== null) {
    const reason = s.role !== 'leader' ? 'not-leader' : 'transferring';
    const leaderHint = s.role === 'leader' ? s.id : s.leaderId;
    r.proposal = { ok: false, leaderHint, reason };
    r.notes.push({ kind: 'proposalRejected', leaderHint, ...(reason === 'transferring' ? { reason } : {}) });
    return;
  }
  const index = appendAsLeader(s, r, { command });
  r.proposal = { ok: true, index, term: s.currentTerm };
  r.notes.push({ kind: 'proposalAppended', index, term: s.currentTerm });
  replicateNew(s, r, opts);
}

/** Where a probing leader should retry after a rejection. */
function backedOffNextIndex(s: RaftState, opts: EngineOptions, m: AppendEntriesReply): LogIndex {
  if (!opts.fastBackup) return m.rejectedIndex; // the paper's base rule: decrement by one
  // §5.3: skip the whole conflicting term at once.
  if (m.conflictTerm !== undefined && m.conflictTerm > 0) {
    const k = lastIndexOfTerm(s.log, m.conflictTerm);
    if (k > 0) return k + 1;
  }
  return m.conflictIndex ?? m.rejectedIndex;
}

/** Any reply of the current term from a follower: it is alive (CheckQuorum) and acknowledges a round (ReadIndex, leases). */
export function noteFollowerReply(s: RaftState, r: Ready, opts: EngineOptions, pr: Progress, round: number | undefined): void {
  if (recordReply(pr, round)) runLeaderHooks(leaderHooks().roundAcknowledged, s, r, opts);
}

/** Figure 2, leaders: update nextIndex and matchIndex from a follower's reply. */
export function handleAppendReply(s: RaftState, r: Ready, opts: EngineOptions, m: AppendEntriesReply): void {
  const pr = s.progress[m.from];
  if (!pr) return;
  noteFollowerReply(s, r, opts, pr, m.round);
  if (pr.state === 'snapshot') return; // a reply to an AppendEntries sent before the snapshot started
  unpause(pr);
  if (m.success) {
    const advanced = maybeUpdate(pr, m.matchIndex); // false for a duplicate or reordered reply
    const wasProbing = pr.state === 'probe';
    if (!advanced && !wasProbing) return;
    if (advanced) r.notes.push({ kind: 'matchIndexAdvanced', peer: m.from, to: m.matchIndex });
    // A successful probe found where the logs match (even at index 0): stream from here.
    becomeReplicate(pr);
    if (advanced) followerAdvanced(s, r, opts, m.from);
    if (s.role !== 'leader') return; // stepped down (removed from the configuration, §6)
    if (pr.nextIndex <= lastIndex(s.log)) sendAppend(s, r, opts, m.from, false);
    return;
  }
  const before = pr.nextIndex;
  if (!maybeDecrTo(pr, m.rejectedIndex, backedOffNextIndex(s, opts, m))) return;
  r.notes.push({ kind: 'nextIndexBackedOff', peer: m.from, from: before, to: pr.nextIndex, fast: opts.fastBackup });
  sendAppend(s, r, opts, m.from, false);
}
