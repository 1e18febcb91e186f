import { describe, expect, it } from 'vitest';
import type { Entry } from '../../engine';
import {
  agreementWithLeader,
  boundaryAfter,
  cellCenter,
  cellWidth,
  changedCells,
  cellLeft,
  commitState,
  differsFromLeader,
  entryAt,
  isAtTail,
  leaderTermAt,
  maxLogIndex,
  progressMarkers,
  rowHeight,
  shortCommand,
  tailScrollLeft,
  trackWidth,
  visibleWindow,
} from './logModel';

/** A log from a list of terms, index 1 first. */
function log(...terms: number[]): Entry[] {
  return terms.map((term, k) => ({ index: k + 1, term, command: `c${k + 1}` }));
}

describe('visibleWindow', () => {
  it('covers the cells under the viewport plus overscan, clamped to 1..maxIndex', () => {
    // 50px cells, viewport 200px at scrollLeft 500: cells 11..14 are visible.
    expect(visibleWindow(500, 200, 50, 3000, 0)).toEqual({ first: 11, last: 14 });
    expect(visibleWindow(500, 200, 50, 3000, 3)).toEqual({ first: 8, last: 17 });
    expect(visibleWindow(0, 200, 50, 3000, 3)).toEqual({ first: 1, last: 7 });
    expect(visibleWindow(0, 1000, 50, 5, 3)).toEqual({ first: 1, last: 5 });
  });

  it('includes a partly visible cell at either edge', () => {
    expect(visibleWindow(525, 200, 50, 3000, 0)).toEqual({ first: 11, last: 15 });
  });

  it('renders a bounded number of cells however long the log', () => {
    const w = visibleWindow(149_950, 1000, 50, 3000, 8);
    expect(w.last).toBe(3000);
    expect(w.last - w.first + 1).toBeLessThanOrEqual(1000 / 50 + 2 * 8 + 1);
  });

  it('is empty for empty logs or an unmeasured viewport', () => {
    const empty = visibleWindow(0, 800, 50, 0);
    expect(empty.first).toBeGreaterThan(empty.last);
    const unmeasured = visibleWindow(0, 0, 50, 10);
    expect(unmeasured.first).toBeGreaterThan(unmeasured.last);
  });

  it('treats a negative (overscrolled) position as 0', () => {
    expect(visibleWindow(-40, 100, 50, 100, 0)).toEqual({ first: 1, last: 2 });
  });
});

describe('geometry', () => {
  it('places cell i at (i-1)·w with boundaries after it at i·w', () => {
    expect(cellLeft(1, 48)).toBe(0);
    expect(cellLeft(4, 48)).toBe(144);
    expect(cellCenter(4, 48)).toBe(168);
    expect(boundaryAfter(4, 48)).toBe(192);
    expect(boundaryAfter(0, 48)).toBe(0);
    expect(trackWidth(3000, 48)).toBe(144_000);
  });

  it('follows the tail: scrollLeft of the end, and knows when the end is in view', () => {
    expect(tailScrollLeft(1000, 300)).toBe(700);
    expect(tailScrollLeft(200, 300)).toBe(0);
    expect(isAtTail(700, 300, 1000)).toBe(true);
    expect(isAtTail(699, 300, 1000)).toBe(true); // sub-pixel slack
    expect(isAtTail(600, 300, 1000)).toBe(false);
    expect(isAtTail(0, 300, 200)).toBe(true); // everything fits
  });

  it('finds the longest log', () => {
    expect(maxLogIndex([3, 9, 0])).toBe(9);
    expect(maxLogIndex([])).toBe(0);
  });
});

describe('entryAt', () => {
  it('finds entries by log index, also when the log starts after a snapshot', () => {
    const l = log(1, 1, 2);
    expect(entryAt(l, 2)).toBe(l[1]);
    expect(entryAt(l, 0)).toBeUndefined();
    expect(entryAt(l, 4)).toBeUndefined();
    const compacted: Entry[] = [
      { index: 11, term: 3, command: null },
      { index: 12, term: 3, command: 'x=1' },
    ];
    expect(entryAt(compacted, 12)?.command).toBe('x=1');
    expect(entryAt(compacted, 1)).toBeUndefined();
    expect(entryAt([], 1)).toBeUndefined();
  });
});

describe('commitState', () => {
  it('splits a log at lastApplied and commitIndex', () => {
    // commitIndex 5, lastApplied 3
    expect([1, 3, 4, 5, 6].map((i) => commitState(i, 5, 3))).toEqual([
      'applied',
      'applied',
      'committed',
      'committed',
      'uncommitted',
    ]);
    expect(commitState(1, 0, 0)).toBe('uncommitted');
  });
});

describe('agreement with the leader (§5.3)', () => {
  const leader = log(1, 1, 2, 3);
  it('matches an entry with the same term at the same index', () => {
    expect(agreementWithLeader({ index: 3, term: 2, command: null }, leader)).toBe('match');
    expect(differsFromLeader({ index: 3, term: 2, command: null }, leader)).toBe(false);
  });

  it('flags an entry with a different term at the same index', () => {
    expect(agreementWithLeader({ index: 3, term: 1, command: 'x' }, leader)).toBe('conflict');
    expect(differsFromLeader({ index: 3, term: 1, command: 'x' }, leader)).toBe(true);
    expect(leaderTermAt(leader, 3)).toBe(2);
  });

  it('flags an entry beyond the end of the leader log', () => {
    expect(agreementWithLeader({ index: 5, term: 2, command: 'x' }, leader)).toBe('extra');
    expect(differsFromLeader({ index: 5, term: 2, command: 'x' }, leader)).toBe(true);
    expect(leaderTermAt(leader, 5)).toBeNull();
  });

  it('compares nothing when there is no leader', () => {
    expect(agreementWithLeader({ index: 1, term: 1, command: 'x' }, null)).toBe('none');
    expect(differsFromLeader({ index: 1, term: 1, command: 'x' }, null)).toBe(false);
    expect(leaderTermAt(null, 1)).toBeNull();
  });
});

describe('progressMarkers (leader nextIndex ▲ / matchIndex ●)', () => {
  it('centres markers on their cells; matchIndex 0 sits before the first cell', () => {
    expect(progressMarkers(4, 3, 40, 0, 1000)).toEqual([
      { kind: 'match', index: 3, x: 100, offscreen: null },
      { kind: 'next', index: 4, x: 140, offscreen: null },
    ]);
    expect(progressMarkers(1, 0, 40, 0, 1000)[0]).toEqual({ kind: 'match', index: 0, x: 0, offscreen: null });
  });

  it('pins markers outside the viewport to its edges', () => {
    const [match, next] = progressMarkers(900, 2, 40, 400, 800);
    expect(match).toEqual({ kind: 'match', index: 2, x: 400, offscreen: 'left' });
    expect(next).toEqual({ kind: 'next', index: 900, x: 800, offscreen: 'right' });
  });

  it('draws nothing for servers the leader does not track', () => {
    expect(progressMarkers(undefined, undefined, 40, 0, 100)).toEqual([]);
  });
});

describe('shortCommand', () => {
  it('keeps short commands and cuts long ones with an ellipsis', () => {
    expect(shortCommand('x=1', 6)).toBe('x=1');
    expect(shortCommand('abcdef', 6)).toBe('abcdef');
    expect(shortCommand('abcdefg', 6)).toBe('abcde…');
    expect(shortCommand('a'.repeat(10_000), 6)).toBe('abcde…'.replace(/[b-e]/g, 'a'));
  });

  it('never cuts a character in half', () => {
    expect(shortCommand('😀😀😀😀', 3)).toBe('😀😀…');
    expect(shortCommand('键=值值值', 4)).toBe('键=值…');
  });
});

describe('rowHeight: every row in view when the container allows (issue 9)', () => {
  const sizes = { min: 32, twoLines: 44, max: 60 };
  it('shares the height among the rows, between min and max', () => {
    // Figure 7 projected at 1280×720: seven rows in ~238 px under the header.
    expect(rowHeight(238, 7, sizes)).toEqual({ height: 34, density: 'compact', fits: true });
    expect(rowHeight(250, 5, sizes)).toEqual({ height: 50, density: 'roomy', fits: true });
    expect(rowHeight(900, 5, sizes)).toEqual({ height: 60, density: 'roomy', fits: true });
  });

  it('keeps the minimum and says the rows do not fit (they scroll inside) when even that is too much', () => {
    expect(rowHeight(150, 7, sizes)).toEqual({ height: 32, density: 'compact', fits: false });
  });
});

describe('cellWidth', () => {
  it('widens cells when few entries leave room, up to twice the minimum', () => {
    expect(cellWidth(600, 4, 58)).toBe(116);
    expect(cellWidth(600, 8, 58)).toBe(75);
    expect(cellWidth(600, 40, 58)).toBe(58);
    expect(cellWidth(0, 4, 58)).toBe(58);
  });
});

describe('changedCells: what a step changed', () => {
  const row = (terms: number[], commitIndex = 0) => ({ log: log(...terms), commitIndex });
  it('finds appended, overwritten (§5.3) and newly committed entries', () => {
    const before = { 1: row([1, 1], 1), 2: row([1, 2, 2]) };
    const after = { 1: row([1, 1, 3], 2), 2: row([1, 3]) };
    const changed = changedCells(before, after, 1, 100);
    expect([...changed.get(1)!].sort()).toEqual([2, 3]); // 3 appended, 2 committed
    expect([...changed.get(2)!].sort()).toEqual([2]); // 2 overwritten; 3 removed (no cell to mark)
  });

  it('reports nothing when nothing changed, and only inside the drawn window', () => {
    const same = { 1: row([1, 1, 1], 2) };
    expect(changedCells(same, { 1: row([1, 1, 1], 2) }, 1, 100).size).toBe(0);
    expect(changedCells({ 1: row([1]) }, { 1: row([1, 1, 1]) }, 1, 2).get(1)).toEqual(new Set([2]));
  });

  it('a stepped-back run (fewer entries) marks the entries whose commit state went back', () => {
    const changed = changedCells({ 1: row([1, 1, 1], 3) }, { 1: row([1, 1], 1) }, 1, 100);
    expect([...changed.get(1)!]).toEqual([2]);
  });
});
