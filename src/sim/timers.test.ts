/**
 * Timers in the queue (§5.2: election and heartbeat timers). A reset pushes an
 * event only when none of the same timer is queued earlier; the earlier one
 * stands in and queues the current deadline when it comes up (timers.ts). These
 * tests check that nobody can tell: manual mode offers and takes stood-in
 * timers, checkpoints hold every running timer once, and the run is the same.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from './index';
import { checkpoint, createWorld, resumeWorld } from './lifecycle';
import { apply } from './apply';
import { pending, runFor, step } from './stepping';
import type { World } from './live';
import type { TimerEvent } from './world';

function queuedTimers(w: World): TimerEvent[] {
  return w.queue.toSortedArray().filter((ev): ev is TimerEvent => ev.kind === 'timer');
}

describe('§5.2 timers in the event queue', () => {
  it('a follower reset by every heartbeat keeps about one election event queued, not one per heartbeat', () => {
    const w = createWorld({ servers: 5, seed: 'timers', leaderNoop: true });
    runFor(w, 10_000);
    const leader = Object.values(w.state.servers).find((s) => s.node.role === 'leader')!.node.id;
    // 10 s of heartbeats every 50 ms reset each follower's timer about 200 times.
    for (const [id, s] of Object.entries(w.state.servers)) {
      if (Number(id) === leader) continue;
      expect(s.electionDeadline).not.toBeNull();
      expect(queuedTimers(w).filter((ev) => ev.server === Number(id) && ev.timer === 'election').length).toBeLessThanOrEqual(2);
    }
  });

  it('pending() offers each running timer at its deadline, with the seq its last reset took, in queue order', () => {
    const w = createWorld({ servers: 5, seed: 'timers', leaderNoop: true });
    runFor(w, 3_000);
    const offered = pending(w).filter((p) => p.kind === 'electionTimeout');
    const running = Object.entries(w.state.servers).filter(([, s]) => s.alive && s.electionDeadline !== null);
    expect(offered.map((p) => p.server).sort()).toEqual(running.map(([id]) => Number(id)).sort());
    for (const p of offered) expect(p.time).toBe(w.state.servers[p.server!]!.electionDeadline);
    // At least one of them is stood in for (its own event is not queued), or this test proves nothing.
    const queuedSeqs = new Set(queuedTimers(w).map((ev) => ev.seq));
    expect(offered.some((p) => !queuedSeqs.has(p.seq))).toBe(true);
    const all = pending(w);
    expect(all).toEqual([...all].sort((a, b) => a.time - b.time || a.seq - b.seq));
  });

  it('taking pending()[0] by hand, event after event, is the same run as letting it run', () => {
    const auto = createWorld({ servers: 5, seed: 'timers-manual', leaderNoop: true });
    const manual = createWorld({ servers: 5, seed: 'timers-manual', leaderNoop: true });
    runFor(auto, 2_000);
    runFor(manual, 2_000);
    for (let k = 0; k < 600; k++) {
      const next = pending(manual)[0]!;
      const taken = apply(manual, { type: 'processEvent', seq: next.seq }).event!;
      const stepped = step(auto)!;
      expect(taken.kind).toBe(stepped.kind);
      expect(taken.server).toBe(stepped.server);
      expect(taken.time).toBe(stepped.time);
    }
    expect(manual.state.traceHash).toBe(auto.state.traceHash);
  });

  it('a stood-in election timer taken ahead in manual mode fires once, at the server it belongs to', () => {
    const w = createWorld({ servers: 5, seed: 'timers', leaderNoop: true });
    runFor(w, 3_000);
    const queuedSeqs = new Set(queuedTimers(w).map((ev) => ev.seq));
    const stoodIn = pending(w).find((p) => p.kind === 'electionTimeout' && !queuedSeqs.has(p.seq))!;
    const e = apply(w, { type: 'processEvent', seq: stoodIn.seq }).event!;
    expect(e.kind).toBe('electionTimeout');
    expect(e.server).toBe(stoodIn.server);
    // It is no longer offered, and the run goes on without firing it again.
    expect(pending(w).some((p) => p.seq === stoodIn.seq)).toBe(false);
    const before = w.state.events;
    runFor(w, 1_000);
    expect(w.state.events).toBeGreaterThan(before);
  });

  it('a checkpoint holds each running timer exactly once and no stale ones; resuming from it is the same run', () => {
    const c = createCluster({ servers: 5, seed: 'timers-cp', leaderNoop: true });
    c.runFor(4_000);
    const cp = c.checkpoint();
    for (const [id, s] of Object.entries(cp.servers)) {
      for (const timer of ['election', 'heartbeat'] as const) {
        const deadline = timer === 'election' ? s.electionDeadline : s.heartbeatDeadline;
        const gen = timer === 'election' ? s.electionGen : s.heartbeatGen;
        const events = cp.queue.filter((ev) => ev.kind === 'timer' && ev.server === Number(id) && ev.timer === timer);
        expect(events.map((ev) => (ev.kind === 'timer' ? [ev.time, ev.gen] : null))).toEqual(deadline === null ? [] : [[deadline, gen]]);
      }
    }
    const twin = resumeWorld(cp);
    const w = resumeWorld(cp);
    runFor(twin, 5_000);
    c.runFor(5_000);
    expect(twin.state.traceHash).toBe(c.checkpoint().traceHash);
    // Two runs in the same state checkpoint alike, whichever resets led there.
    runFor(w, 5_000);
    expect(checkpoint(w)).toStrictEqual(checkpoint(twin));
  });
});
