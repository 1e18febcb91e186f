/**
 * The built-in curriculum (issue 13): every lesson validates, round-trips
 * through a link and a file, has 5–12 steps with at least one task and one
 * prediction, and plays itself on its demo path with every task done and
 * every recorded answer right; Back/Next land on the same state.
 */
import { describe, expect, it } from 'vitest';
import { evaluateCondition } from '../analysis';
import { decodeLessonLink, encodeLessonLink, exportLessonFile, importLessonFile, lessonById, lessonStepStart, LESSONS, runLessonDemo, validateLesson } from './index';

describe.each(LESSONS.map((l) => [l.id, l] as const))('lesson %s', (_id, lesson) => {
  it('validates to itself, and round-trips through a link and a file', () => {
    expect(validateLesson(JSON.parse(JSON.stringify(lesson)))).toEqual({ ok: true, value: lesson });
    const link = encodeLessonLink(lesson);
    expect(link.ok).toBe(true);
    if (link.ok) expect(decodeLessonLink(`https://example.org/raft/#l=${link.data}`)).toEqual({ ok: true, value: lesson });
    expect(importLessonFile(exportLessonFile(lesson))).toEqual({ ok: true, value: lesson });
  });

  it('has 5–12 steps, a task and a prediction, a demo path, and text in both languages', () => {
    expect(lesson.steps.length).toBeGreaterThanOrEqual(5);
    expect(lesson.steps.length).toBeLessThanOrEqual(12);
    expect(lesson.steps.some((s) => s.task)).toBe(true);
    expect(lesson.steps.some((s) => s.prediction)).toBe(true);
    expect(lesson.steps.every((s) => !s.task?.action || (s.demo ?? []).length > 0)).toBe(true);
    for (const s of lesson.steps) expect(s.narration.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(lessonById(lesson.id)).toBe(lesson);
  });

  it('plays itself: every task is done and every recorded answer holds; each step starts where the previous ended', () => {
    const outcomes = runLessonDemo(lesson);
    expect(outcomes.map((o) => o.message)).toEqual(outcomes.map(() => undefined));
    lesson.steps.forEach((s, k) => {
      expect(outcomes[k]!.taskHeld).toBe(s.task ? true : null);
      expect(outcomes[k]!.predictionHeld).toBe(s.prediction ? true : null);
      // A prediction whose every choice held (or none) would teach nothing.
      if (s.prediction) expect(outcomes[k]!.choicesHeld.filter(Boolean).length).toBeLessThan(s.prediction.choices.length);
      if ('continue' in s.run) expect(outcomes[k]!.startHash).toBe(outcomes[k - 1]!.traceHash);
    });
    // Back then Next: every step K rebuilt from the lesson alone starts at the same state.
    expect(lesson.steps.map((_s, k) => lessonStepStart(lesson, k).traceHash())).toEqual(outcomes.map((o) => o.startHash));
    expect(runLessonDemo(lesson).map((o) => o.traceHash)).toEqual(outcomes.map((o) => o.traceHash));
  });

  it('asks for something not yet true: no task is done before the student acts', () => {
    // A task with only a condition that already holds when its step starts would be ticked off
    // at once ("Play until S3 has x=1" when it already has): the step teaches nothing by doing.
    lesson.steps.forEach((step, k) => {
      if (!step.task?.condition || step.task.action) return;
      const c = lessonStepStart(lesson, k);
      expect(evaluateCondition(c, step.task.condition, c.eventCount), `step ${k + 1}: its task is done at its start`).toBe(false);
    });
  });
});

describe('the curriculum', () => {
  it('offers the counterexample search where a step turns a rule off: §5.4.1, §5.4.2 and votedFor on disk, with that rule off in the step’s run', () => {
    const offers = LESSONS.flatMap((l) => l.steps.flatMap((s, k) => (s.counterexample ? [[l.id, k, s.counterexample.unsafe] as const] : [])));
    expect(offers.map(([id, , rule]) => [id, rule])).toEqual([
      ['who-may-lead', 'skipUpToDateCheck'],
      ['when-committed', 'commitPreviousTermByCounting'],
      ['persistence', 'forgetVotedForOnRestart'],
    ]);
    for (const [id, k, rule] of offers) {
      const run = lessonById(id)!.steps[k]!.run;
      expect('scenario' in run && run.scenario.options.unsafe?.[rule]).toBe(true);
    }
  });


  it('has unique ids, in the course notes’ order', () => {
    const ids = LESSONS.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([
      'why-majority',
      'leader-election',
      'log-replication',
      'repairing-logs',
      'who-may-lead',
      'when-committed',
      'persistence',
      'log-compaction',
      'membership-changes',
      'clients',
      'calm-elections',
    ]);
  });
});
