/**
 * Playing a lesson on the headless API, in the step model of types.ts: the
 * same functions a page player needs (the start of step K, the demo path, a
 * task's check after each action, a prediction's choices), and runLessonDemo,
 * which plays a whole lesson on its demo path for the tests and course staff.
 */
import { evaluateCondition, runUntilCondition, type Bilingual } from '../analysis';
import type { RaftCluster } from '../sim';
import { replayScenario } from '../scenario';
import { recordLessonAction, taskDone, type RecordedLessonAction } from './patterns';
import type { Lesson, LessonStep, Prediction } from './types';

/** What happened when a step was played on its demo path. */
export interface StepOutcome {
  step: number;
  /** The task was done (null: the step has no task). */
  taskHeld: boolean | null;
  /** Simulated ms at which the task was done. */
  taskAtMs: number | null;
  /** The recorded answer's condition held after the observation (null: no prediction). */
  predictionHeld: boolean | null;
  /** Each choice's condition after the observation, in order. */
  choicesHeld: boolean[];
  /** The run's fingerprint at the step's start and at its end. */
  startHash: string;
  traceHash: string;
  /** Why the task was not done, or a demo action was refused. */
  message?: Bilingual;
}

/** The cluster a step with its own scenario starts from. */
function fromScenario(step: LessonStep): RaftCluster | null {
  return 'scenario' in step.run ? replayScenario(step.run.scenario) : null;
}

/**
 * Apply the step's demo path: each move waits, then acts. Returns the actions
 * as recorded for taskDone, and a message if one was refused (a refused action
 * changes nothing; the rest of the path is still played).
 */
export function playDemo(c: RaftCluster, step: LessonStep): { recorded: RecordedLessonAction[]; message?: Bilingual } {
  const recorded: RecordedLessonAction[] = [];
  let message: Bilingual | undefined;
  for (const [k, move] of (step.demo ?? []).entries()) {
    if (move.waitMs) c.runFor(move.waitMs);
    const r = recordLessonAction(c, move.action);
    try {
      c.apply(move.action);
      recorded.push(r);
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      message ??= { en: `demo[${k}] was refused: ${detail}`, zh: `demo[${k}] 被拒绝：${detail}` };
    }
  }
  return { recorded, message };
}

/** Step 5 of the step model: run for observeMs, then evaluate every choice (history kinds since the step's start). */
export function observePrediction(c: RaftCluster, prediction: Prediction, since: number): boolean[] {
  c.runFor(prediction.observeMs);
  return prediction.choices.map((choice) => evaluateCondition(c, choice.condition, since));
}

/**
 * Steps 4 and 5 of the step model, once the student (or the demo path) has
 * acted: run the task's condition until it holds, then observe the prediction.
 * `since` is the step's first event, `recorded` the step's actions.
 */
export function finishStep(c: RaftCluster, step: LessonStep, index: number, since: number, startHash: string, recorded: readonly RecordedLessonAction[], demoMessage?: Bilingual): StepOutcome {
  let taskHeld: boolean | null = null;
  let taskAtMs: number | null = null;
  let message = demoMessage;
  if (step.task) {
    const { task } = step;
    if (task.condition) {
      const r = runUntilCondition(c, task.condition, task.limitMs, since);
      if (!r.held) message ??= r.message;
    }
    taskHeld = taskDone(task, recorded, c, since);
    if (taskHeld) taskAtMs = c.now;
    else message ??= { en: `the task was not done: ${task.text.en}`, zh: `任务没有完成：${task.text.zh}` };
  }
  let predictionHeld: boolean | null = null;
  let choicesHeld: boolean[] = [];
  if (step.prediction) {
    choicesHeld = observePrediction(c, step.prediction, since);
    predictionHeld = choicesHeld[step.prediction.answer] ?? false;
  }
  const outcome: StepOutcome = { step: index, taskHeld, taskAtMs, predictionHeld, choicesHeld, startHash, traceHash: c.traceHash() };
  if (message) outcome.message = message;
  return outcome;
}

/** Play one step from its starting state on its demo path (steps 3–5 of the step model). `c` is moved to the step's end. */
export function playStep(c: RaftCluster, step: LessonStep, index: number): StepOutcome {
  const since = c.eventCount;
  const startHash = c.traceHash();
  const { recorded, message } = playDemo(c, step);
  return finishStep(c, step, index, since, startHash, recorded, message);
}

/**
 * The state step `k` starts from: its own scenario, or the end of the
 * previous step played on its demo path (replayed from the nearest step
 * before it that has a scenario). Deterministic: the same lesson and k always
 * give the same trace hash, so Back and Next land on the same state.
 */
export function lessonStepStart(lesson: Lesson, k: number): RaftCluster {
  if (!Number.isInteger(k) || k < 0 || k >= lesson.steps.length) throw new RangeError(`step must be a whole number from 0 to ${lesson.steps.length - 1} (got ${k})`);
  let from = k;
  while (!('scenario' in lesson.steps[from]!.run)) from--;
  const c = fromScenario(lesson.steps[from]!)!;
  for (let j = from; j < k; j++) playStep(c, lesson.steps[j]!, j);
  return c;
}

/**
 * Play every step of a lesson on its demo path, as Watch mode does, and say
 * per step whether its task was done and its prediction's recorded answer
 * held. A correct lesson has taskHeld and predictionHeld true (or null)
 * everywhere.
 */
export function runLessonDemo(lesson: Lesson): StepOutcome[] {
  let c: RaftCluster | null = null;
  return lesson.steps.map((step, k) => {
    c = fromScenario(step) ?? c!;
    return playStep(c, step, k);
  });
}
