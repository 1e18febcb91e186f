/** Record a lesson: a moment of the run as a step's scenario, and a lesson id from a title. */
import { describe, expect, it } from 'vitest';
import { lessonIdFrom, scenarioAtMoment } from './RecordLesson';
import { replayScenario, SCENARIO_VERSION, type Scenario } from '../../scenario';
import { createCluster } from '../../sim';

describe('Record a lesson', () => {
  it('a step is the run cut at the moment shown: the actions up to it, run until its time', () => {
    const c = createCluster({ seed: 'record' });
    c.runUntil((x) => x.leaderId() !== null, 5_000);
    const crashAt = { n: c.eventCount, at: c.now };
    c.crash(c.leaderId()!);
    const mid = { n: c.eventCount, time: c.now + 0 };
    c.runFor(2_000);
    const later = { n: c.eventCount, at: c.now };
    const whole: Scenario = { version: SCENARIO_VERSION, options: { seed: 'record' }, actions: [{ ...crashAt, action: { type: 'crash', server: 1 } }, { ...later, action: { type: 'restart', server: 1 } }] };
    const cut = scenarioAtMoment(whole, mid.n, mid.time);
    expect(cut.actions).toHaveLength(1);
    expect(cut.runUntil).toBe(mid.time);
    expect(replayScenario(cut).now).toBe(mid.time);
  });

  it('a lesson id is lower-case letters, digits and dashes, never empty', () => {
    expect(lessonIdFrom('Elections by hand!')).toBe('elections-by-hand');
    expect(lessonIdFrom('选举')).toBe('recorded-lesson');
    expect(lessonIdFrom('  --A--  ')).toBe('a');
  });
});
