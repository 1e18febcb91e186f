/**
 * The election extensions through the headless API: PreVote (dissertation
 * §9.6) and CheckQuorum (dissertation §6.2). Every test also demands zero
 * safety violations.
 */
import { describe, expect, it } from 'vitest';
import { follower, withLeader } from './clusterTestHelpers';

describe('PreVote (dissertation §9.6) and CheckQuorum (dissertation §6.2)', () => {
  it('an isolated server keeps its term with PreVote and inflates it without', () => {
    const isolatedTerm = (preVote: boolean): number => {
      const c = withLeader({ preVote, seed: 'pv' });
      const f = follower(c);
      c.disconnect(f);
      c.runFor(3_000);
      expect(c.violations()).toEqual([]);
      return c.server(f).term;
    };
    expect(isolatedTerm(false)).toBeGreaterThan(5);
    expect(isolatedTerm(true)).toBe(1);
  });

  it('a pre-candidate does not raise its term, and voters do not adopt the pre-vote term', () => {
    const c = withLeader({ preVote: true, seed: 'pv2' });
    c.crash(c.leaderId()!);
    const precandidate = c.runUntil((cc) => cc.servers().some((s) => s.role === 'precandidate'), 2_000);
    expect(precandidate).toBe(true);
    const s = c.servers().find((v) => v.role === 'precandidate')!;
    expect(s.term).toBe(1);
    expect(c.runUntil((cc) => cc.leaderId() !== null, 3_000)).toBe(true);
    expect(c.server(c.leaderId()!).term).toBe(2);
    expect(c.stats().byType.PreVote!.count).toBeGreaterThan(0);
  });

  it('with CheckQuorum a leader cut off from the majority steps down within two election timeouts; without it, it stays', () => {
    const roleAfter = (checkQuorum: boolean): string => {
      const c = withLeader({ checkQuorum, seed: 'cq' });
      const l = c.leaderId()!;
      c.partition([[l], c.ids().filter((id) => id !== l)]);
      c.runFor(600);
      return c.server(l).role;
    };
    expect(roleAfter(false)).toBe('leader');
    expect(roleAfter(true)).not.toBe('leader');
  });
});
