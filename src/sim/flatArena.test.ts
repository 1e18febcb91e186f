import { describe, expect, it } from 'vitest';
import { FlatArena } from './flatArena';
import { createCluster } from './index';

type Msg = { type: string } & Record<string, unknown>;
type N = { kind: string } & Record<string, unknown>;

/** A small deterministic generator (tests only: a linear congruential sequence). */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

function randomValue(r: () => number): unknown {
  const pick = Math.floor(r() * 12);
  switch (pick) {
    case 0:
      return undefined;
    case 1:
      return null;
    case 2:
      return r() < 0.5;
    case 3:
      return r() * 1000;
    case 4:
      return -0;
    case 5:
      return ['a', 'b'][Math.floor(r() * 2)];
    case 6:
      return [{ index: 1, term: 2 }];
    case 8:
      // Arrays are flattened: empty (a heartbeat's entries), of numbers (a note's servers), nested, with objects kept as references.
      return [];
    case 9:
      return [Math.floor(r() * 5), 'a', null, undefined, true];
    case 10:
      return [[1, [2]], [], { index: 3, term: 1 }];
    case 7:
      // Long strings (commands, keys) are kept as references, not in the string table.
      return `command-${'x'.repeat(40)}-${Math.floor(r() * 1e6)}`;
    default:
      return Math.floor(r() * 100);
  }
}

function randomObject<T>(r: () => number, tagKey: 'type' | 'kind'): T {
  const o: Record<string, unknown> = {};
  // The discriminant comes first or later, and optional fields may be present or not: several layouts per tag.
  const tag = ['A', 'B', 'C'][Math.floor(r() * 3)];
  if (r() < 0.7) o[tagKey] = tag;
  const n = Math.floor(r() * 6);
  for (let k = 0; k < n; k++) o[`f${Math.floor(r() * 8)}`] = randomValue(r);
  if (!(tagKey in o)) o[tagKey] = tag;
  return o as T;
}

describe('FlatArena: messages and notes flattened for the trace ring', () => {
  it('gives back every live record with the same keys in the same order, through wrapping and growth', () => {
    for (const maxRecords of [1, 3, 17, 200]) {
      const r = lcg(maxRecords);
      const arena = new FlatArena(maxRecords, 8);
      const live: { n: number; message: Msg | undefined; notes: N[] }[] = [];
      for (let step = 0; step < 800; step++) {
        if (live.length === maxRecords) {
          arena.evictOldest();
          live.shift();
        }
        const message = r() < 0.6 ? randomObject<Msg>(r, 'type') : undefined;
        const notes = Array.from({ length: Math.floor(r() * 4) }, () => randomObject<N>(r, 'kind'));
        const n = arena.put(message, notes);
        live.push({ n, message, notes });
        for (const rec of live.slice(-3).concat(live.slice(0, 2))) {
          const m = arena.message<Msg>(rec.n);
          expect(m).toStrictEqual(rec.message);
          if (m) expect(Object.keys(m)).toEqual(Object.keys(rec.message!));
          const got = arena.notes<N>(rec.n, []);
          expect(got).toStrictEqual(rec.notes);
          got.forEach((note, k) => expect(Object.keys(note)).toEqual(Object.keys(rec.notes[k]!)));
          // Nested objects are kept by reference (log entries, configurations), not copied; arrays are copies holding the same elements.
          if (m) {
            for (const key of Object.keys(m)) {
              const v = m[key];
              if (Array.isArray(v)) {
                expect(v).not.toBe(rec.message![key]);
                (v as unknown[]).forEach((el, k) => {
                  if (typeof el === 'object' && el !== null && !Array.isArray(el)) expect(el).toBe((rec.message![key] as unknown[])[k]);
                });
              } else if (typeof v === 'object' && v !== null) expect(v).toBe(rec.message![key]);
            }
          }
        }
      }
    }
  });

  it('keeps -0, fractions and undefined-valued keys exactly', () => {
    const arena = new FlatArena(2);
    const m = { type: 'X', a: -0, b: 1.25, c: undefined };
    const n = arena.put(m, []);
    const back = arena.message<typeof m>(n)!;
    expect(Object.is(back.a, -0)).toBe(true);
    expect(back.b).toBe(1.25);
    expect('c' in back).toBe(true);
  });

  it('puts a record longer than its in-place headroom (a long entries list, many notes) between short ones, through wrapping', () => {
    const arena = new FlatArena(3, 8);
    const records: { message: Msg; notes: N[] }[] = [];
    for (let step = 0; step < 12; step++) {
      const long = step % 3 === 1;
      const entries = Array.from({ length: long ? 1500 + step : 2 }, (_, k) => (k % 2 === 0 ? k : { index: k, term: 1 }));
      const notes = Array.from({ length: long ? 700 : 1 }, (_, k) => ({ kind: 'appended', from: k, count: step }));
      records.push({ message: { type: 'AppendEntries', term: step, entries }, notes });
      if (step >= 3) arena.evictOldest();
      arena.put(records[step]!.message, records[step]!.notes);
      for (let n = Math.max(0, step - 2); n <= step; n++) {
        expect(arena.message<Msg>(n)).toStrictEqual(records[n]!.message);
        expect(arena.notes<N>(n, [])).toStrictEqual(records[n]!.notes);
      }
    }
  });

  it('the trace ring rebuilds the same records as a run that kept every event', () => {
    // Same seed: a ring of 50 records against one of 100,000. Their common tail must be identical.
    const run = (traceLimit: number) => {
      const c = createCluster({ servers: 5, seed: 'flat-arena', traceLimit });
      for (let k = 0; k < 30; k++) {
        c.runFor(200);
        c.submit(`k${k}=${k}`);
        if (k === 10) c.crash(c.leaderId() ?? 1);
      }
      return c;
    };
    const small = run(50).trace();
    const large = run(100_000).trace();
    expect(small).toHaveLength(50);
    expect(small).toStrictEqual(large.slice(-50));
  });
});
