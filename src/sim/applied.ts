/**
 * A server's applied history: every entry its state machine applied, across
 * restarts, in order (what c.applied(id) returns).
 *
 * A restarted server applies its log again from the start (Figure 2: lastApplied
 * is volatile, so the state machine is rebuilt from the log, or from the
 * snapshot onwards, §7). Stored as applications, a cluster whose leader crashes
 * every five seconds kept each entry once per restart: the history grew with
 * restarts × log length, most of what the leader-crash bench kept alive, and a
 * third of its collector's time. So the entries are stored once, in `chunks`,
 * and the history is a list of `runs` over them: an entry applied again, the
 * same object at the same place in the store, extends or starts a run that
 * points back at it instead of being stored again.
 *
 * The store only grows, in fixed-size chunks: every chunk but the last is full
 * and never changes, which lets a checkpoint share them (worldCopy.ts).
 */
import type { Entry } from '../engine';

export const APPLIED_CHUNK = 1024;

export interface AppliedHistory {
  /** Each entry applied, stored once, in the order first applied; every chunk but the last is full and never changes. */
  chunks: Entry[][];
  /** How many entries the history holds (an entry applied twice counts twice). */
  length: number;
  /**
   * The history as pairs [from, count]: the stored entries from..from+count-1,
   * pair after pair. States from before 2026-12-07 have no runs: their history
   * is the stored entries, once each (copyApplied gives them runs).
   */
  runs?: number[];
  /**
   * True while the stored entries' indices only increase, so an entry applied
   * again is found by its index (a binary search). An entry that is not the one
   * stored at its index (a rule broken on purpose, or a state whose entries were
   * copied apart from its log) is stored again and turns this off: from then on
   * an entry applied again is matched only when it is the one after the last
   * run's end, and every other application is stored, as before runs.
   */
  ordered?: boolean;
}

export function emptyApplied(): AppliedHistory {
  return { chunks: [], length: 0, runs: [], ordered: true };
}

function storedCount(h: AppliedHistory): number {
  const n = h.chunks.length;
  return n === 0 ? 0 : (n - 1) * APPLIED_CHUNK + h.chunks[n - 1]!.length;
}

function storedAt(h: AppliedHistory, k: number): Entry {
  return h.chunks[(k / APPLIED_CHUNK) | 0]![k % APPLIED_CHUNK]!;
}

/**
 * A stored entry's index. fromState checks a checkpoint's history by its
 * chunks and runs, not entry by entry (that would be a pass over every log), so
 * a hand-edited one may hold anything: what is not an entry has no index, and
 * an entry applied later is then stored, not matched with it.
 */
function indexAt(h: AppliedHistory, k: number): number {
  const e = storedAt(h, k) as Entry | null | undefined;
  return typeof e === 'object' && e !== null ? e.index : NaN;
}

/** Where `e` is stored, if it is (by its index, the store being ordered), or -1. */
function find(h: AppliedHistory, e: Entry, stored: number): number {
  let lo = 0;
  let hi = stored - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = indexAt(h, mid);
    if (at === e.index) return storedAt(h, mid) === e ? mid : -1;
    if (at < e.index) lo = mid + 1;
    else if (at > e.index) hi = mid - 1;
    else return -1; // not an entry: the store is not ordered after all
  }
  return -1;
}

function store(h: AppliedHistory, e: Entry): void {
  let last = h.chunks[h.chunks.length - 1];
  if (!last || last.length >= APPLIED_CHUNK) {
    last = [];
    h.chunks.push(last);
  }
  last.push(e);
}

export function appendApplied(h: AppliedHistory, e: Entry): void {
  const runs = h.runs!;
  const stored = storedCount(h);
  h.length++;
  const r = runs.length - 2;
  // The next stored entry after the last run's end: an entry applied again in order, or a new one.
  const next = r >= 0 ? runs[r]! + runs[r + 1]! : -1;
  if (next >= 0 && next < stored && storedAt(h, next) === e) {
    runs[r + 1]!++;
    return;
  }
  if (h.ordered && stored > 0 && !(e.index > indexAt(h, stored - 1))) {
    const at = find(h, e, stored);
    if (at >= 0) {
      runs.push(at, 1);
      return;
    }
    h.ordered = false;
  }
  store(h, e);
  if (next === stored) runs[r + 1]!++;
  else runs.push(stored, 1);
}

export function appliedToArray(h: AppliedHistory): Entry[] {
  const runs = h.runs;
  if (!runs) return h.chunks.flat();
  const out: Entry[] = new Array(h.length);
  let k = 0;
  for (let r = 0; r < runs.length; r += 2) {
    const end = runs[r]! + runs[r + 1]!;
    for (let i = runs[r]!; i < end; i++) out[k++] = storedAt(h, i);
  }
  return out;
}

/**
 * A copy that shares the full chunks (they never change) and has runs: a
 * state from before runs (its history is its stored entries) gets one run over
 * them, and `ordered` as its entries are.
 */
export function copyApplied(h: AppliedHistory): AppliedHistory {
  const chunks = h.chunks.slice();
  const n = chunks.length;
  if (n > 0 && chunks[n - 1]!.length < APPLIED_CHUNK) chunks[n - 1] = chunks[n - 1]!.slice();
  if (h.runs) return { chunks, length: h.length, runs: h.runs.slice(), ordered: h.ordered !== false };
  const stored = storedCount(h);
  let ordered = true;
  for (let k = 1; k < stored && ordered; k++) if (!(indexAt(h, k) > indexAt(h, k - 1))) ordered = false;
  return { chunks, length: h.length, runs: stored === 0 ? [] : [0, stored], ordered };
}
