/**
 * Log compaction and InstallSnapshot (§7, Figure 13). A server snapshots its
 * state machine when enough applied entries pile up (or when asked); a leader
 * whose follower needs compacted entries sends the snapshot in chunks
 * (snapshotSend.ts) and follows the follower's replies here.
 */
import type { EngineOptions } from './types';
import type { InstallSnapshot, InstallSnapshotReply } from './messages';
import { compactLog, termAt } from './log';
import { configAt, configAtEnd } from './config';
import { copyStateMachine, deserializeStateMachine } from './stateMachine';
import { markLogChanged, type Ready } from './ready';
import type { RaftState } from './state';
import { followerAdvanced, noteFollowerReply, sendAppend } from './replication';
import { sendSnapshotChunk } from './snapshotSend';
import { becomeProbe, maybeUpdate, snapshotHeldUpTo, unpause } from './progress';

/**
 * §7: "each server takes snapshots independently, covering just the committed
 * entries in its log": here, everything applied. `forced` is a user's request;
 * otherwise only when snapshotThreshold applied entries are in the log.
 */
export function maybeCompact(s: RaftState, r: Ready, opts: EngineOptions, forced: boolean): void {
  const applied = s.lastApplied - s.log.snapshotIndex;
  if (applied <= 0) return;
  if (!forced && (opts.snapshotThreshold === 0 || applied < opts.snapshotThreshold)) return;
  const index = s.lastApplied;
  const term = termAt(s.log, index) ?? 0;
  const gone = s.log.entries.slice(0, index - s.log.snapshotIndex);
  r.compacted = r.compacted ? r.compacted.concat(gone) : gone;
  const removed = compactLog(s.log, index, term, configAt(s.log, index).config, copyStateMachine(s.stateMachine));
  r.notes.push({ kind: 'snapshotTaken', index, term, removed, forced });
}

/** Figure 13, InstallSnapshot receiver. */
export function handleInstallSnapshot(s: RaftState, r: Ready, _opts: EngineOptions, m: InstallSnapshot): void {
  const reply = (offset: number, done: boolean): void => {
    const out: InstallSnapshotReply = { type: 'InstallSnapshotReply', from: s.id, to: m.from, term: s.currentTerm, lastIncludedIndex: m.lastIncludedIndex, offset, done, round: m.round };
    r.messages.push(out);
  };
  // 1. Reply immediately if term < currentTerm.
  if (m.term < s.currentTerm) return reply(0, false);
  s.leaderId = m.leaderId;
  s.lastLeaderContact = s.clock;
  r.election = 'reset';
  // Already covered by our own snapshot: nothing to install.
  if (m.lastIncludedIndex <= s.log.snapshotIndex) {
    r.notes.push({ kind: 'snapshotSkipped', index: m.lastIncludedIndex, reason: 'have-it' });
    return reply(m.size, true);
  }
  // 2. Create a new snapshot file if first chunk (offset is 0). 3. Write data into it at the given offset.
  let inc = s.incomingSnapshot;
  const same = inc !== null && inc.index === m.lastIncludedIndex && inc.term === m.lastIncludedTerm;
  if (same && m.offset < inc!.data.length) {
    // A chunk we already hold (a heartbeat's resend or a network duplicate): keep what we have.
    r.notes.push({ kind: 'snapshotSkipped', index: m.lastIncludedIndex, reason: 'offset-mismatch' });
    return reply(inc!.data.length, false);
  }
  if (m.offset === 0) {
    inc = s.incomingSnapshot = { leader: m.leaderId, index: m.lastIncludedIndex, term: m.lastIncludedTerm, data: '', size: m.size };
  } else if (!inc || inc.index !== m.lastIncludedIndex || inc.term !== m.lastIncludedTerm || inc.data.length !== m.offset) {
    // A chunk we cannot place (we crashed, or it is a stale or duplicated one): say where we are.
    r.notes.push({ kind: 'snapshotSkipped', index: m.lastIncludedIndex, reason: 'offset-mismatch' });
    return reply(inc && inc.index === m.lastIncludedIndex && inc.term === m.lastIncludedTerm ? inc.data.length : 0, false);
  }
  inc.data += m.data;
  r.notes.push({ kind: 'snapshotChunk', leader: m.leaderId, index: m.lastIncludedIndex, offset: m.offset, bytes: m.data.length, size: m.size, done: m.done });
  // 4. Reply and wait for more data chunks if done is false.
  if (!m.done) return reply(inc.data.length, false);
  // 5. Save snapshot file, discard any existing or partial snapshot with a smaller index.
  s.incomingSnapshot = null;
  const sm = deserializeStateMachine(inc.data);
  const index = m.lastIncludedIndex;
  // 6. If an existing entry has the same index and term as the snapshot's last included
  //    entry, retain the entries following it. 7. Otherwise discard the entire log.
  const keepTail = termAt(s.log, index) === m.lastIncludedTerm;
  const kept = keepTail ? s.log.entries.slice(index - s.log.snapshotIndex) : [];
  s.log = { snapshotIndex: index, snapshotTerm: m.lastIncludedTerm, entries: kept, snapshotConfig: m.config, snapshot: sm };
  markLogChanged(r, index + 1);
  // 8. Reset the state machine using the snapshot contents (and load its configuration).
  if (s.lastApplied < index) {
    s.stateMachine = copyStateMachine(sm);
    s.lastApplied = index;
  }
  if (s.commitIndex < index) s.commitIndex = index;
  const latest = configAtEnd(s.log);
  s.config = latest.config;
  s.configIndex = latest.index;
  r.snapshotInstalled = { index, term: m.lastIncludedTerm };
  r.notes.push({ kind: 'snapshotInstalled', index, term: m.lastIncludedTerm, keptEntries: kept.length });
  reply(m.size, true);
}

/** The leader learns how much of the snapshot a follower holds; when it has all of it, back to AppendEntries. */
export function handleInstallSnapshotReply(s: RaftState, r: Ready, opts: EngineOptions, m: InstallSnapshotReply): void {
  const pr = s.progress[m.from];
  if (!pr) return;
  noteFollowerReply(s, r, opts, pr, m.round);
  if (pr.state !== 'snapshot' || m.lastIncludedIndex !== pr.snapshotIndex) return; // stale
  unpause(pr);
  if (m.done) {
    // The follower holds everything up to the snapshot's last entry (§7): probe from there.
    maybeUpdate(pr, m.lastIncludedIndex);
    becomeProbe(pr);
    r.notes.push({ kind: 'snapshotSendDone', peer: m.from, index: m.lastIncludedIndex });
    r.notes.push({ kind: 'matchIndexAdvanced', peer: m.from, to: pr.matchIndex });
    followerAdvanced(s, r, opts, m.from);
    if (s.role !== 'leader') return;
    sendAppend(s, r, opts, m.from, false);
    return;
  }
  const offset = pr.snapshotOffset ?? 0;
  if (m.offset > offset) {
    // Progress: send the next chunk at once.
    snapshotHeldUpTo(pr, m.offset);
    sendSnapshotChunk(s, r, opts, m.from, pr);
  } else if (m.offset < offset) {
    // The follower holds less than we thought (it restarted, or this answers an old
    // chunk): resume from there with the next heartbeat rather than opening a second stream.
    snapshotHeldUpTo(pr, m.offset);
  }
}
