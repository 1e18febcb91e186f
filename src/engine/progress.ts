/**
 * The leader's view of one follower (Figure 2 "volatile state on leaders":
 * nextIndex[] and matchIndex[]), as a record changed only through the
 * operations below, after etcd's tracker/progress.go.
 *
 * Invariant: 0 <= matchIndex < nextIndex. matchIndex never decreases while
 * the record lives (a leader's knowledge of what a follower holds only grows
 * within its term, §5.3); nextIndex may move back, never below matchIndex + 1.
 *
 * States:
 *  - 'probe': the leader does not know where the follower's log matches its
 *    own. At most one AppendEntries is outstanding (probeSent); heartbeats go
 *    out regardless. A rejection moves nextIndex back (§5.3), a success
 *    switches to 'replicate'.
 *  - 'replicate': the logs match up to matchIndex; new entries are streamed,
 *    nextIndex moving past them as they are sent. A rejection means entries
 *    were lost or sent ahead of a mismatch: back to 'probe' from matchIndex + 1.
 *  - 'snapshot': the follower needs entries the leader compacted away (§7);
 *    InstallSnapshot chunks go out one at a time (snapshotIndex,
 *    snapshotOffset). When the follower holds the whole snapshot: 'probe'.
 *
 * probe → replicate  becomeReplicate (a probe succeeded)
 * replicate → probe  becomeProbe (a rejection, via maybeDecrTo)
 * any → snapshot     becomeSnapshot (nextIndex - 1 is inside the snapshot)
 * snapshot → probe   becomeProbe (the snapshot is installed)
 */
import type { LogIndex } from './types';

export interface Progress {
  nextIndex: LogIndex;
  matchIndex: LogIndex;
  state: 'probe' | 'replicate' | 'snapshot';
  /** In 'probe' and 'snapshot': a request is outstanding; wait for its reply or the next heartbeat. */
  probeSent: boolean;
  /** In 'snapshot': lastIncludedIndex of the snapshot being sent and how many bytes the follower has. */
  snapshotIndex?: LogIndex;
  snapshotOffset?: number;
  /** Highest heartbeat round this follower answered (ReadIndex and leases, §8, dissertation §6.4). */
  ackedRound: number;
  /** Heard from this follower since the last CheckQuorum (dissertation §6.2). */
  recentActive: boolean;
}

/**
 * Figure 2, leaders: "nextIndex initialized to leader last log index + 1",
 * matchIndex to 0. Nothing is known yet, so the follower is probed.
 */
export function newProgress(nextIndex: LogIndex): Progress {
  return { nextIndex, matchIndex: 0, state: 'probe', probeSent: false, ackedRound: 0, recentActive: false };
}

/**
 * Whether a new request must wait (etcd's IsPaused): in 'probe' and
 * 'snapshot' one request at a time; 'replicate' streams. A heartbeat round
 * goes out even to a paused follower (it is how a leader keeps its authority, §5.2).
 */
export function isPaused(pr: Progress): boolean {
  return pr.state !== 'replicate' && pr.probeSent;
}

/**
 * An AppendEntries went out whose last entry is `lastSent` (undefined: none,
 * a heartbeat). In 'replicate' nextIndex moves past it at once (etcd's
 * UpdateOnEntriesSend); in 'probe' the follower is paused until it answers.
 */
export function sentEntries(pr: Progress, lastSent: LogIndex | undefined): void {
  if (pr.state === 'replicate') {
    if (lastSent !== undefined) pr.nextIndex = lastSent + 1;
  } else {
    pr.probeSent = true;
  }
}

/** A reply to AppendEntries or InstallSnapshot arrived: the next request may go out. */
export function unpause(pr: Progress): void {
  pr.probeSent = false;
}

/**
 * Any reply of the current term from the follower: it is alive (CheckQuorum,
 * dissertation §6.2) and acknowledges heartbeat round `round` (ReadIndex and
 * leases, dissertation §6.4). Returns whether that round is newer than any it
 * acknowledged before.
 */
export function recordReply(pr: Progress, round: number | undefined): boolean {
  pr.recentActive = true;
  if (round === undefined || round <= pr.ackedRound) return false;
  pr.ackedRound = round;
  return true;
}

/** CheckQuorum starts a new election timeout: the follower must be heard from again (dissertation §6.2). */
export function clearRecentActive(pr: Progress): void {
  pr.recentActive = false;
}

/**
 * The follower holds the leader's entries up to `n` (Figure 2: "If
 * successful: update nextIndex and matchIndex for follower"). A duplicate or
 * reordered reply carrying an older `n` changes nothing. Returns whether
 * matchIndex advanced (etcd's MaybeUpdate).
 */
export function maybeUpdate(pr: Progress, n: LogIndex): boolean {
  if (n <= pr.matchIndex) return false;
  pr.matchIndex = n;
  if (pr.nextIndex < n + 1) pr.nextIndex = n + 1;
  return true;
}

/**
 * The follower rejected the AppendEntries whose prevLogIndex was `rejected`;
 * `retryAt` is where the leader would try next (the §5.3 decrement, or the
 * conflict hint that skips a whole term). Returns whether nextIndex moved,
 * that is whether a new AppendEntries should go out (etcd's MaybeDecrTo).
 *  - A rejection below matchIndex is stale: the leader already knows more.
 *  - In 'replicate' entries past matchIndex were sent optimistically: probe
 *    again from matchIndex + 1.
 *  - In 'probe' only the answer to the latest probe (prevLogIndex =
 *    nextIndex - 1) counts; nextIndex never goes below matchIndex + 1.
 * Unchanged nextIndex means the follower lost entries it had acknowledged
 * (only a broken rule does that): the caller waits for the next heartbeat
 * instead of retrying in a loop.
 */
export function maybeDecrTo(pr: Progress, rejected: LogIndex, retryAt: LogIndex): boolean {
  if (rejected < pr.matchIndex) return false;
  const before = pr.nextIndex;
  if (pr.state === 'replicate') {
    becomeProbe(pr);
  } else {
    if (rejected !== pr.nextIndex - 1) return false;
    pr.nextIndex = Math.max(Math.min(retryAt, rejected), pr.matchIndex + 1);
  }
  return pr.nextIndex !== before;
}

/**
 * Back to one request at a time (etcd's BecomeProbe). From 'replicate' the
 * leader restarts after the last entry it knows the follower holds; from
 * 'snapshot' after the snapshot, or after matchIndex if that is further.
 */
export function becomeProbe(pr: Progress): void {
  const from = pr.state === 'snapshot' ? Math.max(pr.matchIndex, pr.snapshotIndex ?? 0) : pr.matchIndex;
  pr.state = 'probe';
  pr.probeSent = false;
  pr.nextIndex = from + 1;
}

/**
 * A probe succeeded: the logs match up to matchIndex, so entries are streamed
 * from nextIndex on. Unlike etcd's BecomeReplicate, nextIndex is kept (it is
 * at least matchIndex + 1 by the invariant) rather than reset to matchIndex + 1:
 * a reply to an older probe does not make the leader resend what it has sent since.
 */
export function becomeReplicate(pr: Progress): void {
  pr.state = 'replicate';
  pr.probeSent = false;
}

/**
 * The entry before nextIndex was compacted into the leader's snapshot (§7):
 * send the snapshot ending at `snapshotIndex`, from byte 0 (etcd's
 * BecomeSnapshot). Also used when the leader compacts further while a send is
 * under way: the newer snapshot is sent from the start.
 */
export function becomeSnapshot(pr: Progress, snapshotIndex: LogIndex): void {
  pr.state = 'snapshot';
  pr.snapshotIndex = snapshotIndex;
  pr.snapshotOffset = 0;
  pr.probeSent = false;
}

/** An InstallSnapshot chunk went out: wait for its reply (or the next heartbeat) before the next one. */
export function sentSnapshotChunk(pr: Progress): void {
  pr.probeSent = true;
}

/**
 * The follower says how many bytes of the snapshot it holds (Figure 13): the
 * next chunk starts there, further on after progress, or back where it is
 * after the follower restarted and lost its partial snapshot.
 */
export function snapshotHeldUpTo(pr: Progress, offset: number): void {
  pr.snapshotOffset = offset;
}
