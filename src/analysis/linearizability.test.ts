/**
 * The linearizability checker (§8: "each operation appears to execute
 * instantaneously, exactly once, at some point between its invocation and its
 * response") against hand-made histories with known verdicts.
 */
import { describe, expect, it } from 'vitest';
import { checkEvents, checkOperations, kvInputOfCommand, kvModel, operationsOfEvents, type HistoryEvent, type KvInput, type KvOutput, type Model, type Operation } from '.';
import { linearizableHistory } from './testHistories';

type Op = Operation<KvInput, KvOutput>;
const put = (clientId: number, key: string, value: string, call: number, ret: number): Op => ({ clientId, input: { op: 'put', key, value }, call, output: {}, return: ret });
const read = (clientId: number, key: string, value: string | null, call: number, ret: number): Op => ({ clientId, input: { op: 'read', key }, call, output: { value }, return: ret });
const pendingPut = (clientId: number, key: string, value: string, call: number): Op => ({ clientId, input: { op: 'put', key, value }, call, output: undefined, return: Infinity });

describe('§8 linearizability: hand-made histories', () => {
  it('a sequential history that reads what was written is linearizable', () => {
    const r = checkOperations(kvModel, [put(0, 'x', '1', 0, 1), read(1, 'x', '1', 2, 3), put(0, 'x', '2', 4, 5), read(1, 'x', '2', 6, 7)]);
    expect(r.result).toBe('ok');
    expect(r.partitions[0]!.longest).toEqual([0, 1, 2, 3]);
  });

  it('overlapping writes may take effect in either order: a later read may see either, but two sequential reads cannot see both orders', () => {
    const writes = [put(0, 'x', '1', 0, 10), put(1, 'x', '2', 5, 15)];
    expect(checkOperations(kvModel, [...writes, read(2, 'x', '1', 20, 25)]).result).toBe('ok');
    expect(checkOperations(kvModel, [...writes, read(2, 'x', '2', 20, 25)]).result).toBe('ok');
    expect(checkOperations(kvModel, [...writes, read(2, 'x', '1', 20, 25), read(2, 'x', '2', 26, 27), read(3, 'x', '1', 28, 29)]).result).toBe('illegal');
  });

  it('a read concurrent with a write may see the old or the new value', () => {
    const base = [put(0, 'x', '1', 0, 1), put(0, 'x', '2', 10, 20)];
    expect(checkOperations(kvModel, [...base, read(1, 'x', '1', 12, 14)]).result).toBe('ok');
    expect(checkOperations(kvModel, [...base, read(1, 'x', '2', 12, 14)]).result).toBe('ok');
  });

  it('a stale read (the old value after the new one was acknowledged) is not linearizable, and the checker names it', () => {
    const ops = [put(0, 'x', '1', 0, 5), put(0, 'x', '2', 6, 10), read(1, 'x', '1', 11, 12)];
    const r = checkOperations(kvModel, ops);
    expect(r.result).toBe('illegal');
    const p = r.partitions[0]!;
    expect(p.longest).toEqual([0, 1]);
    expect(p.unordered.map((i) => p.operations[i]!.input.op)).toEqual(['read']);
  });

  it('a read of a value never written is not linearizable; a read before any write sees null (get sees "")', () => {
    expect(checkOperations(kvModel, [put(0, 'x', '1', 0, 1), read(1, 'x', '7', 2, 3)]).result).toBe('illegal');
    expect(checkOperations(kvModel, [read(1, 'x', null, 0, 1), put(0, 'x', '1', 2, 3)]).result).toBe('ok');
    expect(checkOperations(kvModel, [{ clientId: 1, input: { op: 'get', key: 'x' }, call: 0, output: { value: '' }, return: 1 }]).result).toBe('ok');
  });

  it('an operation with no answer may have taken effect at any time after its call, or never; but not both', () => {
    expect(checkOperations(kvModel, [pendingPut(0, 'x', '1', 0), read(1, 'x', '1', 5, 6)]).result).toBe('ok');
    expect(checkOperations(kvModel, [pendingPut(0, 'x', '1', 0), read(1, 'x', null, 5, 6)]).result).toBe('ok');
    expect(checkOperations(kvModel, [pendingPut(0, 'x', '1', 0), read(1, 'x', '1', 5, 6), read(1, 'x', null, 7, 8)]).result).toBe('illegal');
    // Not before its call.
    expect(checkOperations(kvModel, [read(1, 'x', '1', 0, 1), pendingPut(0, 'x', '1', 5)]).result).toBe('illegal');
  });

  it('keys are checked apart (P-compositionality): a stale read on y does not hide behind x', () => {
    const ops = [put(0, 'x', '1', 0, 1), put(1, 'y', 'a', 0, 1), put(1, 'y', 'b', 2, 3), read(0, 'x', '1', 4, 5), read(2, 'y', 'a', 4, 5)];
    const r = checkOperations(kvModel, ops);
    expect(r.result).toBe('illegal');
    expect(r.partitions.map((p) => p.result).sort()).toEqual(['illegal', 'ok']);
  });

  it("this project's commands: key=value puts, key+=n adds (not idempotent: applied twice is visible)", () => {
    const cmd = (clientId: number, command: string, call: number, ret: number): Op => ({ clientId, input: kvInputOfCommand(command), call, output: {}, return: ret });
    expect(kvInputOfCommand('x+=2')).toEqual({ op: 'add', key: 'x', by: 2 });
    expect(kvInputOfCommand('x = 5')).toEqual({ op: 'put', key: 'x', value: '5' });
    expect(kvInputOfCommand('hello').op).toBe('other');
    const adds = [cmd(0, 'n=1', 0, 1), cmd(0, 'n+=2', 2, 3)];
    expect(checkOperations(kvModel, [...adds, read(1, 'n', '3', 4, 5)]).result).toBe('ok');
    expect(checkOperations(kvModel, [...adds, read(1, 'n', '5', 4, 5)]).result).toBe('illegal'); // the add applied twice
    expect(checkOperations(kvModel, [cmd(0, 'hello', 0, 1), read(1, 'x', null, 2, 3)]).result).toBe('ok');
  });

  it('MIT lab append: the order of concurrent appends is one order for every reader', () => {
    const app = (c: number, v: string, call: number, ret: number): Op => ({ clientId: c, input: { op: 'append', key: 'x', value: v }, call, output: {}, return: ret });
    const get = (c: number, v: string, call: number, ret: number): Op => ({ clientId: c, input: { op: 'get', key: 'x' }, call, output: { value: v }, return: ret });
    expect(checkOperations(kvModel, [app(0, 'a', 0, 10), app(1, 'b', 0, 10), get(2, 'ba', 11, 12), get(3, 'ba', 13, 14)]).result).toBe('ok');
    expect(checkOperations(kvModel, [app(0, 'a', 0, 10), app(1, 'b', 0, 10), get(2, 'ba', 11, 12), get(3, 'ab', 13, 14)]).result).toBe('illegal');
  });

  it('from calls and returns: the same verdicts, and a call never answered is pending', () => {
    const ev: HistoryEvent<KvInput, KvOutput>[] = [
      { clientId: 0, kind: 'call', value: { op: 'put', key: 'x', value: '1' }, id: 0 },
      { clientId: 1, kind: 'call', value: { op: 'read', key: 'x' }, id: 1 },
      { clientId: 0, kind: 'return', value: {}, id: 0 },
      { clientId: 1, kind: 'return', value: { value: null }, id: 1 },
      { clientId: 2, kind: 'call', value: { op: 'put', key: 'x', value: '2' }, id: 2 },
      { clientId: 1, kind: 'call', value: { op: 'read', key: 'x' }, id: 3 },
      { clientId: 1, kind: 'return', value: { value: '2' }, id: 3 },
    ];
    expect(checkEvents(kvModel, ev).result).toBe('ok');
    const ops = operationsOfEvents(ev);
    expect(ops.find((o) => o.clientId === 2)).toMatchObject({ call: 4, return: Infinity, output: undefined });
    const stale = [...ev, { clientId: 1, kind: 'call', value: { op: 'read', key: 'x' }, id: 4 } as const, { clientId: 1, kind: 'return', value: { value: '1' }, id: 4 } as const];
    expect(checkEvents(kvModel, stale).result).toBe('illegal');
    expect(() => operationsOfEvents([{ clientId: 0, kind: 'return', value: {}, id: 9 }])).toThrow(/return with id 9 and no call/);
  });

  it('refuses an operation that returns before it is called, and gives "unknown" when the step budget runs out', () => {
    expect(() => checkOperations(kvModel, [put(0, 'x', '1', 5, 4)])).toThrow(/operation 0: .*not before it/);
    const hard = linearizableHistory(400, 1, 8, 3);
    const r = checkOperations(kvModel, hard, { maxSteps: 10 });
    expect(r.result).toBe('unknown');
    expect(r.steps).toBeLessThanOrEqual(11);
  });

  it('a model of its own (a counter without partitions) works with the default deep equality', () => {
    const counter: Model<{ n: number }, 'inc' | 'get', number | null> = {
      init: () => ({ n: 0 }),
      step: (s, i, o) => (i === 'inc' ? [true, { n: s.n + 1 }] : [o === s.n, s]),
    };
    const ops: Operation<'inc' | 'get', number | null>[] = [
      { clientId: 0, input: 'inc', call: 0, output: null, return: 3 },
      { clientId: 1, input: 'inc', call: 1, output: null, return: 4 },
      { clientId: 2, input: 'get', call: 5, output: 2, return: 6 },
    ];
    expect(checkOperations(counter, ops).result).toBe('ok');
    expect(checkOperations(counter, [...ops.slice(0, 2), { clientId: 2, input: 'get', call: 5, output: 1, return: 6 }]).result).toBe('illegal');
  });
});

describe('long histories', () => {
  it('10,000 operations over 10 keys by 20 clients, linearizable by construction, are found linearizable', () => {
    const ops = linearizableHistory(10_000, 10, 20, 7);
    const r = checkOperations(kvModel, ops);
    expect(r.result).toBe('ok');
    expect(r.partitions).toHaveLength(10);
    expect(r.partitions.reduce((n, p) => n + p.longest.length, 0)).toBe(10_000);
    // Memoized search: a small multiple of the history, not an exponential walk.
    expect(r.steps).toBeLessThan(20 * ops.length);
  });

  it('one stale read hidden in 2,000 operations is found', () => {
    const ops = linearizableHistory(2_000, 4, 10, 11);
    const last = Math.max(...ops.map((o) => o.return));
    const old = ops.find((o) => o.input.key === 'k0' && o.input.op === 'put')!.input as { value: string };
    // Written long ago, read after a newer write was acknowledged: stale.
    ops.push(put(99, 'k0', 'fresh', last + 1, last + 2), read(98, 'k0', old.value, last + 3, last + 4));
    const r = checkOperations(kvModel, ops);
    expect(r.result).toBe('illegal');
    const bad = r.partitions.find((p) => p.result === 'illegal')!;
    expect(bad.unordered.map((i) => bad.operations[i]!.clientId)).toContain(98);
  });
});
