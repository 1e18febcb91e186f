import { describe, expect, it } from 'vitest';
import { createCluster, type RaftCluster } from '../sim';
import { createNode } from './state';
import { step } from './node';
import type { Message, RequestVoteReply } from './messages';
import type { Ready } from './ready';
import type { RaftState } from './state';
import type { Role } from './types';
import { appendEntries, engineOptions, logOf, makeNode, Net, requestVote } from './testing';
import { makeConfig } from './config';

const opts = engineOptions();
const deliver = (s: RaftState, message: Message): Ready => step(s, { type: 'message', message }, opts);

function voteReplyOf(r: Ready): RequestVoteReply {
  const m = r.messages.find((x): x is RequestVoteReply => x.type === 'RequestVoteReply');
  if (!m) throw new Error('no RequestVoteReply');
  return m;
}

/** Server 1 of a 3-server cluster, in term 2, in the given role. */
function serverInRole(role: Role): RaftState {
  const net = new Net(opts, [{ id: 1, term: 1 }, { id: 2, term: 1 }, { id: 3, term: 1 }]);
  if (role === 'follower') net.node(1).currentTerm = 2;
  if (role === 'candidate') net.timeout(1);
  if (role === 'leader') net.elect(1, [2]);
  const s = net.node(1);
  expect([s.role, s.currentTerm]).toEqual([role, 2]);
  return s;
}

/** Servers that became leader, per term, over the retained trace (from its role-change notes). */
function leadersByTerm(c: RaftCluster): Map<number, Set<number>> {
  const out = new Map<number, Set<number>>();
  for (const ev of c.trace()) {
    for (const n of ev.notes) {
      if (n.kind === 'roleChanged' && n.to === 'leader') {
        if (!out.has(n.term)) out.set(n.term, new Set());
        out.get(n.term)!.add(ev.server!);
      }
    }
  }
  return out;
}

function candidatesByTerm(c: RaftCluster): Map<number, Set<number>> {
  const out = new Map<number, Set<number>>();
  for (const ev of c.trace()) {
    for (const n of ev.notes) {
      if (n.kind === 'roleChanged' && n.to === 'candidate') {
        if (!out.has(n.term)) out.set(n.term, new Set());
        out.get(n.term)!.add(ev.server!);
      }
    }
  }
  return out;
}

describe('§5.2 leader election', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])('randomized timeouts lead to exactly one leader (seed %i)', (seed) => {
    const c = createCluster({ servers: 5, seed });
    expect(c.runUntil((x) => x.leaderId() !== null, 5_000)).toBe(true);
    c.runFor(3_000);
    const leader = c.leaderId()!;
    const views = c.servers();
    expect(views.filter((v) => v.role === 'leader').map((v) => v.id)).toEqual([leader]);
    const term = c.server(leader).term;
    for (const v of views) {
      expect(v.term).toBe(term);
      expect(v.leaderId).toBe(leader);
    }
    for (const winners of leadersByTerm(c).values()) expect(winners.size).toBe(1);
    expect(c.violations()).toEqual([]);
  });

  it('a candidate increments its term, votes for itself, resets its timer and asks every other server', () => {
    const s = makeNode({ id: 3, term: 4, log: [1, 2, 4] }, [1, 2, 3, 4, 5]);
    const r = step(s, { type: 'electionTimeout' }, opts);
    expect(s.role).toBe('candidate');
    expect(s.currentTerm).toBe(5);
    expect(s.votedFor).toBe(3);
    expect(s.votesGranted).toEqual([3]);
    expect(r.election).toBe('reset');
    expect(r.messages).toEqual(
      [1, 2, 4, 5].map((to) => ({ type: 'RequestVote', from: 3, to, term: 5, candidateId: 3, lastLogIndex: 3, lastLogTerm: 4 })),
    );
    // Figure 2, candidates: "If election timeout elapses: start new election".
    const again = step(s, { type: 'electionTimeout' }, opts);
    expect([s.role, s.currentTerm, s.votedFor]).toEqual(['candidate', 6, 3]);
    expect(again.messages.filter((m) => m.type === 'RequestVote' && m.term === 6)).toHaveLength(4);
  });

  it('a candidate becomes leader on votes from a majority, and not before', () => {
    const s = makeNode({ id: 1, term: 0 }, [1, 2, 3, 4, 5]);
    step(s, { type: 'electionTimeout' }, opts);
    const vote = (from: number, granted: boolean): Ready =>
      deliver(s, { type: 'RequestVoteReply', from, to: 1, term: 1, voteGranted: granted });
    vote(2, true);
    vote(3, false);
    vote(4, false);
    expect(s.role).toBe('candidate');
    vote(2, true); // a duplicated reply is not a second vote
    expect(s.role).toBe('candidate');
    const r = vote(5, true);
    expect(s.role).toBe('leader');
    expect(r.heartbeat).toBe('reset');
    expect(r.election).toBe('stop');
    // "Upon election: send initial empty AppendEntries RPCs (heartbeat) to each server".
    expect(r.messages.map((m) => [m.type, m.to, m.type === 'AppendEntries' ? m.entries.length : -1])).toEqual([
      ['AppendEntries', 2, 0],
      ['AppendEntries', 3, 0],
      ['AppendEntries', 4, 0],
      ['AppendEntries', 5, 0],
    ]);
  });

  it('each server votes for at most one candidate per term (first come, first served)', () => {
    const s = makeNode({ id: 1, term: 1, log: [1] }, [1, 2, 3]);
    const ask = (from: number, term: number): RequestVoteReply =>
      voteReplyOf(deliver(s, requestVote({ from, to: 1, term, lastLogIndex: 1, lastLogTerm: 1 })));
    expect(ask(2, 2)).toMatchObject({ voteGranted: true, term: 2 });
    expect(s.votedFor).toBe(2);
    expect(ask(3, 2)).toMatchObject({ voteGranted: false, reason: 'already-voted', term: 2 });
    expect(s.votedFor).toBe(2);
    expect(ask(2, 2)).toMatchObject({ voteGranted: true }); // a retransmitted request from the same candidate
    expect(ask(3, 3)).toMatchObject({ voteGranted: true, term: 3 }); // a new term, a new vote
    expect(s.votedFor).toBe(3);
    expect(ask(2, 2)).toMatchObject({ voteGranted: false, reason: 'stale-term', term: 3 });
  });

  it('a candidate and a leader refuse other candidates of their term: they voted for themselves', () => {
    for (const role of ['candidate', 'leader'] as const) {
      const s = serverInRole(role);
      const r = deliver(s, requestVote({ from: 3, to: 1, term: 2, lastLogIndex: 5, lastLogTerm: 2 }));
      expect(voteReplyOf(r)).toMatchObject({ voteGranted: false, reason: 'already-voted' });
      expect(s.role).toBe(role);
    }
  });

  const higherTermMessages: Partial<Record<Message['type'], Message>> = {
    RequestVote: requestVote({ from: 3, to: 1, term: 7, lastLogIndex: 0, lastLogTerm: 0 }),
    RequestVoteReply: { type: 'RequestVoteReply', from: 3, to: 1, term: 7, voteGranted: false, reason: 'already-voted' },
    AppendEntries: appendEntries({ from: 3, to: 1, term: 7, prevLogIndex: 0, prevLogTerm: 0 }),
    AppendEntriesReply: { type: 'AppendEntriesReply', from: 3, to: 1, term: 7, success: false, matchIndex: 0, rejectedIndex: 0 },
    InstallSnapshot: { type: 'InstallSnapshot', from: 3, to: 1, term: 7, leaderId: 3, lastIncludedIndex: 1, lastIncludedTerm: 1, offset: 0, data: '{', done: false, size: 9, config: makeConfig([1, 2, 3]) },
    InstallSnapshotReply: { type: 'InstallSnapshotReply', from: 3, to: 1, term: 7, lastIncludedIndex: 1, offset: 0, done: false },
    PreVoteReply: { type: 'PreVoteReply', from: 3, to: 1, term: 7, voteGranted: false, reason: 'stale-term' },
  };
  const roles: Role[] = ['follower', 'candidate', 'leader'];
  const cases = roles.flatMap((role) => Object.values(higherTermMessages).map((m) => [role, m.type, m] as const));

  it.each(cases)('§5.1: a %s that sees term 7 in a %s adopts it and becomes follower', (role, _type, m) => {
    const s = serverInRole(role);
    const r = deliver(s, m);
    expect(s.role).toBe('follower');
    expect(s.currentTerm).toBe(7);
    expect(r.notes).toContainEqual({ kind: 'termAdopted', from: 2, to: 7, via: m.type, sender: 3 });
    // The vote of term 2 does not carry over; in term 7 it votes only if asked (and the log allows).
    expect(s.votedFor).toBe(m.type === 'RequestVote' ? 3 : null);
    expect(s.leaderId).toBe(m.type === 'AppendEntries' || m.type === 'InstallSnapshot' ? 3 : null);
    if (role === 'leader') {
      expect(r.heartbeat).toBe('stop');
      expect(s.progress).toEqual({});
    }
    // Every reply it sends carries the new term.
    for (const out of r.messages) expect(out.term).toBe(7);
  });

  it('a candidate becomes follower on AppendEntries from the leader of its own term, not of an older one', () => {
    const old = serverInRole('candidate');
    const stale = deliver(old, appendEntries({ from: 3, to: 1, term: 1, prevLogIndex: 0, prevLogTerm: 0 }));
    expect(old.role).toBe('candidate');
    expect(stale.messages).toMatchObject([{ type: 'AppendEntriesReply', success: false, reason: 'stale-term', term: 2 }]);

    const s = serverInRole('candidate');
    const r = deliver(s, appendEntries({ from: 3, to: 1, term: 2, prevLogIndex: 0, prevLogTerm: 0 }));
    expect([s.role, s.currentTerm, s.leaderId, s.votedFor]).toEqual(['follower', 2, 3, 1]);
    expect(r.notes).toContainEqual({ kind: 'roleChanged', from: 'candidate', to: 'follower', term: 2, reason: 'leaderDiscovered' });
    expect(r.messages).toMatchObject([{ type: 'AppendEntriesReply', success: true, term: 2 }]);
  });

  describe('the election timer is reset only by AppendEntries from the current leader or by granting a vote', () => {
    const follower = (): RaftState => makeNode({ id: 1, term: 2, log: [1, 2] }, [1, 2, 3]);
    const timerAfter = (m: Message, s = follower()): Ready['election'] => deliver(s, m).election;

    it('resets', () => {
      expect(timerAfter(appendEntries({ from: 2, to: 1, term: 2, prevLogIndex: 2, prevLogTerm: 2 }))).toBe('reset');
      // The consistency check failing does not make the sender any less the leader.
      expect(timerAfter(appendEntries({ from: 2, to: 1, term: 2, prevLogIndex: 9, prevLogTerm: 2 }))).toBe('reset');
      expect(timerAfter(appendEntries({ from: 2, to: 1, term: 3, prevLogIndex: 2, prevLogTerm: 2 }))).toBe('reset');
      expect(timerAfter(requestVote({ from: 2, to: 1, term: 3, lastLogIndex: 2, lastLogTerm: 2 }))).toBe('reset');
    });

    it('does not reset', () => {
      expect(timerAfter(appendEntries({ from: 2, to: 1, term: 1, prevLogIndex: 2, prevLogTerm: 2 }))).toBe(null);
      expect(timerAfter(requestVote({ from: 2, to: 1, term: 1, lastLogIndex: 9, lastLogTerm: 9 }))).toBe(null);
      expect(timerAfter(requestVote({ from: 2, to: 1, term: 3, lastLogIndex: 1, lastLogTerm: 1 }))).toBe(null);
      const voted = follower();
      voted.votedFor = 3;
      expect(timerAfter(requestVote({ from: 2, to: 1, term: 2, lastLogIndex: 2, lastLogTerm: 2 }), voted)).toBe(null);
      expect(timerAfter({ type: 'RequestVoteReply', from: 2, to: 1, term: 2, voteGranted: true })).toBe(null);
      expect(timerAfter({ type: 'AppendEntriesReply', from: 2, to: 1, term: 2, success: true, matchIndex: 2, rejectedIndex: 0 })).toBe(null);
    });

    it('in the simulator: a refused candidate does not delay the followers, a leader\'s heartbeats do', () => {
      const c = createCluster({ servers: 3, seed: 'timer', initial: [{ id: 1, log: [1] }, { id: 2, log: [1, 1] }, { id: 3, log: [1, 1] }] });
      const before = c.server(2).electionDeadline!;
      c.timeout(1); // S1's log is shorter: S2 and S3 refuse
      c.runUntil((x) => x.server(1).votesRejected.length === 2, 1_000);
      expect(c.server(2).electionDeadline).toBe(before);
      expect(c.runUntil((x) => x.leaderId() !== null, 5_000)).toBe(true);
      const leader = c.leaderId()!;
      expect(leader).not.toBe(1);
      const follower = leader === 2 ? 3 : 2;
      const deadline = c.server(follower).electionDeadline!;
      expect(c.runUntil((x) => x.server(follower).electionDeadline !== deadline, 1_000)).toBe(true);
      const resetBy = c.trace().at(-1)!; // the event that moved the deadline: the leader's heartbeat
      expect([resetBy.kind, resetBy.server, resetBy.message?.type, resetBy.message?.from]).toEqual(['deliver', follower, 'AppendEntries', leader]);
      expect(c.server(follower).electionDeadline).toBeGreaterThanOrEqual(c.now + 150);
      c.runFor(5_000);
      expect(c.leaderId()).toBe(leader); // heartbeats keep it in office
      expect(c.violations()).toEqual([]);
    });
  });

  describe('split votes', () => {
    it('with identical timeouts (150–150 ms) every election splits and is retried in a new term', () => {
      const c = createCluster({ servers: 5, seed: 'split', electionTimeoutMs: [150, 150] });
      c.runFor(3_000);
      expect(c.leaderId()).toBe(null);
      const terms = c.servers().map((v) => v.term);
      expect(new Set(terms).size).toBe(1);
      expect(terms[0]).toBeGreaterThanOrEqual(19);
      for (const [, cands] of candidatesByTerm(c)) expect(cands.size).toBe(5);
      expect(c.stats().elections).toBe(5 * terms[0]!);
      expect(c.violations()).toEqual([]);
    });

    it('with randomized timeouts a split vote is resolved by a later election', () => {
      let found = 0;
      for (let seed = 1; seed <= 60 && found < 3; seed++) {
        const c = createCluster({ servers: 5, seed, electionTimeoutMs: [150, 175] });
        expect(c.runUntil((x) => x.leaderId() !== null, 10_000)).toBe(true);
        const leaderTerm = c.server(c.leaderId()!).term;
        const cands = candidatesByTerm(c);
        const leaders = leadersByTerm(c);
        const splitTerms = [...cands].filter(([t, s]) => s.size >= 2 && !leaders.has(t)).map(([t]) => t);
        if (splitTerms.length === 0) continue;
        found++;
        expect(Math.max(...splitTerms)).toBeLessThan(leaderTerm);
        expect([...leaders.keys()]).toEqual([leaderTerm]);
        expect(c.violations()).toEqual([]);
      }
      expect(found).toBe(3);
    });
  });

  describe('a one-server cluster', () => {
    it('elects itself at its first timeout (engine)', () => {
      const s = createNode(1, makeConfig([1]), { currentTerm: 0, votedFor: null, log: logOf([], [1]) });
      const r = step(s, { type: 'electionTimeout' }, opts);
      expect([s.role, s.currentTerm, s.votedFor, s.leaderId]).toEqual(['leader', 1, 1, 1]);
      expect(r.messages).toEqual([]);
      const p = step(s, { type: 'propose', command: 'x=1' }, opts);
      expect(s.commitIndex).toBe(1);
      expect(p.applied.map((e) => e.command)).toEqual(['x=1']);
    });

    it('elects itself and commits alone (simulator)', () => {
      const c = createCluster({ servers: 1, seed: 'solo' });
      expect(c.runUntil((x) => x.leaderId() === 1, 1_000)).toBe(true);
      expect(c.server(1).term).toBe(1);
      expect(c.submit('k=v')).toMatchObject({ ok: true, index: 1, term: 1 });
      expect(c.server(1).stateMachine.kv).toEqual({ k: 'v' });
      expect(c.stats().messages).toBe(0);
      expect(c.violations()).toEqual([]);
    });
  });
});
