/**
 * The trace ring keeps the message and notes of its newest RECENT_RECORDS
 * records only, and makes older ones again by replaying the run from a mark
 * (issue 14). These runs are long enough for the ring to wrap and for replays
 * to start from marks taken along the way, with every kind of user action in
 * them; the records made again must equal, key for key and in key order, the
 * records as the run returned them when they happened.
 */
import { describe, expect, it } from 'vitest';
import type { Message, ServerId } from '../engine';
import { checkpoint, resumeWorld } from './lifecycle';
import type { InFlightMessage } from './network';
import { RaftCluster } from './api';
import type { UserAction } from './actions';
import { Prng } from './prng';
import { RECENT_RECORDS, TraceBuffer, type TraceEvent } from './trace';
import type { ClusterOptions } from './options';
import type { World } from './live';

const LIMIT = 2_500;

/** One random user action for `c` (or null when the roll finds nothing to do), from every kind the simulator has. */
function randomAction(c: RaftCluster, r: Prng): UserAction | null {
  const ids = c.ids();
  const id = ids[r.int(0, ids.length - 1)]!;
  const roll = r.int(0, 99);
  const inFlight = c.messages();
  if (roll < 35) return { type: 'submit', command: `k${r.int(0, 9)}=${r.int(0, 999)}` };
  if (roll < 42) return { type: 'crash', server: id };
  if (roll < 52) return { type: 'restart', server: id };
  if (roll < 56) return { type: 'partition', groups: [ids.filter((x) => x !== id), [id]] };
  if (roll < 62) return { type: 'heal' };
  if (roll < 64) return { type: 'disconnect', server: id };
  if (roll < 67) return { type: 'connect', server: id };
  if (roll < 69) return { type: 'setLink', from: id, to: ids[0]!, up: r.chance(0.5) };
  if (roll < 71) return { type: 'setNetwork', settings: { latencyMs: r.chance(0.5) ? [30, 90] : [10, 20] } };
  if (roll < 74) return inFlight.length > 0 ? { type: 'dropMessage', message: inFlight[r.int(0, inFlight.length - 1)]!.id } : null;
  if (roll < 77) return inFlight.length > 0 ? { type: 'duplicateMessage', message: inFlight[r.int(0, inFlight.length - 1)]!.id } : null;
  if (roll < 80) {
    const pending = c.pending();
    return pending.length > 0 ? { type: 'processEvent', seq: pending[r.int(0, pending.length - 1)]!.seq } : null;
  }
  if (roll < 83) return c.server(id).alive && c.server(id).role !== 'leader' ? { type: 'timeout', server: id } : null;
  if (roll < 86) return { type: 'snapshot', server: id };
  if (roll < 89) return { type: 'transferLeadership', server: id };
  if (roll < 92) return { type: 'clientRequest', client: r.int(1, 2), ...(r.chance(0.5) ? { read: `k${r.int(0, 9)}` } : { command: `k${r.int(0, 9)}=${r.int(0, 99)}` }) };
  if (roll < 94 && ids.length < 7) return { type: 'addServer' };
  if (roll < 96 && ids.length > 3) return { type: 'removeServer', server: id };
  return null;
}

/**
 * Drive `c` for `ms` simulated ms with random actions between short runs,
 * collecting every record as it happens (each read asks for far fewer than
 * RECENT_RECORDS records, so none of them is made again).
 */
function drive(c: RaftCluster, r: Prng, ms: number, seen: TraceEvent[]): void {
  const end = c.now + ms;
  let last = c.eventCount;
  const collect = (): void => {
    for (const e of c.traceSince(last)) seen.push(e);
    last = c.eventCount;
  };
  while (c.now < end) {
    const how = r.int(0, 9);
    if (how === 0) {
      for (let k = 0; k < 20; k++) c.step();
    } else if (how === 1) {
      c.runUntil((x) => x.leaderId() !== null, r.int(50, 500));
    } else c.runFor(r.int(10, 300));
    collect();
    const action = randomAction(c, r);
    if (action) {
      try {
        c.apply(action);
      } catch {
        // A refused action changes nothing (and is not logged for replay).
      }
    }
    collect();
  }
}

function expectSameRecords(actual: TraceEvent[], expected: TraceEvent[]): void {
  expect(actual.length).toBe(expected.length);
  for (let k = 0; k < actual.length; k++) {
    // JSON: the same keys in the same order (toEqual alone ignores order).
    if (JSON.stringify(actual[k]) !== JSON.stringify(expected[k])) expect(actual[k], `record ${expected[k]!.n}`).toEqual(expected[k]);
  }
}

const OPTIONS: Partial<ClusterOptions> = {
  servers: 5,
  traceLimit: LIMIT,
  dropRate: 0.05,
  duplicateRate: 0.05,
  preVote: true,
  checkQuorum: true,
  snapshotThreshold: 20,
  clientSessions: true,
  leaderNoop: true,
};

describe('old trace records made again by replaying the run (issue 14)', () => {
  it(`a ring of ${LIMIT} with every kind of user action: trace() and traceSince() equal the records as they happened`, () => {
    expect(LIMIT).toBeGreaterThan(RECENT_RECORDS);
    const c = new RaftCluster({ ...OPTIONS, seed: 'replay-1' });
    const seen: TraceEvent[] = [];
    drive(c, Prng.fromSeed('replay-actions-1'), 220_000, seen);
    // Long enough for live marks (every five ring lengths) and replays from them.
    expect(c.eventCount).toBeGreaterThan(2 * 5 * LIMIT);
    expect(seen.map((e) => e.n)).toEqual(Array.from({ length: c.eventCount }, (_, k) => k + 1));
    expectSameRecords(c.trace(), seen.slice(-LIMIT));
    // From inside the part made again, and across into the recent part.
    const mid = c.eventCount - LIMIT + 1234;
    expectSameRecords(c.traceSince(mid), seen.slice(mid));
    expectSameRecords(c.traceSince(c.eventCount - RECENT_RECORDS - 5), seen.slice(c.eventCount - RECENT_RECORDS - 5));
    // Asking again gives the same again (a replay changes nothing in the run).
    const hash = c.traceHash();
    expectSameRecords(c.trace(), seen.slice(-LIMIT));
    expect(c.traceHash()).toBe(hash);
    expect(c.violations()).toEqual([]);
  });

  it('a cluster resumed from a checkpoint replays from that checkpoint, and marks and logged actions stay bounded', () => {
    const first = new RaftCluster({ ...OPTIONS, seed: 'replay-2' });
    drive(first, Prng.fromSeed('replay-actions-2a'), 5_000, []);
    const c = RaftCluster.fromState(first.checkpoint());
    const startN = c.eventCount;
    const seen: TraceEvent[] = [];
    drive(c, Prng.fromSeed('replay-actions-2b'), 150_000, seen);
    expect(seen[0]!.n).toBe(startN + 1);
    expect(c.eventCount).toBeGreaterThan(startN + 2 * LIMIT);
    expectSameRecords(c.trace(), seen.slice(-LIMIT));
    const log = (c as unknown as { world: World }).world.replay!;
    // The live run marks every five ring lengths; the replay trace() made marked every ring
    // length, so the marks now reach to within one ring length of the oldest record kept,
    // and none older than needed is kept.
    expect(log.every).toBe(5 * LIMIT);
    const oldest = c.eventCount - LIMIT + 1;
    expect(log.marks.filter((m) => m.n <= oldest - 1)).toHaveLength(1);
    expect(log.marks[0]!.n).toBeGreaterThan(oldest - 1 - LIMIT);
    expect(log.marks.map((m) => m.n)).toEqual([...log.marks.map((m) => m.n)].sort((x, y) => x - y));
    expect(log.actions.every((a) => a.ordinal >= log.marks[0]!.actions)).toBe(true);
    // Replaying again from those marks gives the same records.
    expectSameRecords(c.trace(), seen.slice(-LIMIT));
  });

  it('a ring no longer than the recent part keeps every record itself: no marks, no replay', () => {
    const c = new RaftCluster({ ...OPTIONS, seed: 'replay-3', traceLimit: RECENT_RECORDS });
    const seen: TraceEvent[] = [];
    drive(c, Prng.fromSeed('replay-actions-3'), 20_000, seen);
    expect((c as unknown as { world: World }).world.replay).toBeNull();
    expectSameRecords(c.trace(), seen.slice(-RECENT_RECORDS));
  });

  it('a replay that goes another way is reported as a bug, naming the event, and the ring is unchanged', () => {
    const ev = (n: number): TraceEvent => ({ n, time: n, kind: 'electionTimeout', server: 1 as ServerId, message: undefined, failure: undefined, notes: [], sent: [], detail: undefined, action: undefined, client: undefined, clientOutcome: undefined });
    const t = new TraceBuffer(10, 2, (from, to) =>
      Array.from({ length: to - from + 1 }, (_, k) => ({ n: from + k, time: from + k === 5 ? 99 : from + k, kind: 'electionTimeout' as const, server: 1, message: undefined, notes: [] })),
    );
    for (let n = 1; n <= 10; n++) t.push(ev(n));
    expect(() => t.toArray()).toThrow(/rebuild event 5 went another way \(electionTimeout at 99 ms, recorded electionTimeout at 5 ms\)/);
    // The newest two are the ring's own; asking for them replays nothing.
    expect(t.since(8).map((e) => e.n)).toEqual([9, 10]);
  });
});

describe('a world resumed in this process is built like the live one (issue 14: replays must not slow the run down)', () => {
  it('from a mark, its servers, logs, progress, checker watches and stats have the same keys in the same order, and in-flight messages are the engine’s own', () => {
    const c = new RaftCluster({ ...OPTIONS, seed: 'replay-4' });
    c.runUntil((x) => x.leaderId() !== null, 5_000);
    for (let k = 0; k < 20; k++) {
      c.submit(`k${k}=${k}`);
      c.runFor(37);
    }
    const live = (c as unknown as { world: World }).world;
    // As a replay resumes from a mark: the checkpoint, and the engine's messages it shows.
    const originals = new Map<InFlightMessage, Message>();
    const resumed = resumeWorld(checkpoint(live, originals), originals);
    const keys = (o: object): string[] => Object.keys(o);
    for (const id of c.ids()) {
      const a = live.state.servers[id]!;
      const b = resumed.state.servers[id]!;
      expect(keys(b)).toEqual(keys(a));
      expect(keys(b.node)).toEqual(keys(a.node));
      expect(keys(b.node.log)).toEqual(keys(a.node.log));
      for (const peer of Object.keys(a.node.progress)) expect(keys(b.node.progress[Number(peer)]!)).toEqual(keys(a.node.progress[Number(peer)]!));
      expect(keys(resumed.state.checker.servers[id]!)).toEqual(keys(live.state.checker.servers[id]!));
    }
    expect(keys(resumed.state.stats)).toEqual(keys(live.state.stats));
    const liveMessages = new Set(live.queue.toSortedArray().flatMap((ev) => (ev.kind === 'deliver' ? [ev.message] : [])));
    const resumedMessages = resumed.queue.toSortedArray().flatMap((ev) => (ev.kind === 'deliver' ? [ev.message] : []));
    expect(resumedMessages.length).toBeGreaterThan(0);
    for (const m of resumedMessages) expect(liveMessages.has(m)).toBe(true);
  });
});
