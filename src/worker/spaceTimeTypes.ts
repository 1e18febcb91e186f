/**
 * What the space-time diagram asks the worker for and gets back: only the
 * part of the run in view, with dense stretches of messages summed up, so
 * the page never holds a whole run (the cluster's own trace is bounded and
 * frames carry only recent events).
 */
import type { MessageType, Role, ServerId } from '../engine';

export interface SpaceTimeQuery {
  /** The simulated time span in view (ms). */
  fromMs: number;
  toMs: number;
  /** Screen pixels per simulated ms: decides when arrows are too dense to draw one by one. */
  pxPerMs: number;
  /** Show heartbeats (AppendEntries without entries, and their replies). */
  heartbeats: boolean;
}

export type MessageOutcome = 'delivered' | 'dropped' | 'inFlight';

/** One message of the run. Client ends are negative addresses (client k is -k, §8). */
export interface SpaceTimeMessage {
  id: number;
  type: MessageType;
  from: ServerId;
  to: ServerId;
  term: number;
  sentAt: number;
  /** When the network will hand it over (or find it cannot). */
  deliverAt: number;
  /** The event that sent it (0 when unknown). */
  sentN: number;
  /** Delivery or drop time; null while in flight. */
  endAt: number | null;
  /** The event that delivered or dropped it (0 while in flight). */
  endN: number;
  outcome: MessageOutcome;
  /** A copy made by the network's duplication or by the user. */
  duplicate: boolean;
  /** An AppendEntries without entries (§5.2 heartbeat), or a reply to one. */
  heartbeat: boolean;
  /** AppendEntries: how many entries it carries. */
  entries?: number;
}

/** One stretch of a server's life with the same role, term and condition. */
export interface LaneSegment {
  server: ServerId;
  fromMs: number;
  /** Exclusive end (the head's time for the last segment). */
  toMs: number;
  /** The event that began it (0: the start of the run). */
  n: number;
  role: Role;
  term: number;
  alive: boolean;
  connected: boolean;
}

/** Arrows summed per lane pair and time bucket where they would be drawn closer than ~2 px apart. */
export interface MessageBand {
  from: ServerId;
  to: ServerId;
  /** The bucket's span of send times. */
  fromMs: number;
  toMs: number;
  count: number;
  dropped: number;
}

/** A client operation (§8) as drawn on its client's lane: invocation to response. */
export interface SpaceTimeOperation {
  clientId: number;
  seq: number;
  kind: 'write' | 'read';
  /** The command written or the key read: user text, rendered as text only. */
  text: string;
  /** A read's value (null: the key was unset); undefined for writes or no answer yet. */
  value?: string | null;
  answered: boolean;
  callTime: number;
  callN: number;
  /** Null while unanswered. */
  returnTime: number | null;
  returnN: number;
  /** Not linearizable: one of the operations no consistent order could place (Porcupine's highlight). */
  flagged: boolean;
}

export type SpaceTimeVerdict = 'ok' | 'illegal' | 'unknown';

export interface SpaceTimeWindow {
  fromMs: number;
  toMs: number;
  /** Where the branch has got to (in-flight messages reach it). */
  headMs: number;
  /** Servers and clients that have a lane (every one seen in this branch). */
  servers: ServerId[];
  clients: number[];
  segments: LaneSegment[];
  /** Messages drawn one by one (empty when aggregated). */
  messages: SpaceTimeMessage[];
  /** Messages summed up when zoomed out too far (empty otherwise). */
  bands: MessageBand[];
  /** Messages in view after the heartbeat filter (drawn or summed). */
  visibleCount: number;
  operations: SpaceTimeOperation[];
  /** Linearizability of the clients' history (null: no client operation yet). */
  verdict: SpaceTimeVerdict | null;
}
