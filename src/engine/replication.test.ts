import { describe, expect, it } from 'vitest';
import { createCluster } from '../sim';
import { step } from './node';
import { isHeartbeat, type AppendEntries } from './messages';
import type { Ready } from './ready';
import type { RaftState } from './state';
import type { EngineOptions } from './types';
import { appendEntries, appendReplyOf, engineOptions, entriesOf, makeNode, Net, termsOf } from './testing';

const opts = engineOptions();
const deliver = (s: RaftState, m: AppendEntries, o: EngineOptions = opts): Ready => step(s, { type: 'message', message: m }, o);
/** AppendEntries from leader 1 to server 2. */
const ae = (f: Omit<Parameters<typeof appendEntries>[0], 'from' | 'to'>): AppendEntries => appendEntries({ from: 1, to: 2, ...f });
const follower = (term: number, log: number[]): RaftState => makeNode({ id: 2, term, log }, [1, 2, 3]);

describe('§5.3 log replication', () => {
  it('AppendEntries consistency check: a missing entry or a term mismatch at prevLogIndex is rejected, with the reason', () => {
    const s = follower(3, [1, 1, 2]);
    const missing = appendReplyOf(deliver(s, ae({ term: 3, prevLogIndex: 5, prevLogTerm: 3, entries: entriesOf([3], 6) })));
    expect(missing).toMatchObject({ success: false, reason: 'missing-entry', rejectedIndex: 5, conflictTerm: 0, conflictIndex: 4 });
    const mismatch = deliver(s, ae({ term: 3, prevLogIndex: 3, prevLogTerm: 3, entries: entriesOf([3], 4) }));
    expect(appendReplyOf(mismatch)).toMatchObject({ success: false, reason: 'term-mismatch', rejectedIndex: 3, conflictTerm: 2, conflictIndex: 3 });
    expect(mismatch.notes).toContainEqual({ kind: 'appendRejected', leader: 1, prevLogIndex: 3, prevLogTerm: 3, reason: 'term-mismatch', lastLogIndex: 3, termAtPrev: 2 });
    expect(termsOf(s)).toEqual([1, 1, 2]); // a rejected request changes nothing
    const ok = deliver(s, ae({ term: 3, prevLogIndex: 2, prevLogTerm: 1, entries: entriesOf([3], 3) }));
    expect(appendReplyOf(ok)).toMatchObject({ success: true, matchIndex: 3 });
    expect(termsOf(s)).toEqual([1, 1, 3]);
  });

  it('a conflicting suffix is deleted from the first conflict on, and only there', () => {
    const s = follower(2, [1, 1, 2, 2, 2]);
    const kept = s.log.entries[2]!;
    const r = deliver(s, ae({ term: 3, prevLogIndex: 2, prevLogTerm: 1, entries: [kept, ...entriesOf([3], 4)] }));
    expect(termsOf(s)).toEqual([1, 1, 2, 3]);
    expect(s.log.entries[2]).toBe(kept);
    expect(r.notes).toContainEqual({ kind: 'logTruncated', from: 4, removed: 2 });
    expect(r.logChangedFrom).toBe(4);
  });

  it('a delayed or duplicated AppendEntries carrying an older prefix does not shorten the log', () => {
    const leaderLog = entriesOf([1, 1, 1, 1]);
    const older = ae({ term: 1, prevLogIndex: 0, prevLogTerm: 0, entries: leaderLog.slice(0, 2), leaderCommit: 0 });
    const s = follower(1, []);
    deliver(s, ae({ term: 1, prevLogIndex: 0, prevLogTerm: 0, entries: leaderLog }));
    const r = deliver(s, older);
    expect(s.log.entries).toEqual(leaderLog);
    expect(appendReplyOf(r)).toMatchObject({ success: true, matchIndex: 2 });
    expect(r.logChangedFrom).toBe(null);
    // The deliberately broken rule shows what this test guards against.
    const broken = follower(1, []);
    const unsafe = engineOptions({ unsafe: { truncateWithoutConflict: true } });
    deliver(broken, ae({ term: 1, prevLogIndex: 0, prevLogTerm: 0, entries: leaderLog }), unsafe);
    deliver(broken, older, unsafe);
    expect(termsOf(broken)).toEqual([1, 1]);
  });

  it('entries already in the log are not appended again', () => {
    const s = follower(1, []);
    const m = ae({ term: 1, prevLogIndex: 0, prevLogTerm: 0, entries: entriesOf([1, 1, 1]) });
    const first = deliver(s, m);
    expect(first.notes).toContainEqual({ kind: 'entriesAppended', from: 1, to: 3 });
    const stored = s.log.entries.slice();
    const again = deliver(s, m);
    expect(s.log.entries).toHaveLength(3);
    stored.forEach((e, k) => expect(s.log.entries[k]).toBe(e));
    expect(again.logChangedFrom).toBe(null);
    expect(again.notes.filter((n) => n.kind === 'entriesAppended' || n.kind === 'logTruncated')).toEqual([]);
  });

  it('commitIndex = min(leaderCommit, index of last new entry), not the end of the follower\'s log', () => {
    // Index 3 (term 2) came from a deposed leader; the term-3 leader's log is 1 1 3, committed to 3.
    const s = follower(2, [1, 1, 2]);
    const probe = deliver(s, ae({ term: 3, prevLogIndex: 2, prevLogTerm: 1, leaderCommit: 3 }));
    expect(s.commitIndex).toBe(2); // not 3: this request vouches for nothing beyond index 2
    expect(probe.applied.map((e) => e.index)).toEqual([1, 2]);
    const repair = deliver(s, ae({ term: 3, prevLogIndex: 2, prevLogTerm: 1, entries: entriesOf([3], 3), leaderCommit: 3 }));
    expect(s.commitIndex).toBe(3);
    expect(repair.applied).toEqual(entriesOf([3], 3));
    // And leaderCommit bounds it from the other side.
    const t = follower(1, []);
    deliver(t, ae({ term: 1, prevLogIndex: 0, prevLogTerm: 0, entries: entriesOf([1, 1, 1]), leaderCommit: 1 }));
    expect(t.commitIndex).toBe(1);
  });

  /** Server 1 leads a 3-server cluster in term 1 with `n` entries; server 3 missed them all. */
  function leaderWithLaggingFollower(n: number, o: EngineOptions): Net {
    const net = new Net(o, [{ id: 1 }, { id: 2 }, { id: 3 }]);
    net.elect(1, [2]);
    for (let k = 1; k <= n; k++) net.propose(1, `c${k}`);
    net.run((m) => m.to !== 3 && m.from !== 3);
    return net;
  }

  it('batching honours maxEntriesPerAppend', () => {
    const net = leaderWithLaggingFollower(7, engineOptions({ maxEntriesPerAppend: 3 }));
    net.heartbeat(1);
    net.run();
    const sizes = net.delivered.flatMap((d) => (d.message.type === 'AppendEntries' ? [d.message.entries.length] : []));
    expect(Math.max(...sizes)).toBe(3);
    expect(net.appendsTo(3).map((x) => x.request.entries.map((e) => e.index))).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    expect(termsOf(net.node(3))).toEqual(termsOf(net.node(1)));
  });

  it('heartbeats are empty AppendEntries carrying the leader\'s commitIndex', () => {
    const net = leaderWithLaggingFollower(2, opts);
    net.heartbeat(1);
    net.run();
    const r = net.heartbeat(1);
    expect(r.heartbeat).toBe('reset');
    expect(r.messages).toHaveLength(2);
    for (const m of r.messages) {
      expect(isHeartbeat(m)).toBe(true);
      expect(m).toMatchObject({ type: 'AppendEntries', term: 1, prevLogIndex: 2, prevLogTerm: 1, entries: [], leaderCommit: 2 });
    }
  });

  it('committed entries are applied in order to the key-value state machine', () => {
    const c = createCluster({ servers: 3, seed: 'kv', leaderNoop: true });
    expect(c.runUntil((x) => x.leaderId() !== null, 5_000)).toBe(true);
    const commands = ['x=1', 'hello', 'x=2', 'y = 3'];
    for (const cmd of commands) expect(c.submit(cmd).ok).toBe(true);
    expect(c.runUntil((x) => x.servers().every((v) => v.lastApplied === 5), 2_000)).toBe(true);
    for (const v of c.servers()) {
      const applied = c.applied(v.id);
      expect(applied.map((e) => e.index)).toEqual([1, 2, 3, 4, 5]);
      expect(applied.map((e) => e.command)).toEqual([null, ...commands]); // §8: the leader's no-op first
      expect(v.stateMachine).toEqual({ kv: { x: '2', y: '3' }, records: ['hello'], appliedCommands: 4, sessions: {}, duplicatesSuppressed: 0 });
    }
    expect(c.violations()).toEqual([]);
  });

  it('crash and restart keep currentTerm, votedFor and the log; the state machine is rebuilt by re-applying', () => {
    const c = createCluster({ servers: 3, seed: 'restart' });
    expect(c.runUntil((x) => x.leaderId() !== null, 5_000)).toBe(true);
    const leader = c.leaderId()!;
    for (const cmd of ['a=1', 'b=2', 'note', 'a=3']) c.submit(cmd);
    expect(c.runUntil((x) => x.servers().every((v) => v.lastApplied === 4), 2_000)).toBe(true);
    const id = leader === 1 ? 2 : 1;
    const before = c.server(id);
    c.crash(id);
    const down = c.server(id);
    expect([down.alive, down.term, down.votedFor, down.log]).toEqual([false, before.term, before.votedFor, before.log]);
    expect([down.commitIndex, down.lastApplied, down.stateMachine.kv]).toEqual([0, 0, {}]);
    c.submit('c=4'); // committed by the other two while it is down
    c.runFor(200);
    c.restart(id);
    expect(c.runUntil((x) => x.server(id).lastApplied === 5, 2_000)).toBe(true);
    const applied = c.applied(id);
    expect(applied.map((e) => e.index)).toEqual([1, 2, 3, 4, 1, 2, 3, 4, 5]);
    expect(applied.slice(4, 8)).toEqual(applied.slice(0, 4));
    expect(c.server(id).stateMachine).toEqual(c.server(leader).stateMachine);
    expect(c.server(id).stateMachine.kv).toEqual({ a: '3', b: '2', c: '4' });
    // The leader too keeps its term and its vote (for itself) across a crash.
    const l = c.server(leader);
    c.crash(leader);
    expect([c.server(leader).term, c.server(leader).votedFor, c.server(leader).log]).toEqual([l.term, leader, l.log]);
    expect(c.violations()).toEqual([]);
  });
});

// ---- Figure 7 ------------------------------------------------------------

const LEADER = [1, 1, 1, 4, 4, 5, 5, 6, 6, 6];
const FOLLOWERS = {
  a: [1, 1, 1, 4, 4, 5, 5, 6, 6],
  b: [1, 1, 1, 4],
  c: [1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 6],
  d: [1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 7, 7],
  e: [1, 1, 1, 4, 4, 4, 4],
  f: [1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3],
} as const;
type Name = keyof typeof FOLLOWERS;
const NAMES = Object.keys(FOLLOWERS) as Name[];
const idOf = (name: Name): number => NAMES.indexOf(name) + 2;

/**
 * Seven servers: S1 holds the leader's log (currentTerm 7), S2–S7 are followers
 * (a)–(f). S1's election timer fires, it asks everyone for a vote (term 8), and
 * the network carries every message until there is nothing left to say.
 */
function figure7(fastBackup: boolean): Net {
  const net = new Net(engineOptions({ fastBackup }), [
    { id: 1, term: 7, log: [...LEADER] },
    ...NAMES.map((n) => ({ id: idOf(n), log: [...FOLLOWERS[n]] })),
  ]);
  net.timeout(1);
  net.run();
  expect([net.node(1).role, net.node(1).currentTerm]).toEqual(['leader', 8]);
  return net;
}

/** Rejected AppendEntries before the first accepted one, and the prevLogIndex of that one. */
function repair(net: Net, name: Name): { rejected: number; matchAt: number; rejectedAt: number[]; reasons: (string | undefined)[] } {
  const exchanges = net.appendsTo(idOf(name));
  const first = exchanges.findIndex((x) => x.reply.success);
  const rejected = exchanges.slice(0, first);
  return {
    rejected: first,
    matchAt: exchanges[first]!.request.prevLogIndex,
    rejectedAt: rejected.map((x) => x.request.prevLogIndex),
    reasons: rejected.map((x) => x.reply.reason),
  };
}

describe('Figure 7', () => {
  it('§5.4.1 vote check of the leader\'s log: (a), (b), (e), (f) grant; (c), (d) deny', () => {
    const net = figure7(false);
    const answers = Object.fromEntries(
      net.delivered.flatMap(({ message: m, ready }) =>
        m.type === 'RequestVote' ? ready.messages.map((r) => [NAMES[m.to - 2], r.type === 'RequestVoteReply' ? [r.voteGranted, r.reason] : r.type]) : [],
      ),
    );
    expect(answers).toEqual({
      a: [true, undefined],
      b: [true, undefined],
      c: [false, 'log-not-up-to-date'],
      d: [false, 'log-not-up-to-date'],
      e: [true, undefined],
      f: [true, undefined],
    });
  });

  it('nextIndex starts at 11 and backs off by exactly one per rejection', () => {
    const net = figure7(false);
    const expected: Record<Name, [number, number]> = { a: [1, 9], b: [6, 4], c: [0, 10], d: [0, 10], e: [5, 5], f: [7, 3] };
    for (const name of NAMES) {
      const r = repair(net, name);
      expect([name, r.rejected, r.matchAt]).toEqual([name, ...expected[name]]);
      expect(r.rejectedAt).toEqual(Array.from({ length: r.rejected }, (_, k) => 10 - k));
    }
    expect(repair(net, 'e').reasons).toEqual(['missing-entry', 'missing-entry', 'missing-entry', 'term-mismatch', 'term-mismatch']);
    expect(new Set(repair(net, 'f').reasons)).toEqual(new Set(['term-mismatch']));
    const backoffs = net.delivered.flatMap((d) => d.ready.notes.filter((n) => n.kind === 'nextIndexBackedOff'));
    expect(backoffs).toHaveLength(1 + 6 + 5 + 7);
    for (const b of backoffs) expect(b.from - b.to).toBe(1);
  });

  it('after repair every follower matches the leader up to 10; (c) and (d) lose their extras only to a conflicting index 11', () => {
    const net = figure7(false);
    const leader = net.node(1);
    for (const name of NAMES) expect(net.node(idOf(name)).log.entries.slice(0, 10)).toEqual(leader.log.entries);
    expect(termsOf(net.node(idOf('e')))).toEqual(LEADER); // lost indexes 6–7
    expect(termsOf(net.node(idOf('f')))).toEqual(LEADER); // lost indexes 4–11
    expect(termsOf(net.node(idOf('c')))).toEqual(FOLLOWERS.c);
    expect(termsOf(net.node(idOf('d')))).toEqual(FOLLOWERS.d);
    expect(leader.commitIndex).toBe(0); // §5.4.2: nothing of term 8 yet, so nothing is committed

    net.propose(1, 'x=8');
    net.run();
    expect(termsOf(leader)).toEqual([...LEADER, 8]);
    for (const name of NAMES) expect(net.node(idOf(name)).log.entries).toEqual(leader.log.entries);
    expect(leader.commitIndex).toBe(11);
    net.heartbeat(1);
    net.run();
    for (const name of NAMES) {
      expect(net.node(idOf(name)).commitIndex).toBe(11);
      expect(net.applied.get(idOf(name))).toEqual(leader.log.entries);
    }
  });

  it('with fastBackup the conflict hints skip whole terms: fewer round trips for (b), (e), (f)', () => {
    const slow = figure7(false);
    const fast = figure7(true);
    const expected: Record<Name, number> = { a: 1, b: 1, c: 0, d: 0, e: 2, f: 2 };
    for (const name of NAMES) expect([name, repair(fast, name).rejected]).toEqual([name, expected[name]]);
    for (const name of ['b', 'e', 'f'] as const) expect(repair(fast, name).rejected).toBeLessThan(repair(slow, name).rejected);
    // (f) answers prevLogIndex 10 with its term there (3) and the first index of that term (7).
    expect(fast.appendsTo(idOf('f'))[0]!.reply).toMatchObject({ conflictTerm: 3, conflictIndex: 7 });
    expect(repair(fast, 'f').matchAt).toBe(3);
    for (const name of NAMES) expect(fast.node(idOf(name)).log.entries.slice(0, 10)).toEqual(fast.node(1).log.entries);
  });
});
