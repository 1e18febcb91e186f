/**
 * Keeping servers from disrupting a cluster that has a leader, one step at a
 * time (no simulator): the §6 vote rule (leaderStickiness: "servers disregard
 * RequestVote RPCs when they believe a current leader exists", dissertation
 * §4.2.3) and PreVote (dissertation §9.6).
 */
import { describe, expect, it } from 'vitest';
import { step } from './node';
import type { PreVoteReply } from './messages';
import { engineOptions, makeNode, requestVote } from './testing';

describe('§6 vote rule (leaderStickiness) and PreVote (dissertation §9.6)', () => {
  it('with leaderStickiness a follower that heard from its leader within the minimum election timeout ignores RequestVote: no reply, no new term', () => {
    const sticky = engineOptions({ leaderStickiness: true, electionTimeoutMinMs: 150 });
    const s = makeNode({ id: 2, term: 1, log: [1] }, [1, 2, 3]);
    s.leaderId = 1;
    s.lastLeaderContact = 100;
    const r = step(s, { type: 'message', message: requestVote({ from: 3, to: 2, term: 5, lastLogIndex: 9, lastLogTerm: 1 }) }, sticky, 200);
    expect(r.messages).toEqual([]);
    expect(s.currentTerm).toBe(1);
    expect(r.notes[0]).toMatchObject({ kind: 'voteIgnored', candidate: 3 });
    // After the timeout it listens again.
    const later = step(s, { type: 'message', message: requestVote({ from: 3, to: 2, term: 5, lastLogIndex: 9, lastLogTerm: 1 }) }, sticky, 260);
    expect(s.currentTerm).toBe(5);
    expect(later.messages[0]).toMatchObject({ type: 'RequestVoteReply', voteGranted: true });
  });

  it('a leadership-transfer RequestVote is never ignored', () => {
    const sticky = engineOptions({ leaderStickiness: true });
    const s = makeNode({ id: 2, term: 1, log: [1] }, [1, 2, 3]);
    s.leaderId = 1;
    s.lastLeaderContact = 0;
    step(s, { type: 'message', message: { ...requestVote({ from: 3, to: 2, term: 2, lastLogIndex: 1, lastLogTerm: 1 }), transfer: true } }, sticky, 10);
    expect(s.currentTerm).toBe(2);
    expect(s.votedFor).toBe(3);
  });

  it('a pre-vote is granted without changing the voter’s term or vote, and refused while a leader is known', () => {
    const pv = engineOptions({ preVote: true, electionTimeoutMinMs: 150 });
    const s = makeNode({ id: 2, term: 1, log: [1] }, [1, 2, 3]);
    const ask = { type: 'PreVote' as const, from: 3, to: 2, term: 2, candidateId: 3, lastLogIndex: 1, lastLogTerm: 1 };
    const granted = step(s, { type: 'message', message: ask }, pv, 1_000).messages[0] as PreVoteReply;
    expect(granted).toMatchObject({ voteGranted: true, term: 2 });
    expect(s.currentTerm).toBe(1);
    expect(s.votedFor).toBe(null);
    s.leaderId = 1;
    s.lastLeaderContact = 1_000;
    const refused = step(s, { type: 'message', message: ask }, pv, 1_050).messages[0] as PreVoteReply;
    expect(refused).toMatchObject({ voteGranted: false, reason: 'leader-known', term: 1 });
  });

  it('a pre-candidate keeps its term; a majority of pre-votes starts the real election in the next term', () => {
    const pv = engineOptions({ preVote: true });
    const s = makeNode({ id: 1, term: 4, log: [4] }, [1, 2, 3]);
    const r = step(s, { type: 'electionTimeout' }, pv, 0);
    expect(s.role).toBe('precandidate');
    expect(s.currentTerm).toBe(4);
    expect(r.messages.map((m) => m.type)).toEqual(['PreVote', 'PreVote']);
    step(s, { type: 'message', message: { type: 'PreVoteReply', from: 2, to: 1, term: 5, voteGranted: true } }, pv, 10);
    expect(s.role).toBe('candidate');
    expect(s.currentTerm).toBe(5);
  });
});
