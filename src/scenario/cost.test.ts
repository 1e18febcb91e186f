/**
 * Issue 10: the page refuses a scenario whose estimated replay cost is over
 * its budget. The estimate must bound what the simulator really does (an
 * estimate below the truth would let a costly link through) without refusing
 * the runs a course uses (an hour of a default 9-server cluster).
 */
import { describe, expect, it } from 'vitest';
import { estimateScenarioCost, LOAD_BUDGET_EVENTS } from './cost';
import { replayScenario } from './replay';
import { PRESETS } from './presets';
import { SCENARIO_VERSION, type Scenario } from './types';

function scenario(options: Scenario['options'], runUntil: number, actions: Scenario['actions'] = []): Scenario {
  return { version: SCENARIO_VERSION, options, actions, runUntil };
}

/** The link from issue 10 that kept the worker busy for 28 minutes (every value within the limits). */
const HOSTILE_OPTIONS: Scenario['options'] = { servers: 9, heartbeatMs: 1, electionTimeoutMs: [1, 1], latencyMs: [0, 0], duplicateRate: 1 };

describe('replay cost estimate (issue 10)', () => {
  it('bounds every preset from above, within a factor of 25', () => {
    for (const p of PRESETS) {
      const actual = replayScenario(p.scenario).eventCount;
      const { events } = estimateScenarioCost(p.scenario);
      expect(events, p.id).toBeGreaterThanOrEqual(actual);
      expect(events, p.id).toBeLessThanOrEqual(Math.max(2_000, actual * 25));
    }
  });

  it('bounds the endless-election link from above, and refuses it at an hour', () => {
    const second = scenario(HOSTILE_OPTIONS, 200);
    const actual = replayScenario(second).eventCount;
    const est = estimateScenarioCost(second);
    expect(est.electionStorm).toBe(true);
    expect(est.events).toBeGreaterThanOrEqual(actual);
    expect(est.events).toBeLessThanOrEqual(actual * 10);
    expect(estimateScenarioCost(scenario(HOSTILE_OPTIONS, 3_600_000)).events).toBeGreaterThan(LOAD_BUDGET_EVENTS);
  });

  it('bounds steady runs from above and lets an hour of a default 9-server cluster through', () => {
    for (const servers of [3, 5, 9]) {
      const run = scenario({ servers, seed: `cost-${servers}` }, 20_000);
      const actual = replayScenario(run).eventCount;
      const est = estimateScenarioCost(run);
      expect(est.electionStorm).toBe(false);
      expect(est.events).toBeGreaterThanOrEqual(actual);
      expect(est.events).toBeLessThanOrEqual(actual * 10);
    }
    expect(estimateScenarioCost(scenario({ servers: 9 }, 3_600_000)).events).toBeLessThan(LOAD_BUDGET_EVENTS);
  });

  it('counts what actions add: servers, duplication and the time they reach', () => {
    const base = scenario({ servers: 3 }, 1_000);
    const grown = scenario({ servers: 3 }, 1_000, [
      { n: 1, at: 5_000, action: { type: 'addServer' } },
      { n: 2, at: 5_000, action: { type: 'setNetwork', settings: { duplicateRate: 1 } } },
    ]);
    const a = estimateScenarioCost(base);
    const b = estimateScenarioCost(grown);
    expect(b.durationMs).toBe(5_000);
    expect(b.events).toBeGreaterThan(a.events * 5);
  });
});
