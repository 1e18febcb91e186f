/**
 * Replaying a recorded run: the same options and the same actions at the same
 * event numbers and times give the identical run, event for event.
 */
import { applyAction, createCluster, type RaftCluster } from '../sim';
import type { RecordedAction, Scenario } from './types';

/** Apply the recorded actions (in order) to a cluster that is at or before the first of them. */
export function replayActions(c: RaftCluster, actions: readonly RecordedAction[]): void {
  for (const a of actions) {
    c.runToEvent(a.n, a.at);
    applyAction(c, a.action);
  }
}

/** Build the cluster a scenario describes: its options, its actions, then its runUntil time. */
export function replayScenario(s: Pick<Scenario, 'options' | 'actions' | 'runUntil'>): RaftCluster {
  const c = createCluster(s.options);
  replayActions(c, s.actions);
  if (s.runUntil !== undefined && s.runUntil > c.now) c.runFor(s.runUntil - c.now);
  return c;
}
