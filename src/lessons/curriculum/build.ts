/**
 * Authoring the built-in lessons. A lesson is written as drafts: each step's
 * scenario as a preset script (played live and recorded, ../../scenario/presets/build.ts),
 * and demo moves or whole parts of a step as functions of the live cluster
 * ("crash the leader": whoever leads at that moment). The builder plays the
 * lesson exactly as runLessonDemo will (the same finishStep), resolving each
 * function to plain data, so the result is an ordinary lesson: JSON that
 * travels in links and files. Built at module load from fixed seeds:
 * deterministic.
 */
import type { Bilingual, Condition } from '../../analysis';
import { RaftCluster, type ClusterOptions, type UserAction } from '../../sim';
import { replayScenario, SCENARIO_VERSION, type Scenario } from '../../scenario';
import { hasLeader, record, type ScriptStep } from '../../scenario/presets/build';
import { finishStep } from '../player';
import { recordLessonAction, type RecordedLessonAction } from '../patterns';
import { LESSON_FORMAT, type DemoMove, type Lesson, type LessonStep, type Prediction } from '../types';
import { validateLesson } from '../validate';

/** Text in both languages. */
export const t = (en: string, zh: string): Bilingual => ({ en, zh });

export interface DraftMove {
  waitMs?: number;
  /** Wait until this holds (at most 5 s) instead: recorded as the waitMs it took, measured on a copy of the run. */
  until?: (c: RaftCluster) => boolean;
  action: UserAction | ((c: RaftCluster) => UserAction);
}

/** The simulated ms until `pred` holds, measured on a copy of the run so the run itself moves by runFor exactly as the demo will. */
function msUntil(c: RaftCluster, pred: (c: RaftCluster) => boolean): number {
  const copy = RaftCluster.fromState(c.checkpoint());
  if (!copy.runUntil(pred, 5_000)) throw new Error(`lesson script: a demo move's condition did not hold within 5 s (at ${c.now} ms)`);
  return copy.now - c.now;
}

/** A step's parts; `run` and `demo` are filled in by the builder. */
export type StepParts = Omit<LessonStep, 'run' | 'demo'> & { demo?: DraftMove[] };

export interface StepDraft {
  /** A new scenario for this step, as a script or a recorded scenario (otherwise it continues from the previous step's end). */
  scenario?: { options: Partial<ClusterOptions>; script?: ScriptStep[] } | Scenario;
  /** The step, or a function of the cluster at the step's start (after its scenario). */
  step: StepParts | ((c: RaftCluster) => StepParts);
}

/** The current leader, for demo moves (a lesson script bug if there is none). */
export function leader(c: RaftCluster): number {
  const id = c.leaderId();
  if (id === null) throw new Error(`lesson script: no leader at ${c.now} ms`);
  return id;
}

/** The followers of the current leader, lowest id first. */
export function followers(c: RaftCluster): number[] {
  const l = leader(c);
  return c.ids().filter((id) => id !== l);
}

export function buildLesson(id: string, title: Bilingual, summary: Bilingual, drafts: readonly StepDraft[]): Lesson {
  let c: RaftCluster | null = null;
  const steps: LessonStep[] = drafts.map((draft, k) => {
    let run: LessonStep['run'] = { continue: true };
    if (draft.scenario) {
      const scenario = 'version' in draft.scenario ? draft.scenario : record(draft.scenario.options, draft.scenario.script ?? []);
      run = { scenario };
      c = replayScenario(scenario);
    }
    if (c === null) throw new Error(`lesson ${id}: step ${k} has no scenario to start from`);
    const cluster: RaftCluster = c;
    const parts = typeof draft.step === 'function' ? draft.step(cluster) : draft.step;
    const since = cluster.eventCount;
    const startHash = cluster.traceHash();
    const recorded: RecordedLessonAction[] = [];
    const demo: DemoMove[] = (parts.demo ?? []).map((draftMove) => {
      const m = draftMove.until ? { ...draftMove, waitMs: msUntil(cluster, draftMove.until) } : draftMove;
      if (m.waitMs) cluster.runFor(m.waitMs);
      const action = typeof m.action === 'function' ? m.action(cluster) : m.action;
      recorded.push(recordLessonAction(cluster, action));
      try {
        cluster.apply(action);
      } catch (e) {
        throw new Error(`lesson ${id}: step ${k}: demo action ${JSON.stringify(action)} refused: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
      }
      return m.waitMs ? { waitMs: m.waitMs, action: structuredClone(action) } : { action: structuredClone(action) };
    });
    const { demo: _drafted, ...rest } = parts;
    const step: LessonStep = { ...rest, run };
    if (demo.length > 0) step.demo = demo;
    finishStep(cluster, step, k, since, startHash, recorded);
    return step;
  });
  const r = validateLesson({ format: LESSON_FORMAT, id, title, summary, steps });
  if (!r.ok) throw new Error(`lesson ${id}: ${r.error.en}`);
  return r.value;
}

// Condition shorthands for the curriculum (plain data, as in a lesson file).
export const not = (of: Condition): Condition => ({ kind: 'not', of });
export const all = (...of: Condition[]): Condition => ({ kind: 'all', of });
export const committed = (index: number, servers: 'all' | 'any' | number[] = 'any'): Condition => ({ kind: 'committedOn', index, servers });

/** A yes/no prediction: "yes" holds when `cond` does, "no" when it does not. */
export function yesNo(question: Bilingual, yes: Bilingual, no: Bilingual, cond: Condition, answerYes: boolean, explanation: Bilingual, observeMs: number): Prediction {
  return { question, choices: [{ text: yes, condition: cond }, { text: no, condition: not(cond) }], answer: answerYes ? 0 : 1, explanation, observeMs };
}

/** A step scenario: these options, run until a leader is elected and 200 ms more. */
export function elected(options: Partial<ClusterOptions>, ...more: ScriptStep[]): { options: Partial<ClusterOptions>; script: ScriptStep[] } {
  return { options, script: [{ until: hasLeader, maxMs: 3_000, what: 'a leader' }, { wait: 200 }, ...more] };
}

/**
 * A preset up to its mark (the moment its view opens at): its options and the
 * actions before the mark, run to the mark's time. The lesson's demo path then
 * takes over where the preset's own script went on.
 */
export function atMark(preset: Scenario): Scenario {
  const mark = preset.view?.n;
  if (mark === undefined) throw new Error('lesson script: the preset has no mark');
  // Every action makes at least one event, so one recorded at the mark's own event number came after the mark.
  const actions = preset.actions.filter((a) => a.n < mark);
  const c = replayScenario({ options: preset.options, actions });
  while (c.eventCount < mark && c.step() !== null);
  return { version: SCENARIO_VERSION, options: structuredClone(preset.options), actions: structuredClone(actions), runUntil: c.now };
}
