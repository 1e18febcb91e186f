/**
 * Who is in the cluster and who leads it, through the headless API: membership
 * changes (§6: one server at a time, joint consensus, a removed server) and
 * leadership transfer (dissertation §3.10). Every test also demands zero
 * safety violations.
 */
import { describe, expect, it } from 'vitest';
import { follower, submitMany, withLeader } from './clusterTestHelpers';

describe('§6 membership changes', () => {
  it('addServer: the new server joins as a learner, catches up, then becomes a voter', () => {
    const c = withLeader({ servers: 3 });
    submitMany(c, 5);
    const id = c.addServer();
    expect(id).toBe(4);
    const l = c.leaderId()!;
    expect(c.server(l).config.learners).toEqual([4]);
    expect(c.runUntil((cc) => cc.server(cc.leaderId()!).config.voters.includes(4), 3_000)).toBe(true);
    c.runFor(300);
    expect(c.server(4).log.map((e) => e.index)).toEqual(c.server(l).log.map((e) => e.index));
    expect(c.server(4).config.voters).toEqual([1, 2, 3, 4]);
    expect(c.violations()).toEqual([]);
  });

  it('one change at a time: a second change while the first is uncommitted is refused with the reason', () => {
    const c = withLeader({ servers: 3 });
    c.partition([[c.leaderId()!], c.ids().filter((id) => id !== c.leaderId())]);
    c.addServer();
    expect(() => c.addServer()).toThrow(/not committed yet \(one change at a time\)/);
    expect(() => c.removeServer(1)).toThrow(/one change at a time/);
  });

  it('joint consensus: C_old,new then C_new; a leader not in C_new steps down once C_new commits', () => {
    const c = withLeader({ servers: 3 });
    const old = c.leaderId()!;
    const target = [...c.ids().filter((id) => id !== old), 4];
    expect(c.changeMembership(target)).toEqual([4]);
    let sawJoint = false;
    c.runUntil((cc) => {
      const l = cc.leaderId();
      if (l !== null && cc.server(l).config.oldVoters) sawJoint = true;
      return l !== null && l !== old && cc.server(l).config.oldVoters === undefined && cc.server(l).config.voters.join() === target.join();
    }, 5_000);
    expect(sawJoint).toBe(true);
    expect(c.leaderId()).not.toBe(old);
    expect(c.server(old).role).not.toBe('leader');
    expect(c.trace().some((e) => e.server === old && e.notes.some((n) => n.kind === 'roleChanged' && n.reason === 'removedFromConfig'))).toBe(true);
    expect(c.violations()).toEqual([]);
  });

  it('a removed server disrupts the cluster without the §6 rule and is ignored with it (leaderStickiness)', () => {
    const termsAfter = (leaderStickiness: boolean): { leaderTerm: number; ignored: number } => {
      const c = withLeader({ servers: 5, leaderStickiness, seed: 'removed' });
      const victim = follower(c);
      c.removeServer(victim);
      c.runFor(3_000);
      const l = c.leaderId();
      const ignored = c.trace().filter((e) => e.notes.some((n) => n.kind === 'voteIgnored')).length;
      expect(c.violations()).toEqual([]);
      return { leaderTerm: l === null ? Infinity : c.server(l).term, ignored };
    };
    const without = termsAfter(false);
    const withRule = termsAfter(true);
    expect(without.leaderTerm).toBeGreaterThan(2);
    expect(withRule.leaderTerm).toBe(1);
    expect(withRule.ignored).toBeGreaterThan(0);
  });
});

describe('leadership transfer (dissertation §3.10)', () => {
  it('the leader brings the target up to date, sends TimeoutNow, and the target wins the next term', () => {
    const c = withLeader({ seed: 'tr' });
    const from = c.leaderId()!;
    const to = follower(c);
    c.disconnect(to);
    submitMany(c, 5);
    c.connect(to);
    c.transferLeadership(to);
    expect(c.server(from).transferee).toBe(to);
    expect(c.submit('x=1').ok).toBe(false); // no new commands meanwhile
    expect(c.runUntil((cc) => cc.leaderId() === to, 2_000)).toBe(true);
    expect(c.stats().byType.TimeoutNow!.count).toBe(1);
    expect(c.violations()).toEqual([]);
  });

  it('gives up after an election timeout when the target cannot be reached', () => {
    const c = withLeader({ seed: 'tr2' });
    const from = c.leaderId()!;
    const to = follower(c);
    c.disconnect(to);
    c.transferLeadership(to);
    c.runFor(400);
    expect(c.leaderId()).toBe(from);
    expect(c.server(from).transferee).toBe(null);
    expect(c.trace().some((e) => e.notes.some((n) => n.kind === 'transferAborted'))).toBe(true);
    expect(c.submit('y=2').ok).toBe(true);
  });
});
