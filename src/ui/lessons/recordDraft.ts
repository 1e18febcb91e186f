/**
 * What "Record a lesson" builds, as plain functions the dialog and the unit
 * tests share: the lecturer's text in English and Chinese (one left empty
 * takes the other's text), conditions picked from the Run until… list, and
 * the lesson put together in the format of src/lessons/types.ts. The result
 * is still checked by validateLesson before it is shared.
 */
import { describeCondition, parseCondition, type Bilingual, type Condition } from '../../analysis';
import { LESSON_FORMAT, type Lesson, type LessonStep, type Prediction } from '../../lessons/types';
import { LESSON_LIMITS } from '../../lessons/validate';
import type { Scenario } from '../../scenario';
import { conditionOf, RUN_UNTIL_TEMPLATES, type RunUntilTemplate } from '../controls/RunUntilForm';

/** Templates a task or a choice can use: "custom" JSON is left to hand-written lessons. */
export const RECORD_TEMPLATES = RUN_UNTIL_TEMPLATES.filter((k) => k !== 'custom');
/** How long the student's run may take to make the task happen. */
export const TASK_LIMIT_MS = 30_000;
/** Choices a recorded prediction offers (the format allows more; a class reads four at most). */
export const RECORD_CHOICES = { min: 2, max: 4 } as const;

/** Text as typed, one field per language. */
export interface TextPair {
  en: string;
  zh: string;
}

export const NO_TEXT: TextPair = { en: '', zh: '' };

/** The text in both languages: one left empty takes the other's. Null when both are empty. */
export function bothLanguages(p: TextPair): Bilingual | null {
  const en = p.en.trim();
  const zh = p.zh.trim();
  if (!en && !zh) return null;
  return { en: en || zh, zh: zh || en };
}

/** The one language written when the other was left empty (its text is then shown in both), else null. */
export function onlyLanguage(p: TextPair): 'en' | 'zh' | null {
  const en = p.en.trim() !== '';
  const zh = p.zh.trim() !== '';
  return en === zh ? null : en ? 'en' : 'zh';
}

/** A condition as picked: a Run until… template with its server and number, or its opposite. */
export interface PickedCondition {
  template: RunUntilTemplate;
  server: number;
  number: number;
  /** "does not happen": the condition under `not`. */
  negate: boolean;
}

/** The picked condition, checked by parseCondition like any input (null if the numbers are out of range). */
export function conditionFrom(p: PickedCondition): Condition | null {
  const raw = conditionOf(p.template, { server: p.server, number: p.number, json: '' });
  const parsed = parseCondition(p.negate ? { kind: 'not', of: raw } : raw);
  return parsed.ok ? parsed.value : null;
}

export interface DraftChoice {
  text: TextPair;
  condition: PickedCondition;
}

export interface DraftPrediction {
  question: TextPair;
  choices: DraftChoice[];
  /** Index of the right choice. */
  answer: number;
  explanation: TextPair;
  /** Simulated seconds the run goes on before the choices are checked. */
  observeS: number;
}

/** What is missing from a prediction the lecturer is writing: a strings.ts key, or null. */
export type PredictionProblem = 'record.needQuestion' | 'record.needExplanation' | 'record.badChoice' | 'record.badObserve';

/**
 * The prediction in the lesson format: a choice left without text is worded
 * from its condition (describeCondition, in each language). A problem the
 * lecturer can fix is returned as its message key.
 */
export function predictionFrom(d: DraftPrediction): Prediction | PredictionProblem {
  const question = bothLanguages(d.question);
  if (!question) return 'record.needQuestion';
  const explanation = bothLanguages(d.explanation);
  if (!explanation) return 'record.needExplanation';
  if (!Number.isFinite(d.observeS) || d.observeS < 0 || d.observeS * 1000 > LESSON_LIMITS.timeMs) return 'record.badObserve';
  const choices = [];
  for (const c of d.choices) {
    const condition = conditionFrom(c.condition);
    if (!condition) return 'record.badChoice';
    choices.push({ text: bothLanguages(c.text) ?? { en: describeCondition(condition, 'en'), zh: describeCondition(condition, 'zh') }, condition });
  }
  return { question, choices, answer: d.answer, explanation, observeMs: Math.round(d.observeS * 1000) };
}

/** A step as recorded: the run cut at a moment, and what the lecturer gave it. */
export interface DraftStep {
  narration: Bilingual;
  scenario: Scenario;
  task: Condition | null;
  prediction: Prediction | null;
}

/** The run cut at the moment shown: the recorded actions up to it, run until its time. */
export function scenarioAtMoment(s: Scenario, n: number, time: number): Scenario {
  const actions = s.actions.filter((a) => a.n <= n && a.at <= time);
  return { version: s.version, options: s.options, actions, runUntil: time };
}

/** A lesson id from a title: lower-case letters, digits and dashes (validateLesson's rule). */
export function lessonIdFrom(title: string): string {
  const id = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  return id.length > 0 ? id : 'recorded-lesson';
}

/** The lesson as data; `untitled` names it when the lecturer gave no title. Not yet validated. */
export function lessonFromDraft(title: TextPair, summary: TextPair, steps: readonly DraftStep[], untitled: Bilingual): Lesson {
  const name = bothLanguages(title) ?? untitled;
  const lessonSteps: LessonStep[] = steps.map((d) => {
    const step: LessonStep = { narration: d.narration, run: { scenario: d.scenario } };
    if (d.task) step.task = { text: { en: describeCondition(d.task, 'en'), zh: describeCondition(d.task, 'zh') }, condition: d.task, limitMs: TASK_LIMIT_MS };
    if (d.prediction) step.prediction = d.prediction;
    return step;
  });
  return { format: LESSON_FORMAT, id: lessonIdFrom(name.en), title: name, summary: bothLanguages(summary) ?? name, steps: lessonSteps };
}

/** A new prediction: "will a leader be elected?" as its two choices, for the lecturer to reword. */
export function newPrediction(server: number): DraftPrediction {
  const leader: PickedCondition = { template: 'leaderTerm', server, number: 1, negate: false };
  return {
    question: NO_TEXT,
    choices: [
      { text: NO_TEXT, condition: leader },
      { text: NO_TEXT, condition: { ...leader, negate: true } },
    ],
    answer: 0,
    explanation: NO_TEXT,
    observeS: 5,
  };
}
