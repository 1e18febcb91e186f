import { describe, expect, it } from 'vitest';
import { createCluster, type RaftCluster } from '../sim';
import type { UnsafeRules } from './types';
import type { RequestVoteReply } from './messages';
import { step } from './node';
import { engineOptions, makeNode, requestVote, termsOf } from './testing';

const opts = engineOptions();
const terms = (c: RaftCluster, id: number): number[] => termsOf(c.server(id).log);

describe('§5.4 safety', () => {
  describe('§5.4.1 election restriction', () => {
    /** A voter with log 1 1 2 in term 2 is asked, in term 3, by a candidate whose log ends at (index, term). */
    function ask(lastLogIndex: number, lastLogTerm: number): { reply: RequestVoteReply; votedFor: number | null } {
      const s = makeNode({ id: 1, log: [1, 1, 2] }, [1, 2, 3]);
      const r = step(s, { type: 'message', message: requestVote({ from: 2, to: 1, term: 3, lastLogIndex, lastLogTerm }) }, opts);
      return { reply: r.messages[0] as RequestVoteReply, votedFor: s.votedFor };
    }

    it.each([
      ['shorter, same last term', 2, 2],
      ['longer but older last term', 9, 1],
      ['empty', 0, 0],
    ])('a candidate whose log is %s is refused with log-not-up-to-date', (_what, index, term) => {
      const { reply, votedFor } = ask(index, term);
      expect(reply).toMatchObject({ type: 'RequestVoteReply', voteGranted: false, reason: 'log-not-up-to-date', term: 3 });
      expect(votedFor).toBe(null); // the vote stays free for a better candidate of this term
    });

    it.each([
      ['as long, same last term', 3, 2],
      ['longer, same last term', 4, 2],
      ['shorter, newer last term', 1, 3],
    ])('a candidate whose log is %s gets the vote', (_what, index, term) => {
      const { reply, votedFor } = ask(index, term);
      expect(reply).toMatchObject({ voteGranted: true, term: 3 });
      expect(votedFor).toBe(2);
    });

    it('a refused candidate does not use up the vote of its term', () => {
      const s = makeNode({ id: 1, log: [1, 1, 2] }, [1, 2, 3]);
      step(s, { type: 'message', message: requestVote({ from: 2, to: 1, term: 3, lastLogIndex: 1, lastLogTerm: 1 }) }, opts);
      const r = step(s, { type: 'message', message: requestVote({ from: 3, to: 1, term: 3, lastLogIndex: 3, lastLogTerm: 2 }) }, opts);
      expect(r.messages[0]).toMatchObject({ voteGranted: true });
      expect(s.votedFor).toBe(3);
    });

    it('in a cluster, a server missing a committed entry never becomes leader', () => {
      const c = createCluster({
        servers: 3,
        seed: 'restriction',
        electionTimeoutMs: [60_000, 90_000], // only forced elections until the end
        initial: [{ id: 1, log: [1] }, { id: 2, log: [1, 2] }, { id: 3, log: [1, 2] }],
      });
      for (let k = 0; k < 5; k++) {
        c.timeout(1);
        c.runFor(60);
        expect(c.server(1).role).not.toBe('leader');
        expect(c.server(1).votesRejected).toEqual(expect.arrayContaining([2, 3]));
      }
      const reasons = c.trace().flatMap((ev) => ev.notes.flatMap((n) => (n.kind === 'voteRejected' && n.candidate === 1 ? [n.reason] : [])));
      expect(new Set(reasons)).toEqual(new Set(['log-not-up-to-date']));
      expect(c.runUntil((x) => x.leaderId() !== null, 200_000)).toBe(true);
      expect(c.leaderId()).not.toBe(1);
      expect(c.violations()).toEqual([]);
    });
  });

  describe('Figure 8', () => {
    /**
     * Panels (a)–(b) as the starting state: S1 led term 2 and crashed holding
     * index 2 (also on S2); S5 won term 3 with S3 and S4 and appended its own
     * index 2, then crashed. S4 cannot hear S1 (so that, as in the figure, it
     * never gets index 2). Election timers are long: elections happen only
     * when the test forces one.
     */
    function panelB(unsafe: UnsafeRules = {}): RaftCluster {
      return createCluster({
        servers: 5,
        seed: 'figure-8',
        electionTimeoutMs: [60_000, 90_000],
        latencyMs: [10, 20],
        unsafe,
        initial: [
          { id: 1, log: [1, 2] },
          { id: 2, log: [1, 2] },
          { id: 3, log: [1], currentTerm: 3, votedFor: 5 },
          { id: 4, log: [1], currentTerm: 3, votedFor: 5 },
          { id: 5, log: [1, 3], crashed: true },
        ],
      });
    }

    /** Force `id`'s election timer until it leads (at most `tries` elections); returns whether it won. */
    function campaign(c: RaftCluster, id: number, tries: number): boolean {
      for (let k = 0; k < tries; k++) {
        c.timeout(id);
        c.runFor(100);
        if (c.server(id).role === 'leader') return true;
      }
      return false;
    }

    /** Panel (c): S1 wins term 4, brings S3 up to index 2, then appends index 3 (term 4) that nobody has yet. */
    function panelC(c: RaftCluster): void {
      c.setLink(1, 4, false);
      expect(campaign(c, 1, 3)).toBe(true);
      expect(c.server(1).term).toBe(4);
      expect(c.runUntil((x) => x.server(1).matchIndex[2] === 2 && x.server(1).matchIndex[3] === 2, 1_000)).toBe(true);
      c.disconnect(1); // what S1 sends from now on is lost, until the test reconnects it
      expect(c.submit('x=4', 1)).toMatchObject({ ok: true, index: 3, term: 4 });
      expect([1, 2, 3, 4, 5].map((id) => terms(c, id))).toEqual([[1, 2, 4], [1, 2], [1, 2], [1], [1, 3]]);
    }

    /** Term and reason of every vote `voter` sent to `candidate`. */
    function votesFor(c: RaftCluster, candidate: number): Array<[number, number, boolean, string | undefined]> {
      return c.trace().flatMap((ev) => {
        const m = ev.message;
        if (ev.kind !== 'deliver' || m?.type !== 'RequestVoteReply' || m.to !== candidate) return [];
        return [[m.term, m.from, m.voteGranted, m.reason] as [number, number, boolean, string | undefined]];
      });
    }

    it('(c)→(d): an old-term entry on a majority is not committed, and S5 can still overwrite it', () => {
      const c = panelB();
      panelC(c);
      // Index 2 is on S1, S2, S3 (a majority), but it is of term 2: counting replicas must not commit it.
      c.runFor(500);
      expect(c.server(1).commitIndex).toBe(0);
      expect(c.applied(1)).toEqual([]);

      // (d): S1 crashes; S5 restarts and wins a later term with votes from S2, S3 and S4.
      c.crash(1);
      c.restart(5);
      expect(campaign(c, 5, 3)).toBe(true);
      const term = c.server(5).term;
      expect(term).toBe(5); // term 4 failed: S2 and S3 had already voted for S1 in it
      const granted = votesFor(c, 5).filter(([t, , ok]) => t === term && ok).map(([, from]) => from);
      expect(granted.sort()).toEqual([2, 3, 4]);
      expect(votesFor(c, 5).filter(([t]) => t === 4)).toEqual(
        expect.arrayContaining([[4, 2, false, 'already-voted'], [4, 3, false, 'already-voted']]),
      );

      // S5 overwrites index 2 everywhere, S1 included once it is back.
      expect(c.runUntil((x) => [2, 3, 4].every((id) => terms(x, id).join() === '1,3'), 2_000)).toBe(true);
      c.restart(1);
      c.connect(1);
      expect(c.runUntil((x) => terms(x, 1).join() === '1,3', 2_000)).toBe(true);
      expect([1, 2, 3, 4, 5].map((id) => terms(c, id))).toEqual([[1, 3], [1, 3], [1, 3], [1, 3], [1, 3]]);
      expect(c.violations()).toEqual([]);
    });

    it('(c) with the §5.4.2 rule switched off: S1 commits index 2 by counting, and (d) then breaks safety', () => {
      const c = panelB({ commitPreviousTermByCounting: true });
      panelC(c);
      expect(c.server(1).commitIndex).toBe(2);
      c.crash(1);
      c.restart(5);
      expect(campaign(c, 5, 3)).toBe(true);
      c.runFor(1_000);
      expect(c.violations().map((v) => v.property)).toContain('Leader Completeness');
    });

    it('(c)→(e): once the term-4 entry is on a majority, indexes 3 and 2 are committed and S5 can no longer win', () => {
      const c = panelB();
      panelC(c);
      expect(c.server(1).commitIndex).toBe(0);
      c.connect(1);
      expect(c.runUntil((x) => x.server(1).commitIndex > 0, 1_000)).toBe(true);
      // The first commit is index 3 itself (term 4), which commits index 2 with it (Log Matching).
      expect(c.server(1).commitIndex).toBe(3);
      const s1Commits = c.trace().flatMap((ev) => (ev.server === 1 ? ev.notes.filter((n) => n.kind === 'commitAdvanced') : []));
      expect(s1Commits).toEqual([{ kind: 'commitAdvanced', from: 0, to: 3, term: 4 }]);
      expect(c.applied(1).map((e) => [e.index, e.term])).toEqual([[1, 1], [2, 2], [3, 4]]);
      expect(c.runUntil((x) => terms(x, 2).length === 3 && terms(x, 3).length === 3, 1_000)).toBe(true);
      expect([1, 2, 3, 4, 5].map((id) => terms(c, id))).toEqual([[1, 2, 4], [1, 2, 4], [1, 2, 4], [1], [1, 3]]);

      c.crash(1);
      c.restart(5);
      expect(campaign(c, 5, 4)).toBe(false);
      // S2 and S3 refuse because of their logs in every term S5 tries once they have no other vote to give.
      const refusals = votesFor(c, 5).filter(([t, from]) => t >= 5 && (from === 2 || from === 3));
      expect(refusals.length).toBeGreaterThanOrEqual(6);
      for (const [, , ok, reason] of refusals) expect([ok, reason]).toEqual([false, 'log-not-up-to-date']);

      // Left alone, S2 or S3 times out and wins; the committed entries survive and S5's index 2 is replaced.
      expect(c.runUntil((x) => x.leaderId() !== null, 200_000)).toBe(true);
      expect([2, 3]).toContain(c.leaderId());
      expect(c.runUntil((x) => terms(x, 5).slice(0, 3).join() === '1,2,4', 2_000)).toBe(true);
      expect(c.violations()).toEqual([]);
    });
  });
});
