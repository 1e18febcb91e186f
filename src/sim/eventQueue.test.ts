import { describe, expect, it } from 'vitest';
import { EventQueue } from './eventQueue';
import { Prng } from './prng';

describe('EventQueue: the simulator orders events by (time, seq)', () => {
  it('pops in (time, seq) order through random pushes, pops, growth and removals, ties broken by seq', () => {
    const rng = Prng.fromSeed('event-queue');
    const q = new EventQueue<{ time: number; seq: number; tag: number }>();
    const model: { time: number; seq: number; tag: number }[] = [];
    const order = (a: { time: number; seq: number }, b: { time: number; seq: number }): number => a.time - b.time || a.seq - b.seq;
    let seq = 0;
    for (let step = 0; step < 5000; step++) {
      const r = rng.float();
      if (r < 0.55 || model.length === 0) {
        // Few distinct times, so ties are common; fractional times too.
        const item = { time: rng.int(0, 20) + (rng.chance(0.2) ? 0.5 : 0), seq: seq++, tag: step };
        q.push(item);
        model.push(item);
      } else if (r < 0.97) {
        model.sort(order);
        expect(q.peek()).toBe(model[0]);
        expect(q.pop()).toBe(model.shift());
      } else {
        const removed = q.removeWhere((x) => x.tag % 3 === 0);
        expect(removed.length).toBe(model.filter((x) => x.tag % 3 === 0).length);
        model.splice(0, model.length, ...model.filter((x) => x.tag % 3 !== 0));
      }
      expect(q.size).toBe(model.length);
    }
    expect(q.toSortedArray()).toEqual([...model].sort(order));
  });
});
