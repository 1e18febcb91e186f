/**
 * "Run until…" through the worker host (issue 13): the condition is untrusted
 * data checked before anything runs; the run stops at the first event after
 * which it holds, or at the limit with a sentence saying what did not happen;
 * in the past it replays the recorded future like any other forward move.
 */
import { describe, expect, it } from 'vitest';
import { SimHost } from './host';

describe('SimHost.runUntilCondition', () => {
  it('§5.2: runs until S3 is leader after the first leader crashes, and stops at that event', () => {
    const host = new SimHost({ seed: 'run-until' });
    host.runUntilCondition({ kind: 'leaderExists' }, 5_000);
    const c = host.clusterForTests;
    const first = c.leaderId()!;
    host.act({ type: 'crash', server: first });
    const r = host.runUntilCondition({ kind: 'leaderExists', minTerm: c.summary(c.ids().find((id) => id !== first)!).term + 1 }, 10_000);
    expect(r.held).toBe(true);
    expect(r.message).toBeUndefined();
    expect(c.leaderId()).not.toBe(first);
    expect(r.atMs).toBe(c.now);
    // It stopped at the event that made it true: the previous event had no leader in that term.
    expect(c.lastEvent?.kind).toBeDefined();
  });

  it('returns at once when the condition already holds', () => {
    const host = new SimHost({ seed: 'run-until' });
    host.runUntilCondition({ kind: 'leaderExists' }, 5_000);
    const n = host.clusterForTests.eventCount;
    expect(host.runUntilCondition({ kind: 'leaderExists' }, 5_000).held).toBe(true);
    expect(host.clusterForTests.eventCount).toBe(n);
  });

  it('stops at the limit and says, in both languages, what did not happen', () => {
    const host = new SimHost({ seed: 'run-until' });
    const r = host.runUntilCondition({ kind: 'violation' }, 2_000);
    expect(r.held).toBe(false);
    expect(r.atMs).toBe(2_000);
    expect(r.message?.en).toMatch(/safety violation.*did not happen within 2000 ms/);
    expect(r.message?.zh).toMatch(/没有发生/);
  });

  it('history conditions count only from the moment Run until is pressed', () => {
    // The §5.3 suffix-deleting bug (as in moments.test.ts): duplicated, reordered AppendEntries make a follower drop committed entries.
    const host = new SimHost({ seed: 'checker', servers: 3, unsafe: { truncateWithoutConflict: true } });
    host.act({ type: 'timeout', server: 1 });
    expect(host.runUntilCondition({ kind: 'isLeader', server: 1 }, 2_000).held).toBe(true);
    host.act({ type: 'setNetwork', settings: { duplicateRate: 1, latencyMs: [5, 60] } });
    for (let i = 0; i < 20; i++) {
      host.act({ type: 'submit', command: `k=${i}`, server: 1 });
      host.advance(7);
    }
    host.act({ type: 'setNetwork', settings: { duplicateRate: 0, latencyMs: [10, 20] } });
    const first = host.runUntilCondition({ kind: 'violation' }, 10_000);
    expect(first.held).toBe(true);
    const seen = host.clusterForTests.violations().length;
    // Asked again, the violation already seen does not count: the run goes on to the limit or a new one.
    const again = host.runUntilCondition({ kind: 'violation' }, 50);
    expect(host.clusterForTests.now).toBeGreaterThan(first.atMs);
    expect(again.held).toBe(host.clusterForTests.violations().length > seen);
  });

  it('a bad condition or limit throws before anything runs and changes nothing', () => {
    const host = new SimHost({ seed: 'run-until' });
    host.advance(500);
    const n = host.clusterForTests.eventCount;
    expect(() => host.runUntilCondition({ kind: 'isLeader', server: 'S3' }, 1_000)).toThrow(/condition\.server must be a whole number from 1 to 99/);
    expect(() => host.runUntilCondition({ kind: 'bogus' }, 1_000)).toThrow(/condition\.kind/);
    expect(() => host.runUntilCondition(null, 1_000)).toThrow(RangeError);
    expect(() => host.runUntilCondition({ kind: 'leaderExists' }, 0)).toThrow(/maxMs/);
    expect(() => host.runUntilCondition({ kind: 'leaderExists' }, 1e12)).toThrow(/at most 3600000/);
    expect(() => host.runUntilCondition({ kind: 'leaderExists' }, NaN)).toThrow(/maxMs/);
    expect(host.clusterForTests.eventCount).toBe(n);
  });

  it('in the past, it replays the recorded future (same trace as going forward)', () => {
    const a = new SimHost({ seed: 'run-until-past' });
    a.advance(2_000);
    a.act({ type: 'crash', server: a.clusterForTests.leaderId()! });
    a.advance(3_000);
    const headHash = a.clusterForTests.traceHash();
    a.seekTime(1_000);
    const r = a.runUntilCondition({ kind: 'termAtLeast', term: 1_000 }, 4_000);
    expect(r.held).toBe(false);
    expect(a.clusterForTests.now).toBe(5_000);
    expect(a.clusterForTests.traceHash()).toBe(headHash);
  });
});
