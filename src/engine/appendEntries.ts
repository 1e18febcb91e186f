/**
 * Figure 2, AppendEntries receiver (§5.3).
 */
import type { EngineOptions, LogIndex } from './types';
import type { AppendEntries, AppendEntriesReply } from './messages';
import { appendEntry, firstIndexOfTermAt, lastIndex, termAt, truncateFrom } from './log';
import { markLogChanged, type Ready } from './ready';
import type { RaftState } from './state';
import { configAtEnd } from './config';

/**
 * The success reply: "true if follower contained entry matching prevLogIndex and
 * prevLogTerm" (Figure 2), with the index the leader may take as matched. Replies
 * are written out field by field (no closure, no spread): one runs per
 * AppendEntries, and a spread built two objects each time.
 */
function replySuccess(s: RaftState, r: Ready, m: AppendEntries, matchIndex: LogIndex): void {
  const reply: AppendEntriesReply = { type: 'AppendEntriesReply', from: s.id, to: m.from, term: s.currentTerm, success: true, matchIndex, rejectedIndex: 0, round: m.round };
  r.messages.push(reply);
}

export function handleAppendEntries(s: RaftState, r: Ready, opts: EngineOptions, request: AppendEntries): void {
  let m = request;
  if (m.term < s.currentTerm && opts.unsafe.acceptStaleTerms) s.currentTerm = m.term; // the broken rule
  // 1. Reply false if term < currentTerm.
  if (m.term < s.currentTerm) {
    r.notes.push({
      kind: 'appendRejected',
      leader: m.leaderId,
      prevLogIndex: m.prevLogIndex,
      prevLogTerm: m.prevLogTerm,
      reason: 'stale-term',
      lastLogIndex: lastIndex(s.log),
      termAtPrev: termAt(s.log, m.prevLogIndex),
    });
    const reply: AppendEntriesReply = { type: 'AppendEntriesReply', from: s.id, to: m.from, term: s.currentTerm, success: false, matchIndex: 0, rejectedIndex: m.prevLogIndex, reason: 'stale-term' };
    r.messages.push(reply);
    return;
  }
  // A valid AppendEntries comes from the leader of our term: it resets the election timer.
  s.leaderId = m.leaderId;
  s.lastLeaderContact = s.clock;
  r.election = 'reset';

  // §7: entries up to our snapshot are committed and already folded into it, so the
  // request is checked from the snapshot's end (prevLogIndex may lie inside it).
  const base = s.log.snapshotIndex;
  if (m.prevLogIndex < base) {
    const skip = base - m.prevLogIndex;
    if (skip >= m.entries.length) {
      return replySuccess(s, r, m, m.prevLogIndex + m.entries.length);
    }
    m = { ...m, prevLogIndex: base, prevLogTerm: s.log.snapshotTerm, entries: m.entries.slice(skip) };
  }

  // 2. Reply false if the log has no entry at prevLogIndex whose term matches prevLogTerm.
  const myPrevTerm = termAt(s.log, m.prevLogIndex);
  // (The broken rule skips only the term comparison: a missing entry still fails,
  // since entries cannot be placed beyond the end of the log.)
  if (myPrevTerm === undefined || (myPrevTerm !== m.prevLogTerm && !opts.unsafe.skipConsistencyCheck)) {
    const missing = myPrevTerm === undefined;
    const reason = missing ? 'missing-entry' : 'term-mismatch';
    r.notes.push({
      kind: 'appendRejected',
      leader: m.leaderId,
      prevLogIndex: m.prevLogIndex,
      prevLogTerm: m.prevLogTerm,
      reason,
      lastLogIndex: lastIndex(s.log),
      termAtPrev: myPrevTerm,
    });
    const reply: AppendEntriesReply = {
      type: 'AppendEntriesReply',
      from: s.id,
      to: m.from,
      term: s.currentTerm,
      success: false,
      matchIndex: 0,
      rejectedIndex: m.prevLogIndex,
      round: m.round,
      reason,
      conflictTerm: missing ? 0 : myPrevTerm,
      conflictIndex: missing ? lastIndex(s.log) + 1 : firstIndexOfTermAt(s.log, m.prevLogIndex),
    };
    r.messages.push(reply);
    return;
  }

  // 3. If an existing entry conflicts with a new one (same index, different
  //    term), delete it and all that follow. 4. Append entries not already in the
  //    log. Entries that match are left alone: a delayed or duplicated
  //    AppendEntries must never shorten the log.
  let truncatedFrom = Infinity;
  if (opts.unsafe.truncateWithoutConflict && lastIndex(s.log) > m.prevLogIndex) {
    const removed = lastIndex(s.log) - m.prevLogIndex;
    truncateFrom(s.log, m.prevLogIndex + 1);
    truncatedFrom = m.prevLogIndex + 1;
    markLogChanged(r, m.prevLogIndex + 1);
    r.notes.push({ kind: 'logTruncated', from: m.prevLogIndex + 1, removed });
  }
  let appendedFrom = 0;
  for (let k = 0; k < m.entries.length; k++) {
    const e = m.entries[k]!;
    const existing = termAt(s.log, e.index);
    if (existing === e.term) continue;
    if (existing !== undefined) {
      const removed = lastIndex(s.log) - e.index + 1;
      truncateFrom(s.log, e.index);
      truncatedFrom = Math.min(truncatedFrom, e.index);
      r.notes.push({ kind: 'logTruncated', from: e.index, removed });
    }
    for (let j = k; j < m.entries.length; j++) appendEntry(s.log, m.entries[j]!);
    markLogChanged(r, e.index);
    appendedFrom = e.index;
    break;
  }
  if (appendedFrom > 0) r.notes.push({ kind: 'entriesAppended', from: appendedFrom, to: lastIndex(s.log) });
  // §6: a server uses the latest configuration in its log, so it changes as soon as a
  // configuration entry arrives, and reverts if that entry is truncated away.
  if (truncatedFrom <= s.configIndex || (appendedFrom > 0 && m.entries.some((e) => e.config !== undefined && e.index >= appendedFrom))) {
    const latest = configAtEnd(s.log);
    s.config = latest.config;
    s.configIndex = latest.index;
  }

  // 5. If leaderCommit > commitIndex, set commitIndex = min(leaderCommit, index
  //    of last new entry). "Last new entry" is the last one this request vouches
  //    for, not the end of our log, which may hold unverified entries beyond it.
  const lastNewEntry = m.prevLogIndex + m.entries.length;
  if (m.leaderCommit > s.commitIndex) {
    const to = opts.unsafe.commitToLeaderCommit ? m.leaderCommit : Math.min(m.leaderCommit, lastNewEntry);
    if (to > s.commitIndex) {
      r.notes.push({ kind: 'commitAdvanced', from: s.commitIndex, to, term: termAt(s.log, to) ?? 0 });
      s.commitIndex = to;
    }
  }
  replySuccess(s, r, m, lastNewEntry);
}
