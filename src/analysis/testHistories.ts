/**
 * Seeded concurrent key-value histories that are linearizable by
 * construction (each operation takes effect at a point inside its interval,
 * outputs computed in that order), for tests and the benchmark.
 */
import { incremented } from '../engine';
import type { Operation } from './linearizability';
import type { KvInput, KvOutput } from './kvModel';

export function linearizableHistory(n: number, keys: number, clients: number, seed = 1): Operation<KvInput, KvOutput>[] {
  let x = seed >>> 0 || 1;
  const rand = (): number => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x / 2 ** 32;
  };
  const freeAt = new Array<number>(clients).fill(0);
  const planned: { op: Operation<KvInput, KvOutput>; at: number }[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % clients;
    const call = freeAt[c]! + Math.floor(rand() * 5);
    const ret = call + 1 + Math.floor(rand() * 20);
    freeAt[c] = ret + 1;
    const key = `k${Math.floor(rand() * keys)}`;
    const r = rand();
    const input: KvInput = r < 0.4 ? { op: 'read', key } : r < 0.8 ? { op: 'put', key, value: String(i) } : r < 0.9 ? { op: 'append', key, value: `.${i}` } : { op: 'add', key, by: 1 };
    planned.push({ op: { clientId: c, input, call, output: undefined, return: ret }, at: call + rand() * (ret - call) });
  }
  const state = new Map<string, string | null>();
  for (const { op } of [...planned].sort((a, b) => a.at - b.at)) {
    const i = op.input;
    const now = state.get(i.key) ?? null;
    if (i.op === 'read') op.output = { value: now };
    else {
      op.output = {};
      if (i.op === 'put') state.set(i.key, i.value);
      else if (i.op === 'append') state.set(i.key, (now ?? '') + i.value);
      else if (i.op === 'add') state.set(i.key, incremented(now ?? undefined, i.by));
    }
  }
  return planned.map((p) => p.op);
}
