import { describe, expect, it } from 'vitest';
import { createCluster } from './index';
import { NO_NOTES, NO_SENT, TraceBuffer, type TraceEvent } from './trace';

function ev(n: number, fields: Partial<TraceEvent> = {}): TraceEvent {
  return {
    n,
    time: n * 10,
    kind: 'electionTimeout',
    server: 1,
    message: undefined,
    failure: undefined,
    notes: NO_NOTES,
    sent: NO_SENT,
    detail: undefined,
    action: undefined,
    client: undefined,
    clientOutcome: undefined,
    ...fields,
  };
}

describe('the trace ring (columns, issue 14)', () => {
  it('keeps the newest `limit` records, oldest first, after wrapping round several times', () => {
    const t = new TraceBuffer(3);
    for (let n = 1; n <= 8; n++) t.push(ev(n, { sent: n % 2 ? [100 + n, 101 + n] : NO_SENT }));
    expect(t.size).toBe(3);
    expect(t.toArray().map((e) => e.n)).toEqual([6, 7, 8]);
    expect(t.toArray()).toEqual([ev(6), ev(7, { sent: [107, 108] }), ev(8)]);
    expect(t.since(6).map((e) => e.n)).toEqual([7, 8]);
    expect(t.since(8)).toEqual([]);
    expect(t.since(0).map((e) => e.n)).toEqual([6, 7, 8]);
  });

  it('gives back sent lists that are not consecutive, the rare fields, and an action set afterwards', () => {
    const t = new TraceBuffer(10);
    t.push(ev(1, { sent: [5, 9, 6], detail: 'x', client: 2, failure: 'lost' }));
    t.push(ev(2, { kind: 'crash', server: null }));
    t.setAction(2, { type: 'crash', server: 3 });
    t.setAction(99, { type: 'heal' }); // not retained: ignored
    expect(t.toArray()).toEqual([
      ev(1, { sent: [5, 9, 6], detail: 'x', client: 2, failure: 'lost' }),
      ev(2, { kind: 'crash', server: null, action: { type: 'crash', server: 3 } }),
    ]);
  });

  it('keeps nothing with limit 0', () => {
    const t = new TraceBuffer(0);
    t.push(ev(1));
    expect(t.toArray()).toEqual([]);
    expect(t.size).toBe(0);
    // The newest record is still there for lastEvent.
    t.push(ev(2, { sent: [7] }));
    expect(t.newest()).toEqual(ev(2, { sent: [7] }));
  });

  it('gives back, for a real run, records equal to the ones the run returned as it went', () => {
    const c = createCluster({ seed: 'ring', traceLimit: 50, dropRate: 0.1, duplicateRate: 0.1 });
    const seen: TraceEvent[] = [];
    for (let k = 0; k < 400; k++) {
      const e = c.step();
      if (e) seen.push(e);
      if (k % 40 === 0) c.submit(`x=${k}`);
      if (c.lastEvent && c.lastEvent !== seen.at(-1)) seen.push(c.lastEvent);
    }
    const kept = c.trace();
    expect(kept).toHaveLength(50);
    expect(kept.at(-1)!.n).toBe(c.eventCount);
    const byN = new Map(seen.map((e) => [e.n, e]));
    for (const e of kept) expect(JSON.stringify(e)).toBe(JSON.stringify(byN.get(e.n)));
  });

  it('shows a delivered message with its envelope, made once: lost and duplicate as sent, the same object each time asked, equal to what a view showed in flight', () => {
    const c = createCluster({ seed: 'ring-wire', dropRate: 0.2, duplicateRate: 0.2 });
    c.runUntil((cc) => cc.leaderId() !== null, 5_000);
    const inFlight = new Map(c.messages().map((m) => [m.id, m]));
    const flags = new Set<string>();
    for (let k = 0; k < 300; k++) {
      const e = c.step();
      const m = e?.message;
      if (m === undefined || !('lost' in m)) continue; // a delivery, made or failed
      expect(c.lastEvent!.message).toBe(m);
      expect(c.trace().at(-1)!.message).toBe(m);
      expect(Object.keys(m).slice(-5)).toEqual(['id', 'sentAt', 'deliverAt', 'lost', 'duplicate']);
      flags.add(`${m.lost}/${m.duplicate}`);
      const seen = inFlight.get(m.id);
      if (seen) expect(m).toEqual(seen);
    }
    // The run had every kind of envelope, and some messages a view showed before they arrived.
    expect([...flags].sort()).toEqual(['false/false', 'false/true', 'true/false', 'true/true']);
    expect(inFlight.size).toBeGreaterThan(0);
  });
});
