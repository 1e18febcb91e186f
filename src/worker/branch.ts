/**
 * A branch of the time machine: one future of the run, with its recorded
 * actions, checkpoints, timeline marks and space-time record. Acting in the
 * past forks a new branch that keeps what the old one had up to that moment.
 */
import type { RecordedAction } from '../scenario/types';
import type { UserAction } from '../sim';
import type { Checkpoint } from './checkpoints';
import { OldTermMajorityWatch } from './moments';
import type { BranchOrigin, Position } from './protocol';
import { SpaceTimeIndex } from './spaceTime';
import type { MarkedBranch } from './timelineMarks';

export interface Branch extends MarkedBranch {
  id: number;
  actions: RecordedAction[];
  head: Position;
  checkpoints: Checkpoint[];
  /** Replay cost between checkpoints (doubles as the run grows; see replayCost). */
  spacing: number;
  /** Replay cost from the start to the live edge's last observed event. */
  cost: number;
  /** The user action that started this branch, where and when (null for the first run). */
  origin: BranchOrigin | null;
  /** §5.4.2 marks need the state right after each event: watched as events happen. */
  watch: OldTermMajorityWatch;
  /** What the space-time diagram draws of this branch, recorded as its events are first seen. */
  spaceTime: SpaceTimeIndex;
}

/** The first run's branch, empty at event 0. */
export function firstBranch(spacing: number): Branch {
  return {
    id: 1,
    actions: [],
    head: { n: 0, time: 0 },
    marks: [],
    checkpoints: [],
    spacing,
    cost: 0,
    origin: null,
    markedUpToN: 0,
    violationsSeen: 0,
    lastCommitMarkTime: -Infinity,
    watch: new OldTermMajorityWatch(),
    spaceTime: new SpaceTimeIndex(),
  };
}

/**
 * A new branch forking `old` at `p`, started by `action`: the first `actionsKept`
 * actions, the checkpoints, marks and records up to `p`. `violations` is how many
 * the cluster has there; `nextMessageId` the id its next message will get.
 */
export function forkBranch(old: Branch, id: number, p: Position, actionsKept: number, action: UserAction, violations: number, nextMessageId: number): Branch {
  const watch = old.watch.copy();
  watch.forgetAfter(p.n);
  const marks = old.marks.filter((m) => m.n <= p.n);
  const checkpoints = old.checkpoints.filter((cp) => cp.n <= p.n);
  const base = checkpoints[checkpoints.length - 1]!;
  return {
    id,
    actions: old.actions.slice(0, actionsKept),
    head: p,
    marks,
    checkpoints,
    spacing: old.spacing,
    // Not replayed event by event since the checkpoint: counted as plain events, which only moves the next checkpoint.
    cost: base.cost + (p.n - base.n),
    origin: { action: structuredClone(action), n: p.n, time: p.time },
    markedUpToN: p.n,
    violationsSeen: violations,
    lastCommitMarkTime: marks.reduce((t, m) => (m.kind === 'commit' ? m.time : t), -Infinity),
    watch,
    spaceTime: old.spaceTime.forkAt(p.n, nextMessageId),
  };
}
