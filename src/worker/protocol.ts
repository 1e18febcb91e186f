/**
 * The typed boundary between the page and the simulation worker. Only plain
 * data crosses it. Bump PROTOCOL_VERSION on any incompatible change; the client
 * refuses to talk to a worker of another version (e.g. a stale cached bundle).
 */
import type { Entry, LogIndex, ServerId } from '../engine';
import type { Moment, MomentKind } from './momentKinds';
import type { Scenario } from '../scenario/types';
import type { SpaceTimeQuery, SpaceTimeWindow } from './spaceTimeTypes';
import type {
  ActionResult,
  ClientView,
  ClusterOptions,
  InFlightMessage,
  NetworkSettings,
  PendingEvent,
  ServerSummary,
  Stats,
  TraceEvent,
  UserAction,
  Violation,
} from '../sim';

// ---- the time machine's view: positions, marks on the timeline, branches ----

/** A moment of the run: after event n, at simulated time `time`. */
export interface Position {
  n: number;
  time: number;
}

export type MarkKind =
  | 'election'
  | 'crash'
  | 'restart'
  | 'network'
  | 'commit'
  | 'client'
  | 'violation'
  | 'membership'
  | 'snapshot'
  // Teaching moments (see moments.ts):
  | 'appendRejected'
  | 'overwrite'
  | 'voteRefused'
  | 'oldTermMajority';

export interface Mark {
  n: number;
  time: number;
  kind: MarkKind;
  /** The server it happened on, when there is one. */
  server?: ServerId;
}

export interface BranchOrigin {
  action: UserAction;
  n: number;
  time: number;
}

export interface BranchInfo {
  id: number;
  head: Position;
  actions: number;
  current: boolean;
  /** The action that started it (null for the first run): the branch list names branches by it. */
  origin: BranchOrigin | null;
}

/** 7: spaceTimeWindow (the space-time diagram's view of the branch). */
export const PROTOCOL_VERSION = 7;

/** Replace server's log from index `from` on with `entries`; entries up to `snapshotIndex` are compacted away (§7). */
export interface LogPatch {
  server: ServerId;
  from: LogIndex;
  entries: Entry[];
  snapshotIndex: LogIndex;
}

export interface NetworkView extends NetworkSettings {
  /** Cut directed links as [from, to]. */
  cut: Array<[ServerId, ServerId]>;
  disconnected: ServerId[];
}

/** What the page needs to draw one moment of the run. Sent at most once per animation frame. */
export interface Frame {
  version: number;
  /** Increases with every cluster reset; frames of an older run are ignored. */
  run: number;
  /** True when logPatches rebuild every log from index 1 (after a reset or resync). */
  full: boolean;
  now: number;
  eventCount: number;
  leaderId: ServerId | null;
  servers: ServerSummary[];
  logPatches: LogPatch[];
  messages: InFlightMessage[];
  /** Events since the previous frame, oldest first (at most MAX_EVENTS_PER_FRAME; `eventsSkipped` says how many older ones were left out). */
  events: TraceEvent[];
  eventsSkipped: number;
  violations: Violation[];
  stats: Stats;
  network: NetworkView;
  options: ClusterOptions;
  timeline: TimelineView;
  /** Events that can happen next, in order (at most MAX_PENDING_PER_FRAME), for manual mode. */
  pending: PendingEvent[];
  /** §8: the simulated clients and their requests. */
  clients: ClientView[];
}

export const MAX_PENDING_PER_FRAME = 300;

/** Where the view is in the run, its branches, and its marks (sent only when they change). */
export interface TimelineView {
  position: Position;
  /** The furthest point this branch has reached. */
  head: Position;
  inPast: boolean;
  marks: Mark[] | null;
  branches: BranchInfo[];
  /** Recorded user actions in this branch. */
  actions: number;
}

export const MAX_EVENTS_PER_FRAME = 2_000;

/** Why the last "run until interesting" stopped: the kind of teaching moment it reached, or the time limit. */
export type StopReason = MomentKind | 'limit' | 'idle';

/** The worker's API (exposed with Comlink). Every call returns the frame after it. */
export interface SimApi {
  protocolVersion(): number;
  /** Start a new run; throws a RangeError naming the bad option. */
  reset(options: Partial<ClusterOptions>): Frame;
  /** Advance simulated time by ms (processing every event due). */
  advance(ms: number): Frame;
  /** Process exactly one event. */
  step(): { frame: Frame; event: TraceEvent | null };
  /**
   * Run until the next teaching moment of one of the `stops` kinds (all kinds
   * when omitted), or until maxMs pass; `moment` says what it was (null at the limit).
   */
  runUntilInteresting(maxMs: number, stops?: readonly MomentKind[]): { frame: Frame; reason: StopReason; moment: Moment | null };
  /**
   * "Run until…": run until a condition (src/analysis/conditions.ts, checked
   * here as untrusted data) holds or maxMs pass (at most LIMITS.timeMs). A bad
   * condition or limit throws before anything runs. `message` says, in both
   * languages, what did not happen when the limit was reached.
   */
  runUntilCondition(condition: unknown, maxMs: number): { frame: Frame; held: boolean; atMs: number; message?: { en: string; zh: string } };
  /**
   * Carry out a user action; throws (changing nothing) on bad arguments.
   * `forked`: it was done in the past, so it started a new branch (the old future is kept).
   */
  act(action: UserAction): { frame: Frame; result: ActionResult; forked: boolean };
  /** A full frame (e.g. after the page lost track). */
  resync(): Frame;
  /** Time travel: go to just after event n / to simulated time ms / one event back. */
  seekEvent(n: number, time?: number): Frame;
  seekTime(ms: number): Frame;
  stepBack(): Frame;
  /** Return to a saved branch (the future that acting in the past replaced). */
  switchBranch(id: number): Frame;
  /** The run so far as a scenario (options, recorded actions, view). */
  exportScenario(): Scenario;
  /**
   * The recorded run in a tool's format (ShiViz log, Porcupine operations,
   * Jepsen EDN history): the whole recording replayed once with an unbounded
   * trace, so it does not depend on where the view stands.
   */
  exportHistory(format: HistoryFormat): string;
  /** Replace the run with the one a validated scenario describes; throws if it cannot be replayed. */
  loadScenario(s: Scenario): Frame;
  /**
   * The same a slice at a time, so a long replay shows progress, can be
   * cancelled and never holds up the current run (issue 10): beginLoad, then
   * continueLoad until it says done, then finishLoad swaps the new run in. The
   * current run is kept until then (the page decides, so a cancel that crosses
   * the last slice in flight cannot swap runs behind its back).
   */
  beginLoad(s: Scenario): LoadProgress;
  continueLoad(maxEvents: number): { done: boolean; progress: LoadProgress };
  finishLoad(): Frame;
  cancelLoad(): void;
  /**
   * The space-time diagram's view of the current branch over a span of
   * simulated time: lanes, the messages crossing it (summed into bands where
   * they would be drawn closer than ~2 px), client operations and their
   * linearizability verdict. Only what is in view crosses the boundary.
   */
  spaceTimeWindow(q: SpaceTimeQuery): SpaceTimeWindow;
}

/** How far a load under way has got. */
/** The formats of SimApi.exportHistory. */
export type HistoryFormat = 'shiviz' | 'porcupine' | 'jepsen';
export type { LaneSegment, MessageBand, MessageOutcome, SpaceTimeMessage, SpaceTimeOperation, SpaceTimeQuery, SpaceTimeVerdict, SpaceTimeWindow } from './spaceTimeTypes';

export interface LoadProgress {
  /** Events replayed so far. */
  events: number;
  /** Simulated time reached (ms). */
  time: number;
  /** Simulated time the replay ends at (ms). */
  until: number;
  /** Recorded actions replayed, of actionsTotal. */
  actions: number;
  actionsTotal: number;
}
