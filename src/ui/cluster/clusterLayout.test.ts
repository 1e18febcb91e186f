import { describe, expect, it } from 'vitest';
import { makeConfig } from '../../engine';
import { centreTextAt, clientColumnWidth, clusterLayout } from './clusterLayout';
import { membershipOf, referenceConfig } from './membership';
import { endName, snapshotChunk } from './messageModel';

const dist = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y);

describe('clusterLayout', () => {
  it('places servers added at run time (ids beyond the initial count) on the ring, in id order', () => {
    const l = clusterLayout([1, 2, 3, 17, 4], [], 1200, 700);
    expect([...l.positions.keys()].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 17]);
    // The first id sits at the top; 17 comes last, just before it going round.
    const top = l.positions.get(1)!;
    for (const id of [2, 3, 4, 17]) expect(l.positions.get(id)!.y).toBeGreaterThan(top.y);
    expect(l.positions.get(17)!.x).toBeLessThan(top.x);
  });

  for (const [w, h] of [
    [1280, 560],
    [1800, 700],
  ] as const) {
    it(`12 servers and 9 clients fit in ${w}×${h} without overlapping`, () => {
      const ids = Array.from({ length: 12 }, (_, k) => (k < 5 ? k + 1 : 90 + k));
      const l = clusterLayout(ids, [1, 2, 3, 4, 5, 6, 7, 8, 9], w, h);
      const reach = l.sizes.timerOuter;
      const servers = ids.map((id) => l.positions.get(id)!);
      for (const p of servers) {
        expect(p.x - reach).toBeGreaterThanOrEqual(l.columnWidth);
        expect(p.x + reach).toBeLessThanOrEqual(w);
        expect(p.y - reach).toBeGreaterThanOrEqual(0);
        expect(p.y + reach).toBeLessThanOrEqual(h);
      }
      for (let i = 0; i < servers.length; i++) {
        for (let j = i + 1; j < servers.length; j++) expect(dist(servers[i]!, servers[j]!)).toBeGreaterThan(2 * l.sizes.nodeRadius);
      }
      // Clients: a column left of the ring, inside the box, not touching each other.
      expect(l.clients.map((c) => c.client)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
      for (let k = 0; k < l.clients.length; k++) {
        const c = l.clients[k]!;
        expect(c.x + c.halfW).toBeLessThanOrEqual(l.columnWidth);
        expect(c.y - c.halfH).toBeGreaterThanOrEqual(0);
        expect(c.y + c.halfH).toBeLessThanOrEqual(h);
        if (k > 0) expect(c.y - l.clients[k - 1]!.y).toBeGreaterThan(2 * c.halfH);
      }
    });
  }

  it('keys clients by their network address (client k is -k), so client messages find their ends', () => {
    const l = clusterLayout([1, 2, 3], [2, 1], 1000, 600);
    expect(l.positions.get(-1)).toMatchObject({ x: l.clients[0]!.x, y: l.clients[0]!.y });
    expect(l.positions.get(-2)!.y).toBeGreaterThan(l.positions.get(-1)!.y);
    expect(l.positions.has(-3)).toBe(false);
  });

  it('takes no room for clients when there are none', () => {
    expect(clientColumnWidth(1000, 0)).toBe(0);
    expect(clusterLayout([1, 2, 3], [], 1000, 600).clients).toEqual([]);
    expect(clientColumnWidth(1000, 2)).toBeGreaterThan(0);
  });
});

describe('membershipOf', () => {
  const joint = { voters: [1, 2, 4], oldVoters: [1, 2, 3], learners: [5] };
  it('tells voters, learners and removed servers apart', () => {
    const c = makeConfig([1, 2, 3], [4]);
    expect(membershipOf(1, c)).toEqual({ kind: 'voter', joint: null });
    expect(membershipOf(4, c)).toEqual({ kind: 'learner', joint: null });
    expect(membershipOf(6, c)).toEqual({ kind: 'removed', joint: null });
  });
  it('during joint consensus says which half a voter is in', () => {
    expect(membershipOf(1, joint).joint).toBe('both');
    expect(membershipOf(3, joint).joint).toBe('old');
    expect(membershipOf(4, joint).joint).toBe('new');
    expect(membershipOf(5, joint)).toEqual({ kind: 'learner', joint: null });
  });
  it('without a known configuration draws everyone as a voter', () => {
    expect(membershipOf(9, null)).toEqual({ kind: 'voter', joint: null });
  });
});

describe('referenceConfig', () => {
  const s = (id: number, voters: number[], configIndex: number, alive = true) => ({ id, alive, config: makeConfig(voters), configIndex });
  it("uses the leader's configuration", () => {
    expect(referenceConfig([s(1, [1, 2, 3], 4), s(2, [1, 2], 9)], 1)!.voters).toEqual([1, 2, 3]);
  });
  it('without a leader, the newest configuration a live server holds; a fresh server’s empty one never counts', () => {
    expect(referenceConfig([s(1, [1, 2, 3], 4), s(2, [1, 2], 9), s(3, [2], 12, false), s(4, [], 99)], null)!.voters).toEqual([1, 2]);
    expect(referenceConfig([s(4, [], 0)], null)).toBeNull();
  });
});

describe('snapshotChunk', () => {
  it('numbers chunks from the offset and the chunk size (§7)', () => {
    expect(snapshotChunk(0, 64, 200, false, 64)).toEqual({ chunk: 1, chunks: 4, through: 64, size: 200 });
    expect(snapshotChunk(128, 64, 200, false, 64)).toMatchObject({ chunk: 3, chunks: 4, through: 192 });
    expect(snapshotChunk(192, 8, 200, true, 64)).toMatchObject({ chunk: 4, chunks: 4, through: 200 });
    expect(snapshotChunk(0, 50, 50, true, 64)).toMatchObject({ chunk: 1, chunks: 1 });
  });
  it('without the chunk size, uses this chunk’s length', () => {
    expect(snapshotChunk(100, 50, 200, false, 0)).toMatchObject({ chunk: 3, chunks: 4 });
  });
  it('names message ends: servers S, clients C', () => {
    expect(endName(3)).toBe('S3');
    expect(endName(-2)).toBe('C2');
  });
});

describe('centreTextAt: the line in the middle of the ring keeps clear of the servers', () => {
  it('with three servers, sits between the top one and the two below, not across them', () => {
    const layout = clusterLayout([1, 2, 3], [], 640, 480);
    const r = 60;
    const at = centreTextAt(layout, r, 150);
    const top = layout.nodes.find((n) => n.y < layout.centre.y)!;
    const lower = layout.nodes.filter((n) => n.y > layout.centre.y);
    expect(lower).toHaveLength(2);
    expect(at.y).toBeGreaterThan(top.y + r);
    for (const n of lower) expect(at.y).toBeLessThan(n.y - r);
    expect(at.y).toBeLessThan(layout.centre.y);
  });

  it('with nobody in its way (two servers, at the sides), stays at the centre', () => {
    const layout = clusterLayout([1, 2], [], 640, 480);
    expect(centreTextAt(layout, 60, 100)).toEqual(layout.centre);
  });
});
