/**
 * The message table keeps the space-time diagram's messages in typed columns:
 * rows must read back exactly as written, across growth, holes in the ids
 * (messages never seen) and forks.
 */
import { describe, expect, it } from 'vitest';
import { MessageTable, type MessageRow } from './messageTable';

const row = (id: number, sentAt: number, extra: Partial<MessageRow> = {}): MessageRow => ({
  id,
  type: id % 2 ? 'AppendEntries' : 'RequestVote',
  from: 1 + (id % 3),
  to: id % 7 === 0 ? -2 : 2 + (id % 3),
  term: 3,
  sentAt,
  deliverAt: sentAt + 10,
  sentN: id * 2,
  duplicate: id % 5 === 0,
  heartbeat: id % 2 === 1,
  ...(id % 2 ? { entries: id % 4 } : {}),
  ...extra,
});

describe('message table', () => {
  it('reads rows back as written, past its first capacity and across holes', () => {
    const t = new MessageTable(4);
    for (let id = 1; id <= 3000; id++) if (id % 10 !== 3) t.add(row(id, id * 1.5));
    for (let id = 1; id <= 3000; id++) {
      if (id % 10 === 3) {
        expect(t.row(id)).toBeUndefined();
        continue;
      }
      const r = row(id, id * 1.5);
      expect(t.row(id)).toEqual({ ...r, endAt: null, endN: 0, outcome: 'inFlight' });
    }
    expect(t.count()).toBe(2700);
    t.end(10, 20, 99, true);
    t.end(11, 21, 100, false);
    expect(t.row(10)).toMatchObject({ endAt: 20, endN: 99, outcome: 'delivered' });
    expect(t.row(11)).toMatchObject({ endAt: 21, endN: 100, outcome: 'dropped' });
    expect(t.clientIds()).toEqual(new Set([2]));
  });

  it('finds the first message sent at or after a time, holes taking their predecessor\'s time', () => {
    const t = new MessageTable();
    t.add(row(1, 5));
    t.add(row(4, 9)); // 2 and 3 are holes: keyed at 5
    t.add(row(5, 9));
    t.add(row(6, 12));
    expect(t.firstSentAtOrAfter(0)).toBe(1);
    expect(t.firstSentAtOrAfter(6)).toBe(4);
    expect(t.firstSentAtOrAfter(9)).toBe(4);
    expect(t.firstSentAtOrAfter(10)).toBe(6);
    expect(t.firstSentAtOrAfter(100)).toBe(7);
  });

  it('forks: rows from the next id on are gone and messages that ended later are in flight again', () => {
    const t = new MessageTable(2);
    for (let id = 1; id <= 40; id++) t.add(row(id, id));
    for (let id = 1; id <= 30; id++) t.end(id, id + 5, id * 10, true);
    const { table, reopened } = t.forkAt(150, 35);
    expect(reopened).toEqual([...Array(15).keys()].map((k) => 16 + k));
    expect(table.row(15)).toMatchObject({ outcome: 'delivered', endN: 150 });
    expect(table.row(16)).toMatchObject({ outcome: 'inFlight', endAt: null, endN: 0 });
    expect(table.row(35)).toBeUndefined();
    expect(table.count()).toBe(34);
    // The old table is untouched.
    expect(t.row(20)).toMatchObject({ outcome: 'delivered', endN: 200 });
    expect(t.count()).toBe(40);
  });

  it('sums messages into bands per lane pair and time bucket', () => {
    const t = new MessageTable();
    for (let id = 1; id <= 20; id++) t.add(row(id, id, { from: 1, to: 2 }));
    t.end(3, 5, 1, false);
    const bands = t.bands([...Array(20).keys()].map((k) => k + 1), 0, 10);
    expect(bands).toEqual([
      { from: 1, to: 2, fromMs: 0, toMs: 10, count: 9, dropped: 1 },
      { from: 1, to: 2, fromMs: 10, toMs: 20, count: 10, dropped: 0 },
      { from: 1, to: 2, fromMs: 20, toMs: 30, count: 1, dropped: 0 },
    ]);
  });
});
