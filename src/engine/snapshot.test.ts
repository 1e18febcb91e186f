/**
 * The core's rules for the second half of Raft, one step at a time (no
 * simulator): Figure 13's InstallSnapshot receiver (§7), joint quorums and one
 * change at a time (§6), the §6 vote rule, and PreVote (dissertation §9.6).
 */
import { describe, expect, it } from 'vitest';
import { step } from './node';
import { committedIndex, isMajority } from './quorum';
import { makeConfig } from './config';
import { membershipBlocked } from './membership';
import { serializeStateMachine, emptyStateMachine, applyCommand } from './stateMachine';
import type { InstallSnapshot, InstallSnapshotReply, PreVoteReply } from './messages';
import type { Ready } from './ready';
import type { RaftState } from './state';
import { engineOptions, makeNode, requestVote } from './testing';

const opts = engineOptions();

function deliver(s: RaftState, message: Parameters<typeof step>[1] extends infer I ? (I extends { type: 'message'; message: infer M } ? M : never) : never, now = 0): Ready {
  return step(s, { type: 'message', message }, opts, now);
}

function snapshotData(kv: Record<string, string>): string {
  const sm = emptyStateMachine();
  for (const [k, v] of Object.entries(kv)) applyCommand(sm, `${k}=${v}`);
  return serializeStateMachine(sm);
}

function chunk(f: Partial<InstallSnapshot> & Pick<InstallSnapshot, 'offset' | 'data' | 'done' | 'size'>): InstallSnapshot {
  return { type: 'InstallSnapshot', from: 1, to: 2, term: 3, leaderId: 1, lastIncludedIndex: 4, lastIncludedTerm: 2, config: makeConfig([1, 2, 3]), ...f };
}

function snapReply(r: Ready): InstallSnapshotReply {
  const m = r.messages.find((x): x is InstallSnapshotReply => x.type === 'InstallSnapshotReply');
  if (!m) throw new Error('no InstallSnapshotReply');
  return m;
}

describe('§7 Figure 13: InstallSnapshot receiver', () => {
  const data = snapshotData({ x: '1', y: '2' });
  const half = Math.ceil(data.length / 2);

  it('1. replies immediately if term < currentTerm, changing nothing', () => {
    const s = makeNode({ id: 2, term: 5, log: [1, 2] }, [1, 2, 3]);
    const r = deliver(s, chunk({ offset: 0, data, done: true, size: data.length }));
    expect(snapReply(r)).toMatchObject({ term: 5, done: false });
    expect(s.log.snapshotIndex).toBe(0);
    expect(s.log.entries).toHaveLength(2);
  });

  it('2–5. chunks are written at their offset; done installs; the state machine and configuration come from the snapshot', () => {
    const s = makeNode({ id: 2, term: 3, log: [1] }, [1, 2, 3]);
    const first = snapReply(deliver(s, chunk({ offset: 0, data: data.slice(0, half), done: false, size: data.length })));
    expect(first).toMatchObject({ offset: half, done: false });
    expect(s.incomingSnapshot?.data).toBe(data.slice(0, half));
    const last = snapReply(deliver(s, chunk({ offset: half, data: data.slice(half), done: true, size: data.length })));
    expect(last).toMatchObject({ done: true, lastIncludedIndex: 4 });
    expect(s.log).toMatchObject({ snapshotIndex: 4, snapshotTerm: 2, entries: [] });
    expect(s.stateMachine.kv).toEqual({ x: '1', y: '2' });
    expect(s.commitIndex).toBe(4);
    expect(s.lastApplied).toBe(4);
    expect(s.config.voters).toEqual([1, 2, 3]);
  });

  it('a chunk that does not fit (lost predecessor) is refused with the offset the follower holds', () => {
    const s = makeNode({ id: 2, term: 3, log: [] }, [1, 2, 3]);
    const r = snapReply(deliver(s, chunk({ offset: half, data: data.slice(half), done: true, size: data.length })));
    expect(r).toMatchObject({ offset: 0, done: false });
    expect(s.log.snapshotIndex).toBe(0);
  });

  it('a repeated chunk keeps the partial snapshot (a heartbeat resend or a duplicate)', () => {
    const s = makeNode({ id: 2, term: 3, log: [] }, [1, 2, 3]);
    deliver(s, chunk({ offset: 0, data: data.slice(0, half), done: false, size: data.length }));
    const again = snapReply(deliver(s, chunk({ offset: 0, data: data.slice(0, half), done: false, size: data.length })));
    expect(again.offset).toBe(half);
    expect(s.incomingSnapshot?.data).toBe(data.slice(0, half));
  });

  it('6. if an existing entry has the snapshot’s last index and term, the entries after it are kept', () => {
    const s = makeNode({ id: 2, term: 3, log: [1, 1, 2, 2, 3, 3] }, [1, 2, 3]);
    deliver(s, chunk({ offset: 0, data, done: true, size: data.length }));
    expect(s.log.snapshotIndex).toBe(4);
    expect(s.log.entries.map((e) => e.index)).toEqual([5, 6]);
  });

  it('7. otherwise the entire log is discarded', () => {
    const s = makeNode({ id: 2, term: 3, log: [1, 1, 1, 1, 1, 1] }, [1, 2, 3]);
    deliver(s, chunk({ offset: 0, data, done: true, size: data.length }));
    expect(s.log).toMatchObject({ snapshotIndex: 4, entries: [] });
  });

  it('a snapshot the follower already covers is acknowledged without installing', () => {
    const s = makeNode({ id: 2, term: 3, log: [1, 1, 2, 2] }, [1, 2, 3]);
    s.commitIndex = 4;
    step(s, { type: 'snapshot' }, opts);
    // lastApplied catches up with commitIndex before the snapshot is taken.
    expect(s.log.snapshotIndex).toBe(4);
    const r = snapReply(deliver(s, chunk({ offset: 0, data: data.slice(0, 3), done: false, size: data.length })));
    expect(r.done).toBe(true);
  });
});

describe('§6 quorums and one change at a time', () => {
  it('joint consensus needs a majority of C_old and a majority of C_new', () => {
    const joint = { ...makeConfig([3, 4, 5]), oldVoters: [1, 2, 3] };
    expect(isMajority(joint, (id) => [1, 2, 4].includes(id))).toBe(false); // C_new has only S4
    expect(isMajority(joint, (id) => [1, 3, 4].includes(id))).toBe(true);
    const match: Record<number, number> = { 1: 9, 2: 9, 3: 5, 4: 5, 5: 2 };
    expect(committedIndex(joint, (id) => match[id]!)).toBe(5); // C_old alone would allow 9
  });

  it('learners never count towards a majority', () => {
    const c = makeConfig([1, 2, 3], [4, 5]);
    expect(isMajority(c, (id) => [1, 4, 5].includes(id))).toBe(false);
  });

  it('a leader refuses a change while a configuration entry is uncommitted, and before committing in its term', () => {
    const s = makeNode({ id: 1, term: 2, log: [1, 1] }, [1, 2, 3]);
    s.role = 'leader';
    s.commitIndex = 2;
    expect(membershipBlocked(s)).toBe('no-commit-in-term');
    s.log.entries.push({ index: 3, term: 2, command: null });
    s.commitIndex = 3;
    expect(membershipBlocked(s)).toBe(null);
    s.configIndex = 4;
    expect(membershipBlocked(s)).toBe('change-pending');
  });
});

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

describe('§6 a change the leader makes by itself does not answer someone else’s request', () => {
  it('in a one-server cluster, a command whose commit lets the leader leave joint consensus reports its own index', () => {
    const s = makeNode({ id: 1, term: 1, log: [1] }, [1]);
    s.role = 'leader';
    s.commitIndex = 1;
    // C_old,new (both halves {1}) committed at index 1: the next commit makes the leader append C_new by itself.
    s.config = { ...makeConfig([1]), oldVoters: [1] };
    s.configIndex = 1;
    const r = step(s, { type: 'propose', command: 'x=1' }, opts);
    expect(r.notes.some((n) => n.kind === 'configAppended' && n.change === 'leaveJoint' && n.index === 3)).toBe(true);
    expect(r.proposal).toEqual({ ok: true, index: 2, term: 1 });
  });
});
