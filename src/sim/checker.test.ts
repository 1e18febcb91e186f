/**
 * The safety checker must be able to fire. Each test breaks one rule of the
 * paper through the engine's `unsafe` hooks, drives the cluster into the
 * situation that rule protects against, and asserts the checker reports the
 * property the paper says would be lost. The same scenarios with the rule intact
 * must report nothing.
 */
import { describe, expect, it } from 'vitest';
import type { UnsafeRules } from '../engine';
import { createCluster, type ClusterOptions, type RaftCluster, type SafetyProperty } from './index';

function properties(c: RaftCluster): SafetyProperty[] {
  return [...new Set(c.violations().map((v) => v.property))];
}

/** Make `id` win an election promptly: force its timeout, then run until it leads. */
function elect(c: RaftCluster, id: number): void {
  c.timeout(id);
  expect(c.runUntil((cc) => cc.server(id).role === 'leader', 2_000)).toBe(true);
}

function both(unsafe: UnsafeRules, scenario: (c: RaftCluster) => void, options: Partial<ClusterOptions> = {}) {
  const broken = createCluster({ seed: 'checker', ...options, unsafe });
  scenario(broken);
  const intact = createCluster({ seed: 'checker', ...options });
  scenario(intact);
  return { broken, intact };
}

describe('safety checker fires when a rule is broken', () => {
  it('Election Safety: voting twice per term (§5.2) elects two leaders in one term', () => {
    const { broken, intact } = both(
      { voteTwicePerTerm: true },
      (c) => {
        // Identical timeouts: every server becomes a candidate in term 1 at once.
        c.runFor(400);
      },
      { servers: 3, electionTimeoutMs: [150, 150] },
    );
    expect(properties(broken)).toContain('Election Safety');
    const v = broken.violations().find((x) => x.property === 'Election Safety')!;
    expect(v.detail).toMatch(/both elected leader in term \d+/);
    expect(intact.violations()).toEqual([]);
  });

  it('Election Safety: votedFor forgotten on restart (Figure 2 persistent state) lets a server vote twice in one term', () => {
    // S1 and S3 stand in term 1; S3's RequestVotes travel slowly. S2 votes for S1,
    // crashes and restarts before S3's request arrives; without votedFor on
    // disk it grants that too, and S3 also has a majority of three.
    const { broken, intact } = both(
      { forgetVotedForOnRestart: true },
      (c) => {
        c.setLink(1, 3, false); // S3 never hears S1's heartbeats, so it stays a candidate
        c.timeout(1);
        c.setNetwork({ latencyMs: [100, 100] });
        c.timeout(3);
        c.setNetwork({ latencyMs: [10, 20] });
        expect(c.runUntil((cc) => cc.server(1).role === 'leader', 80)).toBe(true);
        expect(c.server(2).votedFor).toBe(1);
        c.crash(2);
        c.restart(2);
        c.runFor(100);
      },
      { servers: 3, electionTimeoutMs: [150, 300] },
    );
    expect(broken.server(2).term).toBe(1);
    expect(properties(broken)).toEqual(['Election Safety']);
    expect(intact.violations()).toEqual([]);
    expect(intact.server(2).votedFor).toBe(1);
  });

  it('Leader Append-Only: a leader that obeys another same-term leader overwrites its own log', () => {
    // S1 and S2 both win term 3 because votes are granted twice; S2's log is more
    // up to date, so S1 (a leader) truncates its own term-1 entry at index 2.
    const initial = [
      { id: 1, currentTerm: 2, log: [1, 1] },
      { id: 2, currentTerm: 2, log: [1, 2] },
      { id: 3, currentTerm: 2, log: [1] },
    ];
    const scenario = (c: RaftCluster): void => {
      c.timeout(1);
      c.timeout(2);
      c.runFor(300);
    };
    const { broken, intact } = both({ voteTwicePerTerm: true, leaderAcceptsAppendEntries: true }, scenario, { servers: 3, initial });
    expect(properties(broken)).toContain('Leader Append-Only');
    expect(broken.violations().find((v) => v.property === 'Leader Append-Only')!.detail).toMatch(
      /S[12], leader of term 3, changed or removed its own entry at index 2/,
    );
    expect(intact.violations()).toEqual([]);
  });

  it('Log Matching: skipping the prevLogTerm consistency check (§5.3) splices logs', () => {
    const scenario = (c: RaftCluster): void => {
      elect(c, 1);
      c.submit('x=3', 1);
      c.runFor(200);
    };
    const initial = [
      { id: 1, log: [1, 2] },
      { id: 2, log: [1, 2] },
      { id: 3, log: [1, 1, 1] },
    ];
    const { broken, intact } = both({ skipConsistencyCheck: true }, scenario, { servers: 3, initial });
    expect(properties(broken)).toContain('Log Matching');
    expect(intact.violations()).toEqual([]);
    // With the check intact, S3 ends with the leader's log.
    expect(intact.server(3).log.map((e) => e.term)).toEqual([1, 2, 3]);
  });

  it('Leader Completeness: skipping the up-to-date check (§5.4.1) elects a leader missing committed entries', () => {
    const faults = (c: RaftCluster): void => {
      elect(c, 1);
      c.disconnect(3);
      for (let i = 0; i < 3; i++) c.submit(`k${i}=${i}`, 1);
      c.runFor(300); // committed on S1 and S2; S3 missed them
      c.crash(1);
      c.connect(3);
    };
    const broken = createCluster({ seed: 'checker', servers: 3, unsafe: { skipUpToDateCheck: true } });
    faults(broken);
    elect(broken, 3);
    broken.submit('y=1', 3);
    broken.runFor(500);
    expect(properties(broken)).toContain('Leader Completeness');
    expect(properties(broken)).toContain('State Machine Safety');
    const v = broken.violations().find((x) => x.property === 'Leader Completeness')!;
    expect(v.detail).toMatch(/S3 became leader of term \d+ without the committed entry at index 1/);
    // With the rule intact S3 cannot win: S2 refuses it and is elected instead.
    const intact = createCluster({ seed: 'checker', servers: 3 });
    faults(intact);
    intact.timeout(3);
    intact.runFor(3_000);
    expect(intact.leaderId()).toBe(2);
    expect(intact.violations()).toEqual([]);
  });

  it('State Machine Safety: committing an old-term entry by counting (Figure 8) lets it be overwritten', () => {
    // Figure 8 (c) with S5 crashed: S1 (term 2 entry at index 2) about to lead term 4.
    const initial = [
      { id: 1, currentTerm: 3, log: [1, 2] },
      { id: 2, currentTerm: 3, log: [1, 2] },
      { id: 3, currentTerm: 3, log: [1] },
      { id: 4, currentTerm: 3, log: [1] },
      { id: 5, currentTerm: 3, log: [1, 3], crashed: true },
    ];
    const scenario = (c: RaftCluster): void => {
      elect(c, 1);
      c.runFor(100); // index 2 reaches S3 and S4
      c.crash(1);
      c.restart(5);
      c.runUntil((cc) => cc.leaderId() === 5, 3_000);
      c.runFor(500);
    };
    const { broken, intact } = both({ commitPreviousTermByCounting: true }, scenario, { servers: 5, initial });
    expect(broken.applied(1).some((e) => e.index === 2 && e.term === 2)).toBe(true);
    expect(properties(broken)).toContain('State Machine Safety');
    // Intact: S1 never commits index 2 by counting, so S5 overwriting it is legal.
    expect(intact.applied(1).some((e) => e.index === 2)).toBe(false);
    expect(intact.violations()).toEqual([]);
  });

  it('State Machine Safety: deleting a non-conflicting suffix (§5.3) loses committed entries', () => {
    const scenario = (c: RaftCluster): void => {
      elect(c, 1);
      // A stale, duplicated AppendEntries with an older prefix arrives after newer entries.
      c.setNetwork({ duplicateRate: 1, latencyMs: [5, 60] });
      for (let i = 0; i < 20; i++) {
        c.submit(`k=${i}`, 1);
        c.runFor(7);
      }
      c.setNetwork({ duplicateRate: 0, latencyMs: [10, 20] });
      c.runFor(2_000);
      c.crash(1);
      c.runFor(3_000);
      for (let i = 0; i < 5; i++) {
        c.submit(`z=${i}`);
        c.runFor(50);
      }
      c.runFor(1_000);
    };
    const { broken, intact } = both({ truncateWithoutConflict: true }, scenario, { servers: 3 });
    expect(broken.violations().length).toBeGreaterThan(0);
    expect(intact.violations()).toEqual([]);
  });

  it('Term Monotonicity and Entry Term Bound: adopting the term of a stale AppendEntries (§5.1)', () => {
    const scenario = (c: RaftCluster): void => {
      elect(c, 1);
      c.submit('a=1', 1);
      c.runFor(100);
      // S1's next heartbeats are held up while another server takes over in a higher term.
      c.setNetwork({ latencyMs: [800, 800] });
      c.runFor(60);
      c.setNetwork({ latencyMs: [10, 20] });
      c.crash(1); // its delayed messages are still on the wire
      c.runUntil((cc) => cc.leaderId() !== null, 2_000);
      c.submit('c=3');
      c.runFor(1_500);
    };
    const { broken, intact } = both({ acceptStaleTerms: true }, scenario, { servers: 3 });
    expect(properties(broken)).toContain('Term Monotonicity');
    expect(properties(broken)).toContain('Entry Term Bound');
    expect(intact.violations()).toEqual([]);
  });

  it('Commit Within Log: commitIndex = leaderCommit without the min (Figure 2) overshoots the log', () => {
    const scenario = (c: RaftCluster): void => {
      elect(c, 1);
      c.disconnect(3);
      for (let i = 0; i < 5; i++) c.submit(`k${i}=${i}`, 1);
      c.runFor(300);
      c.connect(3);
      c.runFor(2_000);
    };
    // One entry per AppendEntries: S3's first successful reply comes while leaderCommit is far ahead.
    const { broken, intact } = both({ commitToLeaderCommit: true }, scenario, { servers: 3, maxEntriesPerAppend: 1 });
    expect(properties(broken)).toContain('Commit Within Log');
    expect(intact.violations()).toEqual([]);
  });

  it('records violations without throwing, with time, event number and servers', () => {
    const c = createCluster({ seed: 'checker', servers: 3, electionTimeoutMs: [150, 150], unsafe: { voteTwicePerTerm: true } });
    expect(() => c.runFor(1_000)).not.toThrow();
    // Voting twice in a term lets two candidates of one term win: §5.2's Election Safety, and nothing else first.
    const v = c.violations()[0]!;
    expect(v.property).toBe('Election Safety');
    const term = Number(/term (\d+)/.exec(v.detail)?.[1]);
    expect(v.detail).toMatch(/^S\d and S\d were both elected leader in term \d+\.$/);
    // It names the two winners, and is stamped with the event that made the second one leader.
    expect(v.servers).toHaveLength(2);
    const second = c.traceSince(0).find((e) => e.n === v.event)!;
    expect(second.time).toBe(v.time);
    expect(second.server).toBe(v.servers[1]);
    expect(second.notes.some((n) => n.kind === 'roleChanged' && n.to === 'leader')).toBe(true);
    const winners = c
      .traceSince(0)
      .filter((e) => e.n <= v.event && e.notes.some((n) => n.kind === 'roleChanged' && n.to === 'leader' && 'term' in n && n.term === term))
      .map((e) => e.server);
    expect(new Set(winners)).toEqual(new Set(v.servers));
  });
});
