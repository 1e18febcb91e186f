/**
 * Liveness of membership changes (dissertation §4.2.2, §6): a server that its
 * latest configuration leaves out must still stand for election while its
 * removal is uncommitted, even after a restart has cost it its commitIndex.
 * Every test also demands zero safety violations.
 */
import { describe, expect, it } from 'vitest';
import { EXTENDED_SWEEP, MEMBERSHIP_SWEEP, reproCommand, runSweepSeed } from './faultSweep';
import { createCluster, type RaftCluster } from './index';
import type { ServerId } from '../engine';

const MEMBERSHIP_SEEDS = 150;

const votersOf = (c: RaftCluster, id: ServerId): string => c.server(id).config.voters.join();

/** Run until every live server holds `voters` as a committed configuration. */
function settle(c: RaftCluster, voters: ServerId[]): void {
  const want = voters.join();
  const settled = (cc: RaftCluster): boolean => {
    const l = cc.leaderId();
    if (l === null || votersOf(cc, l) !== want) return false;
    const s = cc.server(l);
    return s.config.learners.length === 0 && s.config.oldVoters === undefined && s.configIndex <= s.commitIndex;
  };
  expect(c.runUntil(settled, 10_000)).toBe(true);
  c.runFor(300);
}

describe('dissertation §4.2.2: a server outside its own latest configuration still stands for election until C_new is committed', () => {
  it('§4.2.2 (Figure 4.6) and §6: a leader added after creation removes itself, nobody receives C_new, it restarts — and the cluster elects a leader again', () => {
    // S1 alone; S2 and S3 join (§6 one at a time: as learners, then voters); S1 leaves.
    const c = createCluster({ servers: 1, seed: 'removed-leader-restarts', leaderNoop: true });
    expect(c.runUntil((cc) => cc.leaderId() === 1, 2_000)).toBe(true);
    c.submit('x=1');
    c.runFor(300);
    c.addServer();
    settle(c, [1, 2]);
    c.addServer();
    settle(c, [1, 2, 3]);
    c.removeServer(1);
    settle(c, [2, 3]);
    c.crash(1);
    c.submit('y=2');
    c.runFor(300);
    const leader = c.leaderId()!;
    const other = leader === 2 ? 3 : 2;

    // The leader removes itself, and the AppendEntries carrying C_new = {other} is lost: it reaches no one.
    c.removeServer(leader);
    const carrying = c.messages().filter((m) => m.from === leader && m.type === 'AppendEntries');
    expect(carrying.length).toBeGreaterThan(0);
    for (const m of carrying) c.dropMessage(m.id);
    // A restart loses commitIndex (volatile, Figure 2): the leader no longer knows whether its removal is committed.
    c.crash(leader);
    c.restart(leader);
    const restarted = c.eventCount;
    expect(votersOf(c, leader)).toBe(String(other));
    expect(c.server(leader).commitIndex).toBe(0);
    expect(votersOf(c, other)).toBe('2,3');

    // `other` needs the removed server's vote ({2,3}) and cannot get it for its shorter log (§5.4.1);
    // only the removed server can lead, and it must stand to let C_new commit.
    // With leaderNoop its no-op commits C_new along with it (§5.4.2), and then it steps down.
    const live = c.runUntil((cc) => cc.leaderId() === other && votersOf(cc, other) === String(other) && cc.server(other).configIndex <= cc.server(other).commitIndex, 20_000);
    expect(live).toBe(true);
    // The removed server led only until C_new committed, counting itself nowhere, then fell quiet (§4.2.2).
    const ledAgain = c.traceSince(restarted).some((e) => e.server === leader && e.notes.some((n) => n.kind === 'roleChanged' && n.to === 'leader'));
    expect(ledAgain).toBe(true);
    c.runFor(2_000);
    expect(c.leaderId()).toBe(other);
    expect(c.server(leader).role).toBe('follower');
    expect(c.violations()).toEqual([]);
  });

  it('regression: extended sweep seed 7703 (the same case found by the fault sweep) is live', () => {
    const r = runSweepSeed(7703, EXTENDED_SWEEP);
    expect(r.failures).toEqual([]);
  });

  it(`${MEMBERSHIP_SEEDS} seeds of the removal sweep (servers added, the leader or a follower removed and restarted before the removal commits): no violation, liveness after healing`, () => {
    const failures: string[] = [];
    let acknowledged = 0;
    for (let seed = 1; seed <= MEMBERSHIP_SEEDS; seed++) {
      const r = runSweepSeed(seed, MEMBERSHIP_SWEEP);
      acknowledged += r.acknowledged;
      if (!r.ok) failures.push(`seed ${seed}: ${r.failures[0]} — reproduce with: ${reproCommand(seed, true, true)}`);
    }
    expect(failures).toEqual([]);
    expect(acknowledged).toBeGreaterThan(MEMBERSHIP_SEEDS * 5);
  });
});
