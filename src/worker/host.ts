/**
 * The worker-side owner of the cluster. It has no DOM and no worker globals, so
 * it runs (and is tested) in Node as well; sim.worker.ts only exposes it.
 * Frames are incremental: logs travel as patches found by comparing entry
 * identity from the end (entries are immutable, so an unchanged object means an
 * unchanged entry), and events travel once.
 */
import type { Entry, LogIndex, ServerId } from '../engine';
import type { ClusterOptions, RaftCluster, TraceEvent, UserAction, ActionResult } from '../sim';
import { MAX_EVENTS_PER_FRAME, MAX_PENDING_PER_FRAME, PROTOCOL_VERSION, type Frame, type HistoryFormat, type LoadProgress, type LogPatch, type SimApi, type StopReason, type TimelineView } from './protocol';
import { TimeMachine } from './timeMachine';
import { isMomentKind, MOMENT_KINDS, MomentDetector, type Moment, type MomentKind } from './moments';
import { SCENARIO_VERSION, type Scenario } from '../scenario/types';
import { replayScenario } from '../scenario';
import { clientOperations, conditionProbe, evaluateCondition, notHeldMessage, parseCondition, toJepsenEdn, toPorcupine, toShiViz } from '../analysis';
import { LIMITS } from '../sim';
import type { SpaceTimeQuery, SpaceTimeWindow } from './spaceTimeTypes';

export class SimHost implements SimApi {
  private tm: TimeMachine;
  private run = 0;
  private sentTimelineVersion = -1;
  /** Per server: the log entries the page has (by identity). */
  private sentLogs = new Map<ServerId, { start: LogIndex; entries: readonly Entry[] }>();
  private sentEventN = 0;
  /** A scenario being replayed beside the current run (beginLoad … continueLoad). */
  private loading: { tm: TimeMachine; scenario: Scenario } | null = null;

  constructor(options: Partial<ClusterOptions> = {}) {
    this.tm = new TimeMachine(options);
  }

  /** The cluster at the current position (replaced by seeks, so always read through here). */
  private get cluster(): RaftCluster {
    return this.tm.cluster;
  }

  protocolVersion(): number {
    return PROTOCOL_VERSION;
  }

  reset(options: Partial<ClusterOptions>): Frame {
    this.tm = new TimeMachine(options); // throws before anything changes
    this.run++;
    return this.resync();
  }

  resync(): Frame {
    this.sentLogs.clear();
    this.sentTimelineVersion = -1;
    this.sentEventN = Math.max(0, this.cluster.eventCount - MAX_EVENTS_PER_FRAME);
    return this.frame(true);
  }

  advance(ms: number): Frame {
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) throw new RangeError(`advance(ms): ms must be a finite number >= 0 (got ${String(ms)})`);
    this.tm.advance(ms);
    return this.frame(false);
  }

  step(): { frame: Frame; event: TraceEvent | null } {
    const event = this.tm.step();
    return { frame: this.frame(false), event };
  }

  /** The run so far as a scenario (for links and files), viewed where the page is now. */
  exportScenario(): Scenario {
    const tm = this.tm;
    return {
      version: SCENARIO_VERSION,
      options: structuredClone(tm.options),
      actions: structuredClone([...tm.actions]),
      runUntil: tm.head.time,
      view: { n: tm.position.n },
    };
  }

  exportHistory(format: HistoryFormat): string {
    const s = this.exportScenario();
    const trace = replayScenario({ ...s, options: { ...s.options, traceLimit: LIMITS.traceLimit } }).trace();
    switch (format) {
      case 'shiviz':
        return toShiViz(trace);
      case 'porcupine':
        return toPorcupine(clientOperations(trace));
      case 'jepsen':
        return toJepsenEdn(clientOperations(trace));
      default:
        throw new RangeError(`unknown history format ${JSON.stringify(format)}; valid ones are: shiviz, porcupine, jepsen`);
    }
  }

  /** Start the run a (validated) scenario describes and show it where its view says (all at once). */
  loadScenario(s: Scenario): Frame {
    this.beginLoad(s);
    this.continueLoad(Infinity);
    return this.finishLoad();
  }

  /**
   * Start replaying a scenario beside the current run, which stays as it is
   * (and can still be played) until finishLoad. A load already under way is
   * dropped. Throws on bad options, changing nothing.
   */
  beginLoad(s: Scenario): LoadProgress {
    const tm = new TimeMachine(s.options); // throws on bad options, before anything changes
    tm.beginReplay(s.actions, s.runUntil);
    this.loading = { tm, scenario: s };
    return this.loadProgress(this.loading);
  }

  /**
   * Replay about maxEvents more events of the load under way; `done` when all
   * of it is replayed. A recording that does not match throws (saying which
   * action) and the load is dropped; the current run stays.
   */
  continueLoad(maxEvents: number): { done: boolean; progress: LoadProgress } {
    if (typeof maxEvents !== 'number' || Number.isNaN(maxEvents) || maxEvents < 1) throw new RangeError(`continueLoad(maxEvents): maxEvents must be a number >= 1 (got ${String(maxEvents)})`);
    const load = this.requireLoad('continueLoad');
    const { tm, scenario: s } = load;
    let done: boolean;
    try {
      done = tm.replayMore(maxEvents);
    } catch (e) {
      this.loading = null;
      throw replayFailure(e, s.actions, tm.actions.length);
    }
    return { done, progress: this.loadProgress(load) };
  }

  /** The replayed run replaces the current one, shown where the scenario's view says. */
  finishLoad(): Frame {
    const { tm, scenario: s } = this.requireLoad('finishLoad');
    if (tm.replayPending) throw new RangeError('finishLoad: the replay is not complete (call continueLoad until it says done)');
    this.loading = null;
    if (s.view?.n !== undefined && s.view.n < tm.head.n) tm.seekEvent(s.view.n);
    this.tm = tm;
    this.run++;
    return this.resync();
  }

  private requireLoad(call: string): { tm: TimeMachine; scenario: Scenario } {
    if (!this.loading) throw new RangeError(`${call}: no load is under way (it finished, failed or was cancelled)`);
    return this.loading;
  }

  /** Drop the load under way (if any); the current run is untouched. */
  cancelLoad(): void {
    this.loading = null;
  }

  private loadProgress(load: { tm: TimeMachine; scenario: Scenario }): LoadProgress {
    const s = load.scenario;
    const lastAt = s.actions.length > 0 ? s.actions[s.actions.length - 1]!.at : 0;
    return {
      events: load.tm.position.n,
      time: load.tm.position.time,
      until: Math.max(lastAt, s.runUntil ?? 0),
      actions: load.tm.actions.length,
      actionsTotal: s.actions.length,
    };
  }

  seekEvent(n: number, time?: number): Frame {
    this.tm.seekEvent(n, time);
    return this.resyncAfterJump();
  }

  seekTime(ms: number): Frame {
    this.tm.seekTime(ms);
    return this.resyncAfterJump();
  }

  stepBack(): Frame {
    this.tm.seekEvent(Math.max(0, this.cluster.eventCount - 1));
    return this.resyncAfterJump();
  }

  switchBranch(id: number): Frame {
    this.tm.switchBranch(id);
    return this.resyncAfterJump();
  }

  /** After a jump the cluster object is new: rebuild the page's logs and events from it. */
  private resyncAfterJump(): Frame {
    this.sentLogs.clear();
    this.sentEventN = Math.max(0, this.cluster.eventCount - MAX_EVENTS_PER_FRAME);
    return this.frame(true);
  }

  runUntilInteresting(maxMs: number, stops: readonly MomentKind[] = MOMENT_KINDS): { frame: Frame; reason: StopReason; moment: Moment | null } {
    if (typeof maxMs !== 'number' || !Number.isFinite(maxMs) || maxMs < 0) throw new RangeError(`runUntilInteresting(maxMs): maxMs must be a finite number >= 0 (got ${String(maxMs)})`);
    if (!Array.isArray(stops) || !stops.every(isMomentKind)) throw new RangeError(`runUntilInteresting(maxMs, stops): stops must list kinds among ${MOMENT_KINDS.join(', ')}`);
    const detector = new MomentDetector(this.cluster, new Set(stops));
    const seen: { moment: Moment | null } = { moment: null };
    const found = this.tm.runUntil((e) => (seen.moment = detector.after(e, this.cluster)) !== null, maxMs);
    const stop = found ? seen.moment : null;
    return { frame: this.frame(false), reason: stop ? stop.kind : 'limit', moment: stop };
  }

  evaluateConditions(conditions: unknown[], sinceEvent: number): boolean[] {
    if (!Array.isArray(conditions) || conditions.length > 64) throw new RangeError('evaluateConditions(conditions, sinceEvent): conditions must be a list of at most 64 conditions');
    if (typeof sinceEvent !== 'number' || !Number.isInteger(sinceEvent) || sinceEvent < 0) throw new RangeError(`evaluateConditions: sinceEvent must be a whole number >= 0 (got ${String(sinceEvent)})`);
    const parsed = conditions.map((x, k) => {
      const p = parseCondition(x, `conditions[${k}]`);
      if (!p.ok) throw new RangeError(p.error.en);
      return p.value;
    });
    return parsed.map((cond) => evaluateCondition(this.cluster, cond, sinceEvent));
  }

  runUntilCondition(condition: unknown, maxMs: number): { frame: Frame; held: boolean; atMs: number; message?: { en: string; zh: string } } {
    const parsed = parseCondition(condition);
    if (!parsed.ok) throw new RangeError(parsed.error.en);
    if (typeof maxMs !== 'number' || !Number.isFinite(maxMs) || maxMs <= 0 || maxMs > LIMITS.timeMs) {
      throw new RangeError(`runUntilCondition(condition, maxMs): maxMs must be a number of ms above 0 and at most ${LIMITS.timeMs} (got ${String(maxMs)})`);
    }
    const cond = parsed.value;
    // History kinds (an overwrite, a violation) count only from here on: "until it happens", not "until it has ever happened".
    const probe = conditionProbe(this.cluster, cond, this.cluster.eventCount);
    const start = this.cluster.now;
    const held = probe() || this.tm.runUntil(() => probe(), maxMs);
    const atMs = this.cluster.now;
    const frame = this.frame(false);
    return held ? { frame, held, atMs } : { frame, held, atMs, message: notHeldMessage(cond, maxMs, start, atMs) };
  }

  act(action: UserAction): { frame: Frame; result: ActionResult; forked: boolean } {
    const result = this.tm.act(action);
    return { frame: this.frame(false), result, forked: this.tm.lastActForked };
  }

  spaceTimeWindow(q: SpaceTimeQuery): SpaceTimeWindow {
    const ok = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
    if (!q || !ok(q.fromMs) || !ok(q.toMs) || !ok(q.pxPerMs) || q.pxPerMs < 0 || q.toMs < q.fromMs || typeof q.heartbeats !== 'boolean') {
      throw new RangeError('spaceTimeWindow(q): fromMs <= toMs and pxPerMs >= 0 must be finite numbers, heartbeats a boolean');
    }
    const head = this.tm.head;
    return this.tm.spaceTime.window(q, head.time, this.tm.position.n, head.n);
  }

  /** The cluster itself, for tests and for the page's debugging hook. */
  get clusterForTests(): RaftCluster {
    return this.cluster;
  }

  private frame(full: boolean): Frame {
    const c = this.cluster;
    const ids = c.ids();
    const logPatches: LogPatch[] = [];
    for (const id of ids) {
      const patch = this.logPatch(id, c.logEntries(id), c.logStart(id), full);
      if (patch) logPatches.push(patch);
    }
    // Only the newest MAX_EVENTS_PER_FRAME go out: asking for no more keeps a long jump from
    // making older records again by replay (the trace keeps only the newest as objects).
    const fresh = this.tm.traceSince(Math.max(this.sentEventN, c.eventCount - MAX_EVENTS_PER_FRAME));
    const events = fresh.length > MAX_EVENTS_PER_FRAME ? fresh.slice(-MAX_EVENTS_PER_FRAME) : fresh;
    const eventsSkipped = c.eventCount - this.sentEventN - events.length;
    this.sentEventN = c.eventCount;
    const net = c.networkView();
    return {
      version: PROTOCOL_VERSION,
      run: this.run,
      full,
      now: c.now,
      eventCount: c.eventCount,
      leaderId: c.leaderId(),
      servers: ids.map((id) => c.summary(id)),
      logPatches,
      messages: c.messages(),
      events,
      eventsSkipped,
      violations: c.violations(),
      stats: c.stats(),
      network: net,
      options: c.options,
      timeline: this.timelineView(),
      pending: c.pending().slice(0, MAX_PENDING_PER_FRAME),
      clients: c.clients(),
    };
  }

  private timelineView(): TimelineView {
    const tm = this.tm;
    const changed = tm.version !== this.sentTimelineVersion;
    this.sentTimelineVersion = tm.version;
    return {
      position: tm.position,
      head: tm.head,
      inPast: tm.inPast,
      marks: changed ? tm.marks.slice() : null,
      branches: tm.branches(),
      actions: tm.actions.length,
    };
  }

  /**
   * What the page lacks of server `id`'s log. Entries are compared by identity
   * at equal indexes (they are immutable): a log changes only by truncating and
   * appending at its end, and by compaction (§7) at its start.
   */
  private logPatch(id: ServerId, log: readonly Entry[], start: LogIndex, full: boolean): LogPatch | null {
    const sent = full ? undefined : this.sentLogs.get(id);
    this.sentLogs.set(id, { start, entries: log.slice() });
    if (!sent) return { server: id, from: start + 1, entries: log.slice(), snapshotIndex: start };
    const end = start + log.length;
    const sentEnd = sent.start + sent.entries.length;
    const floor = Math.max(start, sent.start);
    let i = Math.min(end, sentEnd);
    while (i > floor && sent.entries[i - sent.start - 1] !== log[i - start - 1]) i--;
    if (i === end && i === sentEnd && start === sent.start) return null;
    return { server: id, from: i + 1, entries: log.slice(i - start), snapshotIndex: start };
  }
}

/**
 * A recorded run that does not replay, saying which action failed (the ones
 * before it were recorded again, so their count is its index). The page
 * translates this pattern (src/ui/i18n/scenarioErrors.ts) instead of showing
 * the simulator's own words, which name API calls such as runToEvent.
 */
function replayFailure(e: unknown, actions: Scenario['actions'], replayed: number): RangeError {
  const detail = e instanceof Error ? e.message : String(e);
  const a = actions[replayed];
  if (!a) return new RangeError(`the recording does not match this run: after its last action: ${detail}`);
  return new RangeError(`the recording does not match this run: action ${replayed + 1} of ${actions.length} (${a.action.type} at event ${a.n}, ${a.at} ms) could not be replayed: ${detail}`);
}
