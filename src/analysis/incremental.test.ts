/**
 * The incremental verdict (the space-time view's live chip) must be the whole
 * checker's verdict at every moment of a growing history, while searching
 * only the part of each key still open.
 */
import { describe, expect, it } from 'vitest';
import { checkOperations, IncrementalChecker, kvKeyOf, kvModel, type KvInput, type KvOutput, type KvState, type Operation } from '.';
import { linearizableHistory } from './testHistories';

type Op = Operation<KvInput, KvOutput>;

/** The history as it looked at time t: calls after t not yet made, returns after t still pending. */
function asOf(ops: readonly Op[], t: number): Op[] {
  return ops.filter((o) => o.call <= t).map((o) => (o.return <= t ? o : { ...o, output: undefined, return: Infinity }));
}

/** Feed `ops` to an incremental checker event by event (calls and returns in time order), comparing with checkOperations at every step. */
function replayAndCompare(ops: readonly Op[]): { verdicts: string[]; flaggedAtEnd: Set<Op> } {
  const live = ops.map((o) => ({ ...o, output: undefined, return: Infinity }) as Op);
  const points = ops.flatMap((o, i) => [
    { t: o.call, call: true, i },
    { t: o.return, call: false, i },
  ]);
  points.sort((a, b) => a.t - b.t || (a.call === b.call ? a.i - b.i : a.call ? -1 : 1));
  const inc = new IncrementalChecker<KvState, KvInput, KvOutput>(kvModel, kvKeyOf);
  const verdicts: string[] = [];
  let last = inc.verdict();
  for (const p of points) {
    if (!Number.isFinite(p.t)) continue;
    if (p.call) inc.called(live[p.i]!);
    else {
      live[p.i]!.output = ops[p.i]!.output;
      live[p.i]!.return = ops[p.i]!.return;
      inc.returned(live[p.i]!);
    }
    last = inc.verdict();
    const whole = checkOperations(kvModel, asOf(ops, p.t)).result;
    expect(last.result, `at time ${p.t}`).toBe(whole);
    verdicts.push(last.result);
  }
  return { verdicts, flaggedAtEnd: new Set([...last.flagged].map((o) => ops[live.indexOf(o)]!)) };
}

describe('incremental linearizability', () => {
  it('agrees with the whole checker at every call and return of linearizable histories', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { verdicts } = replayAndCompare(linearizableHistory(300, 3, 4, seed));
      expect(new Set(verdicts)).toEqual(new Set(['ok']));
    }
  });

  it('agrees on histories with one read made stale, from the moment it returns on; and flags that read', () => {
    let flaggedStale = 0;
    for (const seed of [11, 12, 13, 14, 15, 16, 17, 18]) {
      const ops = linearizableHistory(200, 2, 3, seed);
      // A read late in the history answers a value from long before: no order explains it.
      const late = ops.findLastIndex((o) => o.input.op === 'read' && o.call > ops[120]!.call);
      const stale = { ...ops[late]!, output: { value: 'never-written' } };
      const corrupted = ops.map((o, i) => (i === late ? stale : o));
      const { verdicts, flaggedAtEnd } = replayAndCompare(corrupted);
      expect(verdicts.at(-1)).toBe('illegal');
      expect(verdicts.indexOf('illegal')).toBeGreaterThan(0);
      if (flaggedAtEnd.has(stale)) flaggedStale++;
    }
    expect(flaggedStale).toBe(8);
  });

  it('searches a closed part once: a long sequential history costs steps in proportion to its length', () => {
    const ops = linearizableHistory(3_000, 2, 1, 9);
    const inc = new IncrementalChecker<KvState, KvInput, KvOutput>(kvModel, kvKeyOf, { maxSteps: 50 });
    // With a bound of 50 steps per part, only piecewise checking can finish: the whole history needs thousands.
    for (const o of ops) {
      inc.called(o);
      inc.returned(o);
      expect(inc.verdict().result).toBe('ok');
    }
    expect(checkOperations(kvModel, ops, { maxSteps: 50 }).result).toBe('unknown');
  });
});
