/**
 * The page's lesson player, in the step model of src/lessons/types.ts:
 * a step's state is loaded as a scenario (lessonStepScenario: the same exact
 * replay as a shared link, so Back and Next land on the same trace hash and the
 * time machine works inside a step); the prediction is asked before time
 * moves; the task is checked after every action and frame; the observation
 * runs the cluster on and says which choice happened.
 *
 * The built-in curriculum is loaded on demand (a dynamic import), so the page
 * does not build eleven lessons before it can show the first frame.
 */
import { useStore } from '../../store';
import type { LessonProgress } from '../../store/uiSlice';
import { lessonStepScenario } from '../../lessons/player';
import { actionMatches } from '../../lessons/patterns';
import type { Lesson } from '../../lessons/types';

const RESUME_KEY = 'raft-visualizer.lesson';

/** The built-in lessons, loaded once on first use. */
export async function builtInLessons(): Promise<readonly Lesson[]> {
  const m = await import('../../lessons/curriculum');
  return m.LESSONS;
}

/** Where the student left off (a built-in lesson's id and step), if anywhere. */
export function resumePoint(): { id: string; step: number } | null {
  try {
    const raw = globalThis.localStorage?.getItem(RESUME_KEY);
    if (!raw) return null;
    const v = JSON.parse(raw) as unknown;
    if (v && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string' && Number.isInteger((v as { step?: unknown }).step)) return v as { id: string; step: number };
  } catch {
    // Storage disabled or a bad value: no resume point.
  }
  return null;
}

function saveResume(lesson: Lesson, step: number): void {
  try {
    globalThis.localStorage?.setItem(RESUME_KEY, JSON.stringify({ id: lesson.id, step }));
  } catch {
    // Private mode: resuming lasts for this page only.
  }
}

/** Open step `step` of a lesson: load its starting state; false when it failed (the current run stays). */
export async function openLessonStep(lesson: Lesson, step: number): Promise<boolean> {
  const s = useStore.getState();
  const k = Math.max(0, Math.min(lesson.steps.length - 1, Math.trunc(step) || 0));
  s.setPlaying(false);
  if (s.ui.lesson) s.editLesson((l) => void (l.busy = true));
  const ok = await s.loadScenario(lessonStepScenario(lesson, k));
  if (!ok) {
    if (useStore.getState().ui.lesson) useStore.getState().editLesson((l) => void (l.busy = false));
    return false;
  }
  const progress: LessonProgress = { lesson, step: k, since: useStore.getState().sim.eventCount, answer: null, locked: false, observed: null, recorded: [], taskDone: false, busy: false, watching, counterexampleShown: false };
  useStore.getState().setLesson(progress);
  useStore.getState().setAboutOpen(false);
  selectHighlighted(lesson, k);
  saveResume(lesson, k);
  await checkTask();
  return true;
}

/** The step's highlighted server, if one, is selected: its details open in the inspector. */
function selectHighlighted(lesson: Lesson, k: number): void {
  const first = lesson.steps[k]!.highlight?.servers?.[0];
  if (first !== undefined) useStore.getState().selectServer(first);
}

export async function goToStep(delta: number): Promise<void> {
  const l = useStore.getState().ui.lesson;
  if (!l || l.busy) return;
  const k = l.step + delta;
  if (k < 0 || k >= l.lesson.steps.length) return;
  await openLessonStep(l.lesson, k);
}

/** Back to the step's start (after the student played around). */
export async function restartStep(): Promise<void> {
  const l = useStore.getState().ui.lesson;
  if (l && !l.busy) await openLessonStep(l.lesson, l.step);
}

export function closeLesson(): void {
  watching = false;
  useStore.getState().setLesson(null);
}

export function pickAnswer(choice: number): void {
  useStore.getState().editLesson((l) => {
    if (!l.locked) l.answer = choice;
  });
}

export function lockAnswer(): void {
  useStore.getState().editLesson((l) => {
    if (l.answer !== null) l.locked = true;
  });
}

/** Whether the step's task is done: its action among the student's, and its condition holding now. */
export async function checkTask(): Promise<boolean> {
  const s = useStore.getState();
  const l = s.ui.lesson;
  const task = l ? l.lesson.steps[l.step]!.task : undefined;
  if (!l || !task || l.taskDone) return l?.taskDone ?? false;
  if (task.action && !l.recorded.some((r) => actionMatches(task.action!, r))) return false;
  if (task.condition) {
    const held = await s.evaluateConditions([task.condition], l.since);
    if (!held?.[0]) return false;
  }
  const now = useStore.getState().ui.lesson;
  if (now && now.step === l.step && now.lesson === l.lesson) useStore.getState().editLesson((x) => void (x.taskDone = true));
  return true;
}

/** The task's action was done but its condition needs time: run until it holds (at most the task's limit). */
export async function runTask(): Promise<void> {
  const s = useStore.getState();
  const l = s.ui.lesson;
  const task = l ? l.lesson.steps[l.step]!.task : undefined;
  if (!l || !task?.condition) return;
  await s.runUntil(task.condition, task.limitMs);
  await checkTask();
}

/** Step 5: run on for observeMs, then say which choices happened. */
export async function observe(): Promise<void> {
  const s = useStore.getState();
  const l = s.ui.lesson;
  const prediction = l ? l.lesson.steps[l.step]!.prediction : undefined;
  if (!l || !prediction || l.observed) return;
  s.editLesson((x) => void (x.busy = true));
  await s.advance(prediction.observeMs);
  const held = await s.evaluateConditions(
    prediction.choices.map((c) => c.condition),
    l.since,
  );
  useStore.getState().editLesson((x) => {
    x.busy = false;
    if (held) x.observed = held;
  });
}

/**
 * Watch mode for one step: the lesson plays its own demo path (the recorded
 * answer is picked if the student has not answered), then finishes the task
 * and observes, exactly as runLessonDemo does headlessly.
 */
export async function watchStep(): Promise<void> {
  const s = useStore.getState();
  const l = s.ui.lesson;
  if (!l || l.busy) return;
  const step = l.lesson.steps[l.step]!;
  s.setPlaying(false);
  if (step.prediction && !l.locked) {
    s.editLesson((x) => {
      x.answer ??= step.prediction!.answer;
      x.locked = true;
    });
  }
  s.editLesson((x) => void (x.busy = true));
  for (const move of step.demo ?? []) {
    if (move.waitMs) await useStore.getState().advance(move.waitMs);
    await useStore.getState().act(move.action);
  }
  useStore.getState().editLesson((x) => void (x.busy = false));
  if (step.task?.condition) await runTask();
  else await checkTask();
  if (step.prediction) await observe();
}

/** The step's counterexample search opened the run it found: the panel says so and offers the way back (restartStep). */
export function counterexampleOpened(): void {
  watching = false;
  if (useStore.getState().ui.lesson) useStore.getState().editLesson((l) => void (l.counterexampleShown = true));
}

/** Set while "Watch the whole lesson" runs; Stop (or leaving the lesson) clears it. */
let watching = false;

export function isWatchingLesson(): boolean {
  return watching;
}

/**
 * Watch mode for the whole lesson: each step plays itself (watchStep), then
 * the next one opens, to the end or until stopped. Between steps the page
 * keeps the step on screen (the student reads it), so the lesson can run in
 * front of a class.
 */
export async function watchLesson(): Promise<void> {
  if (watching) return;
  watching = true;
  useStore.getState().editLesson((x) => void (x.watching = true));
  try {
    for (;;) {
      const l = useStore.getState().ui.lesson;
      if (!watching || !l) break;
      await watchStep();
      const now = useStore.getState().ui.lesson;
      if (!watching || !now || now.step >= now.lesson.steps.length - 1) break;
      await goToStep(1);
    }
  } finally {
    watching = false;
    if (useStore.getState().ui.lesson) useStore.getState().editLesson((x) => void (x.watching = false));
  }
}

export function stopWatching(): void {
  watching = false;
}
