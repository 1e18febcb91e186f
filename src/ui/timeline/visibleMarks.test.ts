import { describe, expect, it } from 'vitest';
import { MARK_SLOTS, visibleMarks } from './Timeline';
import type { Mark } from '../../worker/protocol';

const mark = (n: number, time: number, kind: Mark['kind'] = 'client'): Mark => ({ n, time, kind }) as Mark;

describe('timeline marks drawn for long runs', () => {
  it('keeps every mark of a short run', () => {
    const marks = [mark(1, 10), mark(2, 10), mark(3, 20, 'crash')];
    expect(visibleMarks(marks, 100)).toEqual(marks);
  });

  it('draws at most one mark per kind per slot, the earliest, and keeps rare kinds', () => {
    const marks: Mark[] = [];
    for (let i = 0; i < 3_000; i++) marks.push(mark(i + 1, i * 10));
    marks.push(mark(5_000, 12_345, 'crash'));
    marks.sort((a, b) => a.n - b.n);
    const shown = visibleMarks(marks, 30_000);
    expect(shown.filter((m) => m.kind === 'client').length).toBeLessThanOrEqual(MARK_SLOTS);
    expect(shown.some((m) => m.kind === 'crash')).toBe(true);
    expect(shown[0]).toEqual(marks[0]);
  });
});
