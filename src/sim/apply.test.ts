/**
 * One command language (apply.ts): every user action enters through
 * apply(world, action), and the action on the trace record is the very object
 * that was applied, for every action type. Replaying the recorded action from
 * just before it gives the same run (what the time machine and links rely
 * on), and each method of the headless API is its action applied.
 */
import { describe, expect, it } from 'vitest';
import { membershipBlocked } from '../engine';
import { ACTION_FIELDS, type ActionType, type UserAction } from './actions';
import { apply } from './apply';
import { applyAction, createCluster, LIMITS, type RaftCluster } from './index';
import { checkpoint, createWorld, resumeWorld } from './lifecycle';
import { lastEvent, leaderId, type World } from './live';
import { pending, runFor, runUntil } from './stepping';
import { messagesInFlight } from './views';

function leaderReady(w: World): boolean {
  const id = leaderId(w);
  return id !== null && membershipBlocked(w.state.servers[id]!.node) === null;
}

function settle(w: World): void {
  runFor(w, 1_500);
  expect(runUntil(w, () => leaderReady(w), 10_000)).toBe(true);
}

function leaderOf(w: World): number {
  return leaderId(w)!;
}

function followerOf(w: World): number {
  return Number(Object.keys(w.state.servers).find((id) => Number(id) !== leaderId(w) && w.state.servers[Number(id)]!.alive));
}

/**
 * One action of every type, each valid at its moment: `input` is what the
 * caller hands over, `applied` what apply must record (the same, except where
 * a default is filled in or a list put in order).
 */
const SCRIPT: Array<{ input: (w: World) => UserAction; applied?: (input: UserAction) => UserAction; before?: (w: World) => void }> = [
  { input: () => ({ type: 'submit', command: 'x=1' }) },
  { input: (w) => ({ type: 'submit', command: 'y=2', server: followerOf(w) }) },
  { input: (w) => ({ type: 'dropMessage', message: messagesInFlight(w)[0]!.id }) },
  { input: (w) => ({ type: 'duplicateMessage', message: messagesInFlight(w)[0]!.id }) },
  { input: (w) => ({ type: 'processEvent', seq: pending(w).at(-1)!.seq }) },
  { input: () => ({ type: 'clientRequest', client: 1, command: 'a=1' }), before: settle },
  { input: () => ({ type: 'clientRequest', client: 2, read: 'a' }) },
  { input: (w) => ({ type: 'disconnect', server: followerOf(w) }), before: settle },
  { input: () => ({ type: 'connect', server: 1 }) },
  { input: () => ({ type: 'setLink', from: 1, to: 2, up: false }) },
  { input: () => ({ type: 'partition', groups: [[1, 2], [3]] }) },
  { input: () => ({ type: 'heal' }) },
  {
    input: () => ({ type: 'setNetwork', settings: { dropRate: 0 } }),
    applied: () => ({ type: 'setNetwork', settings: { latencyMs: [10, 20], dropRate: 0, duplicateRate: 0 } }),
  },
  { input: (w) => ({ type: 'crash', server: followerOf(w) }) },
  { input: () => ({ type: 'restart', server: 1 }), before: (w) => apply(w, { type: 'crash', server: 1 }) },
  { input: (w) => ({ type: 'timeout', server: followerOf(w) }), before: settle },
  { input: (w) => ({ type: 'snapshot', server: leaderOf(w) }), before: settle },
  { input: () => ({ type: 'addServer' }), before: settle },
  { input: () => ({ type: 'removeServer', server: 4 }), before: settle },
  {
    input: () => ({ type: 'changeMembership', servers: [5, 3, 1, 2] }),
    applied: () => ({ type: 'changeMembership', servers: [1, 2, 3, 5] }),
    before: settle,
  },
  { input: (w) => ({ type: 'transferLeadership', server: followerOf(w) }), before: settle },
];

describe('apply(world, action): the one way in', () => {
  it('records on its event exactly the action it applied, for every action type; replaying that action gives the same run', () => {
    const w = createWorld({ servers: 3, seed: 'apply', leaderNoop: true });
    settle(w);
    const covered = new Set<ActionType>();
    for (const step of SCRIPT) {
      step.before?.(w);
      const input = step.input(w);
      const before = checkpoint(w);
      const out = apply(w, input);
      covered.add(input.type);
      // By construction: the record carries the applied object itself, and it is the action's own (last) record.
      expect(out.event).not.toBeNull();
      expect(out.event!.action).toBe(out.action);
      // The run's last event is that record (built again from the trace ring, issue 14), with the same action object.
      expect(lastEvent(w)).toEqual(out.event);
      expect(lastEvent(w)!.action).toBe(out.action);
      expect(out.action).toStrictEqual(step.applied ? step.applied(input) : input);
      // The recorded action, replayed from just before, is the same run.
      const twin = resumeWorld(before);
      const again = apply(twin, structuredClone(out.event!.action!));
      expect(again.action).toStrictEqual(out.action);
      expect(twin.state.traceHash).toBe(w.state.traceHash);
      expect(checkpoint(twin)).toStrictEqual(checkpoint(w));
    }
    expect([...covered].sort()).toEqual([...ACTION_FIELDS.keys()].sort());
    expect(w.state.checker.violations).toEqual([]);
  });

  it('the applied action shares nothing with the caller: changing the input afterwards changes no record', () => {
    const w = createWorld({ servers: 3, seed: 'apply' });
    const groups = [[1, 2], [3]];
    const out = apply(w, { type: 'partition', groups });
    groups[0]!.push(3);
    expect(out.event!.action).toStrictEqual({ type: 'partition', groups: [[1, 2], [3]] });
    const latencyMs: [number, number] = [5, 9];
    const set = apply(w, { type: 'setNetwork', settings: { latencyMs } });
    latencyMs[0] = 1_000;
    expect(set.event!.action).toStrictEqual({ type: 'setNetwork', settings: { latencyMs: [5, 9], dropRate: 0, duplicateRate: 0 } });
    expect(w.state.network.latencyMs).toEqual([5, 9]);
  });

  it('an action that changes nothing records nothing (crashing a crashed server, restarting a live one)', () => {
    const w = createWorld({ servers: 3, seed: 'apply' });
    apply(w, { type: 'crash', server: 2 });
    const events = w.state.events;
    expect(apply(w, { type: 'crash', server: 2 }).event).toBeNull();
    expect(apply(w, { type: 'restart', server: 3 }).event).toBeNull();
    expect(w.state.events).toBe(events);
  });

  it('a refused action changes nothing, whatever the type', () => {
    const w = createWorld({ servers: 3, seed: 'apply' });
    runFor(w, 1_000);
    const bad: UserAction[] = [
      { type: 'crash', server: 9 },
      { type: 'timeout', server: 0 },
      { type: 'setLink', from: 1, to: 1, up: false },
      { type: 'partition', groups: [[1], [1]] },
      { type: 'setNetwork', settings: { dropRate: 2 } },
      { type: 'submit', command: 'x'.repeat(LIMITS.commandLength + 1) },
      { type: 'dropMessage', message: 123_456 },
      { type: 'duplicateMessage', message: 123_456 },
      { type: 'processEvent', seq: -1 },
      { type: 'removeServer', server: 7 },
      { type: 'changeMembership', servers: [1, 1] },
      { type: 'transferLeadership', server: 8 },
      { type: 'clientRequest', client: 0, command: 'x' },
      { type: 'clientRequest', client: 1, read: '' },
    ];
    const before = checkpoint(w);
    for (const a of bad) {
      expect(() => apply(w, a)).toThrow();
      expect(checkpoint(w)).toStrictEqual(before);
    }
  });
});

describe('each method of the headless API is its action applied', () => {
  /** Run until there is a leader that may change the configuration (no change pending, an entry of its term committed). */
  function leaderReady(c: RaftCluster): void {
    const ready = (cc: RaftCluster): boolean => {
      const id = cc.leaderId();
      if (id === null) return false;
      const s = cc.server(id);
      const committedTerm = s.commitIndex === s.snapshotIndex ? s.snapshotTerm : s.log.find((e) => e.index === s.commitIndex)?.term;
      return s.transferee === null && s.configIndex <= s.commitIndex && committedTerm === s.term;
    };
    c.runFor(1_000);
    expect(c.runUntil(ready, 10_000)).toBe(true);
  }

  /** The same run twice: by the methods, and by applyAction with the action each method stands for. */
  function both(run: (c: RaftCluster, act: (method: () => unknown, action: UserAction) => void) => void): void {
    const byMethod = createCluster({ seed: 'sugar', leaderNoop: true });
    const byAction = createCluster({ seed: 'sugar', leaderNoop: true });
    run(byMethod, (method) => method());
    run(byAction, (_method, action) => applyAction(byAction, action));
    expect(byAction.traceHash()).toBe(byMethod.traceHash());
    expect(byAction.trace()).toStrictEqual(byMethod.trace());
  }

  it('same events, same hash, same recorded actions', () => {
    both((c, act) => {
      c.runUntil((cc) => cc.leaderId() !== null, 5_000);
      c.runFor(300);
      const leader = c.leaderId()!;
      const f = c.ids().find((id) => id !== leader)!;
      act(() => c.submit('x=1'), { type: 'submit', command: 'x=1' });
      act(() => c.dropMessage(c.messages()[0]!.id), { type: 'dropMessage', message: c.messages()[0]!.id });
      act(() => c.duplicateMessage(c.messages()[0]!.id), { type: 'duplicateMessage', message: c.messages()[0]!.id });
      act(() => c.processEvent(c.pending().at(-1)!.seq), { type: 'processEvent', seq: c.pending().at(-1)!.seq });
      act(() => c.clientWrite(1, 'a=1'), { type: 'clientRequest', client: 1, command: 'a=1' });
      act(() => c.clientRead(2, 'a'), { type: 'clientRequest', client: 2, read: 'a' });
      c.runFor(1_000);
      act(() => c.setLink(1, 2, false), { type: 'setLink', from: 1, to: 2, up: false });
      act(() => c.partition([[1, 2], [3, 4, 5]]), { type: 'partition', groups: [[1, 2], [3, 4, 5]] });
      act(() => c.disconnect(f), { type: 'disconnect', server: f });
      act(() => c.connect(f), { type: 'connect', server: f });
      act(() => c.heal(), { type: 'heal' });
      act(() => c.setNetwork({ latencyMs: [5, 9] }), { type: 'setNetwork', settings: { latencyMs: [5, 9] } });
      act(() => c.crash(f), { type: 'crash', server: f });
      act(() => c.restart(f), { type: 'restart', server: f });
      c.runFor(1_000);
      act(() => c.timeout(f), { type: 'timeout', server: f });
      c.runFor(2_000);
      act(() => c.snapshot(c.leaderId()!), { type: 'snapshot', server: c.leaderId()! });
      leaderReady(c);
      act(() => c.addServer(), { type: 'addServer' });
      leaderReady(c);
      act(() => c.removeServer(6), { type: 'removeServer', server: 6 });
      leaderReady(c);
      act(() => c.changeMembership([1, 2, 3]), { type: 'changeMembership', servers: [1, 2, 3] });
      leaderReady(c);
      const to = [1, 2, 3].find((id) => id !== c.leaderId())!;
      act(() => c.transferLeadership(to), { type: 'transferLeadership', server: to });
      c.runFor(2_000);
    });
  });
});
