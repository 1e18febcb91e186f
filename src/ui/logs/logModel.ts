/**
 * Pure geometry and classification for the logs view: which indexes are on
 * screen for a scroll position, where markers go, and how each entry relates to
 * its server's commitIndex/lastApplied and to the current leader's log. No DOM,
 * no React: the view asks, this answers, and the tests check it.
 *
 * Geometry: log index i (from 1) occupies [ (i-1)·w, i·w ) on the track, where
 * w is the fixed cell width. "After cell i" is therefore x = i·w.
 */
import type { Entry, LogIndex, Term } from '../../engine';

/** Inclusive range of log indexes to render; empty when first > last. */
export interface IndexWindow {
  first: LogIndex;
  last: LogIndex;
}

/** Cells rendered beyond each edge of the viewport, so fast scrolling shows no gaps. */
export const OVERSCAN_CELLS = 8;

/**
 * Indexes whose cells intersect the viewport [scrollLeft, scrollLeft+viewportWidth),
 * widened by `overscan` cells each side and clamped to 1..maxIndex.
 */
export function visibleWindow(
  scrollLeft: number,
  viewportWidth: number,
  cellWidth: number,
  maxIndex: number,
  overscan: number = OVERSCAN_CELLS,
): IndexWindow {
  if (maxIndex <= 0 || cellWidth <= 0 || viewportWidth <= 0) return { first: 1, last: 0 };
  const left = Math.max(0, scrollLeft);
  const firstVisible = Math.floor(left / cellWidth) + 1;
  const lastVisible = Math.ceil((left + viewportWidth) / cellWidth);
  return {
    first: Math.max(1, firstVisible - overscan),
    last: Math.min(maxIndex, lastVisible + overscan),
  };
}

/** Left edge of cell `index` on the track. */
export function cellLeft(index: LogIndex, cellWidth: number): number {
  return (index - 1) * cellWidth;
}

/** Centre of cell `index` (where a ▲/● marker for that index points). */
export function cellCenter(index: LogIndex, cellWidth: number): number {
  return (index - 0.5) * cellWidth;
}

/** The boundary just after cell `index` (commitIndex / lastApplied lines); 0 means before the first cell. */
export function boundaryAfter(index: LogIndex, cellWidth: number): number {
  return Math.max(0, index) * cellWidth;
}

/** Track width needed for `maxIndex` cells. */
export function trackWidth(maxIndex: number, cellWidth: number): number {
  return Math.max(0, maxIndex) * cellWidth;
}

/** scrollLeft that shows the newest cells (the track's end at the viewport's right edge). */
export function tailScrollLeft(contentWidth: number, viewportWidth: number): number {
  return Math.max(0, contentWidth - viewportWidth);
}

/** The viewport shows the end of the track (within `slack` px, for sub-pixel scroll positions). */
export function isAtTail(scrollLeft: number, viewportWidth: number, contentWidth: number, slack = 2): boolean {
  return scrollLeft + viewportWidth >= contentWidth - slack;
}

/**
 * The entry with log index `index`, or undefined. Goes through the first
 * entry's index so a log that starts after a snapshot (§7) still works.
 */
export function entryAt(log: readonly Entry[], index: LogIndex): Entry | undefined {
  const first = log[0]?.index;
  if (first === undefined) return undefined;
  const e = log[index - first];
  return e !== undefined && e.index === index ? e : undefined;
}

export type CommitState = 'applied' | 'committed' | 'uncommitted';

/** Where an entry stands on its own server: applied ≤ lastApplied ≤ commitIndex, the rest uncommitted. */
export function commitState(index: LogIndex, commitIndex: LogIndex, lastApplied: LogIndex): CommitState {
  if (index <= lastApplied) return 'applied';
  if (index <= commitIndex) return 'committed';
  return 'uncommitted';
}

/**
 * How an entry compares with the current leader's log at the same index:
 *  - 'match': same term, so (Log Matching, §5.3) the same entry and the same log up to it;
 *  - 'conflict': a different term: the leader will overwrite it (§5.3);
 *  - 'extra': the leader has no entry there; the follower will drop it once the
 *    leader's log reaches that far;
 *  - 'none': there is no leader to compare with, or this row is the leader.
 */
export type LeaderAgreement = 'match' | 'conflict' | 'extra' | 'none';

export function agreementWithLeader(entry: Entry, leaderLog: readonly Entry[] | null): LeaderAgreement {
  if (!leaderLog) return 'none';
  const theirs = entryAt(leaderLog, entry.index);
  if (!theirs) return 'extra';
  return theirs.term === entry.term ? 'match' : 'conflict';
}

/** Differs from the leader (shown with a red outline and ⚠). */
export function differsFromLeader(entry: Entry, leaderLog: readonly Entry[] | null): boolean {
  const a = agreementWithLeader(entry, leaderLog);
  return a === 'conflict' || a === 'extra';
}

/** The term of the leader's entry at `index` (for tooltips), or null. */
export function leaderTermAt(leaderLog: readonly Entry[] | null, index: LogIndex): Term | null {
  return leaderLog ? (entryAt(leaderLog, index)?.term ?? null) : null;
}

/** Highest index any server holds: the track's length. */
export function maxLogIndex(lastIndexes: readonly number[]): number {
  let m = 0;
  for (const i of lastIndexes) if (i > m) m = i;
  return m;
}

export interface ProgressMarker {
  kind: 'next' | 'match';
  index: LogIndex;
  /** Centre x on the track, or the viewport edge it is pinned to when off screen. */
  x: number;
  /** Off screen to the left / right: drawn at the edge with an arrow. */
  offscreen: 'left' | 'right' | null;
}

/**
 * The leader's nextIndex (▲) and matchIndex (●) for one follower, placed on the
 * follower's row. matchIndex 0 (nothing known to match) points just before
 * the first cell. Markers outside [viewLeft, viewRight] are pinned to that edge
 * so the lecturer can still see where they are.
 */
export function progressMarkers(
  nextIndex: LogIndex | undefined,
  matchIndex: LogIndex | undefined,
  cellWidth: number,
  viewLeft: number,
  viewRight: number,
): ProgressMarker[] {
  const out: ProgressMarker[] = [];
  const place = (kind: 'next' | 'match', index: LogIndex): void => {
    const center = index <= 0 ? 0 : cellCenter(index, cellWidth);
    let offscreen: ProgressMarker['offscreen'] = null;
    let x = center;
    if (center < viewLeft) {
      offscreen = 'left';
      x = viewLeft;
    } else if (center > viewRight) {
      offscreen = 'right';
      x = viewRight;
    }
    out.push({ kind, index, x, offscreen });
  };
  if (matchIndex !== undefined) place('match', matchIndex);
  if (nextIndex !== undefined) place('next', nextIndex);
  return out;
}

/**
 * A command shortened to at most `maxChars` characters (code points, so CJK or
 * emoji are never cut in half), with an ellipsis when cut. The cell also clips
 * with CSS; this keeps 10,000-character commands out of the DOM.
 */
export function shortCommand(command: string, maxChars: number): string {
  const kept: string[] = [];
  for (const ch of command) {
    if (kept.length === maxChars) {
      kept.pop();
      return kept.join('') + '…';
    }
    kept.push(ch);
  }
  return command;
}

/** Row heights the logs view can use, measured from CSS (they scale in presentation mode). */
export interface RowSizes {
  /** The least a row needs: one line of index and term, and the marker strip. */
  min: number;
  /** Enough for two lines (index and term above the command). */
  twoLines: number;
  /** More than this only spreads the rows apart. */
  max: number;
}

export type RowDensity = 'compact' | 'roomy';

/**
 * Every row in view when the container allows: the height left under the
 * header shared by the rows, clamped to [min, max]. Rows scroll inside the
 * view only when even `min` does not fit (a phone).
 */
export function rowHeight(available: number, rows: number, sizes: RowSizes): { height: number; density: RowDensity; fits: boolean } {
  const share = rows > 0 ? Math.floor(available / rows) : sizes.max;
  const height = Math.max(sizes.min, Math.min(sizes.max, share));
  return { height, density: height >= sizes.twoLines ? 'roomy' : 'compact', fits: share >= sizes.min };
}

/**
 * Cells widen (up to `maxFactor` × the minimum) when few entries leave room,
 * so longer commands show; `slots` is the number of cells the track holds.
 */
export function cellWidth(viewWidth: number, slots: number, minWidth: number, maxFactor = 2): number {
  if (slots <= 0 || viewWidth <= 0) return minWidth;
  return Math.max(minWidth, Math.min(Math.floor(minWidth * maxFactor), Math.floor(viewWidth / slots)));
}

/** A cell of one server's log as the view diffs it. */
export interface RowState {
  log: readonly Entry[];
  commitIndex: LogIndex;
}

/**
 * Which cells a step changed, per server: entries appended, overwritten
 * (§5.3) or removed, and entries whose commit state changed (commitIndex
 * moved). Indexes outside [first, last] are left out: they are not drawn.
 */
export function changedCells(
  before: Readonly<Record<number, RowState>>,
  after: Readonly<Record<number, RowState>>,
  first: LogIndex,
  last: LogIndex,
): Map<number, Set<LogIndex>> {
  const out = new Map<number, Set<LogIndex>>();
  for (const [key, now] of Object.entries(after)) {
    const id = Number(key);
    const was = before[id];
    if (!was) continue;
    const changed = new Set<LogIndex>();
    const lastNow = now.log[now.log.length - 1]?.index ?? 0;
    const lastWas = was.log[was.log.length - 1]?.index ?? 0;
    const hi = Math.min(last, Math.max(lastNow, lastWas));
    for (let i = first; i <= hi; i++) {
      const a = entryAt(was.log, i);
      const b = entryAt(now.log, i);
      if (a?.term !== b?.term || a?.command !== b?.command) {
        if (b) changed.add(i);
      }
    }
    const lo = Math.max(first, Math.min(was.commitIndex, now.commitIndex) + 1);
    for (let i = lo; i <= Math.min(last, Math.max(was.commitIndex, now.commitIndex)); i++) if (entryAt(now.log, i)) changed.add(i);
    if (changed.size > 0) out.set(id, changed);
  }
  return out;
}
