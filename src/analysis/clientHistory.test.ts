/**
 * §8: what the simulator's clients observe is linearizable — reads by a
 * ReadIndex round (§6.4) or a lease, writes applied once with sessions —
 * across seeded fault schedules (crashes, partitions, lost messages).
 */
import { describe, expect, it } from 'vitest';
import { applyAction, createCluster, type ClusterOptions, type UserAction } from '../sim';
import { checkOperations, clientOperations, kvModel } from '.';

/** A seeded schedule: three clients writing and reading two keys while servers crash and the network splits. */
export function clientRun(seed: number, options: Partial<ClusterOptions> = {}) {
  const c = createCluster({ servers: 5, seed: `lin-${seed}`, dropRate: 0.02, clientSessions: true, traceLimit: 1_000_000, ...options });
  let x = seed * 2654435761 + 1;
  const rand = (n: number): number => {
    x = (Math.imul(x ^ (x >>> 15), 2246822519) + 0x6d2b79f5) >>> 0;
    return x % n;
  };
  const act = (a: UserAction) => {
    try {
      applyAction(c, a);
    } catch {
      // A client still busy with its previous request, a server already crashed: not part of the schedule.
    }
  };
  for (let k = 0; k < 60; k++) {
    c.runFor(50 + rand(200));
    const client = 1 + rand(3);
    const key = rand(2) === 0 ? 'x' : 'y';
    if (rand(3) === 0) act({ type: 'clientRequest', client, read: key });
    else act({ type: 'clientRequest', client, command: rand(4) === 0 ? `${key}+=1` : `${key}=${k}` });
    const r = rand(20);
    if (r === 0) act({ type: 'crash', server: 1 + rand(5) });
    else if (r === 1) act({ type: 'restart', server: 1 + rand(5) });
    else if (r === 2) act({ type: 'partition', groups: [[1, 2], [3, 4, 5]] });
    else if (r === 3) act({ type: 'heal' });
  }
  for (const id of [1, 2, 3, 4, 5]) act({ type: 'restart', server: id });
  act({ type: 'heal' });
  c.runFor(5_000);
  return c;
}

describe('§8 client histories from the simulator', () => {
  it('turns client requests and the answers the clients took into operations', () => {
    const c = createCluster({ servers: 3, seed: 'cl' });
    c.runFor(1_500);
    applyAction(c, { type: 'clientRequest', client: 1, command: 'x=1' });
    c.runFor(30);
    applyAction(c, { type: 'clientRequest', client: 2, read: 'x' });
    c.runFor(500);
    applyAction(c, { type: 'clientRequest', client: 1, command: 'x+=2' });
    const ops = clientOperations(c.traceSince(0));
    expect(ops.map((o) => [o.clientId, o.kind, o.text])).toEqual([[1, 'write', 'x=1'], [2, 'read', 'x'], [1, 'write', 'x+=2']]);
    expect(ops[0]).toMatchObject({ input: { op: 'put', key: 'x', value: '1' }, output: {}, seq: 1 });
    expect(ops[0]!.return).toBeGreaterThan(ops[0]!.call);
    expect(ops[1]).toMatchObject({ input: { op: 'read', key: 'x' }, output: { value: '1' } });
    expect(ops[1]!.attempts).toBeGreaterThanOrEqual(1);
    // Still in flight at the end: may take effect later.
    expect(ops[2]).toMatchObject({ input: { op: 'add', key: 'x', by: 2 }, output: undefined, return: Infinity, returnTime: null });
    expect(checkOperations(kvModel, ops).result).toBe('ok');
  });

  it('every history over 150 seeded fault schedules is linearizable (ReadIndex reads, sessions)', () => {
    let answered = 0;
    let reads = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const c = clientRun(seed);
      const ops = clientOperations(c.traceSince(0));
      answered += ops.filter((o) => o.returnTime !== null).length;
      reads += ops.filter((o) => o.kind === 'read' && o.returnTime !== null).length;
      const r = checkOperations(kvModel, ops, { maxSteps: 1_000_000 });
      expect(r.result, `seed ${seed}`).toBe('ok');
    }
    // The schedules did exercise the clients.
    expect(answered).toBeGreaterThan(150 * 20);
    expect(reads).toBeGreaterThan(150 * 5);
  });

  it('and with lease reads (§6.4.1, clocks without drift)', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const ops = clientOperations(clientRun(seed, { readLeases: true, checkQuorum: true }).traceSince(0));
      expect(checkOperations(kvModel, ops, { maxSteps: 1_000_000 }).result, `seed ${seed}`).toBe('ok');
    }
  });
});

describe('§8 with reads that skip the leader check (unsafe.readWithoutQuorum)', () => {
  /** The ReadIndex preset's schedule: the old leader, cut off alone, is asked to read after a newer write was acknowledged. */
  function deposedLeaderRead(readWithoutQuorum: boolean) {
    const c = createCluster({ servers: 5, seed: 'stale-read', unsafe: { readWithoutQuorum }, traceLimit: 100_000 });
    c.runUntil((x) => x.leaderId() !== null, 2_000);
    c.runFor(100);
    applyAction(c, { type: 'clientRequest', client: 1, command: 'x=1' });
    c.runUntil((x) => x.clients().find((k) => k.id === 1)?.pending === null, 2_000);
    const old = c.leaderId()!;
    applyAction(c, { type: 'partition', groups: [[old], c.ids().filter((id) => id !== old)] });
    c.runUntil((x) => x.leaderId() !== null && x.leaderId() !== old, 2_000);
    c.runFor(50);
    applyAction(c, { type: 'clientRequest', client: 2, command: 'x=2' });
    c.runUntil((x) => x.clients().find((k) => k.id === 2)?.pending === null, 2_000);
    applyAction(c, { type: 'clientRequest', client: 1, read: 'x' });
    c.runUntil((x) => x.clients().find((k) => k.id === 1)?.pending === null, 3_000);
    return { c, old };
  }

  it('a deposed leader in a minority answers x=1 after x=2 was acknowledged: not linearizable, and the stale read is the one named', () => {
    const { c, old } = deposedLeaderRead(true);
    const ops = clientOperations(c.traceSince(0));
    const read = ops.find((o) => o.kind === 'read')!;
    expect(read).toMatchObject({ output: { value: '1' }, servedBy: old });
    const r = checkOperations(kvModel, ops);
    expect(r.result).toBe('illegal');
    const p = r.partitions.find((x) => x.result === 'illegal')!;
    expect(p.unordered.map((i) => p.operations[i])).toEqual([read]);
  });

  it('the same schedule with ReadIndex (the rule kept) reads x=2 from the new leader and stays linearizable', () => {
    const { c, old } = deposedLeaderRead(false);
    const ops = clientOperations(c.traceSince(0));
    const read = ops.find((o) => o.kind === 'read')!;
    expect(read.output).toEqual({ value: '2' });
    expect(read.servedBy).not.toBe(old);
    expect(checkOperations(kvModel, ops).result).toBe('ok');
  });

  it('over 150 fault schedules some histories are not linearizable, and every operation the checker cannot place is a read', () => {
    let illegal = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const ops = clientOperations(clientRun(seed, { unsafe: { readWithoutQuorum: true } }).traceSince(0));
      const r = checkOperations(kvModel, ops, { maxSteps: 1_000_000 });
      expect(r.result, `seed ${seed}`).not.toBe('unknown');
      for (const p of r.partitions.filter((x) => x.result === 'illegal')) {
        illegal++;
        const culprits = p.unordered.map((i) => p.operations[i]!);
        expect(culprits.some((o) => o.input.op === 'read'), `seed ${seed}`).toBe(true);
      }
    }
    expect(illegal).toBeGreaterThan(0);
  });
});
