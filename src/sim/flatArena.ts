/**
 * Plain objects (messages, notes) flattened into columns of values, so that a
 * long-lived store of them holds numbers and shared constants instead of one
 * object per record.
 *
 * Why (issue 14): the trace ring kept each delivered message and each step's
 * notes for 20,000 events, so every one of them outlived the young generation:
 * the collector copied it twice (to the survivor space, then to the old
 * generation) and later had to mark and sweep it there. Flattened, the objects
 * die young, where dying costs nothing; the ring holds numbers in typed arrays,
 * strings as numbers in a table of the few the engine uses, arrays as their
 * length and elements, and references only to what outlives the event anyway
 * (log entries, configurations). An object is
 * rebuilt, with the same keys in the same order, only when a record is asked
 * for (trace(), traceSince(), lastEvent).
 *
 * Records are written and evicted in order (the ring's oldest first), so values
 * and references each live in one circular buffer (RingSpace), which grows by
 * copying the live records when a new one would overwrite a live one. On this
 * machine fresh memory is dear (a Float64Array of 8 MB takes hundreds of ms of
 * page faults under load), so the buffers are reused once grown and hold as
 * little as possible: 9 bytes per value, and a reference slot only for objects.
 */
import { envelopeAt, shapeOf, shapes, shapesByTag, stringId, strings, type Envelope } from './flatLayouts';
import { RingSpace } from './ringSpace';

export type { Envelope } from './flatLayouts';

/** How a value is stored: a number in `nums`, a constant, a string of the table, or a reference. */
const NUM = 0;
const UNDEFINED = 1;
const NULL = 2;
const TRUE = 3;
const FALSE = 4;
const STRING = 5;
const REF = 6;
/** Free slots a record is written into in place; a longer record is staged first. */
const HEADROOM = 1024;
/** The discriminant (`type` or `kind`): implied by the layout, so not stored. */
const TAG = 7;
/** An array: its length here, its elements after it. */
const ARRAY = 8;

/**
 * A circular store of flattened records, each a message (or none) and a list of
 * notes: the part of a trace record that is made of objects. Records are
 * numbered consecutively from 0 as they are put; the oldest is evicted first.
 */
export class FlatArena {
  private nums: Float64Array;
  private tags: Uint8Array;
  private refs: unknown[] = [];
  private readonly values: RingSpace;
  private readonly objects: RingSpace;
  /**
   * Where the record being put is written: straight into the ring, in a run of
   * HEADROOM free slots (a record's length is known only at its end), or, for a
   * record longer than that, into the staging arrays first.
   */
  private wNums: Float64Array;
  private wTags: Uint8Array;
  private wPos = 0;
  private wLimit = 0;
  private direct = false;
  /** A direct write ran past its headroom: the record is put again, staged. */
  private overflow = false;
  private stageNums = new Float64Array(256);
  private stageTags = new Uint8Array(256);
  private stageRefs: unknown[] = [];
  private stagedRefs = 0;
  private cursor = 0;
  private refCursor = 0;

  constructor(maxRecords: number, initialCapacity = 1024) {
    this.values = new RingSpace(maxRecords, initialCapacity);
    this.objects = new RingSpace(maxRecords, 0);
    this.nums = new Float64Array(initialCapacity);
    this.tags = new Uint8Array(initialCapacity);
    this.wNums = this.stageNums;
    this.wTags = this.stageTags;
  }

  /**
   * Flatten `message` (discriminated by `type`), followed by its envelope's
   * fields if it has one, and `notes` (by `kind`); returns the record's number.
   */
  put(message: { type: string } | undefined, notes: readonly { kind: string }[], wire: Envelope | null = null): number {
    // Written in place (issue 14: staging every record and copying it was a fifth of put's time).
    let at = this.values.fit(HEADROOM);
    if (at < 0) at = this.growValues(HEADROOM);
    this.direct = true;
    this.overflow = false;
    this.wNums = this.nums;
    this.wTags = this.tags;
    this.wLimit = at + HEADROOM;
    this.writeRecord(at, message, notes, wire);
    let len = this.wPos - at;
    if (this.overflow) {
      this.direct = false;
      this.wNums = this.stageNums;
      this.wTags = this.stageTags;
      this.wLimit = this.stageNums.length;
      this.writeRecord(0, message, notes, wire);
      len = this.wPos;
      at = this.values.fit(len);
      if (at < 0) at = this.growValues(len);
      this.nums.set(this.wNums.subarray(0, len), at);
      this.tags.set(this.wTags.subarray(0, len), at);
    }
    const refLen = this.stagedRefs;
    let ref = this.objects.fit(refLen);
    if (ref < 0) ref = this.growObjects(refLen);
    for (let k = 0; k < refLen; k++) {
      this.refs[ref + k] = this.stageRefs[k];
      this.stageRefs[k] = undefined;
    }
    this.objects.add(ref, refLen);
    const n = this.values.nextN;
    this.values.add(at, len);
    return n;
  }

  private writeRecord(at: number, message: { type: string } | undefined, notes: readonly { kind: string }[], wire: Envelope | null): void {
    this.wPos = at;
    this.stagedRefs = 0;
    if (message === undefined) this.stage(-1);
    else this.stageObject(message, message.type, 'type', wire);
    this.stage(notes.length);
    for (let k = 0; k < notes.length; k++) this.stageObject(notes[k]!, notes[k]!.kind, 'kind', null);
  }

  /**
   * An object's layout, then its values in key order, but the discriminant.
   * One for-in pass reads the keys and the values (V8 loads `o[k]` inside a
   * for-in over `o` by the enum cache's field index, fast however many layouts
   * pass through) and checks them against the layout last seen with this
   * discriminant; a different layout is looked up and the object staged again.
   */
  private stageObject(o: object, tag: string, tagKey: string, wire: Envelope | null): void {
    const from = this.wPos;
    const fromRefs = this.stagedRefs;
    const ids = shapesByTag.get(tag);
    let shapeId = ids !== undefined ? ids[ids.length - 1]! : shapeOf(o, tag, tagKey, wire);
    for (;;) {
      const shape = shapes[shapeId]!;
      const keys = shape.keys;
      this.stage(shapeId);
      let i = 0;
      let same = true;
      const rec = o as Record<string, unknown>;
      for (const k in rec) {
        if (keys[i] !== k) {
          same = false;
          break;
        }
        if (i === shape.tagAt) this.stageTag();
        else this.stage(rec[k]);
        i++;
      }
      if (same && wire !== null) {
        if (envelopeAt(keys, i)) {
          this.stage(wire.id);
          this.stage(wire.sentAt);
          this.stage(wire.time);
          this.stage(wire.lost);
          this.stage(wire.duplicate);
          i += 5;
        } else same = false;
      }
      if (same && i === keys.length) return;
      this.wPos = from;
      this.stagedRefs = fromRefs;
      shapeId = shapeOf(o, tag, tagKey, wire);
      const last = shapesByTag.get(tag)!;
      // The layout just met goes last: the next object of this kind most likely has it too.
      last.splice(last.indexOf(shapeId), 1);
      last.push(shapeId);
    }
  }

  /** The next slot to write; past the headroom of a direct write, the last one again (the record is then put again, staged). */
  private room(): number {
    const i = this.wPos;
    if (i < this.wLimit) {
      this.wPos = i + 1;
      return i;
    }
    if (this.direct) {
      this.overflow = true;
      return i - 1;
    }
    const nums = new Float64Array(i * 2);
    nums.set(this.stageNums);
    const tags = new Uint8Array(i * 2);
    tags.set(this.stageTags);
    this.stageNums = this.wNums = nums;
    this.stageTags = this.wTags = tags;
    this.wLimit = i * 2;
    this.wPos = i + 1;
    return i;
  }

  private stageTag(): void {
    const i = this.room();
    this.wTags[i] = TAG;
  }

  private stage(v: unknown): void {
    // (Only NUM, STRING and ARRAY read their number: the others leave it as it was.)
    const i = this.room();
    if (typeof v === 'number') {
      this.wTags[i] = NUM;
      this.wNums[i] = v;
    } else if (v === undefined) this.wTags[i] = UNDEFINED;
    else if (v === null) this.wTags[i] = NULL;
    else if (v === true) this.wTags[i] = TRUE;
    else if (v === false) this.wTags[i] = FALSE;
    else if (Array.isArray(v)) {
      // Arrays are flattened too (an AppendEntries' entries, a note's server list):
      // as references they outlived the young generation, one per heartbeat. Their
      // elements that are objects (log entries, shared with the logs) stay references.
      this.wTags[i] = ARRAY;
      this.wNums[i] = v.length;
      for (let k = 0; k < v.length; k++) this.stage(v[k]);
    } else {
      const id = typeof v === 'string' ? stringId(v) : -1;
      if (id >= 0) {
        this.wTags[i] = STRING;
        this.wNums[i] = id;
      } else {
        this.wTags[i] = REF;
        this.stageRefs[this.stagedRefs++] = v;
      }
    }
  }

  /** Forget the oldest live record (the ring overwrote its slot): drop its references. */
  evictOldest(): void {
    const n = this.objects.oldestN;
    if (n === this.objects.nextN) return;
    const start = this.objects.start(n);
    const end = start + this.objects.length(n);
    for (let i = start; i < end; i++) this.refs[i] = undefined;
    this.objects.evict();
    this.values.evict();
  }

  /** The message of record `n` (rebuilt: a new object with the same keys in the same order). */
  message<T>(n: number): T | undefined {
    this.open(n);
    if (this.nums[this.cursor] === -1) return undefined;
    return this.readObject<T>();
  }

  /** The notes of record `n` (rebuilt; `none` when there are none). */
  notes<T>(n: number, none: T[]): T[] {
    this.open(n);
    if (this.nums[this.cursor] === -1) this.cursor++;
    else this.readObject<unknown>();
    const count = this.read() as number;
    if (count === 0) return none;
    const out = new Array<T>(count);
    for (let k = 0; k < count; k++) out[k] = this.readObject<T>();
    return out;
  }

  private open(n: number): void {
    this.cursor = this.values.start(n);
    this.refCursor = this.objects.start(n);
  }

  private read(): unknown {
    const i = this.cursor++;
    switch (this.tags[i]) {
      case NUM:
        return this.nums[i];
      case UNDEFINED:
        return undefined;
      case NULL:
        return null;
      case TRUE:
        return true;
      case FALSE:
        return false;
      case STRING:
        return strings[this.nums[i]!];
      case ARRAY: {
        const out = new Array<unknown>(this.nums[i]!);
        for (let k = 0; k < out.length; k++) out[k] = this.read();
        return out;
      }
      default:
        return this.refs[this.refCursor++];
    }
  }

  private readObject<T>(): T {
    const shape = shapes[this.read() as number]!;
    const o: Record<string, unknown> = {};
    for (let k = 0; k < shape.keys.length; k++) {
      if (this.tags[this.cursor] === TAG) {
        this.cursor++;
        o[shape.keys[k]!] = shape.tag;
      } else o[shape.keys[k]!] = this.read();
    }
    return o as T;
  }

  private growValues(len: number): number {
    const capacity = this.values.grown(len);
    const nums = new Float64Array(capacity);
    const tags = new Uint8Array(capacity);
    // Records follow one another with at most a gap where the ring wrapped: copy
    // each run of adjacent records at once (a subarray per record was 36 bytes of
    // garbage per event while the ring grew).
    let to = 0;
    let runFrom = 0;
    let runEnd = -1;
    const copyRun = (): void => {
      if (runEnd <= runFrom) return;
      nums.set(this.nums.subarray(runFrom, runEnd), to);
      tags.set(this.tags.subarray(runFrom, runEnd), to);
      to += runEnd - runFrom;
    };
    for (let n = this.values.oldestN; n < this.values.nextN; n++) {
      const from = this.values.start(n);
      const size = this.values.length(n);
      if (size === 0) continue;
      if (from !== runEnd) {
        copyRun();
        runFrom = from;
      }
      runEnd = from + size;
    }
    copyRun();
    this.nums = nums;
    this.tags = tags;
    this.values.packed(capacity);
    return to;
  }

  private growObjects(len: number): number {
    const capacity = this.objects.grown(len);
    const refs: unknown[] = [];
    for (let n = this.objects.oldestN; n < this.objects.nextN; n++) {
      const from = this.objects.start(n);
      const size = this.objects.length(n);
      for (let j = 0; j < size; j++) refs.push(this.refs[from + j]);
    }
    const to = refs.length;
    // Packed (pushed, not `new Array(n)`, which V8 makes a hash table past ~32,000 elements).
    while (refs.length < capacity) refs.push(undefined);
    this.refs = refs;
    this.objects.packed(capacity);
    return to;
  }
}
