/**
 * A server's applied history: every entry its state machine applied, across
 * restarts, in order (what c.applied(id) returns). It only grows, so it is
 * kept in fixed-size chunks: every chunk but the last is full and never
 * changes, which lets a checkpoint share them (worldCopy.ts).
 */
import type { Entry } from '../engine';

export const APPLIED_CHUNK = 1024;

/** Append-only list of applied entries in chunks; every chunk but the last is full and never changes. */
export interface AppliedHistory {
  chunks: Entry[][];
  length: number;
}

export function emptyApplied(): AppliedHistory {
  return { chunks: [], length: 0 };
}

export function appendApplied(h: AppliedHistory, e: Entry): void {
  let last = h.chunks[h.chunks.length - 1];
  if (!last || last.length >= APPLIED_CHUNK) {
    last = [];
    h.chunks.push(last);
  }
  last.push(e);
  h.length++;
}

export function appliedToArray(h: AppliedHistory): Entry[] {
  return h.chunks.flat();
}
