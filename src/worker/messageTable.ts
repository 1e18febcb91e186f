/**
 * Every message of a branch, one row per message id, in typed columns rather
 * than one object per message. A one-hour run sends about half a million
 * messages; as objects they made the worker's heap ~160 MB larger, and every
 * seek's full collection had to walk them all (issue 10: the worst seek was a
 * mark-compact of that heap). Columns are a few flat buffers the collector
 * does not look inside, ~80 bytes a message. A row is turned back into a
 * SpaceTimeMessage only when a window shows it.
 */
import type { MessageType } from '../engine';
import type { MessageBand, MessageOutcome, SpaceTimeMessage } from './spaceTimeTypes';

/** Row states: 0 is "no message recorded with this id". */
const OUTCOME_CODES: readonly (MessageOutcome | null)[] = [null, 'inFlight', 'delivered', 'dropped'];
const DUPLICATE = 1;
const HEARTBEAT = 2;

type Columns = {
  outcome: Uint8Array;
  flags: Uint8Array;
  type: Uint8Array;
  from: Int32Array;
  to: Int32Array;
  /** AppendEntries: entries carried; -1 for other types. */
  entries: Int32Array;
  term: Float64Array;
  sentAt: Float64Array;
  deliverAt: Float64Array;
  sentN: Float64Array;
  /** NaN while in flight. */
  endAt: Float64Array;
  endN: Float64Array;
  /** Send time by id, non-decreasing (a hole takes its predecessor's time): the binary search's key. */
  sendKey: Float64Array;
  /** The event that sent each id, from the events' `sent` lists (NaN: not known yet). */
  senderN: Float64Array;
};

function allocate(capacity: number): Columns {
  return {
    outcome: new Uint8Array(capacity),
    flags: new Uint8Array(capacity),
    type: new Uint8Array(capacity),
    from: new Int32Array(capacity),
    to: new Int32Array(capacity),
    entries: new Int32Array(capacity),
    term: new Float64Array(capacity),
    sentAt: new Float64Array(capacity),
    deliverAt: new Float64Array(capacity),
    sentN: new Float64Array(capacity),
    endAt: new Float64Array(capacity),
    endN: new Float64Array(capacity),
    sendKey: new Float64Array(capacity),
    senderN: new Float64Array(capacity).fill(NaN),
  };
}

/** The fields a new row is made from (an in-flight message as the network has it). */
export type MessageRow = Omit<SpaceTimeMessage, 'endAt' | 'endN' | 'outcome'>;

export class MessageTable {
  private c: Columns;
  /** One past the highest id with a send key (ids below it have one, holes included). */
  private keyed = 1;
  /** Message types by code (a handful; codes are per table, never stored outside it). */
  private types: MessageType[] = [];

  constructor(capacity = 1024) {
    this.c = allocate(Math.max(2, capacity));
  }

  private grow(id: number): void {
    if (id < this.c.outcome.length) return;
    let capacity = this.c.outcome.length;
    while (capacity <= id) capacity *= 2;
    const next = allocate(capacity);
    for (const k of Object.keys(next) as (keyof Columns)[]) (next[k] as Float64Array).set(this.c[k] as Float64Array);
    this.c = next;
  }

  has(id: number): boolean {
    return id > 0 && id < this.c.outcome.length && this.c.outcome[id] !== 0;
  }

  /** Note which event sent message `id` (before the message itself may be recorded). */
  noteSender(id: number, n: number): void {
    this.grow(id);
    this.c.senderN[id] = n;
  }

  /** The event that sent `id`, if the events' `sent` lists named it. */
  senderOf(id: number): number | undefined {
    const n = id < this.c.senderN.length ? this.c.senderN[id]! : NaN;
    return Number.isNaN(n) ? undefined : n;
  }

  add(row: MessageRow): void {
    const { id } = row;
    this.grow(id);
    const c = this.c;
    let code = this.types.indexOf(row.type);
    if (code < 0) code = this.types.push(row.type) - 1;
    c.outcome[id] = 1;
    c.flags[id] = (row.duplicate ? DUPLICATE : 0) | (row.heartbeat ? HEARTBEAT : 0);
    c.type[id] = code;
    c.from[id] = row.from;
    c.to[id] = row.to;
    c.entries[id] = row.entries ?? -1;
    c.term[id] = row.term;
    c.sentAt[id] = row.sentAt;
    c.deliverAt[id] = row.deliverAt;
    c.sentN[id] = row.sentN;
    c.endAt[id] = NaN;
    c.endN[id] = 0;
    for (let k = this.keyed; k < id; k++) c.sendKey[k] = k === 1 ? 0 : c.sendKey[k - 1]!;
    c.sendKey[id] = row.sentAt;
    this.keyed = Math.max(this.keyed, id + 1);
  }

  /** The message ended at event `n`, time `at`: handed over, or lost. */
  end(id: number, at: number, n: number, delivered: boolean): void {
    this.c.endAt[id] = at;
    this.c.endN[id] = n;
    this.c.outcome[id] = delivered ? 2 : 3;
  }

  sentAt(id: number): number {
    return this.c.sentAt[id]!;
  }

  /** When the message ended, or null while in flight. */
  endAt(id: number): number | null {
    const t = this.c.endAt[id]!;
    return Number.isNaN(t) ? null : t;
  }

  isHeartbeat(id: number): boolean {
    return (this.c.flags[id]! & HEARTBEAT) !== 0;
  }

  /** The first id whose send time is >= t (one past the last keyed id if none). */
  firstSentAtOrAfter(t: number): number {
    const key = this.c.sendKey;
    let lo = 1;
    let hi = this.keyed;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (key[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * The ids in [lo, hi) of messages in view: recorded, sent by `toMs`, not
   * ended before `fromMs` (in flight counts as ending at `headMs`), heartbeats
   * only if asked. One pass over the columns, no per-message calls: a window
   * over a whole long run looks at every message.
   */
  visibleIn(lo: number, hi: number, fromMs: number, toMs: number, headMs: number, heartbeats: boolean): number[] {
    const { outcome, flags, sentAt, endAt } = this.c;
    const end = Math.min(hi, outcome.length);
    const out: number[] = [];
    for (let id = Math.max(1, lo); id < end; id++) {
      if (outcome[id] === 0 || (!heartbeats && (flags[id]! & HEARTBEAT) !== 0) || sentAt[id]! > toMs) continue;
      const e = endAt[id]!;
      if ((e !== e ? headMs : e) >= fromMs) out.push(id);
    }
    return out;
  }

  /** Row `id` as the page gets it (undefined when no message has that id). */
  row(id: number): SpaceTimeMessage | undefined {
    if (!this.has(id)) return undefined;
    const c = this.c;
    const endAt = c.endAt[id]!;
    const m: SpaceTimeMessage = {
      id,
      type: this.types[c.type[id]!]!,
      from: c.from[id]!,
      to: c.to[id]!,
      term: c.term[id]!,
      sentAt: c.sentAt[id]!,
      deliverAt: c.deliverAt[id]!,
      sentN: c.sentN[id]!,
      endAt: Number.isNaN(endAt) ? null : endAt,
      endN: c.endN[id]!,
      outcome: OUTCOME_CODES[c.outcome[id]!]!,
      duplicate: (c.flags[id]! & DUPLICATE) !== 0,
      heartbeat: (c.flags[id]! & HEARTBEAT) !== 0,
    };
    if (c.entries[id]! >= 0) m.entries = c.entries[id]!;
    return m;
  }

  /** Messages `ids` summed per lane pair and bucket of send time. */
  bands(ids: readonly number[], originMs: number, bucketMs: number): MessageBand[] {
    const c = this.c;
    // A number per (from, to, bucket), not a string: a zoomed-out window of a long run sums ~200,000 messages.
    // Addresses are server ids and -client ids, far inside ±2^9.
    const bands = new Map<number, MessageBand>();
    for (const id of ids) {
      const b = Math.floor((c.sentAt[id]! - originMs) / bucketMs);
      const key = (b * 1024 + (c.from[id]! + 512)) * 1024 + (c.to[id]! + 512);
      let band = bands.get(key);
      if (!band) bands.set(key, (band = { from: c.from[id]!, to: c.to[id]!, fromMs: originMs + b * bucketMs, toMs: originMs + (b + 1) * bucketMs, count: 0, dropped: 0 }));
      band.count++;
      if (c.outcome[id] === 3) band.dropped++;
    }
    return [...bands.values()];
  }

  /** How many messages are recorded. */
  count(): number {
    let n = 0;
    for (let id = 1; id < this.keyed; id++) if (this.c.outcome[id] !== 0) n++;
    return n;
  }

  /** The clients that sent or were sent a message (client k is address -k, §8). */
  clientIds(): Set<number> {
    const ids = new Set<number>();
    for (let id = 1; id < this.keyed; id++) {
      if (this.c.outcome[id] === 0) continue;
      if (this.c.from[id]! < 0) ids.add(-this.c.from[id]!);
      if (this.c.to[id]! < 0) ids.add(-this.c.to[id]!);
    }
    return ids;
  }

  /**
   * The table of a branch forked just after event `n`, when ids from
   * `nextId` on were not yet handed out: later rows are gone and messages
   * that ended after `n` are on the wire again (their ids are returned).
   */
  forkAt(n: number, nextId: number): { table: MessageTable; reopened: number[] } {
    const t = new MessageTable(nextId + 1);
    const upTo = Math.min(nextId, this.c.outcome.length);
    for (const k of Object.keys(this.c) as (keyof Columns)[]) (t.c[k] as Float64Array).set((this.c[k] as Float64Array).subarray(0, upTo));
    t.types = [...this.types];
    t.keyed = Math.min(this.keyed, nextId);
    const reopened: number[] = [];
    for (let id = 1; id < upTo; id++) {
      if (t.c.outcome[id]! >= 2 && t.c.endN[id]! > n) {
        t.c.outcome[id] = 1;
        t.c.endAt[id] = NaN;
        t.c.endN[id] = 0;
        reopened.push(id);
      }
    }
    return { table: t, reopened };
  }
}
