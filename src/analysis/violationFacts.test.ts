/**
 * Issue 14: "with the violating entries marked". The checker's details are read
 * back into numbers, and a violation marks the entries it is about in the logs
 * at the cursor — in Figure 8's story (§5.4.2), the new leader's entry and the
 * committed one it lacks.
 */
import { describe, expect, it } from 'vitest';
import type { Entry, Term } from '../engine';
import type { Violation } from '../sim';
import { replayScenario } from '../scenario';
import { findCounterexample } from './counterexample';
import { violationFacts, violationMarks, violationMarksByServer, type LogsByServer } from './violationFacts';

function log(...terms: Term[]): Entry[] {
  return terms.map((term, i) => ({ index: i + 1, term, command: `x=${i + 1}` }));
}

function violation(property: Violation['property'], servers: number[], detail: string): Violation {
  return { property, time: 100, event: 7, servers, detail };
}

describe('violationFacts: the checker’s details, read back', () => {
  it('reads every template’s numbers by name', () => {
    expect(violationFacts({ detail: 'S1 and S3 were both elected leader in term 4.' })).toEqual({ shape: 'electionSafety', n: { a: 1, b: 3, term: 4 } });
    expect(violationFacts({ detail: 'S5 became leader of term 4 without the committed entry at index 2 (term 2).' })).toEqual({
      shape: 'leaderCompleteness',
      n: { s: 5, term: 4, index: 2, entryTerm: 2 },
    });
    expect(violationFacts({ detail: 'S2 applied a different entry at index 3 (term 3) from the one already committed there (term 2).' })).toEqual({
      shape: 'smsApplied',
      n: { s: 2, index: 3, term: 3, other: 2 },
    });
    expect(violationFacts({ detail: 'S2 has commitIndex 5 but its log ends at index 3.' })).toEqual({ shape: 'commitWithinLog', n: { s: 2, commit: 5, last: 3 } });
  });

  it('gives null for a detail in an unknown shape', () => {
    expect(violationFacts({ detail: 'Something else happened.' })).toBeNull();
  });
});

describe('violationMarks: the entries a violation is about', () => {
  // Figure 8 (e): S5 (terms 1, 3) elected in term 4 although S1–S3 committed index 2 of term 2.
  const figure8: LogsByServer = { 1: log(1, 2), 2: log(1, 2), 3: log(1, 2), 4: log(1), 5: log(1, 3) };

  it('Leader Completeness: the new leader’s entry at the index, and the committed entry it lacks on every server', () => {
    const v = violation('Leader Completeness', [5], 'S5 became leader of term 4 without the committed entry at index 2 (term 2).');
    expect(violationMarks(v, figure8)).toEqual([
      { server: 5, index: 2, property: 'Leader Completeness' },
      { server: 1, index: 2, property: 'Leader Completeness' },
      { server: 2, index: 2, property: 'Leader Completeness' },
      { server: 3, index: 2, property: 'Leader Completeness' },
    ]);
  });

  it('State Machine Safety: only entries still of the terms named (an overwritten one is not marked)', () => {
    const v = violation('State Machine Safety', [5], 'S5 committed a different entry at index 2 (term 3) from the one already committed there (term 2).');
    const later = { ...figure8, 2: log(1, 3) };
    expect(violationMarks(v, later).map((m) => [m.server, m.index])).toEqual([
      [5, 2],
      [1, 2],
      [3, 2],
    ]);
    // S5's own entry overwritten since: its row says it.
    expect(violationMarks(v, { ...later, 5: log(1, 2) }).map((m) => [m.server, m.index])).toEqual([
      [5, null],
      [1, 2],
      [3, 2],
    ]);
  });

  it('Leader Completeness with the entry missing altogether: the leader’s row and the committed entries', () => {
    const v = violation('Leader Completeness', [2], 'S2 became leader of term 2 without the committed entry at index 1 (term 1).');
    expect(violationMarks(v, { 1: log(1), 2: [], 3: log(1) }).map((m) => [m.server, m.index])).toEqual([
      [2, null],
      [1, 1],
      [3, 1],
    ]);
  });

  it('Election Safety marks the two servers’ rows; Commit Within Log the last entry', () => {
    expect(violationMarks(violation('Election Safety', [1, 3], 'S3 and S1 were both elected leader in term 4.'), figure8)).toEqual([
      { server: 3, index: null, property: 'Election Safety' },
      { server: 1, index: null, property: 'Election Safety' },
    ]);
    expect(violationMarks(violation('Commit Within Log', [4], 'S4 has commitIndex 2 but its log ends at index 1.'), figure8)).toEqual([
      { server: 4, index: 1, property: 'Commit Within Log' },
    ]);
  });

  it('an entry gone since, or an unknown detail, marks the servers’ rows', () => {
    const gone = violation('Entry Term Bound', [4], 'S4 holds an entry of term 9 at index 2, above its currentTerm 8.');
    expect(violationMarks(gone, figure8)).toEqual([{ server: 4, index: null, property: 'Entry Term Bound' }]);
    expect(violationMarks(violation('Log Matching', [2], 'odd'), figure8)).toEqual([{ server: 2, index: null, property: 'Log Matching' }]);
  });

  it('groups by server and place, each property once', () => {
    const a = violation('Leader Completeness', [5], 'S5 became leader of term 4 without the committed entry at index 2 (term 2).');
    const b = violation('State Machine Safety', [5], 'S5 committed a different entry at index 2 (term 3) from the one already committed there (term 2).');
    const byServer = violationMarksByServer([a, b, a], figure8);
    expect(byServer.get(5)?.get(2)).toEqual(['Leader Completeness', 'State Machine Safety']);
    expect(byServer.get(4)).toBeUndefined();
  });
});

describe('violationMarks on a found counterexample', () => {
  it('§5.4.1: without the up-to-date check, the replayed scenario marks the new leader and the committed entry it lacks', () => {
    const r = findCounterexample({ unsafe: { skipUpToDateCheck: true }, seed: 1, maxSchedules: 50, maxEventsPerSchedule: 2_000, maxShrinkRuns: 100 });
    expect(r.found).toBe(true);
    const c = replayScenario(r.scenario!);
    const logs: LogsByServer = Object.fromEntries(c.ids().map((id) => [id, c.logEntries(id)]));
    const v = c.violations().find((x) => x.event === r.violation!.event)!;
    const marks = violationMarks(v, logs);
    // The new leader (its entry or, lacking it, its row) and at least one entry elsewhere.
    expect(marks.some((m) => v.servers.includes(m.server))).toBe(true);
    expect(marks.some((m) => m.index !== null)).toBe(true);
  });
});
