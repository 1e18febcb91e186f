/**
 * Linearizability checker benchmark: seeded histories, linearizable by
 * construction, checked with the key-value model. Prints one JSON line: the
 * median of 5 runs per size (ms) and the search steps.
 *
 *   npm run bench:linearizability
 */
import { checkOperations, kvModel } from '../src/analysis';
import { linearizableHistory } from '../src/analysis/testHistories';

const results: Record<string, { ms: number; steps: number; verdict: string }> = {};
for (const [n, keys, clients] of [
  [10_000, 10, 20],
  [10_000, 1, 5],
  [100_000, 10, 20],
] as const) {
  const ops = linearizableHistory(n, keys, clients, 7);
  const times: number[] = [];
  let steps = 0;
  let verdict = '';
  for (let i = 0; i < 5; i++) {
    const t = process.hrtime.bigint();
    const r = checkOperations(kvModel, ops);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    steps = r.steps;
    verdict = r.result;
  }
  times.sort((a, b) => a - b);
  results[`${n} ops, ${keys} keys, ${clients} clients`] = { ms: Math.round(times[2]! * 10) / 10, steps, verdict };
}
console.log(JSON.stringify(results));
