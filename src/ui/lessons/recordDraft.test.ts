/** Record a lesson: a moment of the run as a step's scenario, a lesson id from a title, text in both languages, a prediction in the lesson format. */
import { describe, expect, it } from 'vitest';
import { bothLanguages, lessonFromDraft, lessonIdFrom, newPrediction, onlyLanguage, predictionFrom, scenarioAtMoment, type DraftStep } from './recordDraft';
import { validateLesson } from '../../lessons/validate';
import { runLessonDemo } from '../../lessons/player';
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

  it('a text written in one language is shown in both, and the form says which one was written', () => {
    expect(bothLanguages({ en: ' A leader. ', zh: '' })).toEqual({ en: 'A leader.', zh: 'A leader.' });
    expect(bothLanguages({ en: '', zh: '领导者' })).toEqual({ en: '领导者', zh: '领导者' });
    expect(bothLanguages({ en: 'A', zh: '甲' })).toEqual({ en: 'A', zh: '甲' });
    expect(bothLanguages({ en: ' ', zh: '' })).toBeNull();
    expect(onlyLanguage({ en: 'A', zh: '' })).toBe('en');
    expect(onlyLanguage({ en: '', zh: '甲' })).toBe('zh');
    expect(onlyLanguage({ en: 'A', zh: '甲' })).toBeNull();
    expect(onlyLanguage({ en: '', zh: '' })).toBeNull();
  });

  it('a prediction is in the lesson format: choices without text are worded from their conditions, a missing question or explanation is said', () => {
    const draft = newPrediction(1);
    expect(predictionFrom(draft)).toBe('record.needQuestion');
    const asked = { ...draft, question: { en: 'Will a leader be elected?', zh: '' } };
    expect(predictionFrom(asked)).toBe('record.needExplanation');
    expect(predictionFrom({ ...asked, explanation: { en: 'Yes.', zh: '会。' }, observeS: Number.NaN })).toBe('record.badObserve');
    const p = predictionFrom({ ...asked, explanation: { en: 'Yes.', zh: '会。' } });
    if (typeof p === 'string') throw new Error(p);
    expect(p.question).toEqual({ en: 'Will a leader be elected?', zh: 'Will a leader be elected?' });
    expect(p.choices.map((c) => c.condition)).toEqual([{ kind: 'leaderExists', minTerm: 1 }, { kind: 'not', of: { kind: 'leaderExists', minTerm: 1 } }]);
    expect(p.choices[0]!.text.en).toBe('a leader exists in term 1 or later');
    expect(p.choices[1]!.text.zh).toMatch(/^并非/);
    expect(p.observeMs).toBe(5_000);
    expect(predictionFrom({ ...asked, explanation: { en: 'Yes.', zh: '' }, choices: [{ ...draft.choices[0]!, condition: { ...draft.choices[0]!.condition, template: 'committedAll', number: 0 } }, draft.choices[1]!] })).toBe('record.badChoice');
  });

  it('a recorded lesson with a prediction passes validateLesson and plays with its recorded answer right', () => {
    const scenario: Scenario = { version: SCENARIO_VERSION, options: { seed: 'record', servers: 3 }, actions: [], runUntil: 0 };
    const p = predictionFrom({ ...newPrediction(1), question: { en: 'Will a leader be elected?', zh: '会选出领导者吗？' }, explanation: { en: 'A timer fires.', zh: '' } });
    if (typeof p === 'string') throw new Error(p);
    const steps: DraftStep[] = [
      { narration: { en: 'All followers.', zh: '都是跟随者。' }, scenario, task: null, prediction: p },
      { narration: { en: 'Crash it.', zh: 'Crash it.' }, scenario, task: { kind: 'leaderExists', minTerm: 1 }, prediction: null },
    ];
    const v = validateLesson(lessonFromDraft({ en: '', zh: '选举' }, { en: '', zh: '' }, steps, { en: 'My lesson', zh: '我的课程' }));
    if (!v.ok) throw new Error(v.error.en);
    expect(v.value.id).toBe('recorded-lesson');
    expect(v.value.title).toEqual({ en: '选举', zh: '选举' });
    expect(v.value.summary).toEqual(v.value.title);
    expect(v.value.steps[0]!.prediction!.explanation).toEqual({ en: 'A timer fires.', zh: 'A timer fires.' });
    expect(runLessonDemo(v.value).map((o) => [o.predictionHeld, o.taskHeld])).toEqual([
      [true, null],
      [null, true],
    ]);
  });
});
