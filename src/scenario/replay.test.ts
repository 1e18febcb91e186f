import { describe, expect, it } from 'vitest';
import { applyAction, createCluster, type UserAction } from '../sim';
import { replayScenario } from './replay';
import type { RecordedAction } from './types';

/** Play a run "live", recording each action with the event number and time it happened at. */
function live(seed: string, script: Array<[number, UserAction]>) {
  const c = createCluster({ seed, dropRate: 0.05, duplicateRate: 0.05 });
  const actions: RecordedAction[] = [];
  for (const [wait, action] of script) {
    c.runFor(wait);
    actions.push({ n: c.eventCount, at: c.now, action });
    applyAction(c, action);
  }
  c.runFor(1_000);
  return { c, actions };
}

describe('replaying recorded actions', () => {
  it('gives the identical run, event for event', () => {
    const script: Array<[number, UserAction]> = [
      [400, { type: 'submit', command: 'x=1' }],
      [13.5, { type: 'crash', server: 2 }],
      [250, { type: 'partition', groups: [[1, 2], [3, 4, 5]] }],
      [0, { type: 'submit', command: 'y=2' }],
      [700, { type: 'heal' }],
      [90, { type: 'restart', server: 2 }],
      [3, { type: 'setLink', from: 3, to: 4, up: false }],
      [300, { type: 'timeout', server: 5 }],
    ];
    const { c, actions } = live('replay', script);
    const again = replayScenario({ options: { seed: 'replay', dropRate: 0.05, duplicateRate: 0.05 }, actions, runUntil: c.now });
    expect(again.eventCount).toBe(c.eventCount);
    expect(again.traceHash()).toBe(c.traceHash());
    expect(again.servers()).toEqual(c.servers());
  });

  it('refuses a recording that does not match the run', () => {
    const { actions } = live('replay', [[400, { type: 'submit', command: 'x=1' }], [100, { type: 'crash', server: 1 }]]);
    const other = actions.map((a) => ({ ...a, n: a.n + 100_000 }));
    expect(() => replayScenario({ options: { seed: 'replay', dropRate: 0.05, duplicateRate: 0.05 }, actions: other })).toThrow(/does not match|only \d+ events can happen|at must be a time/);
  });
});

describe('replay matches however the live run moved time', () => {
  it('200 random sessions mixing runFor, single steps, runUntil and actions replay to the same trace', () => {
    const ids = [1, 2, 3, 4, 5];
    for (let k = 0; k < 200; k++) {
      // A small deterministic generator for the session itself (not part of the simulation).
      let x = 2654435761 * (k + 1);
      const rnd = (n: number): number => {
        x = (Math.imul(x ^ (x >>> 15), 2246822507) + 0x9e3779b9) | 0;
        return (x >>> 0) % n;
      };
      const options = { seed: `session-${k}`, dropRate: rnd(3) * 0.05, duplicateRate: rnd(2) * 0.05, leaderNoop: rnd(2) === 1 };
      const c = createCluster(options);
      const actions: RecordedAction[] = [];
      for (let i = 0; i < 30; i++) {
        const move = rnd(4);
        if (move === 0) c.runFor(rnd(300));
        else if (move === 1) for (let j = rnd(5); j >= 0; j--) c.step();
        else if (move === 2) c.runUntil((cc) => cc.leaderId() !== null, rnd(500));
        const id = ids[rnd(5)]!;
        const pick: UserAction[] = [
          { type: 'submit', command: `k${i}` },
          { type: 'crash', server: id },
          { type: 'restart', server: id },
          { type: 'partition', groups: [[id], ids.filter((v) => v !== id)] },
          { type: 'heal' },
          { type: 'setLink', from: id, to: ids[(id % 5)]!, up: rnd(2) === 1 },
          { type: 'disconnect', server: id },
          { type: 'connect', server: id },
        ];
        const action = pick[rnd(pick.length)]!;
        actions.push({ n: c.eventCount, at: c.now, action });
        applyAction(c, action);
      }
      c.runFor(500);
      const again = replayScenario({ options, actions, runUntil: c.now });
      expect(again.traceHash(), `session ${k}`).toBe(c.traceHash());
    }
  });
});

describe('a hostile recording', () => {
  it('fails fast instead of running the clock forward (regression: {n: 300000, at: 0} ran 1.6 million simulated ms)', () => {
    const c = createCluster({ seed: 'hostile' });
    expect(() => replayScenario({ options: { seed: 'hostile' }, actions: [{ n: 300_000, at: 0, action: { type: 'heal' } }] })).toThrow(/does not match/);
    // The first event of this run is an election timeout at 150–300 ms, so nothing could have happened by 0 ms.
    expect(c.eventCount).toBe(0);
  });
});

describe('manual mode: choosing the next event', () => {
  it('processes the chosen pending event first, and a run with choices replays exactly', () => {
    const c = createCluster({ seed: 'manual' });
    c.runUntil((cc) => cc.leaderId() !== null, 5_000);
    c.submit('x=1');
    const actions: RecordedAction[] = [];
    for (let k = 0; k < 40; k++) {
      const pending = c.pending();
      expect(pending.length).toBeGreaterThan(0);
      // Always the LAST pending event: an order the random run would almost never take.
      const choice = pending[pending.length - 1]!;
      const before = c.eventCount;
      actions.push({ n: c.eventCount, at: c.now, action: { type: 'processEvent', seq: choice.seq } });
      applyAction(c, { type: 'processEvent', seq: choice.seq });
      expect(c.eventCount).toBe(before + 1);
      expect(c.pending().some((p) => p.seq === choice.seq)).toBe(false);
      expect(c.now).toBeGreaterThanOrEqual(choice.time);
    }
    c.runFor(500);
    expect(c.violations()).toEqual([]);
    expect(() => c.processEvent(-1)).toThrow(/no pending event -1/);
    // The live run started with runUntil + submit before recording: replay the same prefix by recording it too.
    const again = createCluster({ seed: 'manual' });
    again.runUntil((cc) => cc.leaderId() !== null, 5_000);
    again.submit('x=1');
    for (const a of actions) {
      again.runToEvent(a.n, a.at);
      applyAction(again, a.action);
    }
    again.runFor(500);
    expect(again.traceHash()).toBe(c.traceHash());
  });
});

describe('the actions format 2 added replay exactly', () => {
  it('membership changes, transfers, snapshots and client requests, recorded live, give the identical run', () => {
    const options = { seed: 'format-2', servers: 3, leaderNoop: true, preVote: true, checkQuorum: true, leaderStickiness: true, snapshotThreshold: 4, snapshotChunkBytes: 32, dropRate: 0.02 };
    const c = createCluster(options);
    const actions: RecordedAction[] = [];
    const act = (action: UserAction): void => {
      actions.push({ n: c.eventCount, at: c.now, action });
      applyAction(c, action);
    };
    /** Run until the leader may change the configuration (§6: its own term committed, no change pending). */
    const mayChange = (cc: typeof c): boolean => {
      const id = cc.leaderId();
      if (id === null) return false;
      const s = cc.summary(id);
      const committed = s.commitIndex <= s.snapshotIndex ? s.snapshotTerm : cc.logEntries(id).find((e) => e.index === s.commitIndex)?.term;
      return committed === s.term && s.configIndex <= s.commitIndex && s.transferee === null;
    };
    const settle = (): number => {
      c.runUntil(mayChange, 10_000);
      expect(mayChange(c)).toBe(true);
      return c.leaderId()!;
    };
    c.runUntil((cc) => cc.leaderId() !== null, 5_000);
    act({ type: 'clientRequest', client: 1, command: 'x=1' });
    c.runFor(300);
    act({ type: 'clientRequest', client: 2, read: 'x' });
    settle();
    act({ type: 'addServer' });
    for (let i = 0; i < 6; i++) {
      const client = 1 + (i % 3);
      c.runFor(120);
      c.runUntil((cc) => !cc.clients().some((x) => x.id === client && x.pending !== null), 5_000);
      act({ type: 'clientRequest', client, command: `k${i}=${i}` });
    }
    const leader = settle();
    act({ type: 'snapshot', server: leader });
    act({ type: 'changeMembership', servers: [1, 2, 4, 5] });
    c.runFor(2_000);
    const next = settle();
    act({ type: 'transferLeadership', server: c.summary(next).config.voters.find((v) => v !== next)! });
    c.runFor(1_000);
    settle();
    act({ type: 'removeServer', server: 4 });
    c.runFor(2_000);
    // The run did what the script says: S4 and S5 started, S3 and S4 left, snapshots were taken, clients were answered.
    expect(c.ids()).toEqual([1, 2, 3, 4, 5]);
    expect([...c.summary(settle()).config.voters].sort()).toEqual([1, 2, 5]);
    expect(c.ids().some((id) => c.summary(id).snapshotIndex > 0)).toBe(true);
    expect(c.clients().flatMap((cl) => cl.history).filter((op) => op.status !== 'pending').length).toBeGreaterThanOrEqual(8);
    expect(c.violations()).toEqual([]);

    const again = replayScenario({ options, actions, runUntil: c.now });
    expect(again.eventCount).toBe(c.eventCount);
    expect(again.traceHash()).toBe(c.traceHash());
    expect(again.servers()).toEqual(c.servers());
    expect(again.clients()).toEqual(c.clients());
  });
});
