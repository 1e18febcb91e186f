/**
 * The simulator's single event queue: a binary min-heap ordered by time, ties
 * broken by the order in which events were scheduled (seq), so the order is
 * total and the same on every run.
 */
export interface Scheduled {
  time: number;
  seq: number;
}

function before(a: Scheduled, b: Scheduled): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}

export class EventQueue<T extends Scheduled> {
  private heap: T[];

  constructor(items: T[] = []) {
    this.heap = [];
    for (const item of items) this.push(item);
  }

  get size(): number {
    return this.heap.length;
  }

  peek(): T | undefined {
    return this.heap[0];
  }

  push(item: T): void {
    const h = this.heap;
    h.push(item);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  pop(): T | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l]!, h[m]!)) m = l;
        if (r < h.length && before(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }

  /** Remove every item matching `pred` (rare: user drops a message, a server crashes). */
  removeWhere(pred: (item: T) => boolean): T[] {
    const removed = this.heap.filter(pred);
    if (removed.length > 0) {
      const kept = this.heap.filter((x) => !pred(x));
      this.heap = [];
      for (const item of kept) this.push(item);
    }
    return removed;
  }

  /** Any item matching `pred`, in no particular order. */
  find(pred: (item: T) => boolean): T | undefined {
    return this.heap.find(pred);
  }

  /** Items in firing order (a copy; for views and checkpoints). */
  toSortedArray(): T[] {
    return [...this.heap].sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  }
}
