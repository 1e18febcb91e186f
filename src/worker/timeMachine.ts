/**
 * Time travel over a deterministic run. The run is its options plus the user
 * actions, each recorded with the event number and simulated time at which it
 * happened; everything else follows from the seed. Checkpoints of the whole
 * plain-data cluster state are taken as the run first moves forward; seeking
 * restores the nearest one at or before the target and replays to it
 * (checkpoints.ts keeps them; timelineMarks.ts finds the marks).
 *
 * Acting in the past forks: the old future is kept as a branch the user can
 * return to, and the new action starts a new future.
 */
import { applyAction, RaftCluster, createCluster, LIMITS, type ClusterOptions, type TraceEvent, type UserAction } from '../sim';
import type { RecordedAction } from '../scenario/types';
import type { BranchInfo, Mark, Position } from './protocol';
import { firstBranch, forkBranch, type Branch } from './branch';
import { collectMarks, markOf } from './timelineMarks';
import type { SpaceTimeIndex } from './spaceTime';
import { addCheckpoint, CHECKPOINT_EVERY, firstActionFrom, latestCheckpoint, MAX_CHECKPOINTS, replayCost, unpackWorld, type Checkpoint } from './checkpoints';

export { CHECKPOINT_EVERY, EVENT_LOG_CONTEXT, MAX_CHECKPOINTS } from './checkpoints';
export type { Branch } from './branch';

export class TimeMachine {
  cluster: RaftCluster;
  readonly options: Partial<ClusterOptions>;
  private branch: Branch;
  private saved: Branch[] = [];
  private nextBranchId = 2;
  /** Index of the next recorded action not yet applied to `cluster`. */
  private nextAction = 0;
  /** The last event the §5.4.2 watch looked at (events are watched once, at the live edge). */
  private observedN = 0;
  /** §5.4.2 marks found event by event, waiting for collectMarks to merge them in order. */
  private pendingMarks: Mark[] = [];
  /** Bumped whenever marks or branches change, so frames resend them only then. */
  version = 0;
  /** The checkpoint the cluster was last restored from: its event number and the events before it. */
  private restoredN = 0;
  private restoredLead: readonly TraceEvent[] = [];
  /** A recording being replayed a slice at a time (see beginReplay). */
  private replaying: { actions: readonly RecordedAction[]; next: number; runUntil: number | undefined } | null = null;

  /**
   * `checkpoints` overrides the spacing and the bound (tests use a small bound
   * to watch the thinning without recording hundreds of thousands of events).
   */
  constructor(options: Partial<ClusterOptions>, private readonly checkpoints: { every: number; max: number } = { every: CHECKPOINT_EVERY, max: MAX_CHECKPOINTS }) {
    this.cluster = createCluster(options); // throws on bad options
    this.options = structuredClone(options);
    this.branch = firstBranch(checkpoints.every);
    this.branch.spaceTime.start(this.cluster);
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

  /** The current branch's space-time index, with the messages now on the wire when the view is at the head. */
  get spaceTime(): SpaceTimeIndex {
    this.syncSpaceTime();
    return this.branch.spaceTime;
  }

  /**
   * Messages sent and still on the wire have been seen by no event but the one
   * that sent them (which lists only their ids): the index takes them from the
   * cluster while it is at the head, before the view leaves it. Not after
   * every event: the wire can hold tens of thousands of messages (a burst of
   * commands), and reading it each time would make a burst quadratic.
   */
  private syncSpaceTime(): void {
    if (!this.inPast) this.branch.spaceTime.syncInFlight(this.cluster.messages());
  }

  /** True when the view is behind the furthest point this branch has reached. */
  get inPast(): boolean {
    const p = this.position;
    const h = this.branch.head;
    return this.nextAction < this.branch.actions.length || p.n < h.n || (p.n === h.n && p.time < h.time);
  }

  branches(): BranchInfo[] {
    const all = [...this.saved, this.branch].sort((a, b) => a.id - b.id);
    return all.map((b) => ({
      id: b.id,
      head: { ...b.head },
      actions: b.actions.length,
      current: b === this.branch,
      origin: b.origin ? structuredClone(b.origin) : null,
    }));
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
    this.observe();
    this.afterForward();
    return ev;
  }

  private forward(until: number, stop: ((e: TraceEvent) => boolean) | null): boolean {
    const c = this.cluster;
    // Only events from here on count (not the one a previous run stopped at), each once.
    let checkedN = c.eventCount;
    const pred = (): boolean => {
      this.observe();
      const e = c.lastEvent;
      if (!stop || !e || e.n <= checkedN) return false;
      checkedN = e.n;
      return stop(e);
    };
    let found = false;
    for (;;) {
      const a = this.branch.actions[this.nextAction];
      if (!a || a.at > until) {
        found = this.runTo(until, pred);
        break;
      }
      // Events up to the action, one at a time so `stop` sees each.
      while (c.eventCount < a.n) {
        if (!c.step()) break; // nothing can happen before the action: runToEvent reports the mismatch
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

  /**
   * Look at the event just processed with the state right after it, once, if
   * this branch has not marked it yet: §5.4.2's "older-term entry on a majority,
   * not committed" is a fact about that state, not about the event's notes.
   */
  private observe(): void {
    const e = this.cluster.lastEvent;
    if (!e || e.n <= this.observedN || e.n <= this.branch.markedUpToN) return;
    this.observedN = e.n;
    this.branch.cost += replayCost(e);
    this.branch.spaceTime.observe(e, this.cluster);
    const m = this.branch.watch.check(e, this.cluster);
    if (m) this.pendingMarks.push(markOf(m.n, m.time, 'oldTermMajority', m.server));
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
      if (!last || this.branch.cost - last.cost >= this.branch.spacing) this.checkpoint();
    }
  }

  private checkpoint(): void {
    addCheckpoint(this.branch, this.cluster, this.checkpoints.max);
  }

  private collectMarks(): void {
    if (collectMarks(this.branch, this.cluster, this.pendingMarks)) this.version++;
    this.pendingMarks = [];
  }

  /**
   * Rebuild a recorded run (from a link or a file): each action is applied at
   * its recorded event number and time, with checkpoints and marks taken on the
   * way as if it had been played live. Throws if the recording does not match.
   */
  replayRecording(actions: readonly RecordedAction[], runUntil?: number): void {
    this.beginReplay(actions, runUntil);
    this.replayMore(Infinity);
  }

  /**
   * The same, a slice at a time (issue 10): beginReplay, then replayMore until
   * it says the recording is done. Between slices the caller can report
   * progress, or drop this time machine to cancel.
   */
  beginReplay(actions: readonly RecordedAction[], runUntil?: number): void {
    this.replaying = { actions, next: 0, runUntil };
  }

  /** Whether a recording is still being replayed (beginReplay without its last replayMore). */
  get replayPending(): boolean {
    return this.replaying !== null;
  }

  /**
   * Replay about maxEvents more events of the recording (an action's own event
   * may go past it); true when all of it is replayed. Throws if it does not match.
   */
  replayMore(maxEvents: number): boolean {
    const r = this.replaying;
    if (!r) return true;
    const c = this.cluster;
    const stopAt = c.eventCount + maxEvents;
    while (r.next < r.actions.length) {
      const a = r.actions[r.next]!;
      // Events up to the action, one at a time so the §5.4.2 watch sees each: the recording must
      // reach event a.n by time a.at. (A mismatch throws after taking the event: a replay that
      // throws is dropped whole, with the time machine it was building.)
      while (c.eventCount < a.n) {
        if (c.eventCount >= stopAt) return false;
        const ev = c.step();
        if (!ev || ev.time > a.at) throw new RangeError(`the recording does not match this run at event ${c.eventCount}`);
        this.observe();
        if (c.eventCount % 500 === 0) this.afterForward();
      }
      c.runToEvent(a.n, a.at);
      this.afterForward();
      this.act(a.action);
      r.next++;
    }
    if (r.runUntil !== undefined && r.runUntil > c.now) {
      if (c.eventCount >= stopAt) return false;
      const lastN = stopAt;
      this.forward(r.runUntil, (e) => e.n >= lastN);
      if (r.runUntil > c.now) return false;
    }
    this.replaying = null;
    return true;
  }

  // ---- acting and forking -------------------------------------------------

  /**
   * A user action now. In the past it forks: the old future becomes a saved
   * branch, and the new one is named by this action. Says whether it forked.
   */
  act(action: UserAction): ReturnType<typeof applyAction> {
    const forked = this.inPast;
    if (forked) {
      // Only a valid action starts a branch: check it on a copy first (a call that throws changes nothing).
      applyAction(RaftCluster.fromState(this.cluster.checkpoint()), action);
      this.fork(action);
    }
    this.lastActForked = forked;
    const rec: RecordedAction = { n: this.cluster.eventCount, at: this.cluster.now, action };
    const result = applyAction(this.cluster, action); // throws on bad input: nothing recorded
    // What is recorded is what the simulator applied (its trace record's action: own fields,
    // defaults filled in), not the caller's object, so a replay hands over the same action.
    const applied = this.cluster.lastEvent;
    rec.action = structuredClone(applied && applied.n === rec.n + 1 && applied.action ? applied.action : action);
    this.observe();
    this.branch.actions.push(rec);
    this.nextAction = this.branch.actions.length;
    this.afterForward();
    this.version++;
    return result;
  }

  /** Whether the last act() started a new branch. */
  lastActForked = false;

  private fork(action: UserAction): void {
    const p = this.position;
    const old = this.branch;
    this.saved.push(old);
    // Message ids are handed out one by one from 1, so the next is one more than the count sent.
    this.branch = forkBranch(old, this.nextBranchId++, p, this.nextAction, action, this.cluster.violations().length, this.cluster.stats().messages + 1);
    this.observedN = p.n;
    this.pendingMarks = [];
    this.version++;
  }

  /** Return to a saved branch, at its furthest point. */
  switchBranch(id: number): void {
    const target = this.saved.find((b) => b.id === id);
    if (!target) throw new RangeError(`no saved branch ${id}`);
    this.syncSpaceTime();
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
    this.forwardToEvent(target, time);
  }

  private forwardToEvent(target: number, time?: number): void {
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
    this.runTo(until, () => c.eventCount >= headN);
    // At the head's last event with time left (a quiet or crashed cluster): the clock moves on
    // alone, since every event after the head's is due after the head's time.
    while (c.now < until) c.runToEvent(c.eventCount, Math.min(until, c.now + LIMITS.timeMs));
  }

  /**
   * The cluster's runUntil over any span: the simulator moves the clock at most
   * LIMITS.timeMs per call, and a run played live can be longer (hours of a
   * crashed cluster have no events, so no checkpoint shortens the seek).
   */
  private runTo(until: number, pred: () => boolean): boolean {
    const c = this.cluster;
    for (;;) {
      if (c.runUntil(pred, Math.min(LIMITS.timeMs, Math.max(0, until - c.now)))) return true;
      if (c.now >= until) return false;
    }
  }

  /** Restore the latest checkpoint that is `ok`. */
  private restoreBefore(ok: (cp: Checkpoint) => boolean): void {
    this.syncSpaceTime();
    const best = latestCheckpoint(this.branch.checkpoints, ok);
    this.restoredLead = best.lead;
    this.restoredN = best.n;
    this.cluster = RaftCluster.fromState(unpackWorld(best.state));
    this.observedN = best.n;
    this.pendingMarks = [];
    this.nextAction = firstActionFrom(this.branch.actions, best.n);
  }

  /**
   * Trace events numbered above n, oldest first: the cluster's own since the
   * restored checkpoint, preceded by the checkpoint's lead (issue 10: the event
   * log after a seek holds at least EVENT_LOG_CONTEXT events before the target
   * when the run has them), unless the cluster's trace no longer reaches back
   * to the checkpoint.
   */
  traceSince(n: number): TraceEvent[] {
    const own = this.cluster.traceSince(n);
    if (n >= this.restoredN || this.restoredLead.length === 0) return own;
    if (own.length > 0 && own[0]!.n !== this.restoredN + 1) return own;
    if (own.length === 0 && this.cluster.eventCount > this.restoredN) return own;
    const lead = this.restoredLead.filter((e) => e.n > n);
    return lead.length === 0 ? own : lead.concat(own);
  }

  /** How many checkpoints the branch keeps (for the benchmark). */
  checkpointCount(): number {
    return this.branch.checkpoints.length;
  }

  /** Where the branch's checkpoints are (for tests and the benchmark). */
  checkpointPositions(): Position[] {
    return this.branch.checkpoints.map((cp) => ({ n: cp.n, time: cp.time }));
  }
}
