import { describe, expect, it } from 'vitest';
import type { RaftCluster } from '../sim';
import { collectMarks, markOf, type MarkedBranch } from './timelineMarks';
import type { MarkKind } from './protocol';

/** A cluster with no new events and no violations: only the pending marks are collected. */
function quiet(eventCount: number): RaftCluster {
  return { traceSince: () => [], violations: () => [], eventCount, now: eventCount } as unknown as RaftCluster;
}

function branch(): MarkedBranch {
  return { marks: [], markedUpToN: 0, violationsSeen: 0, lastCommitMarkTime: -Infinity };
}

const count = (b: MarkedBranch, kind: MarkKind) => b.marks.filter((m) => m.kind === kind).length;

describe('timeline marks: thinning past 4,000 marks', () => {
  it('spaces the frequent kinds, keeps every mark that is never thinned, and stops looking at old ones', () => {
    const b = branch();
    const elections = Array.from({ length: 4_100 }, (_, k) => markOf(k + 1, k + 1, 'election', 1));
    collectMarks(b, quiet(4_100), elections);
    expect(b.marks).toHaveLength(4_100);
    // Neither tier has a mark: both are known to be free up to the end.
    expect(b.thinnedFreeUpTo).toEqual([4_100, 4_100]);

    // Four frequent marks arrive, a millisecond apart: spaced 2 ms, then 4 ms apart, one is left; the elections all stay.
    const commits = [4_101, 4_102, 4_103, 4_104].map((n) => markOf(n, n, 'commit', 1));
    collectMarks(b, quiet(4_104), commits);
    expect(b.marks.filter((m) => m.kind === 'commit').map((m) => m.n)).toEqual([4_101]);
    expect(b.thinnedGapMs).toEqual([4, 0]);
    // A later commit closer than 4 ms to it is not marked; one further away is, and is thinned again.
    collectMarks(b, quiet(4_105), [markOf(4_105, 4_104, 'commit', 1)]);
    expect(count(b, 'commit')).toBe(1);
    collectMarks(b, quiet(4_106), [markOf(4_106, 4_200, 'commit', 1)]);
    expect(b.marks.filter((m) => m.kind === 'commit').map((m) => m.n)).toEqual([4_101]);
    expect(count(b, 'election')).toBe(4_100);
    collectMarks(b, quiet(4_107), [markOf(4_107, 4_107, 'crash', 2)]);
    expect(b.thinnedFreeUpTo).toEqual([0, 4_102]);
  });

  it('says the marks changed when thinning leaves as many as there were', () => {
    const b = branch();
    const old = [...Array.from({ length: 3_998 }, (_, k) => markOf(k + 1, k + 1, 'election', 1)), markOf(3_999, 10_000, 'commit', 1), markOf(4_000, 10_001, 'commit', 1)];
    collectMarks(b, quiet(4_000), old);
    expect(b.marks).toHaveLength(4_000);
    // Two more commits: spacing the four 2 ms apart keeps 10,000 and 10,002, so 4,000 marks again, not the same ones.
    const changed = collectMarks(b, quiet(4_002), [markOf(4_001, 10_002, 'commit', 1), markOf(4_002, 10_003, 'commit', 1)]);
    expect(b.marks).toHaveLength(4_000);
    expect(b.marks.filter((m) => m.kind === 'commit').map((m) => m.time)).toEqual([10_000, 10_002]);
    expect(changed).toBe(true);
    // Nothing new: nothing changed, and no gap was set for the requests' tier, which had no mark.
    expect(collectMarks(b, quiet(4_002), [])).toBe(false);
    expect(b.thinnedGapMs).toEqual([2, 0]);
  });

  it("spaces a client's requests along the whole run when spacing commits is not enough, and never thins elections or crashes", () => {
    const b = branch();
    // An hour of a scripted run (a mark per 100 ms: requests, a commit mark in ten, an election and a crash in 250), collected in 36 parts.
    let n = 0;
    for (let part = 0; part < 36; part++) {
      const pending = [];
      for (let k = 0; k < 1_000; k++) {
        n++;
        const kind: MarkKind = k % 250 === 0 ? 'election' : k % 250 === 1 ? 'crash' : k % 10 === 0 ? 'commit' : 'client';
        pending.push(markOf(n, n * 100, kind, 1));
      }
      collectMarks(b, quiet(n), pending);
      expect(b.marks.length).toBeLessThanOrEqual(4_000);
    }
    expect(count(b, 'election')).toBe(36 * 4);
    expect(count(b, 'crash')).toBe(36 * 4);
    expect(b.marks.every((m, k) => k === 0 || m.n > b.marks[k - 1]!.n)).toBe(true);
    // Commits were spaced first, then requests too.
    const [commitGap, clientGap] = b.thinnedGapMs!;
    expect(commitGap).toBeGreaterThan(1_000);
    expect(clientGap).toBeGreaterThan(100);
    // The requests are marked all along the hour, evenly: no two closer than the gap, none further apart than twice it and a step.
    const times = b.marks.filter((m) => m.kind === 'client').map((m) => m.time);
    expect(times.length).toBeGreaterThan(1_000);
    expect(times[0]).toBeLessThan(1_000);
    expect(times.at(-1)).toBeGreaterThan(36_000 * 100 - 2 * clientGap!);
    const gaps = times.slice(1).map((t, k) => t - times[k]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(clientGap!);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(2 * clientGap! + 300);
  });
});
