/**
 * The leader's side of InstallSnapshot (§7, Figure 13): when a follower needs
 * entries the leader has compacted away, the snapshot goes out in chunks, one
 * outstanding at a time (heartbeat rounds resend the current one). This is how
 * replication reaches a follower behind the start of the log, so it sits below
 * replication.ts; the follower's side and the replies are in snapshot.ts.
 */
import type { EngineOptions, ServerId } from './types';
import type { InstallSnapshot } from './messages';
import { serializeStateMachine } from './stateMachine';
import type { Ready } from './ready';
import type { RaftState } from './state';
import { becomeSnapshot, sentSnapshotChunk, type Progress } from './progress';

/** A follower's nextIndex points into our snapshot: switch it to InstallSnapshot from byte 0. */
export function startSnapshot(s: RaftState, r: Ready, opts: EngineOptions, peer: ServerId, pr: Progress): void {
  becomeSnapshot(pr, s.log.snapshotIndex);
  r.notes.push({ kind: 'snapshotSendStarted', peer, index: s.log.snapshotIndex, size: snapshotData(s).length });
  sendSnapshotChunk(s, r, opts, peer, pr);
}

function snapshotData(s: RaftState): string {
  return s.log.snapshot ? serializeStateMachine(s.log.snapshot) : '';
}

/** Send the chunk at the follower's offset (one outstanding at a time; heartbeats resend it). */
export function sendSnapshotChunk(s: RaftState, r: Ready, opts: EngineOptions, peer: ServerId, pr: Progress): void {
  // We compacted further since: send the newer snapshot from the start.
  if (pr.snapshotIndex !== s.log.snapshotIndex) becomeSnapshot(pr, s.log.snapshotIndex);
  const data = snapshotData(s);
  const offset = Math.min(pr.snapshotOffset ?? 0, data.length);
  const chunk = data.slice(offset, offset + opts.snapshotChunkBytes);
  const m: InstallSnapshot = {
    type: 'InstallSnapshot',
    from: s.id,
    to: peer,
    term: s.currentTerm,
    leaderId: s.id,
    lastIncludedIndex: s.log.snapshotIndex,
    lastIncludedTerm: s.log.snapshotTerm,
    offset,
    data: chunk,
    done: offset + chunk.length >= data.length,
    size: data.length,
    config: s.log.snapshotConfig,
    round: s.round,
  };
  r.messages.push(m);
  sentSnapshotChunk(pr);
}
