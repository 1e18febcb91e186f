/**
 * The space-time index: recorded at the live edge, it must agree with the full
 * trace of the run (endpoints, send and end, fate), forget a replaced future
 * when the run forks, and answer a window with only what is in view, summed
 * into bands when arrows would be closer than ~2 px.
 */
import { describe, expect, it } from 'vitest';
import { isHeartbeat } from '../engine';
import type { TraceEvent, UserAction } from '../sim';
import { TimeMachine } from './timeMachine';
import { MIN_ARROW_GAP_PX } from './spaceTime';

const OPTIONS = { seed: 'space-time', dropRate: 0.1, duplicateRate: 0.1, traceLimit: 1_000_000 };

function played(script: Array<UserAction | number>, options = OPTIONS): TimeMachine {
  const tm = new TimeMachine(options);
  for (const s of script) {
    if (typeof s === 'number') {
      // Small slices, as the page's frames do: the index must not depend on how time is cut.
      const end = tm.cluster.now + s;
      while (tm.cluster.now < end) tm.advance(Math.min(13, end - tm.cluster.now));
    } else tm.act(s);
  }
  return tm;
}

/** What each message's fate was, from the full trace: id → the event that ended it. */
function endsOf(trace: readonly TraceEvent[]): Map<number, TraceEvent> {
  const ends = new Map<number, TraceEvent>();
  for (const e of trace) if (e.message && (e.kind === 'deliver' || e.kind === 'drop' || e.kind === 'dropMessage')) ends.set(e.message.id, e);
  return ends;
}

const SCRIPT: Array<UserAction | number> = [600, { type: 'submit', command: 'x=1' }, 200, { type: 'crash', server: 2 }, 300, { type: 'restart', server: 2 }, { type: 'disconnect', server: 4 }, 400, { type: 'connect', server: 4 }, 300];

describe('space-time index', () => {
  it('records every message with its endpoints, send and end times and outcome, as the full trace has them', () => {
    const tm = played(SCRIPT);
    const idx = tm.spaceTime;
    const ends = endsOf(tm.cluster.trace());
    expect(ends.size).toBeGreaterThan(100);
    let dropped = 0;
    let duplicates = 0;
    for (const [id, e] of ends) {
      const m = e.message!;
      const rec = idx.message(id);
      expect(rec, `message ${id}`).toBeDefined();
      expect(rec).toMatchObject({ id, type: m.type, from: m.from, to: m.to, sentAt: m.sentAt, endAt: e.time, endN: e.n, duplicate: m.duplicate, heartbeat: rec!.heartbeat });
      expect(rec!.outcome).toBe(e.kind === 'deliver' && !e.failure ? 'delivered' : 'dropped');
      if (isHeartbeat(m)) expect(rec!.heartbeat).toBe(true);
      if (rec!.outcome === 'dropped') dropped++;
      if (rec!.duplicate) duplicates++;
    }
    expect(dropped).toBeGreaterThan(0);
    expect(duplicates).toBeGreaterThan(0);
    for (const m of tm.cluster.messages()) expect(idx.message(m.id)).toMatchObject({ from: m.from, to: m.to, sentAt: m.sentAt, endAt: null, outcome: 'inFlight' });
    expect(idx.messageCount).toBe(ends.size + tm.cluster.messages().length);
  });

  it('marks heartbeat replies and hides heartbeats unless asked', () => {
    const tm = played([1_500], { ...OPTIONS, dropRate: 0, duplicateRate: 0 });
    const head = tm.head.time;
    const all = tm.spaceTime.window({ fromMs: 0, toMs: head, pxPerMs: 100, heartbeats: true }, head);
    const replies = all.messages.filter((m) => m.type === 'AppendEntriesReply');
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.every((m) => m.heartbeat)).toBe(true); // no command was sent: every AppendEntries was a heartbeat
    const quiet = tm.spaceTime.window({ fromMs: 0, toMs: head, pxPerMs: 100, heartbeats: false }, head);
    expect(quiet.messages.some((m) => m.heartbeat)).toBe(false);
    expect(quiet.messages.some((m) => m.type === 'RequestVote')).toBe(true);
  });

  it('records role and term segments, crashes and disconnections per server', () => {
    const tm = played(SCRIPT);
    const head = tm.head.time;
    const w = tm.spaceTime.window({ fromMs: 0, toMs: head, pxPerMs: 100, heartbeats: false }, head);
    expect(w.servers).toEqual([1, 2, 3, 4, 5]);
    expect(w.segments.some((s) => s.role === 'leader')).toBe(true);
    expect(w.segments.some((s) => s.server === 2 && !s.alive)).toBe(true);
    expect(w.segments.some((s) => s.server === 4 && !s.connected)).toBe(true);
    for (const id of w.servers) {
      const lane = w.segments.filter((s) => s.server === id);
      expect(lane[0]!.fromMs).toBe(0);
      expect(lane[lane.length - 1]!.toMs).toBe(head);
      for (let i = 1; i < lane.length; i++) expect(lane[i]!.fromMs).toBe(lane[i - 1]!.toMs);
    }
  });

  it('forgets the replaced future when acting in the past forks the run, and the old branch keeps its own', () => {
    const tm = played(SCRIPT);
    const oldHead = tm.head;
    const oldCount = tm.spaceTime.messageCount;
    tm.seekEvent(Math.floor(oldHead.n / 2));
    const at = tm.position;
    const nextId = tm.cluster.stats().messages + 1;
    const inFlightAtFork = tm.cluster.messages().map((m) => m.id);
    tm.act({ type: 'crash', server: 1 });
    const idx = tm.spaceTime;
    for (let id = nextId; id < nextId + 50; id++) expect(idx.message(id)).toBeUndefined();
    for (const id of inFlightAtFork) expect(idx.message(id)).toMatchObject({ endAt: null, outcome: 'inFlight' });
    const w = idx.window({ fromMs: 0, toMs: oldHead.time, pxPerMs: 100, heartbeats: true }, at.time);
    expect(w.segments.every((s) => s.n <= at.n + 1)).toBe(true);
    // The new future is recorded as it happens, and agrees with the new branch's trace.
    tm.advance(500);
    const ends = endsOf(tm.cluster.trace().filter((e) => e.n > at.n));
    for (const [id, e] of ends) expect(tm.spaceTime.message(id)).toMatchObject({ endN: e.n, endAt: e.time, to: e.message!.to });
    // The old branch's index is untouched.
    const old = tm.branches().find((b) => !b.current)!;
    tm.switchBranch(old.id);
    expect(tm.spaceTime.messageCount).toBe(oldCount);
  });

  it('answers a window with only the messages that cross it', () => {
    const tm = played(SCRIPT);
    const head = tm.head.time;
    const [from, to] = [700, 760];
    const w = tm.spaceTime.window({ fromMs: from, toMs: to, pxPerMs: 20, heartbeats: true }, head);
    expect(w.messages.length).toBeGreaterThan(0);
    for (const m of w.messages) {
      expect(m.sentAt).toBeLessThanOrEqual(to);
      expect(m.endAt ?? head).toBeGreaterThanOrEqual(from);
    }
    // Nothing that crosses the window is missing.
    const ends = endsOf(tm.cluster.trace());
    const crossing = [...ends.values()].filter((e) => e.message!.sentAt <= to && e.time >= from).length;
    expect(w.messages.length).toBe(crossing);
    expect(w.segments.every((s) => s.toMs >= from && s.fromMs <= to)).toBe(true);
  });

  it('sums arrows into bands per lane pair when they would be closer than 2 px', () => {
    const tm = played([3_000], { ...OPTIONS, dropRate: 0, duplicateRate: 0 });
    const head = tm.head.time;
    const pxPerMs = 0.05; // the whole run in 150 px
    const w = tm.spaceTime.window({ fromMs: 0, toMs: head, pxPerMs, heartbeats: true }, head);
    expect(w.visibleCount * MIN_ARROW_GAP_PX).toBeGreaterThan(head * pxPerMs);
    expect(w.messages).toEqual([]);
    expect(w.bands.length).toBeGreaterThan(0);
    expect(w.bands.reduce((n, b) => n + b.count, 0)).toBe(w.visibleCount);
    const close = tm.spaceTime.window({ fromMs: 0, toMs: head, pxPerMs: 100, heartbeats: true }, head);
    expect(close.bands).toEqual([]);
    expect(close.messages.length).toBe(w.visibleCount);
  });

  it('gives client operations with their input, output and a verdict', () => {
    const tm = played([600, { type: 'clientRequest', client: 1, command: 'x=1' }, 300, { type: 'clientRequest', client: 2, read: 'x' }, 300], { ...OPTIONS, dropRate: 0, duplicateRate: 0 });
    const head = tm.head.time;
    const w = tm.spaceTime.window({ fromMs: 0, toMs: head, pxPerMs: 1, heartbeats: false }, head);
    expect(w.clients).toEqual([1, 2]);
    expect(w.operations.map((o) => [o.clientId, o.kind, o.text, o.answered])).toEqual([
      [1, 'write', 'x=1', true],
      [2, 'read', 'x', true],
    ]);
    expect(w.operations[1]!.value).toBe('1');
    expect(w.verdict).toBe('ok');
    expect(w.messages.some((m) => m.from === -1 && m.type === 'ClientRequest')).toBe(true);
  });
});
