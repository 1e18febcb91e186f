import { describe, expect, it } from 'vitest';
import type { RaftCluster } from '../sim';
import { collectMarks, markOf, type MarkedBranch } from './timelineMarks';

/** A cluster with no new events and no violations: only the pending marks are collected. */
function quiet(eventCount: number): RaftCluster {
  return { traceSince: () => [], violations: () => [], eventCount, now: eventCount } as unknown as RaftCluster;
}

describe('timeline marks: thinning past 4,000 marks', () => {
  it('halves the frequent kinds each collection, keeps every rare one, and stops looking at old rare marks once none is frequent', () => {
    const b: MarkedBranch = { marks: [], markedUpToN: 0, violationsSeen: 0, lastCommitMarkTime: -Infinity };
    const rare = Array.from({ length: 4_100 }, (_, k) => markOf(k + 1, k + 1, 'client', 1));
    collectMarks(b, quiet(4_100), rare);
    expect(b.marks).toHaveLength(4_100);
    expect(b.frequentFreeUpTo).toBe(4_100);

    // Four frequent marks arrive: they are thinned to two, then one, then none; the rare ones all stay.
    const commits = [4_101, 4_102, 4_103, 4_104].map((n) => markOf(n, n, 'commit', 1));
    collectMarks(b, quiet(4_104), commits);
    expect(b.marks.filter((m) => m.kind === 'commit').map((m) => m.n)).toEqual([4_102, 4_104]);
    collectMarks(b, quiet(4_105), []);
    expect(b.marks.filter((m) => m.kind === 'commit').map((m) => m.n)).toEqual([4_104]);
    collectMarks(b, quiet(4_106), []);
    expect(b.marks.filter((m) => m.kind === 'commit')).toEqual([]);
    expect(b.marks.filter((m) => m.kind === 'client')).toHaveLength(4_100);
    collectMarks(b, quiet(4_107), [markOf(4_107, 4_107, 'client', 2)]);
    expect(b.frequentFreeUpTo).toBe(4_101);
  });
});
