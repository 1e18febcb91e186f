/**
 * Issue 14: for every "break a rule" switch a fixed-seed search finds a run
 * that breaks the property the paper says the rule protects, and the shrunk
 * scenario replays to it; with every rule kept, a search finds nothing.
 * (The long sweep is `npm run counterexamples`, not here.)
 */
import { describe, expect, it } from 'vitest';
import type { UnsafeRules } from '../engine';
import { replayScenario } from '../scenario';
import { BROKEN_RULES, findCounterexample, type BrokenRule } from './index';
import type { Plan } from './faultSchedule';
import { withServers } from './planEdits';

function unsafeOf(b: BrokenRule): UnsafeRules {
  const u: UnsafeRules = { [b.rule]: true };
  for (const n of b.needs ?? []) u[n] = true;
  return u;
}

describe('findCounterexample: each rule of Figure 2 is needed', () => {
  for (const b of BROKEN_RULES) {
    it(`${b.section}: without “${b.name.en}” (${b.rule}) a search breaks ${b.properties[0]}, and the shrunk scenario replays to it`, () => {
      // Only the switch itself: its companions (b.needs) come with it.
      const r = findCounterexample({ unsafe: { [b.rule]: true }, seed: 1, maxSchedules: 600, maxEventsPerSchedule: 2_000, maxShrinkRuns: 150 });
      expect(r.found).toBe(true);
      const v = r.violation!;
      expect(b.properties).toContain(v.property);
      const s = r.scenario!;
      expect(s.options.unsafe).toEqual(unsafeOf(b));
      expect(s.actions.length).toBeLessThanOrEqual(r.unshrunk!.actions);
      expect(s.view?.n).toBe(v.event);
      expect(s.description?.en).toContain(b.rule);
      expect(s.description?.zh).toContain(b.rule);
      const c = replayScenario(s);
      // Positioned at the violation: the replay stops at its time, with it recorded.
      expect(c.now).toBe(v.time);
      expect(c.violations().some((x) => x.property === v.property && x.event === v.event)).toBe(true);
    });
  }
});

describe('findCounterexample: all rules kept', () => {
  it('finds nothing in 2,000 schedules (§5.4.3: the rules together are safe)', () => {
    const r = findCounterexample({ unsafe: {}, seed: 1, maxSchedules: 2_000, maxEventsPerSchedule: 400 });
    expect(r.found).toBe(false);
    expect(r.schedulesTried).toBe(2_000);
    expect(r.eventsRun).toBeGreaterThan(2_000 * 300);
  });
});

describe('findCounterexample: determinism, progress and stopping', () => {
  const request = { unsafe: { voteTwicePerTerm: true }, seed: 'det', maxSchedules: 200, maxEventsPerSchedule: 1_000, maxShrinkRuns: 60 };

  it('the same seed and budget give the same counterexample', () => {
    const a = findCounterexample(request);
    const b = findCounterexample(request);
    expect(a.found).toBe(true);
    expect(b.scenario).toEqual(a.scenario);
    expect(replayScenario(b.scenario!).traceHash()).toBe(replayScenario(a.scenario!).traceHash());
  });

  it('reports progress through both phases, and shouldStop ends the search with nothing half-done', () => {
    const phases = new Set<string>();
    const r = findCounterexample({ ...request, onProgress: (p) => phases.add(p.phase) });
    expect(r.found).toBe(true);
    expect(phases.has('shrink')).toBe(true);
    // Search progress comes every 10 schedules.
    expect(phases.has('search')).toBe(r.schedulesTried > 10);
    let calls = 0;
    const stopped = findCounterexample({ ...request, unsafe: {}, shouldStop: () => ++calls > 3 });
    expect(stopped).toMatchObject({ found: false, stopped: true, schedulesTried: 3 });
  });

  it('refuses a bad budget with a message naming it, before running anything', () => {
    expect(() => findCounterexample({ ...request, maxSchedules: -1 })).toThrow(/maxSchedules must be a whole number >= 0/);
    expect(() => findCounterexample({ ...request, maxEventsPerSchedule: 1.5 })).toThrow(/maxEventsPerSchedule/);
  });
});

describe('shrinking: fewer servers', () => {
  it('drops actions that name a server above the new size and keeps partitions of the rest', () => {
    const plan: Plan = {
      servers: 4,
      actions: [
        { at: 10, action: { type: 'crash', server: 4 } },
        { at: 20, action: { type: 'partition', groups: [[1, 4], [2, 3]] } },
        { at: 30, action: { type: 'partition', groups: [[1, 2, 3], [4]] } },
        { at: 40, action: { type: 'setLink', from: 1, to: 3, up: false } },
        { at: 50, action: { type: 'dropMessage', message: 9 }, pick: { type: 'AppendEntries', from: 4, to: 1, k: 0 } },
      ],
    };
    const three = withServers(plan, 3);
    expect(three.servers).toBe(3);
    expect(three.actions.map((a) => a.action)).toEqual([
      { type: 'partition', groups: [[1], [2, 3]] },
      { type: 'setLink', from: 1, to: 3, up: false },
    ]);
  });
});
