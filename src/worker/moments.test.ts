/**
 * Teaching moments on the paper's own figures: Next from a preset's opening
 * view stops at the log repair (§5.3), the overwrite of conflicting entries
 * (§5.3) and the older-term entry on a majority that is not committed (§5.4.2),
 * instead of jumping to the next commit.
 */
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../scenario/presets';
import type { Scenario } from '../scenario/types';
import { SimHost } from './host';
import { isMomentKind, MOMENT_KINDS, MOMENT_SECTION, momentKey, noteMoments, type Moment, type MomentKind } from './moments';
import { TimeMachine } from './timeMachine';
import { createCluster, type TraceEvent } from '../sim';
import { MomentDetector } from './moments';

function preset(id: string): Scenario {
  const p = PRESETS.find((x) => x.id === id);
  if (!p) throw new Error(`no preset ${id}`);
  return p.scenario;
}

/** A host showing the preset where it opens (as the page loads it). */
function open(id: string): SimHost {
  const host = new SimHost();
  host.loadScenario(preset(id));
  return host;
}

/** Press Next until a moment of `kind` (or `tries` presses); every stop on the way. */
function nextUntil(host: SimHost, kind: MomentKind, stops?: MomentKind[], tries = 60): Moment[] {
  const seen: Moment[] = [];
  for (let i = 0; i < tries; i++) {
    const r = host.runUntilInteresting(10_000, stops);
    if (!r.moment) break;
    expect(r.reason).toBe(r.moment.kind);
    expect(r.frame.eventCount).toBe(r.moment.n);
    seen.push(r.moment);
    if (r.moment.kind === kind) break;
  }
  return seen;
}

function event(notes: TraceEvent['notes'], server = 2): TraceEvent {
  return { n: 7, time: 12, kind: 'deliver', server, notes, sent: [] };
}

describe('teaching moments from an event’s notes', () => {
  it('§5.3: a truncation is an overwrite, of one entry or of several', () => {
    expect(noteMoments(event([{ kind: 'logTruncated', from: 2, removed: 1 }]))).toEqual([
      { kind: 'overwrite', n: 7, time: 12, server: 2, variant: 'one', params: { server: 2, section: '§5.3', index: 2 } },
    ]);
    const [many] = noteMoments(event([{ kind: 'logTruncated', from: 4, removed: 8 }]));
    expect(many).toMatchObject({ kind: 'overwrite', variant: 'many', params: { from: 4, to: 11, count: 8 } });
  });

  it('§5.3: a failed consistency check is a moment, a stale term is not (that is §5.1)', () => {
    const base = { leader: 1, prevLogIndex: 10, prevLogTerm: 6, lastLogIndex: 4 } as const;
    expect(noteMoments(event([{ kind: 'appendRejected', ...base, reason: 'missing-entry' }]))[0]).toMatchObject({ kind: 'appendRejected', variant: 'missing-entry' });
    expect(noteMoments(event([{ kind: 'appendRejected', ...base, reason: 'term-mismatch', termAtPrev: 3 }]))[0]).toMatchObject({ kind: 'appendRejected', variant: 'term-mismatch' });
    expect(noteMoments(event([{ kind: 'appendRejected', ...base, reason: 'stale-term' }]))).toEqual([]);
  });

  it('§5.4.1: only a vote refused for the log counts (not an earlier vote or a stale term)', () => {
    const base = { candidate: 5, term: 5, currentTerm: 4, votedFor: null, lastLogIndex: 2, lastLogTerm: 4 } as const;
    expect(noteMoments(event([{ kind: 'voteRejected', ...base, reason: 'log-not-up-to-date' }]))[0]).toMatchObject({ kind: 'voteRefused', params: { candidate: 5, lastLogTerm: 4 } });
    expect(noteMoments(event([{ kind: 'voteRejected', ...base, reason: 'already-voted' }]))).toEqual([]);
    expect(noteMoments(event([{ kind: 'preVoteRejected', ...base, leaderId: null, reason: 'log-not-up-to-date' }]))[0]).toMatchObject({ kind: 'voteRefused', variant: 'pre' });
  });

  it('every kind has a section, and keys are built from kind and variant', () => {
    for (const k of MOMENT_KINDS) expect(MOMENT_SECTION[k]).toMatch(/^§\d/);
    expect(isMomentKind('overwrite')).toBe(true);
    expect(isMomentKind('nonsense')).toBe(false);
    expect(momentKey({ kind: 'overwrite', variant: 'one' })).toBe('moment.overwrite.one');
    expect(momentKey({ kind: 'commit' })).toBe('moment.commit');
  });
});

describe('a safety violation is a moment too', () => {
  it('a new entry in the checker’s list stops Next, naming the property (the §5.3 suffix-deleting bug, as in checker.test.ts)', () => {
    const c = createCluster({ seed: 'checker', servers: 3, unsafe: { truncateWithoutConflict: true } });
    const detector = new MomentDetector(c, new Set(['violation']));
    c.timeout(1);
    c.runUntil((cc) => cc.server(1).role === 'leader', 2_000);
    c.setNetwork({ duplicateRate: 1, latencyMs: [5, 60] });
    for (let i = 0; i < 20; i++) {
      c.submit(`k=${i}`, 1);
      c.runFor(7);
    }
    c.setNetwork({ duplicateRate: 0, latencyMs: [10, 20] });
    c.runFor(2_000);
    c.crash(1);
    c.runFor(3_000);
    for (let i = 0; i < 5; i++) {
      c.submit(`z=${i}`);
      c.runFor(50);
    }
    c.runFor(1_000);
    expect(c.violations().length).toBeGreaterThan(0);
    const m = detector.after(c.lastEvent!, c);
    expect(m).toMatchObject({ kind: 'violation', params: { property: c.violations()[0]!.property } });
    // Reported once: the same violations are not news at the next event.
    expect(detector.after(c.lastEvent!, c)).toBeNull();
  });
});

describe('Next stops at teaching moments (Figure 8 (d))', () => {
  it('from the preset’s start, Next reaches the overwrite of index 2 (§5.3) through the refusals and nextIndex steps, before any commit', () => {
    const host = open('figure-8d');
    const start = host.resync().eventCount;
    const stops = nextUntil(host, 'overwrite');
    const last = stops.at(-1)!;
    expect(last).toMatchObject({ kind: 'overwrite', variant: 'one', params: { index: 2, newTerm: 3 } });
    expect([2, 3]).toContain(last.server);
    expect(stops.map((m) => m.kind)).toContain('appendRejected');
    expect(stops.map((m) => m.kind)).toContain('nextIndexBackoff');
    expect(stops.some((m) => m.kind === 'commit')).toBe(false);
    // Each press moves on: the stops are distinct events, in order, after the start.
    const ns = stops.map((m) => m.n);
    expect(ns[0]).toBeGreaterThan(start);
    expect(ns).toEqual([...ns].sort((a, b) => a - b));
    expect(new Set(ns).size).toBe(ns.length);
  });

  it('Next stops only at the kinds chosen: with overwrites only, the first press lands on it', () => {
    const host = open('figure-8d');
    const r = host.runUntilInteresting(10_000, ['overwrite']);
    expect(r.reason).toBe('overwrite');
    expect(r.moment).toMatchObject({ kind: 'overwrite', params: { index: 2 } });
    // The overwritten entry is now the leader's term-3 entry.
    const server = r.moment!.server!;
    expect(host.clusterForTests.server(server).log[1]).toMatchObject({ index: 2, term: 3 });
  });

  it('§5.4.2: S5’s term-3 entry reaches a majority and is not committed', () => {
    const host = open('figure-8d');
    const r = host.runUntilInteresting(10_000, ['oldTermMajority']);
    expect(r.moment).toMatchObject({ kind: 'oldTermMajority', server: 5, params: { index: 2, term: 3, currentTerm: 5, commitIndex: 0 } });
    const leader = host.clusterForTests.summary(5);
    expect(leader.commitIndex).toBeLessThan(2);
    // Pressed again: the same fact is not news; the next stop of that kind is past the commit, or none.
    const again = host.runUntilInteresting(2_000, ['oldTermMajority']);
    expect(again.reason).toBe('limit');
    expect(again.moment).toBeNull();
  });

  it('unchecking every kind but commit skips the repair and stops at the commit of index 3', () => {
    const host = open('figure-8d');
    const r = host.runUntilInteresting(10_000, ['commit']);
    expect(r.moment).toMatchObject({ kind: 'commit', server: 5, params: { index: 3, term: 5 } });
  });

  it('a list of stops that names an unknown kind is refused and nothing moves', () => {
    const host = open('figure-8d');
    const before = host.resync().eventCount;
    expect(() => host.runUntilInteresting(1_000, ['overwrite', 'bogus' as MomentKind])).toThrow(/stops must list kinds among/);
    expect(host.resync().eventCount).toBe(before);
  });
});

describe('Next stops at teaching moments (Figure 7)', () => {
  it('from the preset’s start, the first stop is the log repair, not the commit at event 226', () => {
    const host = open('figure-7');
    const first = host.runUntilInteresting(10_000);
    expect(first.moment).toMatchObject({ kind: 'appendRejected', params: { leader: 1, index: 10, term: 6 } });
    expect(first.frame.eventCount).toBeLessThan(50);
  });

  it('S7 (follower f) has its entries 4–11 overwritten (§5.3)', () => {
    const host = open('figure-7');
    const overwrites: Moment[] = [];
    for (let i = 0; i < 5; i++) {
      const r = host.runUntilInteresting(10_000, ['overwrite']);
      if (r.moment) overwrites.push(r.moment);
    }
    expect(overwrites.find((m) => m.server === 7)).toMatchObject({ kind: 'overwrite', variant: 'many', params: { from: 4, to: 11, count: 8, newTerm: 4 } });
  });

  it('§5.4.2: the term-8 leader holds older-term entries on a majority before it commits anything', () => {
    const host = open('figure-7');
    const r = host.runUntilInteresting(10_000, ['oldTermMajority', 'commit']);
    expect(r.moment).toMatchObject({ kind: 'oldTermMajority', server: 1, params: { currentTerm: 8, commitIndex: 0 } });
  });
});

describe('timeline marks for teaching moments', () => {
  it('Figure 8 (d) has marks for the refusals, the overwrite and the older-term majority, each on its server', () => {
    const s = preset('figure-8d');
    const tm = new TimeMachine(s.options);
    tm.replayRecording(s.actions, s.runUntil);
    const kinds = new Set(tm.marks.map((m) => m.kind));
    for (const k of ['election', 'appendRejected', 'overwrite', 'oldTermMajority', 'commit'] as const) expect(kinds, k).toContain(k);
    const overwrites = tm.marks.filter((m) => m.kind === 'overwrite').map((m) => m.server);
    expect(overwrites).toEqual(expect.arrayContaining([2, 3, 1]));
    expect(tm.marks.find((m) => m.kind === 'oldTermMajority')).toMatchObject({ server: 5 });
    const ns = tm.marks.map((m) => m.n);
    expect(ns).toEqual([...ns].sort((a, b) => a - b));
  });

  it('marks do not depend on how the run was played: live in small steps or rebuilt from the recording', () => {
    const s = preset('figure-8d');
    const rebuilt = new TimeMachine(s.options);
    rebuilt.replayRecording(s.actions, s.runUntil);
    const live = new TimeMachine(s.options);
    for (const a of s.actions) {
      while (live.cluster.eventCount < a.n) live.step();
      live.advance(a.at - live.cluster.now);
      live.act(a.action);
    }
    live.advance((s.runUntil ?? 0) - live.cluster.now);
    const moments = (tm: TimeMachine) => tm.marks.filter((m) => m.kind !== 'commit');
    expect(moments(live)).toEqual(moments(rebuilt));
  });
});
