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
    // Sift up by moving a hole rather than swapping through destructuring, which
    // allocated a two-element array per level (the largest allocation per event).
    const h = this.heap;
    let i = h.length;
    h.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = h[parent]!;
      if (!before(item, p)) break;
      h[i] = p;
      i = parent;
    }
    h[i] = item;
  }

  pop(): T | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0]!;
    const last = h.pop()!;
    const n = h.length;
    if (n > 0) {
      // Sift the last item down from the root, moving a hole (no swaps, no allocation).
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && before(h[r]!, h[l]!) ? r : l;
        const child = h[c]!;
        if (!before(child, last)) break;
        h[i] = child;
        i = c;
      }
      h[i] = last;
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
