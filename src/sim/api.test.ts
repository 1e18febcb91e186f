/**
 * The headless API's contract (README "Headless API"): names, defaults,
 * determinism, delivery rules, validation, and checkpoint/resume.
 */
import { describe, expect, it } from 'vitest';
import { createCluster, DEFAULT_OPTIONS, type RaftCluster } from './index';
import { RaftCluster as RaftClusterClass } from './api';
import { MESSAGE_TYPES } from '../engine';

function withLeader(options: Parameters<typeof createCluster>[0] = {}): RaftCluster {
  const c = createCluster(options);
  expect(c.runUntil((cc) => cc.leaderId() !== null, 5_000)).toBe(true);
  return c;
}

/** A scripted run touching every kind of action, for determinism checks. */
function script(c: RaftCluster): void {
  c.runUntil((cc) => cc.leaderId() !== null, 5_000);
  for (let i = 0; i < 10; i++) {
    c.submit(`k${i}=${i}`);
    c.runFor(37);
  }
  c.crash(c.leaderId()!);
  c.runFor(800);
  c.partition([[1, 2], [3, 4, 5]]);
  c.submit('during-partition');
  c.runFor(600);
  c.setLink(4, 5, false);
  c.setNetwork({ dropRate: 0.1, duplicateRate: 0.1, latencyMs: [5, 50] });
  c.runFor(700);
  c.heal();
  for (const id of c.ids()) c.restart(id);
  c.runFor(2_000);
}

describe('createCluster defaults', () => {
  it('uses the paper timing and documented defaults', () => {
    expect(DEFAULT_OPTIONS).toMatchObject({
      servers: 5,
      seed: 'lecture-1',
      electionTimeoutMs: [150, 300],
      heartbeatMs: 50,
      latencyMs: [10, 20],
      dropRate: 0,
      duplicateRate: 0,
      leaderNoop: false,
      preVote: false,
      checkQuorum: false,
      fastBackup: false,
      maxEntriesPerAppend: 64,
    });
    const c = createCluster();
    expect(c.ids()).toEqual([1, 2, 3, 4, 5]);
    expect(c.now).toBe(0);
    const s = c.server(3);
    expect(s).toMatchObject({ id: 3, role: 'follower', alive: true, term: 0, votedFor: null, log: [], commitIndex: 0, lastApplied: 0, nextIndex: {}, matchIndex: {} });
    // Every follower's election timer is armed within the timeout range.
    for (const v of c.servers()) {
      expect(v.electionDeadline).toBeGreaterThanOrEqual(150);
      expect(v.electionDeadline).toBeLessThanOrEqual(300);
    }
  });

  it('supports 1 to 9 servers', () => {
    for (let n = 1; n <= 9; n++) {
      const c = withLeader({ servers: n, seed: n });
      expect(c.ids()).toHaveLength(n);
      expect(c.submit('x=1').ok).toBe(true);
      c.runFor(300);
      expect(c.servers().every((s) => s.commitIndex === 1)).toBe(true);
    }
  });
});

describe('determinism', () => {
  it('same seed, options and calls give an identical trace', () => {
    const a = createCluster({ seed: 'det' });
    const b = createCluster({ seed: 'det' });
    script(a);
    script(b);
    expect(a.traceHash()).toBe(b.traceHash());
    expect(JSON.stringify(a.trace())).toBe(JSON.stringify(b.trace()));
    expect(a.servers()).toEqual(b.servers());
    const other = createCluster({ seed: 'det2' });
    script(other);
    expect(other.traceHash()).not.toBe(a.traceHash());
  });

  it('numeric and string seeds are distinct and stable', () => {
    const a = createCluster({ seed: 7 });
    const b = createCluster({ seed: '7' });
    a.runFor(1_000);
    b.runFor(1_000);
    expect(a.traceHash()).not.toBe(b.traceHash());
  });

  it('a checkpoint (checkpoint()) resumes exactly, as plain serialisable data', () => {
    const a = createCluster({ seed: 'ckpt', dropRate: 0.05, duplicateRate: 0.05 });
    a.runUntil((cc) => cc.leaderId() !== null, 5_000);
    a.submit('x=1');
    a.runFor(123);
    const state = a.checkpoint();
    const b = RaftClusterClass.fromState(JSON.parse(JSON.stringify(state)));
    for (const c of [a, b]) {
      c.submit('y=2');
      c.crash(2);
      c.runFor(1_500);
      c.restart(2);
      c.runFor(1_500);
    }
    expect(b.traceHash()).toBe(a.traceHash());
    expect(b.servers()).toEqual(a.servers());
    expect(b.violations()).toEqual([]);
  });
});

describe('deprecated names still work (course staff\'s scripts use them)', () => {
  it('snapshotState() is checkpoint(): the same plain data, resuming to the same run', () => {
    const a = createCluster({ seed: 'alias' });
    a.runUntil((cc) => cc.leaderId() !== null, 5_000);
    a.submit('x=1');
    a.runFor(77);
    const old = a.snapshotState();
    expect(old).toStrictEqual(a.checkpoint());
    const b = RaftClusterClass.fromState(JSON.parse(JSON.stringify(old)));
    for (const c of [a, b]) {
      c.crash(c.leaderId()!);
      c.runFor(1_000);
    }
    expect(b.traceHash()).toBe(a.traceHash());
  });

  it('snapshotNetwork() is networkView()', () => {
    const c = createCluster({ seed: 'alias' });
    c.setLink(1, 2, false);
    c.disconnect(3);
    c.setNetwork({ dropRate: 0.25 });
    expect(c.networkView()).toEqual({ latencyMs: [10, 20], dropRate: 0.25, duplicateRate: 0, cut: [[1, 2]], disconnected: [3] });
    expect(c.snapshotNetwork()).toStrictEqual(c.networkView());
  });
});

describe('time', () => {
  it('step() processes exactly one event and returns it; null when nothing is scheduled', () => {
    const c = createCluster({ servers: 1 });
    const e = c.step()!;
    expect(e.n).toBe(1);
    expect(e.kind).toBe('electionTimeout');
    expect(c.now).toBe(e.time);
    expect(c.server(1).role).toBe('leader');
    c.crash(1);
    expect(c.step()).toBeNull();
  });

  it('runFor(ms) ends exactly at now + ms; runUntil reports whether the predicate held', () => {
    const c = createCluster();
    c.runFor(12.5);
    expect(c.now).toBe(12.5);
    expect(c.runUntil(() => false, 100)).toBe(false);
    expect(c.now).toBe(112.5);
    expect(c.runUntil((cc) => cc.leaderId() !== null, 5_000)).toBe(true);
    expect(c.now).toBeLessThan(5_112.5);
  });
});

describe('network delivery rules', () => {
  it('a message is delivered only if its link is up, neither end is disconnected and the receiver is alive', () => {
    const c = withLeader({ seed: 'net', leaderNoop: true });
    const leader = c.leaderId()!;
    const [a, b, d] = c.ids().filter((id) => id !== leader);
    c.runFor(100); // the no-op is committed everywhere
    c.setLink(leader, a!, false);
    c.disconnect(b!);
    c.crash(d!);
    c.submit('x=1');
    c.runFor(200);
    expect(c.server(a!).log).toHaveLength(1);
    expect(c.server(b!).log).toHaveLength(1);
    expect(c.server(d!).log).toHaveLength(1);
    const failures = new Set(c.trace().filter((e) => e.kind === 'drop').map((e) => e.failure));
    for (const f of ['link-cut', 'receiver-disconnected', 'receiver-crashed', 'sender-disconnected']) expect(failures).toContain(f);
    // One direction only: a can still send to the leader.
    expect(c.trace().some((e) => e.kind === 'deliver' && e.message?.from === a && e.message.to === leader)).toBe(true);
    c.heal();
    c.restart(d!);
    expect(c.runUntil((cc) => cc.leaderId() !== null, 3_000)).toBe(true);
    expect(c.submit('y=2').ok).toBe(true);
    c.runFor(1_000);
    const logs = c.servers().map((s) => JSON.stringify(s.log));
    expect(new Set(logs).size).toBe(1);
    expect(c.servers().every((s) => s.commitIndex === s.log.length && s.log.length >= 1)).toBe(true);
    expect(c.violations()).toEqual([]);
  });

  it('partition: only servers in the same group can talk; the minority cannot commit', () => {
    const c = withLeader({ seed: 'part' });
    const leader = c.leaderId()!;
    const others = c.ids().filter((id) => id !== leader);
    c.partition([[leader, others[0]!], others.slice(1)]);
    const res = c.submit('lost=1', leader);
    expect(res.ok).toBe(true);
    c.runFor(2_000);
    expect(c.server(leader).commitIndex).toBe(0);
    const majorityLeader = c.servers().find((s) => s.role === 'leader' && s.id !== leader && s.alive);
    expect(majorityLeader).toBeDefined();
    expect(others.slice(1)).toContain(majorityLeader!.id);
    expect(c.submit('kept=1', majorityLeader!.id).ok).toBe(true);
    c.runFor(300);
    c.heal();
    c.runFor(1_000);
    expect(c.server(leader).role).toBe('follower');
    // The old leader's uncommitted entry was overwritten by the new leader's (§5.3).
    expect(c.server(leader).log.map((e) => e.command)).toEqual(['kept=1']);
    expect(c.violations()).toEqual([]);
  });

  it('dropRate 1 loses everything; duplicateRate 1 delivers copies', () => {
    const lossy = createCluster({ dropRate: 1 });
    lossy.runFor(2_000);
    expect(lossy.leaderId()).toBeNull();
    expect(lossy.stats().delivered).toBe(0);
    const dup = withLeader({ duplicateRate: 1 });
    dup.runFor(500);
    expect(dup.messages().some((m) => m.duplicate)).toBe(true);
    expect(dup.violations()).toEqual([]);
  });

  it('the user can drop or duplicate a message in flight', () => {
    const c = withLeader();
    c.runFor(100);
    c.submit('x=1');
    const [m] = c.messages().filter((x) => x.type === 'AppendEntries' && x.entries.length > 0);
    expect(m).toMatchObject({ from: c.leaderId(), type: 'AppendEntries', prevLogIndex: 0, prevLogTerm: 0, leaderCommit: 0, entries: [{ index: 1, command: 'x=1' }] });
    expect(m!.deliverAt).toBeGreaterThan(m!.sentAt);
    c.dropMessage(m!.id);
    expect(c.messages().some((x) => x.id === m!.id)).toBe(false);
    const [n] = c.messages().filter((x) => x.type === 'AppendEntries');
    const copy = c.duplicateMessage(n!.id);
    expect(c.messages().find((x) => x.id === copy)).toMatchObject({ duplicate: true, to: n!.to, type: 'AppendEntries' });
    expect(() => c.dropMessage(999_999)).toThrow(/no message 999999 is in flight/);
  });
});

describe('clients', () => {
  it('submit goes to the leader by default and returns index and term', () => {
    const c = withLeader();
    const r = c.submit('x=1');
    expect(r).toEqual({ ok: true, index: 1, term: c.server(c.leaderId()!).term });
  });

  it('a follower refuses with a leader hint; no leader means ok false', () => {
    const c = withLeader();
    c.runFor(200);
    const leader = c.leaderId()!;
    const follower = c.ids().find((id) => id !== leader)!;
    expect(c.submit('x=1', follower)).toEqual({ ok: false, reason: 'not-leader', leaderHint: leader });
    c.crash(leader);
    expect(c.submit('x=1')).toMatchObject({ ok: false });
    expect(c.submit('x=1', leader)).toMatchObject({ ok: false });
  });

  it('applied() spans restarts: a restarted server re-applies from its log', () => {
    const c = withLeader({ seed: 'apply', leaderNoop: true });
    for (let i = 0; i < 3; i++) c.submit(`k${i}=${i}`);
    c.runFor(300);
    const id = c.ids().find((x) => x !== c.leaderId())!;
    expect(c.applied(id).map((e) => e.command)).toEqual([null, 'k0=0', 'k1=1', 'k2=2']);
    c.crash(id);
    expect(c.server(id)).toMatchObject({ alive: false, commitIndex: 0, lastApplied: 0 });
    expect(c.server(id).log).toHaveLength(4);
    c.restart(id);
    c.runFor(300);
    expect(c.applied(id).map((e) => e.index)).toEqual([1, 2, 3, 4, 1, 2, 3, 4]);
    expect(c.server(id).stateMachine.kv).toEqual({ k0: '0', k1: '1', k2: '2' });
  });
});

describe('stats and trace', () => {
  it('counts messages and bytes by type', () => {
    const c = withLeader();
    c.submit('hello');
    c.runFor(500);
    const s = c.stats();
    const types = [...MESSAGE_TYPES];
    expect(Object.keys(s.byType).sort()).toEqual(types.sort());
    expect(s.messages).toBe(types.reduce((n, t) => n + s.byType[t]!.count, 0));
    expect(s.bytes).toBe(types.reduce((n, t) => n + s.byType[t]!.bytes, 0));
    expect(s.byType.AppendEntries!.count).toBeGreaterThan(0);
    expect(s.elections).toBeGreaterThanOrEqual(1);
  });

  it('trace keeps the newest traceLimit events while traceHash covers them all', () => {
    const short = createCluster({ traceLimit: 50 });
    const long = createCluster();
    short.runFor(3_000);
    long.runFor(3_000);
    expect(short.trace()).toHaveLength(50);
    expect(short.trace()[49]!.n).toBe(short.eventCount);
    expect(long.trace()).toHaveLength(long.eventCount);
    expect(short.traceHash()).toBe(long.traceHash());
  });

  it('explains events with notes (e.g. why a vote or an append was refused)', () => {
    const c = withLeader();
    const notes = c.trace().flatMap((e) => e.notes.map((n) => n.kind));
    expect(notes).toContain('roleChanged');
    expect(notes).toContain('voteGranted');
  });
});

describe('bad arguments throw a clear error and change nothing', () => {
  const cases: Array<[string, () => unknown, RegExp]> = [
    ['servers out of range', () => createCluster({ servers: 10 }), /servers must be a whole number from 1 to 9 \(got 10\)/],
    ['servers not whole', () => createCluster({ servers: 2.5 }), /servers must be a whole number/],
    ['negative latency', () => createCluster({ latencyMs: [-1, 10] }), /latencyMs\[0\] must be a number from 0/],
    ['latency min > max', () => createCluster({ latencyMs: [30, 10] }), /latencyMs must have min <= max/],
    ['drop rate above 1', () => createCluster({ dropRate: 1.5 }), /dropRate must be a number from 0 to 1 \(got 1.5\)/],
    ['duplicate rate NaN', () => createCluster({ duplicateRate: NaN }), /duplicateRate must be a number from 0 to 1/],
    ['unknown option', () => createCluster({ serverz: 3 } as never), /unknown option "serverz"/],
    ['bad election timeout', () => createCluster({ electionTimeoutMs: [300] as never }), /electionTimeoutMs must be a pair/],
    ['bad seed', () => createCluster({ seed: {} as never }), /seed must be a string/],
  ];
  for (const [name, fn, message] of cases) {
    it(name, () => expect(fn).toThrow(message));
  }

  it('unknown server ids, non-string commands and bad network settings', () => {
    const c = withLeader();
    const before = c.traceHash();
    const events = c.eventCount;
    expect(() => c.crash(0)).toThrow(/unknown server id 0; valid ids are 1, 2, 3, 4, 5/);
    expect(() => c.restart(6)).toThrow(/unknown server id 6/);
    expect(() => c.server(1.5)).toThrow(/unknown server id 1.5/);
    expect(() => c.submit(42 as never)).toThrow(/command must be a string \(got 42\)/);
    expect(() => c.submit('x', 8)).toThrow(/unknown server id 8/);
    expect(() => c.setLink(1, 1, false)).toThrow(/from and to must differ/);
    expect(() => c.setNetwork({ dropRate: -0.1 })).toThrow(/dropRate must be a number from 0 to 1/);
    expect(() => c.setNetwork({ latencyMs: [10, 20], dropRate: 2 })).toThrow(/dropRate/);
    expect(c.server(1).alive).toBe(true);
    // Nothing half-applied: the valid latency above was not applied either, and no event was recorded.
    expect(() => c.partition([[1, 2], [2, 3]])).toThrow(/server 2 is in more than one group/);
    expect(() => c.partition([[1, 2], [3, 99]])).toThrow(/unknown server id 99/);
    expect(() => c.runFor(-5)).toThrow(/ms must be a finite number >= 0/);
    expect(c.eventCount).toBe(events);
    expect(c.traceHash()).toBe(before);
    c.runFor(200);
    expect(c.trace().every((e) => e.kind !== 'drop' || e.failure === 'lost')).toBe(true);
  });

});
