/**
 * The trace: one record per event, in order. The newest `limit` records are
 * kept (a ring, so memory stays bounded however long the run); a rolling hash
 * covers every event ever processed, so two runs can be compared exactly even
 * when their early records are gone.
 */
import type { Message, Note, ServerId } from '../engine';
import { hashString, mix } from './hash';
import type { DeliveryFailure, InFlightMessage } from './network';
import type { UserAction } from './actions';
import type { ClientOutcome } from './clients';

export type TraceKind =
  | 'deliver'
  | 'drop'
  | 'electionTimeout'
  | 'heartbeatTimeout'
  | 'submit'
  | 'crash'
  | 'restart'
  | 'network'
  | 'dropMessage'
  | 'duplicateMessage'
  // Membership, snapshots, transfer, clients:
  | 'addServer'
  | 'removeServer'
  | 'changeMembership'
  | 'transferLeadership'
  | 'snapshot'
  /** A user asked a client to send a request (the event's `client` says which). */
  | 'clientRequest'
  /** A client's retry timer fired. */
  | 'clientTimeout';

export interface TraceEvent {
  /** Event number, from 1. */
  n: number;
  /** Simulated ms. */
  time: number;
  kind: TraceKind;
  /** The server that acted or was acted on (null for network-wide changes). */
  server: ServerId | null;
  /** The message delivered, dropped or duplicated. */
  message?: InFlightMessage;
  /** Why a message was not delivered. */
  failure?: DeliveryFailure;
  /** What the server did and why (empty for non-server events). */
  notes: Note[];
  /** Ids of the messages this event sent. */
  sent: number[];
  /** For user actions: what was done, in words (e.g. "partition [1,2] [3,4,5]", a submitted command). */
  detail?: string;
  /** The user action this event carried out: the very object apply() applied (absent for events the run made on its own). */
  action?: UserAction;
  /** Client events (and messages delivered to or dropped before a client): which client, and what it did. */
  client?: number;
  clientOutcome?: ClientOutcome;
}

const KIND_CODE: Record<TraceKind, number> = {
  deliver: 1,
  drop: 2,
  electionTimeout: 3,
  heartbeatTimeout: 4,
  submit: 5,
  crash: 6,
  restart: 7,
  network: 8,
  dropMessage: 9,
  duplicateMessage: 10,
  addServer: 11,
  removeServer: 12,
  changeMembership: 13,
  transferLeadership: 14,
  snapshot: 15,
  clientRequest: 16,
  clientTimeout: 17,
};

const TYPE_CODE: Record<Message['type'], number> = {
  RequestVote: 1,
  RequestVoteReply: 2,
  AppendEntries: 3,
  AppendEntriesReply: 4,
  PreVote: 5,
  PreVoteReply: 6,
  InstallSnapshot: 7,
  InstallSnapshotReply: 8,
  TimeoutNow: 9,
  ClientRequest: 10,
  ClientReply: 11,
};

/** Fold one event into the run's fingerprint (cheap: numbers only, plus the detail text). */
export function hashEvent(h: number, e: TraceEvent): number {
  h = mix(h, e.n);
  h = mix(h, Math.round(e.time * 1000));
  h = mix(h, KIND_CODE[e.kind]);
  h = mix(h, e.server ?? 0);
  if (e.message) {
    h = mix(h, e.message.id);
    h = mix(h, TYPE_CODE[e.message.type]);
    h = mix(h, e.message.term);
  }
  for (const id of e.sent) h = mix(h, id);
  h = mix(h, e.notes.length);
  if (e.detail !== undefined) h = mix(h, hashString(e.detail));
  if (e.client !== undefined) h = mix(h, e.client + 0x40000);
  return h;
}

/**
 * Shared empty lists for the many records with no notes or no messages sent
 * (heartbeat replies, drops, timers that find nothing to do): frozen, so one
 * array serves them all and the retained trace holds no empty arrays of its own.
 */
export const NO_NOTES: Note[] = Object.freeze([]) as unknown as Note[];
export const NO_SENT: number[] = Object.freeze([]) as unknown as number[];

/**
 * The newest `limit` records, in a ring: once full, each new record overwrites
 * the oldest in place, so keeping the trace costs no copying however long the run.
 */
export class TraceBuffer {
  private buf: TraceEvent[] = [];
  /** Slot of the oldest record once the ring is full (the next one to overwrite). */
  private head = 0;

  constructor(private readonly limit: number) {}

  push(e: TraceEvent): void {
    if (this.limit === 0) return;
    if (this.buf.length < this.limit) {
      this.buf.push(e);
      return;
    }
    this.buf[this.head] = e;
    this.head = this.head + 1 === this.limit ? 0 : this.head + 1;
  }

  /** Retained events numbered above `n`, oldest first (events are numbered consecutively). */
  since(n: number): TraceEvent[] {
    const size = this.buf.length;
    if (size === 0) return [];
    const firstN = this.buf[this.head]!.n;
    const from = Math.min(size, Math.max(0, n + 1 - firstN));
    const out = new Array<TraceEvent>(size - from);
    for (let k = from; k < size; k++) {
      const slot = this.head + k;
      out[k - from] = this.buf[slot < size ? slot : slot - size]!;
    }
    return out;
  }

  toArray(): TraceEvent[] {
    return this.since(-Infinity);
  }

  get size(): number {
    return this.buf.length;
  }
}
