/**
 * The lesson format (format 1): a guided path through Raft as plain data,
 * shared as a link or a file like a scenario and validated the same way
 * (validate.ts). Every text is in English and Simplified Chinese and is only
 * ever rendered as text.
 *
 * The step model (player.ts plays it headlessly; a page player follows the
 * same order):
 *   1. The step starts from its scenario (`run.scenario`, replayed exactly), or,
 *      with `run.continue`, from the end of the previous step as played on its
 *      demo path. So every step has one well-defined starting state: Back and
 *      Next always return to the same trace hash, whatever the student did.
 *   2. The prediction, if any, is asked before time moves.
 *   3. The student acts (or, in Watch mode and headlessly, the demo path is
 *      played: each move waits `waitMs` of simulated time, then applies its
 *      action). Every action is recorded with the leader at that moment.
 *   4. The task is done when its action pattern matched a recorded action of
 *      this step and its condition holds (both, when both are given); the
 *      condition is run until it holds, for at most `limitMs`.
 *   5. The prediction is observed: the run goes on for `observeMs`, then every
 *      choice's condition is evaluated (history kinds, such as entryOverwritten
 *      and violation, over the whole step) and the explanation is shown.
 *   The step ends there; a following `continue` step starts from this state.
 */
import type { Bilingual, Condition, UnsafeRule } from '../analysis';
import type { MessageType } from '../engine';
import type { ActionType, UserAction } from '../sim';
import type { Scenario } from '../scenario';

export const LESSON_FORMAT = 1;

/** A server in an action pattern: an id, or whichever server was leader ('leader') or not ('follower') when the action was taken. */
export type PatternServer = number | 'leader' | 'follower';

/**
 * A user action to wait for, matched against the actions recorded during the
 * step (patterns.ts). `type` is required; every other field given must match
 * the action's field (server ids through PatternServer, anything else by
 * equal value); fields left out match anything.
 */
export interface ActionPattern {
  type: ActionType;
  server?: PatternServer;
  from?: PatternServer;
  to?: PatternServer;
  command?: string;
  read?: string;
  client?: number;
  up?: boolean;
}

/** The controls of the page a step can point at (the player maps them to elements). */
export const LESSON_CONTROLS = [
  'play',
  'step',
  'stepBack',
  'next',
  'timeline',
  'settings',
  'presets',
  'share',
  'commandBox',
  'crash',
  'restart',
  'timeout',
  'disconnect',
  'isolate',
  'partition',
  'heal',
  'network',
  'addServer',
  'changeMembership',
  'transferLeadership',
  'snapshot',
  'clients',
  'spaceTime',
  'logs',
  'events',
] as const;
export type LessonControl = (typeof LESSON_CONTROLS)[number];

export interface Highlight {
  servers?: number[];
  messageType?: MessageType;
  entry?: { server: number; index: number };
  control?: LessonControl;
}

export interface Task {
  text: Bilingual;
  action?: ActionPattern;
  condition?: Condition;
  /** Simulated ms the condition is run for, at most, before the step says it did not happen. */
  limitMs: number;
}

export interface PredictionChoice {
  text: Bilingual;
  /** Holds when this choice is what happened (evaluated after observeMs). */
  condition: Condition;
}

export interface Prediction {
  question: Bilingual;
  choices: PredictionChoice[];
  /** Index into choices of the right answer. */
  answer: number;
  explanation: Bilingual;
  /** Simulated ms the run goes on before the choices are evaluated. */
  observeMs: number;
}

/** One move of a demo path: wait, then act. */
export interface DemoMove {
  waitMs?: number;
  action: UserAction;
}

export type StepRun = { scenario: Scenario } | { continue: true };

/**
 * A step whose point is a broken rule offers the counterexample search
 * (src/analysis/counterexample.ts, as "Find a counterexample" in Settings)
 * with that rule off. Optional, added within format 1: lessons without it
 * read as before.
 */
export interface CounterexampleOffer {
  /** The "break a rule" switch to search with: one the search can check (BROKEN_RULES). */
  unsafe: UnsafeRule;
}

export interface LessonStep {
  narration: Bilingual;
  run: StepRun;
  highlight?: Highlight;
  task?: Task;
  prediction?: Prediction;
  /** The actions that complete the task (Watch mode, and the tests). */
  demo?: DemoMove[];
  counterexample?: CounterexampleOffer;
}

export interface Lesson {
  format: typeof LESSON_FORMAT;
  /** Lower-case letters, digits and dashes: `?lesson=ID` opens a built-in lesson. */
  id: string;
  title: Bilingual;
  summary: Bilingual;
  steps: LessonStep[];
}
