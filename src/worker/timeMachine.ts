/**
 * Time travel over a deterministic run. The run is its options plus the user
 * actions, each recorded with the event number and simulated time at which it
 * happened; everything else follows from the seed. Checkpoints of the whole
 * plain-data cluster state are taken as the run first moves forward; seeking
 * restores the nearest one at or before the target and replays to it.
 * Checkpoints are spaced evenly: when there are more than MAX_CHECKPOINTS,
 * every other one is dropped and the spacing doubles, so memory stays bounded
 * however long the run and no part of it is further than one spacing from a
 * checkpoint.
 *
 * Acting in the past forks: the old future is kept as a branch the user can
 * return to, and the new action starts a new future.
 */
import { applyAction, RaftCluster, createCluster, type ClusterOptions, type TraceEvent, type UserAction, type WorldState } from '../sim';
import type { RecordedAction } from '../scenario/types';

export const CHECKPOINT_EVERY = 2_000;
export const MAX_CHECKPOINTS = 64;
const MAX_MARKS = 4_000;

export type MarkKind = 'election' | 'crash' | 'restart' | 'network' | 'commit' | 'client' | 'violation' | 'membership' | 'snapshot';

export interface Mark {
  n: number;
  time: number;
  kind: MarkKind;
}

export interface Position {
  n: number;
  time: number;
}

interface Checkpoint extends Position {
  state: WorldState;
}

export interface Branch {
  id: number;
  actions: RecordedAction[];
  head: Position;
  marks: Mark[];
  checkpoints: Checkpoint[];
  /** Events between checkpoints (doubles as the run grows). */
  spacing: number;
}

export interface BranchInfo {
  id: number;
  head: Position;
  actions: number;
  current: boolean;
}

export class TimeMachine {
  cluster: RaftCluster;
  readonly options: Partial<ClusterOptions>;
  private branch: Branch;
  private saved: Branch[] = [];
  private nextBranchId = 2;
  /** Index of the next recorded action not yet applied to `cluster`. */
  private nextAction = 0;
  private markedUpToN = 0;
  private violationsSeen = 0;
  private lastCommitMarkTime = -Infinity;
  /** Bumped whenever marks or branches change, so frames resend them only then. */
  version = 0;

  constructor(options: Partial<ClusterOptions>) {
    this.cluster = createCluster(options); // throws on bad options
    this.options = structuredClone(options);
    this.branch = { id: 1, actions: [], head: { n: 0, time: 0 }, marks: [], checkpoints: [], spacing: CHECKPOINT_EVERY };
    this.checkpoint();
  }

  get position(): Position {
    return { n: this.cluster.eventCount, time: this.cluster.now };
  }

  get head(): Position {
    return { ...this.branch.head };
  }

  get actions(): readonly RecordedAction[] {
    return this.branch.actions;
  }

  get marks(): readonly Mark[] {
    return this.branch.marks;
  }

  /** True when the view is behind the furthest point this branch has reached. */
  get inPast(): boolean {
    const p = this.position;
    const h = this.branch.head;
    return this.nextAction < this.branch.actions.length || p.n < h.n || (p.n === h.n && p.time < h.time);
  }

  branches(): BranchInfo[] {
    const all = [...this.saved, this.branch].sort((a, b) => a.id - b.id);
    return all.map((b) => ({ id: b.id, head: { ...b.head }, actions: b.actions.length, current: b === this.branch }));
  }

  // ---- moving forward (replaying recorded actions when in the past) --------

  /** Advance simulated time by ms. */
  advance(ms: number): void {
    this.forward(this.cluster.now + ms, null);
  }

  /** Run until `stop` holds after an event, or until maxMs pass; returns whether it held. */
  runUntil(stop: (e: TraceEvent) => boolean, maxMs: number): boolean {
    return this.forward(this.cluster.now + maxMs, stop);
  }

  /** Exactly one event: a recorded action due now, or the next queued event. */
  step(): TraceEvent | null {
    const a = this.branch.actions[this.nextAction];
    let ev: TraceEvent | null;
    if (a && a.n === this.cluster.eventCount) {
      this.applyRecorded(a);
      ev = this.cluster.lastEvent;
    } else {
      ev = this.cluster.step();
    }
    this.afterForward();
    return ev;
  }

  private forward(until: number, stop: ((e: TraceEvent) => boolean) | null): boolean {
    const c = this.cluster;
    // Only events from here on count (not the one a previous run stopped at).
    const startN = c.eventCount;
    const pred = stop ? () => c.lastEvent !== null && c.lastEvent.n > startN && stop(c.lastEvent) : () => false;
    let found = false;
    for (;;) {
      const a = this.branch.actions[this.nextAction];
      if (!a || a.at > until) {
        found = c.runUntil(() => pred(), Math.max(0, until - c.now));
        break;
      }
      // Events up to the action, one at a time so `stop` sees each.
      while (c.eventCount < a.n) {
        c.step();
        if (pred()) {
          found = true;
          break;
        }
      }
      if (found) break;
      this.applyRecorded(a);
      if (pred()) {
        found = true;
        break;
      }
    }
    this.afterForward();
    return found;
  }

  private applyRecorded(a: RecordedAction): void {
    this.cluster.runToEvent(a.n, a.at);
    applyAction(this.cluster, a.action);
    this.nextAction++;
  }

  /** After moving forward at the live edge: extend the head, take checkpoints, collect marks. */
  private afterForward(): void {
    const p = this.position;
    const h = this.branch.head;
    if (this.nextAction < this.branch.actions.length) return; // still replaying the recorded future
    if (p.n > h.n || (p.n === h.n && p.time > h.time)) this.branch.head = p;
    if (p.n >= h.n) {
      this.collectMarks();
      const last = this.branch.checkpoints[this.branch.checkpoints.length - 1];
      if (!last || p.n - last.n >= this.branch.spacing) this.checkpoint();
    }
  }

  private checkpoint(): void {
    const cps = this.branch.checkpoints;
    cps.push({ n: this.cluster.eventCount, time: this.cluster.now, state: this.cluster.snapshotState() });
    if (cps.length > MAX_CHECKPOINTS) {
      // Keep the start and every other one after it; space new ones twice as far.
      this.branch.checkpoints = cps.filter((_, i) => i % 2 === 0);
      this.branch.spacing *= 2;
    }
  }

  private collectMarks(): void {
    const c = this.cluster;
    const marks = this.branch.marks;
    const before = marks.length;
    for (const e of c.traceSince(this.markedUpToN)) {
      const kind = markKind(e);
      if (kind === 'commit') {
        // Commits are frequent: at most one mark per 250 simulated ms.
        if (e.time - this.lastCommitMarkTime < 250) continue;
        this.lastCommitMarkTime = e.time;
      }
      if (kind) marks.push({ n: e.n, time: e.time, kind });
    }
    const violations = c.violations().length;
    if (violations > this.violationsSeen) {
      marks.push({ n: c.eventCount, time: c.now, kind: 'violation' });
      this.violationsSeen = violations;
    }
    this.markedUpToN = c.eventCount;
    if (marks.length > MAX_MARKS) {
      // Thin the commit marks first; the rare kinds stay.
      let drop = true;
      this.branch.marks = marks.filter((m) => m.kind !== 'commit' || (drop = !drop));
    }
    if (this.branch.marks.length !== before) this.version++;
  }

  /**
   * Rebuild a recorded run (from a link or a file): each action is applied at
   * its recorded event number and time, with checkpoints and marks taken on the
   * way as if it had been played live. Throws if the recording does not match.
   */
  replayRecording(actions: readonly RecordedAction[], runUntil?: number): void {
    const c = this.cluster;
    for (const a of actions) {
      while (c.eventCount < a.n) {
        const ev = c.step();
        if (!ev || ev.time > a.at) throw new RangeError(`the recording does not match this run at event ${c.eventCount}`);
        if (c.eventCount % 500 === 0) this.afterForward();
      }
      c.runToEvent(a.n, a.at);
      this.afterForward();
      this.act(a.action);
    }
    if (runUntil !== undefined && runUntil > c.now) this.advance(runUntil - c.now);
  }

  // ---- acting and forking -------------------------------------------------

  /** A user action now. In the past it forks: the old future becomes a saved branch. */
  act(action: UserAction): ReturnType<typeof applyAction> {
    if (this.inPast) this.fork();
    const rec: RecordedAction = { n: this.cluster.eventCount, at: this.cluster.now, action: structuredClone(action) };
    const result = applyAction(this.cluster, action); // throws on bad input: nothing recorded
    this.branch.actions.push(rec);
    this.nextAction = this.branch.actions.length;
    this.afterForward();
    this.version++;
    return result;
  }

  private fork(): void {
    const p = this.position;
    const old = this.branch;
    this.saved.push(old);
    this.branch = {
      id: this.nextBranchId++,
      actions: old.actions.slice(0, this.nextAction),
      head: p,
      marks: old.marks.filter((m) => m.n <= p.n),
      checkpoints: old.checkpoints.filter((cp) => cp.n <= p.n),
      spacing: old.spacing,
    };
    this.markedUpToN = p.n;
    this.violationsSeen = this.cluster.violations().length;
    this.version++;
  }

  /** Return to a saved branch, at its furthest point. */
  switchBranch(id: number): void {
    const target = this.saved.find((b) => b.id === id);
    if (!target) throw new RangeError(`no saved branch ${id}`);
    this.saved = this.saved.filter((b) => b !== target);
    this.saved.push(this.branch);
    this.branch = target;
    this.version++;
    this.seekEvent(target.head.n, target.head.time);
  }

  // ---- seeking ------------------------------------------------------------

  /** Go to just after event n (and to `time` if given and no later than the next event). */
  seekEvent(n: number, time?: number): void {
    const target = Math.max(0, Math.min(Math.floor(n), this.branch.head.n));
    this.restoreBefore((cp) => cp.n <= target);
    const c = this.cluster;
    for (;;) {
      const a = this.branch.actions[this.nextAction];
      if (a && a.n < target) {
        this.applyRecorded(a);
        continue;
      }
      while (c.eventCount < target) c.step();
      break;
    }
    if (time !== undefined && time > c.now) {
      const a = this.branch.actions[this.nextAction];
      const limit = Math.min(time, a && a.n === c.eventCount ? a.at : time);
      c.runToEvent(c.eventCount, limit);
    }
  }

  /** Go to simulated time t (events due by t processed, actions recorded by t applied). */
  seekTime(t: number): void {
    const target = Math.max(0, Math.min(t, this.branch.head.time));
    this.restoreBefore((cp) => cp.time <= target);
    this.forwardWithin(target);
  }

  private forwardWithin(until: number): void {
    const c = this.cluster;
    for (;;) {
      const a = this.branch.actions[this.nextAction];
      if (!a || a.at > until) break;
      this.applyRecorded(a);
    }
    // No recorded action is due by `until`: plain time, which cannot cross the head's events.
    const headN = this.branch.head.n;
    c.runUntil(() => c.eventCount >= headN, Math.max(0, until - c.now));
  }

  private restoreBefore(ok: (cp: Checkpoint) => boolean): void {
    const cps = this.branch.checkpoints;
    let best = cps[0]!;
    for (const cp of cps) if (ok(cp)) best = cp;
    this.cluster = RaftCluster.fromState(best.state);
    this.nextAction = this.branch.actions.findIndex((a) => a.n >= best.n);
    if (this.nextAction < 0) this.nextAction = this.branch.actions.length;
  }

  /** Approximate bytes held by checkpoints (for the benchmark). */
  checkpointCount(): number {
    return this.branch.checkpoints.length;
  }
}

function markKind(e: TraceEvent): MarkKind | null {
  switch (e.kind) {
    case 'crash':
      return 'crash';
    case 'restart':
      return 'restart';
    case 'network':
    case 'dropMessage':
    case 'duplicateMessage':
      return 'network';
    case 'submit':
    case 'clientRequest':
      return 'client';
    case 'addServer':
    case 'removeServer':
    case 'changeMembership':
    case 'transferLeadership':
      return 'membership';
    case 'snapshot':
      return 'snapshot';
    default:
      break;
  }
  for (const n of e.notes) if (n.kind === 'roleChanged' && n.to === 'leader') return 'election';
  // §6: the leader moves a membership change along by itself (promotion, C_old,new → C_new).
  for (const n of e.notes) if (n.kind === 'configAppended') return 'membership';
  for (const n of e.notes) if (n.kind === 'snapshotInstalled') return 'snapshot';
  for (const n of e.notes) if (n.kind === 'commitAdvanced') return 'commit';
  return null;
}
