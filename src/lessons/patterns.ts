/**
 * When is a task done? Matching what the student did (a recorded action)
 * against a task's action pattern, and the cluster against its condition.
 */
import { evaluateCondition } from '../analysis';
import type { RaftCluster, UserAction } from '../sim';
import type { ActionPattern, PatternServer, Task } from './types';

/**
 * An action the student took during a step, with who led when they took it:
 * "crash the leader" must mean the leader at that moment, not whoever leads
 * after the crash.
 */
export interface RecordedLessonAction {
  action: UserAction;
  /** c.leaderId() just before the action was applied. */
  leaderId: number | null;
}

/** Record an action before applying it (the player calls this, then c.apply(action)). */
export function recordLessonAction(c: RaftCluster, action: UserAction): RecordedLessonAction {
  return { action: structuredClone(action), leaderId: c.leaderId() };
}

function serverMatches(want: PatternServer, got: unknown, leaderId: number | null): boolean {
  if (typeof got !== 'number') return false;
  if (want === 'leader') return got === leaderId;
  if (want === 'follower') return leaderId !== null && got !== leaderId;
  return got === want;
}

/**
 * Whether one action is what the pattern asks for (fields left out of the
 * pattern match anything). A bare action, recorded without the leader of its
 * moment, never matches "leader" or "follower".
 */
export function actionMatches(pattern: ActionPattern, action: RecordedLessonAction | UserAction): boolean {
  const recorded: RecordedLessonAction = 'type' in action ? { action, leaderId: null } : action;
  const a = recorded.action as unknown as Record<string, unknown>;
  if (a.type !== pattern.type) return false;
  for (const [field, want] of Object.entries(pattern)) {
    if (field === 'type' || want === undefined) continue;
    if (field === 'server' || field === 'from' || field === 'to') {
      if (!serverMatches(want as PatternServer, a[field], recorded.leaderId)) return false;
    } else if (a[field] !== want) return false;
  }
  return true;
}

/**
 * Whether a task is done: its action pattern matched one of the actions
 * recorded during the step, and its condition holds now (history kinds over
 * the events after `since`, the step's first event). Both, when both are given.
 */
export function taskDone(task: Task, recorded: readonly RecordedLessonAction[], c: RaftCluster, since = 0): boolean {
  if (task.action && !recorded.some((r) => actionMatches(task.action!, r))) return false;
  return task.condition ? evaluateCondition(c, task.condition, since) : true;
}
