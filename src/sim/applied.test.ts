/**
 * The applied history (applied.ts) stores each entry once and lists the
 * history as runs over the store. What c.applied(id) returns must be exactly
 * the applications, in order, whatever the runs are.
 */
import { describe, expect, it } from 'vitest';
import type { Entry } from '../engine';
import { APPLIED_CHUNK, appendApplied, appliedToArray, copyApplied, emptyApplied, type AppliedHistory } from './applied';
import { createCluster, RaftCluster } from './index';
import { Prng } from './prng';

function entry(index: number, term = 1): Entry {
  return { index, term, command: `k=${index}` };
}

function stored(h: AppliedHistory): number {
  return h.chunks.reduce((n, c) => n + c.length, 0);
}

describe('applied history (Figure 2: lastApplied is volatile, so a restart applies the log again)', () => {
  it('an entry applied again after a restart is not stored again', () => {
    const log = Array.from({ length: 3 * APPLIED_CHUNK + 10 }, (_, k) => entry(k + 1));
    const h = emptyApplied();
    const expected: Entry[] = [];
    // Applied up to 1,000, restart, again up to 2,500, restart, again to the end.
    for (const upTo of [1_000, 2_500, log.length]) {
      for (const e of log.slice(0, upTo)) {
        appendApplied(h, e);
        expected.push(e);
      }
    }
    expect(appliedToArray(h)).toEqual(expected);
    expect(appliedToArray(h).every((e, k) => e === expected[k])).toBe(true);
    expect(h.length).toBe(expected.length);
    expect(stored(h)).toBe(log.length);
    expect(h.runs).toEqual([0, 1_000, 0, 2_500, 0, log.length]);
  });

  it('a restart from a snapshot applies from the entry after it (§7)', () => {
    const h = emptyApplied();
    const log = Array.from({ length: 50 }, (_, k) => entry(k + 1));
    const expected = [...log.slice(0, 30), ...log.slice(20, 50)];
    for (const e of expected) appendApplied(h, e);
    expect(appliedToArray(h)).toEqual(expected);
    expect(stored(h)).toBe(50);
    expect(h.runs).toEqual([0, 30, 20, 30]);
  });

  it('an entry that is not the one stored at its index is stored (a rule broken on purpose), and the history stays exact', () => {
    const h = emptyApplied();
    const first = [entry(1), entry(2), entry(3, 1)];
    const other = entry(3, 2);
    const expected = [...first, first[0]!, first[1]!, other, entry(4, 2), first[0]!];
    for (const e of expected) appendApplied(h, e);
    expect(appliedToArray(h)).toEqual(expected);
    expect(appliedToArray(h).every((e, k) => e === expected[k])).toBe(true);
    expect(h.ordered).toBe(false);
  });

  it('random applications: the history is exactly what was applied (1,000 seeds)', () => {
    for (let seed = 0; seed < 1_000; seed++) {
      const rng = Prng.fromSeed(seed);
      const pool = Array.from({ length: 40 }, (_, k) => entry(k + 1));
      const h = emptyApplied();
      const expected: Entry[] = [];
      let copy: AppliedHistory | null = null;
      let copiedAt: Entry[] = [];
      for (let step = 0; step < 120; step++) {
        const roll = rng.int(0, 9);
        let e: Entry;
        if (roll === 0) e = entry(rng.int(1, 45), 2); // a different entry at an index (unsafe runs)
        else if (roll < 3) e = pool[rng.int(0, pool.length - 1)]!;
        else e = pool[Math.min(pool.length - 1, (expected[expected.length - 1]?.index ?? 0) % pool.length)]!;
        appendApplied(h, e);
        expected.push(e);
        if (step === 60) {
          copy = copyApplied(h);
          copiedAt = expected.slice();
        }
      }
      const got = appliedToArray(h);
      expect(got.length).toBe(expected.length);
      expect(got.every((e, k) => e === expected[k])).toBe(true);
      // A copy taken midway is not changed by what the original applied later.
      const fromCopy = appliedToArray(copy!);
      expect(fromCopy.length).toBe(copiedAt.length);
      expect(fromCopy.every((e, k) => e === copiedAt[k])).toBe(true);
    }
  });

  it('a history from before runs (its chunks, once each) reads the same and gets runs when copied', () => {
    const entries = [entry(1), entry(2), entry(1), entry(2), entry(3)];
    const old: AppliedHistory = { chunks: [entries.slice()], length: 5 };
    expect(appliedToArray(old)).toEqual(entries);
    const copy = copyApplied(old);
    expect(copy.runs).toEqual([0, 5]);
    expect(copy.ordered).toBe(false);
    appendApplied(copy, entries[4]!);
    expect(appliedToArray(copy)).toEqual([...entries, entries[4]]);
  });

  it('a cluster whose leader crashes every 5 s keeps each applied entry about once, and applied() lists every application', () => {
    const c = createCluster({ servers: 5, seed: 'applied-history' });
    const shadow = new Map<number, Entry[]>();
    let crashed: number | null = null;
    for (let k = 0; c.now < 120_000; k++) {
      c.runFor(100);
      c.submit(`k${k % 10}=${k}`);
      if (c.now % 5_000 === 0) {
        if (crashed !== null) c.restart(crashed);
        crashed = c.leaderId();
        if (crashed !== null) c.crash(crashed);
      }
    }
    const committed = Math.max(...c.servers().map((v) => v.commitIndex));
    for (const v of c.servers()) {
      const applied = c.applied(v.id);
      shadow.set(v.id, applied);
      // Each application is the server's own log entry at that index (no compaction here, all rules on),
      // and each one after the first follows the one before it or starts again (a restart).
      const log = c.logEntries(v.id);
      expect(applied.every((e) => e === log[e.index - 1])).toBe(true);
      expect(applied.every((e, k) => k === 0 || e.index === applied[k - 1]!.index + 1 || e.index === 1)).toBe(true);
      const state = c.checkpoint().servers[v.id]!.applied;
      expect(state.length).toBe(applied.length);
      // Stored about once: at most the committed entries, not once per restart.
      expect(stored(state)).toBeLessThanOrEqual(committed);
    }
    const restarted = [...shadow.values()].some((a) => a.length > 2 * a[a.length - 1]!.index);
    expect(restarted).toBe(true);
    // A resumed cluster (plain data, as from a file) reads the same and goes on the same way.
    const b = RaftCluster.fromState(JSON.parse(JSON.stringify(c.checkpoint())));
    expect(b.traceHash()).toBe(c.traceHash());
    for (const x of [c, b]) {
      x.crash(1);
      x.runFor(2_000);
    }
    for (const v of c.servers()) expect(b.applied(v.id)).toEqual(c.applied(v.id));
    expect(b.traceHash()).toBe(c.traceHash());
  });
});

describe('fromState checks an applied history', () => {
  function stateWith(applied: unknown): unknown {
    const c = createCluster({ servers: 3, seed: 'applied-state' });
    c.runFor(2_000);
    const s = JSON.parse(JSON.stringify(c.checkpoint()));
    s.servers[1].applied = applied;
    return s;
  }
  it('refuses runs that do not fit its entries, naming the field', () => {
    const e = entry(1);
    expect(() => RaftCluster.fromState(stateWith({ chunks: [[e]], length: 2, runs: [0, 2] }) as never)).toThrow(/servers\[1\]\.applied\.runs\[1\]/);
    expect(() => RaftCluster.fromState(stateWith({ chunks: [[e]], length: 2, runs: [0, 1] }) as never)).toThrow(/must add up to its length, 2/);
    expect(() => RaftCluster.fromState(stateWith({ chunks: [[e]], length: 1, runs: [0] }) as never)).toThrow(/pairs/);
    expect(() => RaftCluster.fromState(stateWith({ chunks: [[e]], length: 3 }) as never)).toThrow(/length must be 1/);
    expect(() => RaftCluster.fromState(stateWith({ chunks: [[e]], length: 1, runs: [0, 1], ordered: 'yes' }) as never)).toThrow(/ordered must be true or false/);
  });
  it('takes a hand-edited history whose stored entries are not entries, and runs on without throwing', () => {
    const c = RaftCluster.fromState(stateWith({ chunks: [[null, 7, { index: 'x' }]], length: 3, runs: [0, 3], ordered: true }) as never);
    for (let k = 0; k < 5; k++) {
      c.crash(1);
      c.runFor(500);
      c.restart(1);
      c.runFor(1_500);
      c.submit(`x=${k}`);
    }
    const applied = c.applied(1);
    expect(applied.slice(0, 3)).toEqual([null, 7, { index: 'x' }]);
    expect(applied.length).toBeGreaterThan(3);
  });
  it('takes a history from before runs', () => {
    const e = entry(1);
    const c = RaftCluster.fromState(stateWith({ chunks: [[e, e]], length: 2 }) as never);
    expect(c.applied(1)).toEqual([e, e]);
  });
});
