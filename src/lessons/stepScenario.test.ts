/**
 * The page loads a lesson step as a scenario (lessonStepScenario), so Back and
 * Next go through the same validated replay as a shared link. Every step of
 * every built-in lesson must replay to exactly the headless step start.
 */
import { describe, expect, it } from 'vitest';
import { LESSONS, lessonStepScenario, lessonStepStart } from '.';
import { parseScenario, replayScenario } from '../scenario';

describe('lessonStepScenario', () => {
  for (const lesson of LESSONS) {
    it(`${lesson.id}: every step's scenario is valid and replays to the step's start`, () => {
      for (let k = 0; k < lesson.steps.length; k++) {
        const s = lessonStepScenario(lesson, k);
        const parsed = parseScenario(JSON.parse(JSON.stringify(s)));
        expect(parsed.ok, `${lesson.id} step ${k}: ${parsed.ok ? '' : parsed.error}`).toBe(true);
        expect(replayScenario(s).traceHash(), `${lesson.id} step ${k}`).toBe(lessonStepStart(lesson, k).traceHash());
      }
    });
  }

  it('refuses a step outside the lesson', () => {
    expect(() => lessonStepScenario(LESSONS[0]!, LESSONS[0]!.steps.length)).toThrow(RangeError);
    expect(() => lessonStepScenario(LESSONS[0]!, -1)).toThrow(RangeError);
  });
});
