/**
 * The trace: one record per event, in order. The newest `limit` records are
 * kept (a ring, so memory stays bounded however long the run); a rolling hash
 * covers every event ever processed, so two runs can be compared exactly even
 * when their early records are gone.
 */
import type { Message, Note, ServerId } from '../engine';
import { hashString, mix } from './hash';
import { inFlightMessage, type DeliveryFailure, type InFlightMessage, type WireFields } from './network';
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
  return hashFields(h, e.n, e.time, e.kind, e.server, e.message, e.message?.id ?? 0, e.sent, e.notes.length, e.detail, e.client);
}

/** hashEvent from the record's fields, for a record that is never built as an object (recordStep). */
export function hashFields(
  h: number,
  n: number,
  time: number,
  kind: TraceKind,
  server: ServerId | null,
  /** The message (its type and term are hashed) and its id on the wire. */
  message: Pick<Message, 'type' | 'term'> | undefined,
  messageId: number,
  sent: readonly number[],
  notes: number,
  detail: string | undefined,
  client: number | undefined,
): number {
  h = mix(h, n);
  h = mix(h, Math.round(time * 1000));
  h = mix(h, KIND_CODE[kind]);
  h = mix(h, server ?? 0);
  if (message) {
    h = mix(h, messageId);
    h = mix(h, TYPE_CODE[message.type]);
    h = mix(h, message.term);
  }
  for (let k = 0; k < sent.length; k++) h = mix(h, sent[k]!);
  h = mix(h, notes);
  if (detail !== undefined) h = mix(h, hashString(detail));
  if (client !== undefined) h = mix(h, client + 0x40000);
  return h;
}

/**
 * Shared empty lists for the many records with no notes or no messages sent
 * (heartbeat replies, drops, timers that find nothing to do): frozen, so one
 * array serves them all and the retained trace holds no empty arrays of its own.
 */
export const NO_NOTES: Note[] = Object.freeze([]) as unknown as Note[];
export const NO_SENT: number[] = Object.freeze([]) as unknown as number[];

/** The rarely set fields of a record, kept together (null in the ring when none is set). */
export interface RareFields {
  failure: DeliveryFailure | undefined;
  detail: string | undefined;
  action: UserAction | undefined;
  client: number | undefined;
  clientOutcome: ClientOutcome | undefined;
}

/** KINDS[code]: the kind a KIND_CODE stands for. */
const KINDS: TraceKind[] = [];
for (const [kind, code] of Object.entries(KIND_CODE)) KINDS[code] = kind as TraceKind;
/** A sent list that is not a run of consecutive ids (a user's duplicate came between): kept whole. */
const SENT_LISTED = -1;
/** A recent record's envelope flags (TraceBuffer.recentWireFlags). */
const WIRE = 1;
const WIRE_LOST = 2;
const WIRE_DUPLICATE = 4;

/** A record's message and notes as a replay of the run made them again (traceReplay.ts). */
export interface RebuiltParts {
  n: number;
  time: number;
  kind: TraceKind;
  server: ServerId | null;
  message: InFlightMessage | undefined;
  notes: Note[];
}

/**
 * Makes records `from`..`to` again by replaying the run from a checkpoint
 * (traceReplay.ts); returns them oldest first.
 */
export type TraceRebuilder = (from: number, to: number) => RebuiltParts[];

/**
 * Records whose message and notes the ring keeps as the objects themselves
 * when the run can replay older ones (RaftCluster: traceReplay.ts). Why 2,048:
 * a record this young is mostly still in the young generation at a scavenge,
 * so keeping it costs the collector little (1,024 measured no better), and it
 * covers what the worker asks for each frame (MAX_EVENTS_PER_FRAME, 2,000) and
 * the event log's context after a seek (200), which then never replay.
 */
export const RECENT_RECORDS = 2048;

/**
 * The newest `limit` records, in a ring of columns: once full, each new record
 * overwrites the oldest slot, so keeping the trace costs no copying however long
 * the run. Each event's small fields go into columns (its time, kind, server;
 * the ids it sent as first id and count, since they are almost always
 * consecutive); a record is built again only when asked for (trace(),
 * traceSince(), lastEvent).
 *
 * Its message and notes are kept, as the objects themselves, only for the
 * newest `recent` records. Issue 14: keeping every record's objects for 20,000
 * events made the collector copy each of them twice before it died in the old
 * generation, and flattening them into typed arrays instead cost a third of
 * the simulator's time. An older record's message and notes are made again when
 * asked for, by `rebuild`: the run is deterministic, so replaying it from a
 * checkpoint with the same user actions makes the same objects. Without a
 * rebuilder (a world made directly, a replay's own world), `recent` is the
 * whole ring.
 */
export class TraceBuffer {
  private time: number[] = [];
  private kind: number[] = [];
  private server: (ServerId | null)[] = [];
  /** First id sent (or SENT_LISTED: the list is in `lists`), and how many. */
  private sentFirst: number[] = [];
  private sentCount: number[] = [];
  private rare: (RareFields | null)[] = [];
  private lists: (number[] | null)[] = [];
  /** Slot of the oldest record once the ring is full (the next one to overwrite). */
  private head = 0;
  /** Number of the newest record kept (records are numbered consecutively). */
  private lastN = 0;
  /** The newest `recent` records' message and notes, by record number modulo `recent`. */
  private recentMessage: (Message | InFlightMessage | undefined)[] = [];
  private recentNotes: Note[][] = [];
  /**
   * A delivered message's envelope (WireFields), by record number modulo
   * `recent`, as numbers: WIRE (and LOST, DUPLICATE) in `recentWireFlags`, 0
   * for a record that delivered nothing. Kept as numbers, not as the delivery
   * event itself: holding on to 2,048 events made every young-generation
   * collection copy them, for fields the record rarely shows (the collector's
   * share of the steady bench, 9.7-9.8 % with the events, 9.3-9.5 % without).
   */
  private recentWireFlags: number[] = [];
  private recentWireId: number[] = [];
  private recentSentAt: number[] = [];
  private recentDeliverAt: number[] = [];
  /** The InFlightMessage a record shows, once made (or the delivery's own, when it had one): made once, then shared. */
  private recentShown: (InFlightMessage | null)[] = [];
  private readonly recent: number;

  /** Slots: the newest `limit` records, and at least the newest one (lastEvent). */
  private readonly capacity: number;

  constructor(
    private readonly limit: number,
    recent = limit,
    private readonly rebuild: TraceRebuilder | null = null,
  ) {
    this.capacity = Math.max(limit, 1);
    this.recent = rebuild === null ? this.capacity : Math.max(1, Math.min(this.capacity, recent));
  }

  push(e: TraceEvent): void {
    const rare = e.failure !== undefined || e.detail !== undefined || e.action !== undefined || e.client !== undefined || e.clientOutcome !== undefined;
    this.pushFields(e.n, e.time, e.kind, e.server, e.message, null, e.notes, e.sent, rare ? { failure: e.failure, detail: e.detail, action: e.action, client: e.client, clientOutcome: e.clientOutcome } : null);
  }

  /**
   * push() from the record's fields (recordStep: a server step's record is never
   * built as an object). A delivered message comes as the engine's message and
   * its envelope (`wire`): the record shows them as the one InFlightMessage.
   * `notes` and `sent` may be reused lists: both are copied.
   */
  pushFields(n: number, time: number, kind: TraceKind, server: ServerId | null, message: Message | InFlightMessage | undefined, wire: WireFields | null, notes: readonly Note[], sent: readonly number[], rare: RareFields | null): void {
    let slot = this.time.length;
    if (slot >= this.capacity) {
      slot = this.head;
      this.head = slot + 1 === this.capacity ? 0 : slot + 1;
    }
    this.lastN = n;
    this.time[slot] = time;
    this.kind[slot] = KIND_CODE[kind];
    this.server[slot] = server;
    const r = n % this.recent;
    this.recentMessage[r] = message;
    if (wire === null) {
      this.recentWireFlags[r] = 0;
      this.recentShown[r] = null;
    } else {
      this.recentWireFlags[r] = WIRE | (wire.lost ? WIRE_LOST : 0) | (wire.duplicate ? WIRE_DUPLICATE : 0);
      this.recentWireId[r] = wire.id;
      this.recentSentAt[r] = wire.sentAt;
      this.recentDeliverAt[r] = wire.time;
      this.recentShown[r] = wire.shown;
    }
    this.recentNotes[r] = notes.length === 0 ? NO_NOTES : notes.slice();
    let consecutive = true;
    for (let k = 1; k < sent.length; k++) if (sent[k] !== sent[0]! + k) consecutive = false;
    this.sentFirst[slot] = consecutive ? (sent[0] ?? 0) : SENT_LISTED;
    this.sentCount[slot] = sent.length;
    this.lists[slot] = consecutive ? null : sent.slice();
    this.rare[slot] = rare;
  }

  /** The newest record (kept even with limit 0: it is the run's lastEvent), or null before the first. */
  newest(): TraceEvent | null {
    const size = this.time.length;
    if (size === 0) return null;
    const slot = this.head === 0 ? size - 1 : this.head - 1;
    return this.at(slot, this.lastN, null);
  }

  /** Put the user action on retained record `n` (apply() does, once the handler has run). */
  setAction(n: number, action: UserAction): void {
    const size = this.time.length;
    const k = n - (this.lastN - size + 1);
    if (k < 0 || k >= size) return;
    const slot = this.head + k < size ? this.head + k : this.head + k - size;
    const rare = this.rare[slot];
    if (rare) rare.action = action;
    else this.rare[slot] = { failure: undefined, detail: undefined, action, client: undefined, clientOutcome: undefined };
  }

  /**
   * The record in `slot`, numbered `n`, built from the columns (the same fields,
   * in the same order, as record() made): its message and notes from the recent
   * ring, or from `rebuilt` for an older record.
   */
  private at(slot: number, n: number, rebuilt: RebuiltParts | null): TraceEvent {
    const first = this.sentFirst[slot]!;
    const count = this.sentCount[slot]!;
    let sent: number[];
    if (first === SENT_LISTED) sent = this.lists[slot]!;
    else if (count === 0) sent = NO_SENT;
    else {
      sent = new Array<number>(count);
      for (let k = 0; k < count; k++) sent[k] = first + k;
    }
    const rare = this.rare[slot];
    let message: InFlightMessage | undefined;
    let notes: Note[];
    if (rebuilt !== null) {
      message = rebuilt.message;
      notes = rebuilt.notes;
    } else {
      const r = n % this.recent;
      const flags = this.recentWireFlags[r]!;
      if (flags === 0) message = this.recentMessage[r] as InFlightMessage | undefined;
      else {
        message = this.recentShown[r] ?? undefined;
        if (message === undefined) {
          const wire: WireFields = {
            message: this.recentMessage[r] as Message,
            id: this.recentWireId[r]!,
            sentAt: this.recentSentAt[r]!,
            time: this.recentDeliverAt[r]!,
            lost: (flags & WIRE_LOST) !== 0,
            duplicate: (flags & WIRE_DUPLICATE) !== 0,
            shown: null,
          };
          message = this.recentShown[r] = inFlightMessage(wire);
        }
      }
      notes = this.recentNotes[r]!;
      if (notes.length > 0) notes = notes.slice();
    }
    return {
      n,
      time: this.time[slot]!,
      kind: KINDS[this.kind[slot]!]!,
      server: this.server[slot]!,
      message,
      failure: rare?.failure,
      notes,
      sent,
      detail: rare?.detail,
      action: rare?.action,
      client: rare?.client,
      clientOutcome: rare?.clientOutcome,
    };
  }

  /** Retained events numbered above `n`, oldest first (events are numbered consecutively). */
  since(n: number): TraceEvent[] {
    const size = this.time.length;
    const kept = Math.min(size, this.limit);
    if (kept === 0) return [];
    const firstN = this.lastN - size + 1;
    // Slot offsets (from the oldest slot) of the retained records wanted: at most the newest `limit`.
    const from = Math.min(size, Math.max(size - kept, n + 1 - firstN));
    const out = new Array<TraceEvent>(size - from);
    // Records older than the recent ring are made again, all in one replay.
    const oldestRecent = this.lastN - this.recent + 1;
    const fromN = firstN + from;
    const rebuilt = fromN < oldestRecent ? this.rebuilt(fromN, oldestRecent - 1) : null;
    for (let k = from; k < size; k++) {
      const slot = this.head + k < size ? this.head + k : this.head + k - size;
      const recordN = firstN + k;
      out[k - from] = this.at(slot, recordN, rebuilt !== null && recordN < oldestRecent ? rebuilt[recordN - fromN]! : null);
    }
    return out;
  }

  /** Records `from`..`to` made again, checked against the columns: a replay that went another way is a bug, said as one. */
  private rebuilt(from: number, to: number): RebuiltParts[] {
    const parts = this.rebuild!(from, to);
    const size = this.time.length;
    const firstN = this.lastN - size + 1;
    for (let n = from; n <= to; n++) {
      const p = parts[n - from];
      const k = n - firstN;
      const slot = this.head + k < size ? this.head + k : this.head + k - size;
      if (!p || p.n !== n || p.time !== this.time[slot] || KIND_CODE[p.kind] !== this.kind[slot] || p.server !== this.server[slot]) {
        throw new Error(`trace: replaying the run to rebuild event ${n} went another way (${p ? `${p.kind} at ${p.time} ms` : 'no event'}, recorded ${KINDS[this.kind[slot]!]} at ${this.time[slot]} ms); please report this as a bug`);
      }
    }
    return parts;
  }

  toArray(): TraceEvent[] {
    return this.since(-Infinity);
  }

  get size(): number {
    return Math.min(this.time.length, this.limit);
  }
}
