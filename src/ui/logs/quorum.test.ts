import { describe, expect, it } from 'vitest';
import type { Configuration, Entry } from '../../engine';
import { majoritySize } from '../../engine';
import { applyAction, createCluster, type RaftCluster, type ServerView } from '../../sim';
import { figure8d, figure8e } from '../../scenario/presets/paper';
import type { Scenario } from '../../scenario';
import { configForEntry, configLabel, entryQuorum, holdersOf, olderTermOnMajority, storedOn, type QuorumSource } from './quorum';

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
    expect(q.groups).toEqual([{ half: 'single', voters: [1, 2, 3], needed: 2, holders: [1, 2], stored: [1, 2], met: true, storedMet: true }]);
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

  it('majority sizes are the engine’s, and labels', () => {
    for (const n of [1, 2, 3, 4, 5, 7]) {
      const voters = Array.from({ length: n }, (_, k) => k + 1);
      const q = entryQuorum(1, source(1, {}, { config: cfg(voters), bootstrap: cfg(voters), commitIndex: 0 }), null);
      expect(q.groups[0]!.needed, `${n} voters`).toBe(majoritySize(cfg(voters)));
    }
    expect(configLabel(cfg([1, 2, 3]))).toBe('{1,2,3}');
    expect(configLabel(cfg([1, 2, 3], [4]))).toBe('{1,2,3}+4');
    expect(configLabel(cfg([1, 2, 4], [], [1, 2, 3]))).toBe('old,new');
  });
});

/** Play a preset's recorded actions until `until` holds (checked after each event). */
function playUntil(scenario: Scenario, until: (c: RaftCluster) => boolean): RaftCluster {
  const c = createCluster(scenario.options);
  let next = 0;
  for (;;) {
    while (next < scenario.actions.length && scenario.actions[next]!.n === c.eventCount) applyAction(c, scenario.actions[next++]!.action);
    if (until(c)) return c;
    if (!c.step()) throw new Error('the preset ended first');
  }
}

function viewOf(c: RaftCluster) {
  const servers = c.servers();
  const leader = servers.find((s) => s.id === c.leaderId())!;
  const src = (v: ServerView): QuorumSource => ({
    log: v.log,
    snapshotIndex: v.snapshotIndex,
    commitIndex: v.commitIndex,
    lastLogIndex: v.lastLogIndex,
    config: v.config,
    configIndex: v.configIndex,
    bootstrap: cfg([1, 2, 3, 4, 5]),
  });
  return { servers, leader, src: src(leader) };
}

describe('the quorum bar never contradicts the rows (Figure 8 (e))', () => {
  // The moment S3 wins term 6: every matchIndex is 0 (Figure 2), yet S1 (crashed) and S2 hold t4 at index 3 as S3 does.
  const c = playUntil(figure8e.scenario, (cc) => cc.leaderId() !== null);
  const { servers, leader, src } = viewOf(c);

  it('the preset is at the moment the bug was seen', () => {
    expect(leader.id).toBe(3);
    expect(Object.values(leader.matchIndex).every((m) => m === 0)).toBe(true);
    expect(servers.find((s) => s.id === 2)!.log.map((e) => e.term)).toEqual([1, 2, 4]);
  });

  it('S2 holds t4#3 though the leader does not know it yet: held, not counted', () => {
    const stored = storedOn(3, 4, servers);
    expect([...stored].sort()).toEqual([1, 2, 3]);
    const q = entryQuorum(3, src, holdersOf(3, leader.id, leader.lastLogIndex, leader.matchIndex), stored);
    const g = q.groups[0]!;
    expect(g.holders).toEqual([3]); // what the leader knows: only itself
    expect(g.stored).toEqual([1, 2, 3]); // what the rows show
    expect(g.stored).toContain(2);
    expect(q.met).toBe(false);
    expect(q.storedMet).toBe(true);
  });

  it('marks every older-term entry of the leader that sits on a majority uncommitted (§5.4.2)', () => {
    expect(leader.commitIndex).toBe(0);
    expect(olderTermOnMajority(leader, leader.log, servers)).toEqual([1, 2, 3]);
  });

  it('once an entry of the leader’s own term commits, nothing is left to mark', () => {
    const later = playUntil(figure8e.scenario, (cc) => cc.servers().some((s) => s.role === 'leader' && s.commitIndex >= 4));
    const v = viewOf(later);
    expect(olderTermOnMajority(v.leader, v.leader.log, v.servers)).toEqual([]);
  });
});

describe('Figure 8 (d): the term-5 leader’s term-3 entry on a majority is marked until a term-5 entry commits', () => {
  it('after S5 has copied t3#2 to S2, S3 and S4', () => {
    const c = playUntil(figure8d.scenario, (cc) => cc.servers().filter((s) => s.log[1]?.term === 3).length >= 3 && cc.leaderId() === 5);
    const { servers, leader } = viewOf(c);
    expect(leader.term).toBe(5);
    expect(olderTermOnMajority(leader, leader.log, servers)).toEqual([1, 2]);
  });
});

describe('olderTermOnMajority', () => {
  const row = (id: number, terms: number[]) => ({ id, log: terms.map((term, k) => ({ index: k + 1, term, command: null })), snapshotIndex: 0, snapshotTerm: 0 });
  const leader = { id: 1, term: 3, commitIndex: 0, config: cfg([1, 2, 3]) };

  it('ignores entries on a minority, committed ones and the leader’s own term', () => {
    const rows = [row(1, [1, 2, 3]), row(2, [1, 2]), row(3, [1])];
    expect(olderTermOnMajority(leader, rows[0]!.log, rows)).toEqual([1, 2]);
    expect(olderTermOnMajority({ ...leader, commitIndex: 1 }, rows[0]!.log, rows)).toEqual([2]);
    expect(olderTermOnMajority(leader, rows[0]!.log, [rows[0]!, row(2, [1, 1]), row(3, [1])])).toEqual([1]);
  });

  it('counts both halves during joint consensus (§6)', () => {
    const joint = { ...leader, config: cfg([1, 4, 5], [], [1, 2, 3]) };
    const rows = [row(1, [2]), row(2, [2]), row(3, [2]), row(4, []), row(5, [])];
    expect(olderTermOnMajority(joint, rows[0]!.log, rows)).toEqual([]);
    rows[3] = row(4, [2]);
    expect(olderTermOnMajority(joint, rows[0]!.log, rows)).toEqual([1]);
  });
});
