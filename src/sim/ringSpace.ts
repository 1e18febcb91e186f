/**
 * Where records go in a circular buffer (flatArena.ts keeps two: values and
 * references). Records are numbered consecutively, written at the back and
 * evicted from the front, so the live ones always lie in order, with at most
 * one gap where the buffer wrapped.
 */

/**
 * Space in a circular buffer for records numbered consecutively, at most
 * `maxRecords` live, written at the back and evicted from the front. Say where
 * a record of some length goes; when no free run is long enough, the owner
 * grows its buffer and the live records are packed from 0 (moveTo).
 */
export class RingSpace {
  capacity: number;
  /** Where the next record starts. */
  private end = 0;
  /** Start and length of record n at n % maxRecords; the live records are [oldestN, nextN). */
  private starts: number[] = [];
  private lengths: number[] = [];
  oldestN = 0;
  nextN = 0;
  /** Slots the live records hold. */
  private usedSlots = 0;

  constructor(
    private readonly maxRecords: number,
    capacity: number,
  ) {
    this.capacity = capacity;
  }

  start(n: number): number {
    return this.starts[n % this.maxRecords]!;
  }

  length(n: number): number {
    return this.lengths[n % this.maxRecords]!;
  }

  /** Where record nextN, of `len` slots, fits without touching a live one; -1 if nowhere (grow first). */
  fit(len: number): number {
    // Nothing held (records of no slots may still be live: they hold no space).
    if (this.usedSlots === 0) return len <= this.capacity ? 0 : -1;
    const end = this.end;
    const oldest = this.start(this.oldestN);
    if (end > oldest) {
      // Live slots are [oldest, end): free space is after end, then before oldest.
      if (end + len <= this.capacity) return end;
      if (len <= oldest) return 0;
    } else if (end + len <= oldest) {
      // Live slots wrap: free space is [end, oldest).
      return end;
    }
    return -1;
  }

  add(at: number, len: number): void {
    const k = this.nextN++ % this.maxRecords;
    this.starts[k] = at;
    this.lengths[k] = len;
    this.end = at + len;
    this.usedSlots += len;
  }

  evict(): void {
    if (this.oldestN === this.nextN) return;
    this.usedSlots -= this.length(this.oldestN);
    this.oldestN++;
  }

  /** A capacity with room for the live records and `len` more. */
  grown(len: number): number {
    let capacity = Math.max(this.capacity * 2, 16);
    while (capacity < this.usedSlots + len) capacity *= 2;
    return capacity;
  }

  /** After the owner copied the live records, packed from 0 in order, into a buffer of `capacity`. */
  packed(capacity: number): void {
    let to = 0;
    for (let n = this.oldestN; n < this.nextN; n++) {
      this.starts[n % this.maxRecords] = to;
      to += this.length(n);
    }
    this.capacity = capacity;
    this.end = to;
  }
}

