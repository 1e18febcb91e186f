/**
 * Event-log sentences across whole traces: every event of every scenario gets
 * a clean sentence in both languages with the same servers, numbers and
 * citations, every note kind the engine emits is covered, every checker
 * violation is rebuilt in both languages, and events are filed under the right
 * categories (eventKindsFor, isRoutine).
 */
import { describe, expect, it } from 'vitest';
import { createCluster, SAFETY_PROPERTIES, type RaftCluster, type Violation } from '../../sim';
import { DICTS, missingKeys } from '../i18n';
import { describeEvent, describeViolation, EVENT_CATEGORIES, eventKindsFor, isRoutine, propertyName } from './describe';
import { checkClean, elect, first, hasNote, LANGS, runs, runScenariosBeforeAll } from './describeTestHelpers';

runScenariosBeforeAll();

describe('describeEvent on real traces', () => {
  it('gives every event of every scenario a clean sentence in both languages', () => {
    let count = 0;
    for (const [name, run] of Object.entries(runs)) {
      expect(run.c.trace().length, name).toBeGreaterThan(5);
      for (const e of run.c.trace()) {
        const braces = run.braces === true && e.kind === 'submit';
        for (const lang of LANGS) {
          for (const ctx of [{}, { servers: run.c.ids().length }]) {
            const d = describeEvent(e, lang, ctx);
            checkClean(d, lang, braces, `${name} #${e.n} ${lang}: ${d.text}`);
            count++;
          }
        }
        const en = describeEvent(e, 'en').text;
        const zh = describeEvent(e, 'zh').text;
        // Where English names a term number, Chinese says 任期.
        if (/\bterm \d/.test(en)) expect(zh, `${name} #${e.n}: ${en} / ${zh}`).toContain('任期');
        if (/\bleader\b/.test(en)) expect(zh, `${name} #${e.n}: ${en} / ${zh}`).toContain('领导者');
        if (/\bvote\b/.test(en)) expect(zh, `${name} #${e.n}: ${en} / ${zh}`).toMatch(/投票|票/);
        if (/\bheartbeat/.test(en)) expect(zh, `${name} #${e.n}: ${en} / ${zh}`).toContain('心跳');
        // Same servers, same numbers, same citations in both languages.
        expect(zh.match(/S\d/g)?.sort(), `${name} #${e.n}`).toEqual(en.match(/S\d/g)?.sort());
        expect(zh.match(/§[\d.]+/g), `${name} #${e.n}`).toEqual(en.match(/§[\d.]+/g));
        const kinds = eventKindsFor(e);
        expect(kinds.length, `${name} #${e.n}`).toBeGreaterThan(0);
        expect(new Set(kinds).size).toBe(kinds.length);
        for (const k of kinds) expect(EVENT_CATEGORIES).toContain(k);
      }
    }
    expect(count).toBeGreaterThan(1_000);
    expect(missingKeys()).toEqual([]);
  });

  it('covers every note kind the engine emits in practice', () => {
    const kinds = new Set<string>();
    const traceKinds = new Set<string>();
    const failures = new Set<string>();
    for (const run of Object.values(runs)) {
      for (const e of run.c.trace()) {
        traceKinds.add(e.kind);
        if (e.failure) failures.add(e.failure);
        for (const n of e.notes) kinds.add(n.kind === 'ignored' ? `ignored:${n.what}` : n.kind);
      }
    }
    for (const k of [
      'roleChanged', 'termAdopted', 'voteGranted', 'voteRejected', 'voteReceived', 'appendRejected', 'entriesAppended',
      'logTruncated', 'commitAdvanced', 'nextIndexBackedOff', 'matchIndexAdvanced', 'proposalAppended', 'proposalRejected',
      'ignored:staleReply', 'ignored:duplicateLeader',
    ]) {
      expect(kinds, k).toContain(k);
    }
    for (const k of ['deliver', 'drop', 'electionTimeout', 'heartbeatTimeout', 'submit', 'crash', 'restart', 'network', 'dropMessage', 'duplicateMessage']) {
      expect(traceKinds, k).toContain(k);
    }
    for (const f of ['lost', 'link-cut', 'receiver-crashed', 'receiver-disconnected']) expect(failures, f).toContain(f);
  });
});

describe('describeViolation', () => {
  const unsafeRuns: Array<() => RaftCluster> = [
    () => runs.twoLeaders!.c,
    () => runs.brokenRules!.c,
    () => {
      const c = createCluster({
        seed: 'checker',
        servers: 3,
        unsafe: { skipConsistencyCheck: true },
        initial: [{ id: 1, log: [1, 2] }, { id: 2, log: [1, 2] }, { id: 3, log: [1, 1, 1] }],
      });
      elect(c, 1);
      c.submit('x=3', 1);
      c.runFor(200);
      return c;
    },
    () => {
      const c = createCluster({ seed: 'checker', servers: 3, unsafe: { skipUpToDateCheck: true } });
      elect(c, 1);
      c.disconnect(3);
      for (let i = 0; i < 3; i++) c.submit(`k${i}=${i}`, 1);
      c.runFor(300);
      c.crash(1);
      c.connect(3);
      elect(c, 3);
      c.submit('y=1', 3);
      c.runFor(500);
      return c;
    },
    () => {
      const c = createCluster({ seed: 'checker', servers: 3, unsafe: { acceptStaleTerms: true } });
      elect(c, 1);
      c.submit('a=1', 1);
      c.runFor(100);
      c.setNetwork({ latencyMs: [800, 800] });
      c.runFor(60);
      c.setNetwork({ latencyMs: [10, 20] });
      c.crash(1);
      c.runUntil((cc) => cc.leaderId() !== null, 2_000);
      c.submit('c=3');
      c.runFor(1_500);
      return c;
    },
    () => {
      const c = createCluster({ seed: 'checker', servers: 3, maxEntriesPerAppend: 1, unsafe: { commitToLeaderCommit: true } });
      elect(c, 1);
      c.disconnect(3);
      for (let i = 0; i < 5; i++) c.submit(`k${i}=${i}`, 1);
      c.runFor(300);
      c.connect(3);
      c.runFor(2_000);
      return c;
    },
  ];

  it('rebuilds every checker detail in both languages', () => {
    const seen = new Set<string>();
    for (const make of unsafeRuns) {
      const c = make();
      for (const v of c.violations()) {
        seen.add(v.property);
        const en = describeViolation(v, 'en');
        const zh = describeViolation(v, 'zh');
        // English is the checker's own sentence, rebuilt from its numbers.
        expect(en).toBe(`${v.property} violated: ${v.detail.replace(/\.$/, '')}`);
        expect(zh.startsWith(`违反${propertyName(v.property, 'zh')}：`)).toBe(true);
        const leftover = zh.replace(/currentTerm|commitIndex|S\d/g, '');
        expect(leftover, zh).not.toMatch(/[A-Za-z]{2,}/);
        expect(zh).not.toMatch(/\{|undefined/);
        // The numbers survive translation.
        expect(zh.match(/\d+/g)?.sort()).toEqual(en.match(/\d+/g)?.sort());
      }
      for (const e of c.trace()) for (const lang of LANGS) checkClean(describeEvent(e, lang), lang, false, `#${e.n}`);
    }
    // Every property the checker knows (one list, in src/sim/invariants.ts) must have been seen.
    for (const p of SAFETY_PROPERTIES) {
      expect(seen, p).toContain(p);
    }
  });

  it('translates every property name', () => {
    expect(propertyName('Election Safety', 'zh')).toBe('选举安全性');
    expect(propertyName('Leader Append-Only', 'zh')).toBe('领导者只追加');
    expect(propertyName('Log Matching', 'zh')).toBe('日志匹配');
    expect(propertyName('Leader Completeness', 'zh')).toBe('领导者完整性');
    expect(propertyName('State Machine Safety', 'zh')).toBe('状态机安全性');
    expect(propertyName('Term Monotonicity', 'zh')).toBe('任期单调性');
    expect(propertyName('Commit Within Log', 'zh')).toBe('提交不超出日志');
    expect(propertyName('Entry Term Bound', 'zh')).toBe('条目任期上界');
    expect(propertyName('Log Matching', 'en')).toBe('Log Matching');
  });

  it('keeps a detail in an unknown shape, with the property translated', () => {
    const v: Violation = { property: 'Log Matching', time: 1, event: 2, servers: [1], detail: 'Something unforeseen.' };
    expect(describeViolation(v, 'en')).toBe('Log Matching violated: Something unforeseen');
    expect(describeViolation(v, 'zh')).toBe('违反日志匹配：Something unforeseen');
  });
});

describe('eventKindsFor and isRoutine', () => {
  it('files events under the right categories', () => {
    const timeout = first('election', (x) => x.kind === 'electionTimeout');
    expect(eventKindsFor(timeout)).toEqual(['election']);
    const hb = first('election', (x) => x.kind === 'heartbeatTimeout');
    expect(eventKindsFor(hb)).toEqual(['replication']);
    expect(isRoutine(hb)).toBe(true);
    const vote = first('election', hasNote('voteGranted'));
    expect(eventKindsFor(vote)).toEqual(['election']);
    expect(isRoutine(vote)).toBe(false);
    const append = first('submitAndCommit', hasNote('entriesAppended'));
    expect(eventKindsFor(append).includes('replication')).toBe(true);
  });

  it('every category occurs in the scenarios', () => {
    const all = new Set<string>();
    for (const run of Object.values(runs)) for (const e of run.c.trace()) for (const k of eventKindsFor(e)) all.add(k);
    expect([...all].sort()).toEqual([...EVENT_CATEGORIES].sort());
  });

  it('dictionary entries for the categories exist', () => {
    for (const k of EVENT_CATEGORIES) {
      expect(DICTS.en[`ev.cat.${k}`]).toBeTruthy();
      expect(DICTS.zh[`ev.cat.${k}`]).toBeTruthy();
    }
  });
});
