/**
 * The condition vocabulary: parsing untrusted conditions (messages in English
 * and Chinese naming the field), evaluating each kind on real runs, named by
 * the paper's sections they observe, and running until a condition holds.
 */
import { describe, expect, it } from 'vitest';
import { createCluster, LIMITS, type RaftCluster } from '../sim';
import { PRESETS } from '../scenario/presets';
import { replayScenario } from '../scenario';
import { CONDITION_KINDS, CONDITION_LIMITS, describeCondition, evaluateCondition, parseCondition, runUntilCondition, type Condition } from './index';

function cond(x: unknown): Condition {
  const r = parseCondition(x);
  if (!r.ok) throw new Error(r.error.en);
  return r.value;
}

function refused(x: unknown): { path: string; en: string; zh: string } {
  const r = parseCondition(x);
  expect(r.ok).toBe(false);
  return (r as { ok: false; error: { path: string; en: string; zh: string } }).error;
}

function elected(seed = 'conditions'): RaftCluster {
  const c = createCluster({ servers: 5, seed });
  expect(c.runUntil((x) => x.leaderId() !== null, 3_000)).toBe(true);
  return c;
}

const ONE_OF_EACH: Condition[] = [
  { kind: 'leaderExists', minTerm: 2 },
  { kind: 'isLeader', server: 3 },
  { kind: 'role', server: 2, role: 'candidate' },
  { kind: 'termAtLeast', term: 4, server: 1 },
  { kind: 'crashed', server: 5 },
  { kind: 'committedOn', index: 2, servers: [1, 2] },
  { kind: 'logsMatch', a: 5, b: 'leader', upTo: 4 },
  { kind: 'entryOverwritten', index: 2 },
  { kind: 'violation', property: 'Election Safety' },
  { kind: 'snapshotAtLeast', server: 4, index: 10 },
  { kind: 'isVoter', server: 6, voter: true },
  { kind: 'kvEquals', server: 'leader', key: 'x', value: '1' },
  { kind: 'clientRead', client: 1, value: null },
  { kind: 'all', of: [{ kind: 'leaderExists' }, { kind: 'not', of: { kind: 'crashed', server: 1 } }] },
  { kind: 'any', of: [{ kind: 'leaderExists' }, { kind: 'violation' }] },
];

describe('parseCondition: the vocabulary as data', () => {
  it('accepts one of each kind and returns an equal, fresh copy that survives JSON', () => {
    const kinds = new Set<string>();
    for (const c of ONE_OF_EACH) {
      const r = parseCondition(JSON.parse(JSON.stringify(c)));
      expect(r).toEqual({ ok: true, value: c });
      if (r.ok) expect(r.value).not.toBe(c);
      kinds.add(c.kind);
      if (c.kind === 'all') c.of.forEach((x) => kinds.add(x.kind));
    }
    expect([...kinds].sort()).toEqual([...CONDITION_KINDS].sort());
  });

  it('refuses wrong types, naming the field in English and Chinese', () => {
    const e = refused({ kind: 'all', of: [{ kind: 'leaderExists' }, { kind: 'isLeader', server: 'S2' }] });
    expect(e.path).toBe('condition.of[1].server');
    expect(e.en).toMatch(/^condition\.of\[1\]\.server must be a whole number from 1 to 99 \(got "S2"\)/);
    expect(e.zh).toMatch(/^condition\.of\[1\]\.server 必须是 1 到 99 之间的整数（实际是 文本 "S2"）/);
    expect(refused({ kind: 'committedOn', index: 0, servers: 'all' }).path).toBe('condition.index');
    expect(refused({ kind: 'committedOn', index: 1, servers: 'most' }).path).toBe('condition.servers');
    expect(refused({ kind: 'role', server: 1, role: 'king' }).en).toMatch(/must be one of follower, precandidate, candidate, leader/);
    expect(refused({ kind: 'violation', property: 'Liveness' }).path).toBe('condition.property');
    expect(refused(null).en).toMatch(/condition must be an object \(got null\)/);
    expect(refused([]).zh).toMatch(/必须是一个对象/);
  });

  it('refuses unknown kinds and fields, missing fields, markup and prototype keys', () => {
    expect(refused({ kind: 'teleport' }).path).toBe('condition.kind');
    expect(refused({ kind: '__proto__' }).path).toBe('condition.kind');
    expect(refused({ kind: 'isLeader' }).en).toBe('condition.server is missing');
    expect(refused({ kind: 'isLeader' }).zh).toBe('condition.server 缺失');
    expect(refused({ kind: 'isLeader', server: 1, term: 3 }).en).toMatch(/unknown field "term"/);
    expect(refused({ kind: 'isLeader', server: 1, evil: 1 }).zh).toMatch(/未知字段 "evil"/);
    expect(refused(JSON.parse('{"kind":"leaderExists","__proto__":{"minTerm":1}}')).en).toMatch(/unknown field "__proto__"/);
    expect(refused({ kind: 'kvEquals', server: 1, key: '<img src=x onerror=alert(1)>', value: '1' }).path).toBe('condition.key');
    expect(refused(Object.create({ kind: 'leaderExists' })).en).toMatch(/must be an object/);
  });

  it('bounds width, depth and size', () => {
    const wide = { kind: 'any', of: Array.from({ length: CONDITION_LIMITS.items + 1 }, () => ({ kind: 'leaderExists' })) };
    expect(refused(wide).en).toMatch(/condition\.of must have from 1 to 16 items \(it has 17\)/);
    let deep: unknown = { kind: 'leaderExists' };
    for (let i = 0; i <= CONDITION_LIMITS.depth; i++) deep = { kind: 'not', of: deep };
    expect(refused(deep).en).toMatch(/nests all\/any\/not too deeply/);
    const big = { kind: 'all', of: Array.from({ length: 8 }, () => ({ kind: 'all', of: Array.from({ length: 8 }, () => ({ kind: 'leaderExists' })) })) };
    expect(refused(big).en).toMatch(/too large \(at most 64 conditions/);
    expect(refused({ kind: 'all', of: [] }).path).toBe('condition.of');
  });
});

describe('describeCondition', () => {
  it('gives every kind a sentence in English and in Chinese', () => {
    for (const c of ONE_OF_EACH) {
      const en = describeCondition(c, 'en');
      const zh = describeCondition(c, 'zh');
      expect(en.length).toBeGreaterThan(5);
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
      expect(en).not.toBe(zh);
    }
    expect(describeCondition({ kind: 'leaderExists', minTerm: 3 }, 'en')).toBe('a leader exists in term 3 or later');
    expect(describeCondition({ kind: 'committedOn', index: 5, servers: 'all' }, 'zh')).toBe('索引 5 在所有运行中的服务器上已提交');
  });
});

describe('evaluateCondition on real runs', () => {
  it('§5.2: after an election one server is leader, the others followers, all in its term', () => {
    const c = elected();
    const leader = c.leaderId()!;
    const term = c.server(leader).term;
    expect(evaluateCondition(c, cond({ kind: 'leaderExists', minTerm: term }))).toBe(true);
    expect(evaluateCondition(c, cond({ kind: 'leaderExists', minTerm: term + 1 }))).toBe(false);
    expect(evaluateCondition(c, cond({ kind: 'isLeader', server: leader }))).toBe(true);
    const other = c.ids().find((id) => id !== leader)!;
    expect(evaluateCondition(c, cond({ kind: 'isLeader', server: other }))).toBe(false);
    expect(evaluateCondition(c, cond({ kind: 'role', server: other, role: 'follower' }))).toBe(true);
    expect(evaluateCondition(c, cond({ kind: 'termAtLeast', term, server: other }))).toBe(true);
    expect(evaluateCondition(c, cond({ kind: 'isLeader', server: 42 }))).toBe(false); // not in the cluster: false, not an error
    c.crash(leader);
    expect(evaluateCondition(c, cond({ kind: 'crashed', server: leader }))).toBe(true);
    expect(evaluateCondition(c, cond({ kind: 'role', server: leader, role: 'follower' }))).toBe(false); // a crashed server has no role
    expect(evaluateCondition(c, cond({ kind: 'leaderExists' }))).toBe(false);
    expect(evaluateCondition(c, cond({ kind: 'not', of: { kind: 'leaderExists' } }))).toBe(true);
  });

  it('§5.3: a submitted entry is committed on the leader first, then on every running server; logs then match', () => {
    const c = elected();
    const leader = c.leaderId()!;
    const { index } = c.submit('x=1');
    const crashed = c.ids().find((id) => id !== leader)!;
    c.crash(crashed);
    expect(evaluateCondition(c, cond({ kind: 'committedOn', index: index!, servers: 'any' }))).toBe(false);
    const r = runUntilCondition(c, cond({ kind: 'committedOn', index: index!, servers: 'all' }), 1_000);
    expect(r).toMatchObject({ held: true, atMs: c.now });
    expect(c.servers().filter((s) => s.alive).every((s) => s.commitIndex >= index!)).toBe(true);
    expect(c.server(crashed).commitIndex).toBeLessThan(index!); // 'all' means every running server
    expect(evaluateCondition(c, cond({ kind: 'committedOn', index: index!, servers: [crashed] }))).toBe(false);
    const follower = c.ids().find((id) => id !== leader && id !== crashed)!;
    expect(evaluateCondition(c, cond({ kind: 'logsMatch', a: follower, b: 'leader', upTo: index! }))).toBe(true);
    expect(evaluateCondition(c, cond({ kind: 'logsMatch', a: crashed, b: 'leader', upTo: index! }))).toBe(false);
    runUntilCondition(c, cond({ kind: 'kvEquals', server: 'leader', key: 'x', value: '1' }), 500);
    expect(evaluateCondition(c, cond({ kind: 'kvEquals', server: leader, key: 'x', value: '1' }))).toBe(true);
    expect(evaluateCondition(c, cond({ kind: 'kvEquals', server: leader, key: 'y', value: null }))).toBe(true);
  });

  it('§5.4.2 Figure 8: in (d) the term-2 entry at index 2 on S2 is overwritten; in (e) S2 keeps it and S5’s term-3 entry goes', () => {
    const at = (id: string): RaftCluster => {
      // The preset up to its mark (the view it opens at): the election is over, the repair not yet begun.
      const p = PRESETS.find((x) => x.id === id)!.scenario;
      return replayScenario({ options: p.options, actions: p.actions.filter((a) => a.n < p.view!.n!) });
    };
    const onS2 = cond({ kind: 'entryOverwritten', index: 2, server: 2 });
    const onS5 = cond({ kind: 'entryOverwritten', index: 2, server: 5 });
    const d = at('figure-8d');
    expect(evaluateCondition(d, onS2)).toBe(false);
    expect(runUntilCondition(d, onS2, 3_000).held).toBe(true);
    expect(d.server(2).log[1]!.term).toBe(3);
    // Only events after `since` count: asked from now on, nothing has been overwritten yet.
    expect(evaluateCondition(d, onS2, d.eventCount)).toBe(false);
    const e = at('figure-8e');
    expect(runUntilCondition(e, onS5, 3_000).held).toBe(true);
    expect(evaluateCondition(e, onS2)).toBe(false);
    expect(e.server(2).log[1]!.term).toBe(2);
  });

  it('§5.2: the checker firing (votes granted twice per term) is a violation condition, counted from `since`', () => {
    const c = createCluster({ servers: 3, seed: 'checker', electionTimeoutMs: [150, 150], unsafe: { voteTwicePerTerm: true } });
    const r = runUntilCondition(c, cond({ kind: 'violation', property: 'Election Safety' }), 1_000);
    expect(r.held).toBe(true);
    expect(c.violations()[0]!.property).toBe('Election Safety');
    expect(evaluateCondition(c, cond({ kind: 'violation' }), c.eventCount)).toBe(false);
    expect(evaluateCondition(c, cond({ kind: 'violation', property: 'Log Matching' }))).toBe(false);
  });

  it('§7 and §6: snapshots and the leader’s configuration', () => {
    const c = elected();
    const leader = c.leaderId()!;
    c.submit('a=1');
    runUntilCondition(c, cond({ kind: 'committedOn', index: 1, servers: 'all' }), 1_000);
    c.runFor(100);
    expect(evaluateCondition(c, cond({ kind: 'snapshotAtLeast', server: leader, index: 1 }))).toBe(false);
    c.snapshot(leader);
    expect(evaluateCondition(c, cond({ kind: 'snapshotAtLeast', server: leader, index: 1 }))).toBe(true);
    expect(evaluateCondition(c, cond({ kind: 'isVoter', server: 6, voter: false }))).toBe(true);
    const added = c.addServer();
    const r = runUntilCondition(c, cond({ kind: 'isVoter', server: added, voter: true }), 3_000);
    expect(r.held).toBe(true);
    expect(c.server(leader).voters).toContain(added);
  });
});

describe('runUntilCondition', () => {
  it('stops at the first moment the condition holds', () => {
    const c = createCluster({ servers: 3, seed: 'run-until' });
    const r = runUntilCondition(c, cond({ kind: 'leaderExists' }), 5_000);
    expect(r.held).toBe(true);
    expect(c.leaderId()).not.toBeNull();
    expect(r.atMs).toBe(c.lastEvent!.time);
  });

  it('says, in both languages, when the condition never holds within the limit', () => {
    const c = createCluster({ servers: 3, seed: 'run-until' });
    c.partition([[1], [2], [3]]);
    const r = runUntilCondition(c, cond({ kind: 'leaderExists' }), 2_000);
    expect(r.held).toBe(false);
    expect(r.atMs).toBe(2_000);
    expect(r.message!.en).toBe('“a leader exists” did not happen within 2000 ms of simulated time (from 0 to 2000 ms).');
    expect(r.message!.zh).toContain('“存在领导者”没有发生');
  });

  it('refuses a limit beyond LIMITS.timeMs (or not a number), changing nothing', () => {
    const c = createCluster({ servers: 3, seed: 'run-until' });
    c.runFor(100);
    const before = { now: c.now, events: c.eventCount, hash: c.traceHash() };
    expect(() => runUntilCondition(c, cond({ kind: 'leaderExists' }), LIMITS.timeMs + 1)).toThrow(/limitMs must be a number from 0 to 3600000/);
    expect(() => runUntilCondition(c, cond({ kind: 'leaderExists' }), Number.NaN)).toThrow(RangeError);
    expect({ now: c.now, events: c.eventCount, hash: c.traceHash() }).toEqual(before);
  });
});
