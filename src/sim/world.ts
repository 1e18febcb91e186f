/**
 * The world as plain data (servers, queue, network, clients, checker, stats)
 * and the starting world for validated options: servers (with any initial logs
 * for presets such as the paper's figures), an empty network and checker.
 */
import { createNode, makeConfig, MESSAGE_TYPES, type EngineOptions, type Entry, type MessageType, type RaftState, type ServerId } from '../engine';
import type { ClientState } from './clients';
import type { Scheduled } from './eventQueue';
import { createChecker, watchServer, type CheckerState } from './invariants';
import { createNetwork, type InFlightMessage, type NetworkState, type WireFields } from './network';
import type { ClusterOptions } from './options';
import { emptyApplied, type AppliedHistory } from './applied';

export type TimerKind = 'election' | 'heartbeat';

export interface TimerEvent extends Scheduled {
  kind: 'timer';
  server: ServerId;
  timer: TimerKind;
  /** The timer's generation when this event was queued; a reset or stop since makes it stale. */
  gen: number;
}

/** Where one of a server's timers stands in the queue (live-only, not in checkpoints: timers.ts). */
export interface TimerPlace {
  /** The seq the timer's last reset took: its current event's place in the order. */
  seq: number;
  /** Seq and time of the newest event queued for the timer that has not come up (seq -1: none). */
  queuedSeq: number;
  queuedAt: number;
}

export type TimerPlaces = Map<ServerId, Record<TimerKind, TimerPlace>>;

/** A message on the wire, as checkpoints keep it: the message with its envelope fields. */
export interface DeliveryEvent extends Scheduled {
  kind: 'deliver';
  message: InFlightMessage;
}

/**
 * A message on the wire while the world runs (World.queue): the engine's
 * message as it was sent, with the envelope beside it rather than added to it
 * (adding five fields to every message the engine makes was the largest
 * allocation per event, issue 14). Its time is the message's deliverAt. The
 * InFlightMessage the trace, views and checkpoints show is made from it, once
 * (network.ts: inFlightMessage).
 */
export interface WireDelivery extends Scheduled, WireFields {
  kind: 'deliver';
}

/** A client's retry timer (§8): stale when its generation moved on (answered, or retried already). */
export interface ClientTimerEvent extends Scheduled {
  kind: 'clientTimer';
  client: number;
  gen: number;
}

export type SimEvent = TimerEvent | DeliveryEvent | ClientTimerEvent;
/** An event in the live queue. */
export type LiveEvent = TimerEvent | WireDelivery | ClientTimerEvent;

/** A pending event as plain data, for choosing the next one by hand. */
export interface PendingEvent {
  seq: number;
  time: number;
  kind: 'deliver' | 'electionTimeout' | 'heartbeatTimeout' | 'clientTimeout';
  /** The receiver of a message, or the server whose timer it is (a client k is -k). */
  server: ServerId;
  client?: number;
  messageId?: number;
  type?: MessageType;
  from?: ServerId;
  lost?: boolean;
}

/**
 * Timers: each reset bumps the timer's generation (and queues an event, or lets
 * an earlier queued one stand in for it: timers.ts); an event whose generation
 * is no longer current is discarded when it comes up, with no other effect. So
 * when stale events are discarded never changes the run, which is what makes a
 * recorded run replay exactly (runToEvent).
 */
export interface ServerSlot {
  node: RaftState;
  alive: boolean;
  electionDeadline: number | null;
  /** When the election timer was last reset (for drawing how much of it has run). */
  electionSetAt: number;
  electionGen: number;
  heartbeatDeadline: number | null;
  heartbeatSetAt: number;
  heartbeatGen: number;
  /** Every entry this server's state machine applied, across restarts, in order (chunked: see applied.ts). */
  applied: AppliedHistory;
}

export interface TypeStats {
  count: number;
  bytes: number;
}

export interface Stats {
  /** Messages sent (including ones the network later lost). */
  messages: number;
  bytes: number;
  byType: Record<string, TypeStats>;
  delivered: number;
  /** Messages that never arrived: lost by the network, cut links, disconnected or crashed ends, dropped by the user. */
  undelivered: number;
  /** Elections started (a server became candidate). */
  elections: number;
}

/** The whole run as plain data. */
export interface WorldState {
  options: ClusterOptions;
  time: number;
  /** Scheduling counter: the queue's tie-break. */
  seq: number;
  nextMessageId: number;
  /** Events processed so far (the last trace record's n). */
  events: number;
  /** The PRNG's state and the pending events: filled in checkpoints; while running they live in World.rng and World.queue (live.ts). */
  rng: number[];
  queue: SimEvent[];
  servers: Record<ServerId, ServerSlot>;
  network: NetworkState;
  /** Simulated clients (§8), created when first used. */
  clients: Record<number, ClientState>;
  checker: CheckerState;
  stats: Stats;
  traceHash: number;
}

export function emptyStats(): Stats {
  const byType: Record<string, TypeStats> = {};
  for (const t of MESSAGE_TYPES) byType[t] = { count: 0, bytes: 0 };
  return { messages: 0, bytes: 0, byType, delivered: 0, undelivered: 0, elections: 0 };
}

export function engineOptionsOf(o: ClusterOptions): EngineOptions {
  return {
    leaderNoop: o.leaderNoop,
    fastBackup: o.fastBackup,
    maxEntriesPerAppend: o.maxEntriesPerAppend,
    preVote: o.preVote,
    checkQuorum: o.checkQuorum,
    leaderStickiness: o.leaderStickiness,
    electionTimeoutMinMs: o.electionTimeoutMs[0],
    snapshotThreshold: o.snapshotThreshold,
    snapshotChunkBytes: o.snapshotChunkBytes,
    clientSessions: o.clientSessions,
    readLeases: o.readLeases,
    unsafe: { ...o.unsafe },
  };
}

/** A server's slot as it starts: no timer running yet, nothing applied. */
export function newSlot(node: RaftState, alive: boolean, now: number): ServerSlot {
  return {
    node,
    alive,
    electionDeadline: null,
    electionSetAt: now,
    electionGen: 0,
    heartbeatDeadline: null,
    heartbeatSetAt: now,
    heartbeatGen: 0,
    applied: emptyApplied(),
  };
}

/** Build the starting world for validated options: servers and initial logs (lifecycle.ts arms the first timers). */
export function initialWorld(options: ClusterOptions): WorldState {
  const ids = Array.from({ length: options.servers }, (_, k) => k + 1);
  const w: WorldState = {
    options,
    time: 0,
    seq: 0,
    nextMessageId: 1,
    events: 0,
    rng: [],
    queue: [],
    servers: {},
    network: createNetwork(options),
    clients: {},
    checker: createChecker(),
    stats: emptyStats(),
    traceHash: 0,
  };
  for (const id of ids) {
    const init = options.initial?.find((s) => s.id === id);
    const log = (init?.log ?? []).map((e, k): Entry => {
      const index = k + 1;
      if (typeof e === 'number') return { index, term: e, command: `t${e}#${index}` };
      return { index, term: e.term, command: e.command };
    });
    const lastTerm = log.length ? log[log.length - 1]!.term : 0;
    const config = makeConfig(ids);
    const node = createNode(id, config, {
      currentTerm: init?.currentTerm ?? lastTerm,
      votedFor: init?.votedFor ?? null,
      log: { snapshotIndex: 0, snapshotTerm: 0, entries: log, snapshotConfig: config, snapshot: null },
    });
    w.servers[id] = newSlot(node, init?.crashed !== true, 0);
    watchServer(w.checker, node, { time: 0, event: 0, logChangedFrom: null, applied: [] });
  }
  return w;
}

