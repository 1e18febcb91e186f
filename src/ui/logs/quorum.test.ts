import { describe, expect, it } from 'vitest';
import type { Configuration, Entry } from '../../engine';
import { configForEntry, configLabel, entryQuorum, holdersOf, majorityOf, type QuorumSource } from './quorum';

const cfg = (voters: number[], learners: number[] = [], oldVoters?: number[]): Configuration => ({ voters, learners, ...(oldVoters ? { oldVoters } : {}) });
const entry = (index: number, config?: Configuration): Entry => ({ index, term: 1, command: config ? null : `x=${index}`, ...(config ? { config } : {}) });

/** A log 1..n with configuration entries at the given indexes. */
function source(n: number, configs: Record<number, Configuration>, over: Partial<QuorumSource> = {}): QuorumSource {
  const log = Array.from({ length: n }, (_, k) => entry(k + 1, configs[k + 1]));
  const last = Object.keys(configs).map(Number).sort((a, b) => b - a)[0];
  return {
    log,
    snapshotIndex: 0,
    commitIndex: n,
    lastLogIndex: n,
    config: last ? configs[last]! : cfg([1, 2, 3]),
    configIndex: last ?? 0,
    bootstrap: cfg([1, 2, 3]),
    ...over,
  };
}

describe('configForEntry (§6)', () => {
  it('a committed entry uses the configuration in effect at its index', () => {
    const src = source(8, { 3: cfg([1, 2, 3], [4]), 6: cfg([1, 2, 3, 4]) });
    expect(configForEntry(2, src)).toMatchObject({ config: cfg([1, 2, 3]), configIndex: 0 });
    expect(configForEntry(3, src)).toMatchObject({ configIndex: 3 });
    expect(configForEntry(5, src)).toMatchObject({ configIndex: 3 });
    expect(configForEntry(7, src)).toMatchObject({ configIndex: 6 });
  });

  it('an entry not committed yet is committed under the current configuration', () => {
    const src = source(8, { 6: cfg([1, 2, 3, 4]) }, { commitIndex: 4 });
    expect(configForEntry(5, src)).toMatchObject({ configIndex: 6, approximate: false });
  });

  it('after compaction, an index before any configuration entry left in the log is approximate', () => {
    const log = [entry(11), entry(12, cfg([1, 2])), entry(13)];
    const src: QuorumSource = { log, snapshotIndex: 10, commitIndex: 13, lastLogIndex: 13, config: cfg([1, 2]), configIndex: 12, bootstrap: cfg([1, 2, 3]) };
    expect(configForEntry(11, src)).toMatchObject({ configIndex: 12, approximate: true });
    // When the current configuration is the snapshot's, it is exact.
    const src2: QuorumSource = { ...src, log: [entry(11), entry(12)], config: cfg([1, 2]), configIndex: 7 };
    expect(configForEntry(11, src2)).toMatchObject({ configIndex: 7, approximate: false });
  });
});

describe('entryQuorum', () => {
  it('one majority outside joint consensus; holders come from matchIndex and the leader itself', () => {
    const src = source(5, {}, { commitIndex: 3 });
    const holders = holdersOf(5, 1, 5, { 2: 5, 3: 4 });
    expect([...holders].sort()).toEqual([1, 2]);
    const q = entryQuorum(5, src, holders);
    expect(q.groups).toEqual([{ half: 'single', voters: [1, 2, 3], needed: 2, holders: [1, 2], met: true }]);
    expect(q.met).toBe(true);
  });

  it('joint consensus needs a majority of C_new and of C_old (§6)', () => {
    const joint = cfg([1, 2, 4], [], [1, 2, 3]);
    const src = source(6, { 6: joint }, { commitIndex: 5 });
    // S1 (leader) and S4 hold it: C_new {1,2,4} has 2 of 3, C_old {1,2,3} only 1 of 3.
    const q = entryQuorum(6, src, holdersOf(6, 1, 6, { 2: 5, 3: 5, 4: 6 }));
    expect(q.groups.map((g) => [g.half, g.holders, g.met])).toEqual([
      ['new', [1, 4], true],
      ['old', [1], false],
    ]);
    expect(q.met).toBe(false);
    // With S3 too, both halves have their majority.
    expect(entryQuorum(6, src, holdersOf(6, 1, 6, { 3: 6, 4: 6 })).met).toBe(true);
  });

  it('learners hold entries but do not count', () => {
    const src = source(4, { 4: cfg([1, 2, 3], [4]) });
    const q = entryQuorum(4, src, holdersOf(4, 1, 4, { 4: 4 }));
    expect(q.learnerHolders).toEqual([4]);
    expect(q.groups[0]!.holders).toEqual([1]);
    expect(q.met).toBe(false);
  });

  it('without a leader, holders are unknown and nothing is met', () => {
    const q = entryQuorum(2, source(3, {}), null);
    expect(q.holdersKnown).toBe(false);
    expect(q.groups[0]!.holders).toEqual([]);
  });

  it('majorities and labels', () => {
    expect([1, 2, 3, 4, 5].map(majorityOf)).toEqual([1, 2, 2, 3, 3]);
    expect(configLabel(cfg([1, 2, 3]))).toBe('{1,2,3}');
    expect(configLabel(cfg([1, 2, 3], [4]))).toBe('{1,2,3}+4');
    expect(configLabel(cfg([1, 2, 4], [], [1, 2, 3]))).toBe('old,new');
  });
});
