/**
 * The leader's record of one follower (Figure 2 nextIndex[] and matchIndex[],
 * §5.3; states after etcd's tracker/progress.go): each operation on its own,
 * then the invariant 0 <= matchIndex < nextIndex over long runs of them.
 */
import { describe, expect, it } from 'vitest';
import {
  becomeProbe,
  becomeReplicate,
  becomeSnapshot,
  clearRecentActive,
  isPaused,
  maybeDecrTo,
  maybeUpdate,
  newProgress,
  recordReply,
  sentEntries,
  sentSnapshotChunk,
  snapshotHeldUpTo,
  unpause,
  type Progress,
} from './progress';

/** A follower known to match up to `matchIndex`, with entries up to nextIndex - 1 streamed to it. */
function replicating(matchIndex: number, nextIndex: number): Progress {
  const pr = newProgress(matchIndex + 1);
  maybeUpdate(pr, matchIndex);
  becomeReplicate(pr);
  sentEntries(pr, nextIndex - 1);
  return pr;
}

describe('Figure 2: a new leader\'s view of a follower', () => {
  it('nextIndex is the leader\'s last index + 1, matchIndex 0, and the follower is probed', () => {
    expect(newProgress(11)).toEqual({ nextIndex: 11, matchIndex: 0, state: 'probe', probeSent: false, ackedRound: 0, recentActive: false });
  });
});

describe('§5.3 probing: one AppendEntries at a time', () => {
  it('a probe pauses the follower until a reply arrives; a heartbeat-only send in probe also pauses', () => {
    const pr = newProgress(5);
    expect(isPaused(pr)).toBe(false);
    sentEntries(pr, 6);
    expect(isPaused(pr)).toBe(true);
    expect(pr.nextIndex).toBe(5); // a probe does not move nextIndex
    unpause(pr);
    expect(isPaused(pr)).toBe(false);
    sentEntries(pr, undefined);
    expect(isPaused(pr)).toBe(true);
  });

  it('a rejection of the latest probe moves nextIndex back to the retry point, never below matchIndex + 1', () => {
    const pr = newProgress(11);
    expect(maybeDecrTo(pr, 10, 10)).toBe(true); // the paper's rule: one back
    expect(pr.nextIndex).toBe(10);
    expect(maybeDecrTo(pr, 9, 4)).toBe(true); // a conflict hint skips a term
    expect(pr.nextIndex).toBe(4);
    maybeUpdate(pr, 2);
    expect(maybeDecrTo(pr, 3, 1)).toBe(true);
    expect(pr.nextIndex).toBe(3); // matchIndex + 1
  });

  it('the retry point never lies past the rejected prevLogIndex', () => {
    const pr = newProgress(8);
    expect(maybeDecrTo(pr, 7, 20)).toBe(true);
    expect(pr.nextIndex).toBe(7);
  });

  it('a rejection of an older probe, or one below matchIndex, is stale and changes nothing', () => {
    const pr = newProgress(11);
    maybeUpdate(pr, 4);
    maybeDecrTo(pr, 10, 9);
    expect(pr.nextIndex).toBe(9);
    expect(maybeDecrTo(pr, 10, 5)).toBe(false); // answers the probe at prevLogIndex 10, not 8
    expect(maybeDecrTo(pr, 3, 1)).toBe(false); // below matchIndex
    expect(pr).toMatchObject({ nextIndex: 9, matchIndex: 4, state: 'probe' });
  });

  it('a rejection that cannot move nextIndex (the follower lost acknowledged entries) reports no change, so the leader waits for a heartbeat', () => {
    const pr = newProgress(5);
    maybeUpdate(pr, 4);
    expect(pr.nextIndex).toBe(5);
    expect(maybeDecrTo(pr, 4, 1)).toBe(false);
    expect(pr.nextIndex).toBe(5);
  });
});

describe('§5.3 success: matchIndex only grows (etcd MaybeUpdate)', () => {
  it('a success advances matchIndex and pushes nextIndex past it', () => {
    const pr = newProgress(3);
    expect(maybeUpdate(pr, 7)).toBe(true);
    expect(pr).toMatchObject({ matchIndex: 7, nextIndex: 8 });
  });

  it('a duplicate or reordered success carrying an older index changes nothing', () => {
    const pr = newProgress(3);
    maybeUpdate(pr, 7);
    expect(maybeUpdate(pr, 7)).toBe(false);
    expect(maybeUpdate(pr, 5)).toBe(false);
    expect(pr).toMatchObject({ matchIndex: 7, nextIndex: 8 });
  });

  it('nextIndex already past the new matchIndex stays where it is', () => {
    const pr = newProgress(11);
    maybeUpdate(pr, 4);
    expect(pr.nextIndex).toBe(11);
  });
});

describe('probe → replicate → probe', () => {
  it('after a successful probe entries stream: nextIndex moves past each batch as it is sent, with no pause', () => {
    const pr = newProgress(5);
    maybeUpdate(pr, 4);
    becomeReplicate(pr);
    sentEntries(pr, 8);
    sentEntries(pr, 12);
    expect(pr).toMatchObject({ state: 'replicate', nextIndex: 13, matchIndex: 4 });
    expect(isPaused(pr)).toBe(false);
    sentEntries(pr, undefined); // a heartbeat carries no entries
    expect(pr.nextIndex).toBe(13);
  });

  it('becomeReplicate keeps a nextIndex already past matchIndex + 1 (no resend of what is in flight)', () => {
    const pr = newProgress(11);
    maybeUpdate(pr, 4);
    becomeReplicate(pr);
    expect(pr).toMatchObject({ state: 'replicate', nextIndex: 11 });
  });

  it('a rejection while replicating falls back to probing from matchIndex + 1', () => {
    const pr = replicating(4, 13);
    expect(maybeDecrTo(pr, 8, 2)).toBe(true);
    expect(pr).toMatchObject({ state: 'probe', nextIndex: 5, matchIndex: 4, probeSent: false });
  });

  it('a rejection below matchIndex while replicating is stale: still replicating', () => {
    const pr = replicating(6, 13);
    expect(maybeDecrTo(pr, 5, 2)).toBe(false);
    expect(pr).toMatchObject({ state: 'replicate', nextIndex: 13 });
  });
});

describe('§7 snapshot: InstallSnapshot to a follower behind the log\'s start', () => {
  it('becomeSnapshot sends from byte 0, one chunk at a time; the follower\'s offset moves the next chunk', () => {
    const pr = newProgress(3);
    sentEntries(pr, undefined);
    becomeSnapshot(pr, 20);
    expect(pr).toMatchObject({ state: 'snapshot', snapshotIndex: 20, snapshotOffset: 0, nextIndex: 3 });
    expect(isPaused(pr)).toBe(false);
    sentSnapshotChunk(pr);
    expect(isPaused(pr)).toBe(true);
    unpause(pr);
    snapshotHeldUpTo(pr, 64);
    expect(pr.snapshotOffset).toBe(64);
  });

  it('sending entries does not move nextIndex while a snapshot is under way', () => {
    const pr = newProgress(3);
    becomeSnapshot(pr, 20);
    sentEntries(pr, 9);
    expect(pr.nextIndex).toBe(3);
  });

  it('once installed, the follower is probed from just past the snapshot (or past matchIndex if further)', () => {
    const pr = newProgress(3);
    becomeSnapshot(pr, 20);
    maybeUpdate(pr, 20);
    becomeProbe(pr);
    expect(pr).toMatchObject({ state: 'probe', matchIndex: 20, nextIndex: 21, probeSent: false });

    const ahead = newProgress(3);
    becomeSnapshot(ahead, 20);
    maybeUpdate(ahead, 25);
    becomeProbe(ahead);
    expect(ahead.nextIndex).toBe(26);
  });
});

describe('liveness bookkeeping: CheckQuorum (dissertation §6.2) and heartbeat rounds (§6.4)', () => {
  it('any reply marks the follower active; CheckQuorum clears it for the next election timeout', () => {
    const pr = newProgress(1);
    recordReply(pr, undefined);
    expect(pr.recentActive).toBe(true);
    clearRecentActive(pr);
    expect(pr.recentActive).toBe(false);
  });

  it('only a newer heartbeat round counts as a new acknowledgement', () => {
    const pr = newProgress(1);
    expect(recordReply(pr, 3)).toBe(true);
    expect(recordReply(pr, 3)).toBe(false);
    expect(recordReply(pr, 2)).toBe(false);
    expect(pr.ackedRound).toBe(3);
    expect(recordReply(pr, 5)).toBe(true);
  });
});

describe('the invariant 0 <= matchIndex < nextIndex, and matchIndex never decreases', () => {
  it('holds over 20 000 operations applied in a seeded pseudo-random order', () => {
    let seed = 12345;
    const rand = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const pr = newProgress(10);
    let match = pr.matchIndex;
    const states = new Set<string>();
    const broken: string[] = [];
    for (let k = 0; k < 20_000; k++) {
      const at = rand(40);
      switch (rand(9)) {
        case 0: maybeUpdate(pr, at); break;
        case 1: maybeDecrTo(pr, rand(2) ? pr.nextIndex - 1 : at, rand(40)); break;
        case 2: sentEntries(pr, pr.nextIndex + rand(5)); break;
        case 3: sentEntries(pr, undefined); break;
        case 4: becomeProbe(pr); break;
        case 5: if (pr.state === 'probe') becomeReplicate(pr); break;
        case 6: becomeSnapshot(pr, at); break;
        case 7: unpause(pr); break;
        case 8: sentSnapshotChunk(pr); break;
      }
      states.add(pr.state);
      if (pr.matchIndex < match || pr.matchIndex < 0 || pr.nextIndex <= pr.matchIndex) broken.push(`after op ${k}: ${JSON.stringify(pr)}`);
      match = pr.matchIndex;
    }
    expect(broken.slice(0, 3)).toEqual([]);
    expect([...states].sort()).toEqual(['probe', 'replicate', 'snapshot']);
    expect(match).toBeGreaterThan(0);
  });
});
