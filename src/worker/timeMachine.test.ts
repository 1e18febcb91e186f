/**
 * Time travel: seeking anywhere gives exactly the state the run had there;
 * acting in the past forks and the old branch can be returned to.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent, UserAction } from '../sim';
import { replayCost } from './checkpoints';
import { CHECKPOINT_EVERY, EVENT_LOG_CONTEXT, TimeMachine } from './timeMachine';

const OPTIONS = { seed: 'tm', dropRate: 0.05, duplicateRate: 0.05, leaderNoop: true };

/** Play a session, remembering the trace hash after every event number. */
function session(): { tm: TimeMachine; hashAt: Map<number, string> } {
  const tm = new TimeMachine(OPTIONS);
  const hashAt = new Map<number, string>([[0, tm.cluster.traceHash()]]);
  const note = () => hashAt.set(tm.cluster.eventCount, tm.cluster.traceHash());
  const script: Array<UserAction | number> = [
    400,
    { type: 'submit', command: 'x=1' },
    150,
    { type: 'crash', server: 3 },
    { type: 'partition', groups: [[1, 2], [3, 4, 5]] },
    900,
    { type: 'submit', command: 'y=2' },
    { type: 'heal' },
    { type: 'restart', server: 3 },
    2_500,
  ];
  for (const s of script) {
    if (typeof s === 'number') {
      const end = tm.cluster.now + s;
      while (tm.cluster.now < end) {
        tm.advance(Math.min(7, end - tm.cluster.now));
        note();
      }
    } else {
      tm.act(s);
      note();
    }
  }
  for (let i = 0; i < 25; i++) {
    tm.step();
    note();
  }
  return { tm, hashAt };
}

describe('time travel', () => {
  it('seeking to any event gives the state the run had there, forward and back', () => {
    const { tm, hashAt } = session();
    const head = tm.head;
    expect(head.n).toBeGreaterThan(500);
    for (const n of [0, 1, 17, 250, head.n - 1, 100, head.n, 3, ...hashAt.keys()].slice(0, 60)) {
      if (!hashAt.has(n)) continue;
      tm.seekEvent(n);
      expect(tm.cluster.eventCount).toBe(n);
      expect(tm.cluster.traceHash(), `event ${n}`).toBe(hashAt.get(n));
    }
  });

  it('moving forward from the past replays the recorded actions to the same head', () => {
    const { tm, hashAt } = session();
    const head = tm.head;
    tm.seekEvent(Math.floor(head.n / 3));
    expect(tm.inPast).toBe(true);
    while (tm.cluster.eventCount < head.n) tm.step();
    expect(tm.cluster.traceHash()).toBe(hashAt.get(head.n));
    expect(tm.branches()).toHaveLength(1);
  });

  it('acting in the past forks; the old branch can be returned to exactly', () => {
    const { tm, hashAt } = session();
    const oldHead = tm.head;
    tm.seekEvent(300);
    tm.act({ type: 'crash', server: 1 });
    tm.advance(1_000);
    const branches = tm.branches();
    expect(branches).toHaveLength(2);
    expect(branches.find((b) => b.current)!.id).toBe(2);
    expect(tm.actions.every((a) => a.n <= 300)).toBe(true);
    tm.switchBranch(1);
    expect(tm.position.n).toBe(oldHead.n);
    expect(tm.cluster.traceHash()).toBe(hashAt.get(oldHead.n));
    // And back to the new branch.
    tm.switchBranch(2);
    expect(tm.actions.at(-1)!.action).toEqual({ type: 'crash', server: 1 });
  });

  it('a fork is named by the action that started it, where and when; the first run has no origin', () => {
    const { tm } = session();
    tm.seekEvent(300);
    const at = tm.position;
    expect(tm.lastActForked).toBe(false);
    tm.act({ type: 'crash', server: 3 });
    expect(tm.lastActForked).toBe(true);
    const [first, second] = tm.branches();
    expect(first!.origin).toBeNull();
    expect(second!.origin).toEqual({ action: { type: 'crash', server: 3 }, n: at.n, time: at.time });
    // At the live edge the next action is recorded on the same branch.
    tm.act({ type: 'restart', server: 3 });
    expect(tm.lastActForked).toBe(false);
    expect(tm.branches()).toHaveLength(2);
  });

  it('an action refused in the past starts no branch and changes nothing', () => {
    const { tm } = session();
    tm.seekEvent(300);
    const version = tm.version;
    expect(() => tm.act({ type: 'crash', server: 42 })).toThrow(/unknown server id 42/);
    expect(tm.branches()).toHaveLength(1);
    expect(tm.inPast).toBe(true);
    expect(tm.version).toBe(version);
  });

  it('a branch keeps the marks up to its fork and marks its own future, whatever the other branch marked', () => {
    const { tm } = session();
    const oldMarks = tm.marks.slice();
    tm.seekEvent(300);
    const leader = tm.cluster.leaderId();
    expect(leader).not.toBeNull();
    tm.act({ type: 'crash', server: leader! });
    tm.advance(1_500);
    expect(tm.marks.filter((m) => m.n <= 300)).toEqual(oldMarks.filter((m) => m.n <= 300));
    expect(tm.marks.find((m) => m.n > 300)).toMatchObject({ n: 301, kind: 'crash', server: leader });
    expect(tm.marks.some((m) => m.n > 301 && m.kind === 'election')).toBe(true);
    tm.switchBranch(1);
    expect(tm.marks).toEqual(oldMarks);
  });

  it('seeking by time lands at that time with every recorded action due by then applied', () => {
    const { tm } = session();
    tm.seekTime(1_000);
    expect(tm.cluster.now).toBe(1_000);
    expect(tm.cluster.server(3).alive).toBe(false); // crashed at ~550 ms, restarted at ~1.45 s
    tm.seekTime(2_000);
    expect(tm.cluster.server(3).alive).toBe(true);
  });

  it('marks elections, crashes, network changes and commits', () => {
    const { tm } = session();
    const kinds = new Set(tm.marks.map((m) => m.kind));
    for (const k of ['election', 'crash', 'restart', 'network', 'commit', 'client']) expect(kinds).toContain(k);
  });

  it('keeps at most MAX_CHECKPOINTS checkpoints however long the run: thins them and doubles the spacing, seeks stay exact', () => {
    const bound = { every: 500, max: 8 };
    const tm = new TimeMachine({ seed: 'long' }, bound);
    const twin = new TimeMachine({ seed: 'long' });
    let most = 0;
    for (let i = 0; i < 100; i++) {
      for (const m of [tm, twin]) {
        m.act({ type: 'submit', command: `k=${i}` });
        m.advance(1_000);
      }
      most = Math.max(most, tm.checkpointCount());
    }
    // 100 s is about 16,000 events: 32 checkpoints at the first spacing, thinned twice.
    expect(tm.head.n).toBeGreaterThan(bound.every * bound.max * 3);
    expect(most).toBeLessThanOrEqual(bound.max);
    expect(tm.checkpointCount()).toBeGreaterThanOrEqual(bound.max / 2);
    const h = tm.cluster.traceHash();
    expect(h).toBe(twin.cluster.traceHash());
    for (const target of [10, Math.floor(tm.head.n / 3), Math.floor((2 * tm.head.n) / 3) + 7]) {
      tm.seekEvent(target);
      twin.seekEvent(target);
      expect(tm.cluster.traceHash(), `seek to ${target}`).toBe(twin.cluster.traceHash());
    }
    tm.seekEvent(tm.head.n);
    expect(tm.cluster.traceHash()).toBe(h);
  });
});

describe('what is recorded is what was applied (issue 11)', () => {
  it('records the action as the simulator applied it (a partial network setting filled in), which replays to the same run', () => {
    const tm = new TimeMachine({ seed: 'applied' });
    tm.advance(500);
    tm.act({ type: 'setNetwork', settings: { dropRate: 0.1 } });
    tm.advance(800);
    const recorded = tm.actions.at(-1)!.action;
    expect(recorded).toEqual({ type: 'setNetwork', settings: { latencyMs: [10, 20], dropRate: 0.1, duplicateRate: 0 } });
    expect(recorded).toEqual(tm.cluster.traceSince(0).find((e) => e.action?.type === 'setNetwork')!.action);
    const h = tm.cluster.traceHash();
    const again = new TimeMachine({ seed: 'applied' });
    again.replayRecording(tm.actions, tm.cluster.now);
    expect(again.cluster.traceHash()).toBe(h);
  });
});

describe('checkpoints spaced by replay cost (issue 10)', () => {
  it('§5.3: a restarted server applies its whole log again in one event; a checkpoint follows that event, so no seek replays it', () => {
    const tm = new TimeMachine({ seed: 'catch-up', servers: 3 });
    tm.advance(1_000);
    for (let k = 0; k < 12_000; k++) tm.act({ type: 'submit', command: `k=${k}` });
    tm.advance(3_000);
    const leader = tm.cluster.leaderId()!;
    const follower = leader === 1 ? 2 : 1;
    tm.act({ type: 'crash', server: follower });
    tm.advance(200);
    tm.act({ type: 'restart', server: follower });
    let catchUp: TraceEvent | null = null;
    for (let i = 0; i < 100 && !catchUp; i++) {
      tm.advance(5);
      catchUp =
        tm.traceSince(0).find((e) => e.server === follower && e.notes.some((n) => n.kind === 'commitAdvanced' && n.to - n.from > 10_000)) ?? null;
    }
    expect(catchUp, 'the restarted follower catches up in one event').not.toBeNull();
    const after = tm.checkpointPositions().filter((p) => p.n >= catchUp!.n);
    expect(after.length).toBeGreaterThan(0);
    // Within the 5 ms advance that held the catch-up: far fewer events than a checkpoint spacing.
    expect(after[0]!.n - catchUp!.n).toBeLessThan(100);
    expect(replayCost(catchUp!)).toBeGreaterThan(CHECKPOINT_EVERY);
  });
});

describe('the event log after a seek (issue 10)', () => {
  it('holds at least EVENT_LOG_CONTEXT events before the target, even just after a checkpoint, and the state is exact', () => {
    const tm = new TimeMachine({ seed: 'context' });
    tm.advance(60_000);
    const head = tm.position;
    const live = tm.traceSince(0);
    expect(head.n).toBeGreaterThan(3 * CHECKPOINT_EVERY);
    const twin = new TimeMachine({ seed: 'context' });
    twin.advance(60_000);
    for (const target of [CHECKPOINT_EVERY + 1, CHECKPOINT_EVERY + 150, 2 * CHECKPOINT_EVERY + 10, 50, head.n - 3]) {
      tm.seekEvent(target);
      expect(tm.position.n).toBe(target);
      const before = tm.traceSince(0).filter((e) => e.n <= target);
      expect(before.length, `seek to ${target}`).toBeGreaterThanOrEqual(Math.min(target, EVENT_LOG_CONTEXT));
      // Consecutive, ending at the target, and the very events the live run had.
      before.forEach((e, k) => expect(e.n).toBe(target - before.length + 1 + k));
      expect(before.map((e) => [e.n, e.time, e.kind, e.server])).toEqual(live.filter((e) => e.n <= target).slice(-before.length).map((e) => [e.n, e.time, e.kind, e.server]));
      twin.seekEvent(target);
      expect(tm.cluster.traceHash()).toBe(twin.cluster.traceHash());
    }
    // By time as well.
    tm.seekTime(30_000);
    expect(tm.traceSince(0).length).toBeGreaterThanOrEqual(EVENT_LOG_CONTEXT);
  });

  it('the lead before a checkpoint is left out once the cluster\'s own trace no longer reaches back to it (no gap in the log)', () => {
    const tm = new TimeMachine({ seed: 'context', traceLimit: 300 });
    tm.advance(30_000);
    tm.seekEvent(CHECKPOINT_EVERY + 5);
    expect(tm.traceSince(0).length).toBeGreaterThanOrEqual(EVENT_LOG_CONTEXT);
    tm.seekEvent(CHECKPOINT_EVERY + 1_000); // same checkpoint, 1,000 events replayed: over the trace limit
    const events = tm.traceSince(0);
    expect(events.length).toBe(300);
    events.forEach((e, k) => expect(e.n).toBe(CHECKPOINT_EVERY + 1_000 - 299 + k));
  });

  it('a seek over more than an hour without events (every server crashed) moves the clock in steps', () => {
    const tm = new TimeMachine({ seed: 'idle', servers: 3 });
    tm.advance(1_000);
    for (const server of [1, 2, 3]) tm.act({ type: 'crash', server });
    for (let k = 0; k < 3; k++) tm.advance(3_000_000); // 2½ simulated hours, no events
    const end = tm.position.time;
    tm.seekTime(end - 10);
    expect(tm.position.time).toBe(end - 10);
  });
});
