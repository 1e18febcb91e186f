/**
 * Checkpoint storage: a packed world unpacks to exactly the world it packed,
 * and consecutive checkpoints store an unchanged log prefix once.
 */
import { describe, expect, it } from 'vitest';
import { createCluster, RaftCluster } from '../sim';
import { CHUNK, chunk, firstActionFrom, packWorld, unchunk, unpackWorld } from './checkpoints';

describe('chunked arrays', () => {
  it('round-trips lengths around the chunk size, holes included', () => {
    for (const n of [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 7]) {
      const arr = Array.from({ length: n }, (_, i) => i * 7 - 3);
      expect(unchunk(chunk(arr, undefined))).toEqual(arr);
    }
    const holey: number[] = [1, 2];
    holey[CHUNK + 5] = 9; // a snapshot install can set a prefix hash past the end
    const back = unchunk(chunk(holey, undefined));
    expect(back.length).toBe(holey.length);
    expect(3 in back).toBe(false);
    expect(back[CHUNK + 5]).toBe(9);
    const trailing = [1, 2, 3];
    trailing.length = 5;
    expect(unchunk(chunk(trailing, undefined)).length).toBe(5);
  });

  it('shares a full chunk only when every element is the same', () => {
    const a = Array.from({ length: 2 * CHUNK + 10 }, (_, i) => ({ i }));
    const first = chunk(a, undefined);
    const grown = chunk([...a, { i: -1 }], first);
    expect(grown.chunks[0]).toBe(first.chunks[0]);
    expect(grown.chunks[1]).toBe(first.chunks[1]);
    expect(grown.chunks[2]).not.toBe(first.chunks[2]); // the partial last chunk is never shared
    const changed = a.slice();
    changed[CHUNK + 3] = { i: 3 }; // equal content, another object: a different entry
    const after = chunk(changed, first);
    expect(after.chunks[0]).toBe(first.chunks[0]);
    expect(after.chunks[1]).not.toBe(first.chunks[1]);
    expect(after.chunks[1]![3]).toBe(changed[CHUNK + 3]);
    const nums = Array.from({ length: CHUNK }, () => 0);
    const numsFirst = chunk(nums, undefined);
    const negZero = nums.slice();
    negZero[5] = -0;
    expect(chunk(negZero, numsFirst).chunks[0]).not.toBe(numsFirst.chunks[0]);
  });
});

describe('packed checkpoints', () => {
  function busyCluster() {
    const c = createCluster({ servers: 5, seed: 'pack', leaderNoop: true });
    c.runUntil((x) => x.leaderId() !== null, 5_000);
    for (let k = 0; k < 2500; k++) {
      c.runFor(5);
      c.submit(`k${k % 7}=${k}`);
    }
    return c;
  }

  it('unpacks to the world it packed, and a cluster resumed from it runs the same', () => {
    const c = busyCluster();
    const state = c.snapshotState();
    const packed = packWorld(c.snapshotState(), null);
    expect(unpackWorld(packed)).toEqual(state);
    const resumed = RaftCluster.fromState(unpackWorld(packed));
    c.runFor(2_000);
    resumed.runFor(2_000);
    expect(resumed.traceHash()).toBe(c.traceHash());
  });

  it('stores the log prefix two checkpoints share once', () => {
    const c = busyCluster();
    const first = packWorld(c.snapshotState(), null);
    for (let k = 0; k < 100; k++) {
      c.runFor(5);
      c.submit(`more=${k}`);
    }
    c.runFor(1_000);
    const second = packWorld(c.snapshotState(), first);
    for (const id of [1, 2, 3, 4, 5]) {
      const a = first.logs[id]!;
      const b = second.logs[id]!;
      expect(a.length).toBeGreaterThan(2 * CHUNK);
      expect(b.length).toBeGreaterThan(a.length);
      const full = Math.floor(a.length / CHUNK);
      for (let k = 0; k < full; k++) expect(b.chunks[k]).toBe(a.chunks[k]);
      expect(second.prefixHash[id]!.chunks[0]).toBe(first.prefixHash[id]!.chunks[0]);
    }
    expect(second.committedHash.chunks[0]).toBe(first.committedHash.chunks[0]);
    // Unpacking gives fresh arrays: running on from one never changes the checkpoint.
    const w = unpackWorld(first);
    w.servers[1]!.node.log.entries.length = 0;
    w.checker.committedHash[1] = 42;
    expect(unpackWorld(first).servers[1]!.node.log.entries.length).toBe(first.logs[1]!.length);
    expect(unpackWorld(first).checker.committedHash[1]).not.toBe(42);
  });
});

describe('firstActionFrom', () => {
  it('finds the first action at or after an event by binary search', () => {
    const actions = [3, 3, 8, 20].map((n) => ({ n, at: n, action: { type: 'heal' as const } }));
    expect([0, 3, 4, 8, 9, 20, 21].map((n) => firstActionFrom(actions, n))).toEqual([0, 0, 2, 2, 3, 3, 4]);
  });
});
