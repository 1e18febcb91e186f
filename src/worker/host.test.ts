/**
 * The worker host's frames: incremental log patches rebuild exactly the
 * cluster's logs; events arrive once, in order; errors leave the run intact.
 */
import { describe, expect, it } from 'vitest';
import { applyFrame, initialSimState, type SimState } from '../store/simSlice';
import { SimHost } from './host';
import { PROTOCOL_VERSION } from './protocol';

function replay(host: SimHost, steps: Array<(h: SimHost) => unknown>): SimState {
  let state = applyFrame(initialSimState, host.reset({ seed: 'host', leaderNoop: true, maxEntriesPerAppend: 3 }));
  for (const s of steps) {
    const r = s(host) as { frame?: unknown };
    const frame = (r && typeof r === 'object' && 'frame' in r ? r.frame : r) as Parameters<typeof applyFrame>[1];
    state = applyFrame(state, frame);
    // After every frame the page's logs equal the cluster's.
    const c = host.clusterForTests;
    for (const id of c.ids()) expect(state.logs[id]).toEqual(c.server(id).log);
  }
  return state;
}

describe('SimHost frames', () => {
  it('speaks the current protocol version', () => {
    expect(new SimHost().protocolVersion()).toBe(PROTOCOL_VERSION);
  });

  it('answers the space-time window of the current branch, up to its head, and refuses a bad query', () => {
    const host = new SimHost({ seed: 'host-st' });
    host.advance(800);
    const w = host.spaceTimeWindow({ fromMs: 0, toMs: 800, pxPerMs: 2, heartbeats: true });
    expect(w.headMs).toBe(800);
    expect(w.servers).toEqual([1, 2, 3, 4, 5]);
    expect(w.messages.length).toBeGreaterThan(0);
    host.seekTime(300); // the diagram shows the whole branch wherever the view is
    expect(host.spaceTimeWindow({ fromMs: 0, toMs: 800, pxPerMs: 2, heartbeats: true }).messages.length).toBe(w.messages.length);
    expect(() => host.spaceTimeWindow({ fromMs: 10, toMs: 0, pxPerMs: 1, heartbeats: true })).toThrow(RangeError);
    expect(() => host.spaceTimeWindow({ fromMs: 0, toMs: NaN, pxPerMs: 1, heartbeats: true })).toThrow(RangeError);
  });

  it('log patches keep the page logs identical through appends, truncations and restarts', () => {
    const host = new SimHost();
    const steps: Array<(h: SimHost) => unknown> = [(h) => h.advance(400)];
    for (let i = 0; i < 8; i++) steps.push((h) => h.act({ type: 'submit', command: `k${i}=${i}` }), (h) => h.advance(30));
    steps.push(
      (h) => h.act({ type: 'partition', groups: [[1, 2], [3, 4, 5]] }),
      (h) => h.act({ type: 'submit', command: 'minority?', server: 1 }),
      (h) => h.act({ type: 'submit', command: 'minority?', server: 2 }),
      (h) => h.advance(1_500),
      (h) => h.act({ type: 'submit', command: 'majority' }),
      (h) => h.advance(300),
      (h) => h.act({ type: 'heal' }),
      (h) => h.act({ type: 'crash', server: 3 }),
      (h) => h.advance(2_000),
      (h) => h.act({ type: 'restart', server: 3 }),
      (h) => h.step(),
      (h) => h.runUntilInteresting(5_000),
      (h) => h.advance(2_000),
    );
    const state = replay(host, steps);
    expect(state.violations).toEqual([]);
    expect(Object.values(state.logs).every((log) => log.length > 8)).toBe(true);
  });

  it('unchanged logs send no patch; events arrive once and in order', () => {
    const host = new SimHost();
    host.reset({ seed: 'host' });
    const f1 = host.advance(1_000);
    const f2 = host.advance(0);
    expect(f2.logPatches).toEqual([]);
    expect(f2.events).toEqual([]);
    const f3 = host.advance(200);
    const ns = [...f1.events, ...f3.events].map((e) => e.n);
    expect(ns).toEqual(Array.from({ length: ns.length }, (_, k) => k + 1));
    expect(f3.eventCount).toBe(ns.length);
  });

  it('runUntilInteresting stops at a role change first', () => {
    const host = new SimHost();
    host.reset({ seed: 'host' });
    const { frame, reason } = host.runUntilInteresting(5_000);
    expect(reason).toBe('roleChange');
    expect(frame.servers.some((s) => s.role === 'candidate' || s.role === 'leader')).toBe(true);
  });

  it('a bad reset or action throws and leaves the current run as it was', () => {
    const host = new SimHost();
    const f = host.reset({ seed: 'keep' });
    host.advance(500);
    expect(() => host.reset({ servers: 42 })).toThrow(/servers must be a whole number from 1 to 9/);
    expect(() => host.act({ type: 'crash', server: 77 })).toThrow(/unknown server id 77/);
    const after = host.advance(0);
    expect(after.run).toBe(f.run);
    expect(after.now).toBe(500);
  });
});

describe('SimHost.runUntilInteresting, pressed again', () => {
  it('moves on to the next interesting event instead of stopping where it is (regression: e2e "Next pressed again")', () => {
    const host = new SimHost();
    host.reset({ seed: 'e2e-1' });
    const first = host.runUntilInteresting(5_000);
    const second = host.runUntilInteresting(5_000);
    expect(second.frame.eventCount).toBeGreaterThan(first.frame.eventCount);
    expect(second.frame.now).toBeGreaterThanOrEqual(first.frame.now);
    expect(second.reason).not.toBe('limit');
  });
});

describe('SimHost forks', () => {
  it('an action in the past says it started a new branch; at the live edge it does not', () => {
    const host = new SimHost();
    host.reset({ seed: 'fork' });
    host.advance(600);
    expect(host.act({ type: 'crash', server: 2 }).forked).toBe(false);
    expect(host.act({ type: 'restart', server: 2 }).forked).toBe(false);
    host.seekTime(100);
    const f = host.act({ type: 'crash', server: 4 });
    expect(f.forked).toBe(true);
    const current = f.frame.timeline.branches.find((b) => b.current)!;
    expect(current.origin).toMatchObject({ action: { type: 'crash', server: 4 }, time: 100 });
  });
});

describe('SimHost scenarios (links and files)', () => {
  it('a run exported, encoded as a link, decoded and loaded elsewhere is the same run at the same place', async () => {
    const { encodeScenario, decodeScenario } = await import('../scenario');
    const a = new SimHost();
    a.reset({ seed: 'share', leaderNoop: true, dropRate: 0.05 });
    a.advance(437.25);
    a.act({ type: 'submit', command: 'x=<b>1</b>' });
    a.advance(120);
    a.act({ type: 'crash', server: 2 });
    a.advance(800);
    a.stepBack();
    const at = a.resync();
    const link = encodeScenario(a.exportScenario());
    const decoded = decodeScenario(link);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    const b = new SimHost();
    const f = b.loadScenario(decoded.scenario);
    expect(f.eventCount).toBe(at.eventCount);
    expect(f.now).toBe(at.now);
    expect(f.servers).toEqual(at.servers);
    expect(f.timeline.head).toEqual(at.timeline.head);
    expect(f.logPatches).toEqual(at.logPatches);
  });

  it('a scenario that cannot be replayed is refused and the current run stays', () => {
    const host = new SimHost();
    const before = host.reset({ seed: 'stay' });
    expect(() => host.loadScenario({ version: 2, options: { seed: 'x' }, actions: [{ n: 99_999, at: 1, action: { type: 'heal' } }] })).toThrow(/does not match/);
    expect(host.advance(0).run).toBe(before.run);
  });
});
