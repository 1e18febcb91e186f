/**
 * Hardening (issue #10): a call that throws changes nothing (runToEvent), a
 * checkpoint is checked as strictly as options (fromState), no call moves the
 * clock without bound, and wrong input is refused with a message that says
 * what is wrong. Each test failed before its fix.
 */
import { describe, expect, it } from 'vitest';
import { applyAction, createCluster, LIMITS, RaftCluster, type UserAction, type WorldState } from '.';

/** A cluster at rest between events: the next pending event is due after now. */
function settled(): RaftCluster {
  const c = createCluster({ servers: 3, seed: 'hardening' });
  c.runFor(1_000);
  return c;
}

function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the call to throw');
}

describe('a call that throws changes nothing', () => {
  it('runToEvent refusing a recording that does not match leaves the next event in place (twin run one simulated second later)', () => {
    const c = settled();
    const twin = settled();
    const next = c.pending()[0]!;
    expect(next.time).toBeGreaterThan(c.now);
    // The recording says one more event happens by now: it does not (the next is due later).
    expect(() => c.runToEvent(c.eventCount + 1, c.now)).toThrow(/the recording does not match this run/);
    expect(c.traceHash()).toBe(twin.traceHash());
    expect(c.pending()).toStrictEqual(twin.pending());
    c.runFor(1_000);
    twin.runFor(1_000);
    expect(c.eventCount).toBe(twin.eventCount);
    expect(c.traceHash()).toBe(twin.traceHash());
  });

  it('runToEvent checks `at` before processing any event', () => {
    const c = settled();
    const { eventCount, now } = c;
    const hash = c.traceHash();
    for (const at of [NaN, now - 1, Infinity, '5' as unknown as number]) {
      expect(() => c.runToEvent(eventCount + 5, at)).toThrow(/runToEvent\(n, at\): at must be a time >= /);
      expect([c.eventCount, c.now, c.traceHash()]).toStrictEqual([eventCount, now, hash]);
    }
  });
});

describe('fromState checks a checkpoint as strictly as createCluster checks options', () => {
  const good = (): WorldState => JSON.parse(JSON.stringify(settled().checkpoint())) as WorldState;

  it('refuses null, {} and non-objects with a clear message (not "Cannot convert undefined or null to object")', () => {
    for (const bad of [null, undefined, 42, 'state', []]) {
      expect(() => RaftCluster.fromState(bad as unknown as WorldState)).toThrow(/^fromState\(state\): state must be a checkpoint object from snapshotState\(\) \(got /);
    }
    expect(() => RaftCluster.fromState({} as WorldState)).toThrow('fromState(state): state.options is missing: a checkpoint holds the cluster\'s options');
  });

  it('refuses an edited heartbeatMs of -5 with createCluster\'s own message, instead of looping until the heap runs out', () => {
    const s = good();
    s.options.heartbeatMs = -5;
    expect(() => createCluster({ heartbeatMs: -5 })).toThrow('heartbeatMs must be a number from 1 to 600000 (got -5)');
    expect(() => RaftCluster.fromState(s)).toThrow('fromState(state): state.options.heartbeatMs must be a number from 1 to 600000 (got -5)');
  });

  it('refuses times, counters and queued events the run cannot go on from', () => {
    const edits: Array<[(s: WorldState) => void, string]> = [
      [(s) => (s.time = NaN), 'fromState(state): state.time must be a number from 0 to'],
      [(s) => (s.events = -1), 'fromState(state): state.events must be a whole number from 0 to'],
      [(s) => (s.rng = [1, 2]), 'fromState(state): state.rng must be the generator\'s state, four whole numbers'],
      [(s) => (s.queue[0]!.time = NaN), 'fromState(state): state.queue[0].time must be a number from 0 to'],
      [(s) => ((s.queue[0] as { kind: string }).kind = 'party'), 'fromState(state): state.queue[0].kind must be one of timer, deliver, clientTimer (got "party")'],
      [(s) => (s.servers = {}), 'fromState(state): state.servers must hold at least one server'],
      [(s) => (s.servers[1]!.node.id = 2), 'fromState(state): state.servers[1].node.id must be 1, the server\'s own id (got 2)'],
      [(s) => (s.network.latencyMs = [-1, 5]), 'fromState(state): state.network.latencyMs[0] must be a number from 0 to 60000 (got -1)'],
      [(s) => ((s.options as unknown as Record<string, unknown>).bogus = 1), 'fromState(state): state.options: unknown option "bogus"'],
      [(s) => (s.checker.witnessPrefix = []), 'fromState(state): state.checker.witnessPrefix and state.checker.witnessTerm must have the same length'],
      [(s) => ((s.checker as unknown as Record<string, unknown>).committedHash = 'x'), 'fromState(state): state.checker.committedHash must be'],
    ];
    for (const [edit, message] of edits) {
      const s = good();
      edit(s);
      expect(thrown(() => RaftCluster.fromState(s)).message.startsWith(message), message).toBe(true);
    }
  });

  it('still resumes a checkpoint (also after a JSON round trip) to the identical run', () => {
    const a = settled();
    const b = RaftCluster.fromState(JSON.parse(JSON.stringify(a.checkpoint())) as WorldState);
    a.runFor(2_000);
    b.runFor(2_000);
    expect(b.traceHash()).toBe(a.traceHash());
  });
});

describe('the checker in a checkpoint (Log Matching witnesses kept by index, issue 10 seek time)', () => {
  it('a checkpoint taken before witnesses were kept by index (an entryPrefix dictionary) resumes to the identical run, violations included', () => {
    // Figure 8's rule broken, so Log Matching and State Machine Safety have something to find.
    const make = () => createCluster({ seed: 'older-checker', servers: 5, dropRate: 0.2, unsafe: { truncateWithoutConflict: true, skipUpToDateCheck: true } });
    const a = make();
    for (let k = 0; k < 40; k++) {
      a.runFor(150);
      try {
        a.submit(`k=${k}`);
      } catch {
        /* no leader just now */
      }
      if (k % 9 === 4) a.crash(1 + (k % 5));
      if (k % 9 === 7) a.restart(1 + ((k - 3) % 5));
    }
    const state = JSON.parse(JSON.stringify(a.checkpoint())) as WorldState & { checker: Record<string, unknown> };
    const { witnessTerm, witnessPrefix, witnessOther, ...rest } = state.checker as unknown as {
      witnessTerm: number[]; witnessPrefix: number[]; witnessOther: Record<string, number>;
    };
    const entryPrefix: Record<string, number> = { ...witnessOther };
    witnessTerm.forEach((t, i) => {
      if (t !== 0) entryPrefix[`${i}:${t}`] = witnessPrefix[i]!;
    });
    const older = { ...state, checker: { ...rest, entryPrefix } } as unknown as WorldState;
    const b = RaftCluster.fromState(older);
    const c = RaftCluster.fromState(state);
    for (const x of [a, b, c]) {
      x.runFor(3_000);
      x.submit('last=1');
      x.runFor(3_000);
    }
    expect(b.traceHash()).toBe(a.traceHash());
    expect(b.violations()).toEqual(a.violations());
    expect(c.violations()).toEqual(a.violations());
    expect(a.violations().length).toBeGreaterThan(0);
    expect(Object.keys(witnessOther).length).toBeGreaterThan(0); // diverged logs: a second term at some index
  });
});

describe('no call moves the clock without bound', () => {
  it('runFor, runUntil and runToEvent refuse more than LIMITS.timeMs per call, naming the limit, and change nothing', () => {
    const c = settled();
    const before = [c.eventCount, c.now, c.traceHash()];
    const calls: Array<() => unknown> = [
      () => c.runFor(1e12),
      () => c.runFor(Number.MAX_VALUE),
      () => c.runFor(LIMITS.timeMs + 1),
      () => c.runUntil(() => false, 1e12),
      () => c.runToEvent(1e12, 1e15),
      () => c.runToEvent(c.eventCount, c.now + LIMITS.timeMs + 1),
    ];
    for (const call of calls) {
      expect(call).toThrow(/must be at most LIMITS\.timeMs = 3600000 ms \(one simulated hour\) per call/);
      expect([c.eventCount, c.now, c.traceHash()]).toStrictEqual(before);
    }
  });

  it('exactly LIMITS.timeMs is still accepted', () => {
    // Every server crashed: an hour passes with no event, so this is cheap.
    const c = createCluster({ servers: 1, initial: [{ id: 1, crashed: true }] });
    c.runFor(LIMITS.timeMs);
    expect(c.now).toBe(LIMITS.timeMs);
    c.runToEvent(0, c.now + LIMITS.timeMs);
    expect(c.runUntil(() => false, LIMITS.timeMs)).toBe(false);
  });
});

describe('refuse what is wrong, and say why', () => {
  it('setNetwork refuses unknown keys (as createCluster refuses unknown options) and records nothing', () => {
    const c = settled();
    const hash = c.traceHash();
    expect(() => c.setNetwork({ bogus: 1 } as never)).toThrow('unknown network setting "bogus"; valid ones are: latencyMs, dropRate, duplicateRate');
    expect(() => c.setNetwork({ dropRate: 0.5, latencyMs: [1, 2], droprate: 0.1 } as never)).toThrow(/unknown network setting "droprate"/);
    expect(() => c.setNetwork([] as never)).toThrow('setNetwork(settings): settings must be an object (got an array of 0)');
    expect(c.traceHash()).toBe(hash);
    expect(c.networkView().dropRate).toBe(0);
  });

  it('createCluster refuses an array, and a starting server with an unknown field', () => {
    expect(() => createCluster([] as never)).toThrow('options must be an object (got an array of 0)');
    expect(() => createCluster({ initial: [{ id: 1, bogus: 1 } as never] })).toThrow(
      'initial[0] has an unknown field "bogus"; a starting server can have: id, currentTerm, votedFor, log, crashed',
    );
    expect(() => createCluster({ initial: [{ id: 1, log: [{ term: 1, command: 'x', extra: 1 } as never] }] })).toThrow(/^initial\[0\]\.log\[0\] has an unknown field "extra"/);
  });

  it('options, starting servers, network settings and actions are read through their own properties only', () => {
    const inherited = Object.create({ unsafe: { voteTwicePerTerm: true }, servers: 7 }) as Record<string, unknown>;
    const c = createCluster(inherited);
    expect(c.options.unsafe).toStrictEqual({});
    expect(c.ids()).toHaveLength(5);
    const rules = Object.create({ voteTwicePerTerm: true }) as Record<string, unknown>;
    expect(createCluster({ unsafe: rules }).options.unsafe).toStrictEqual({});
    const server = Object.create({ crashed: true, currentTerm: 9 }) as Record<string, unknown>;
    server.id = 1;
    const d = createCluster({ initial: [server as never] });
    expect([d.server(1).alive, d.server(1).term]).toStrictEqual([true, 0]);
    const settled1 = settled();
    settled1.setNetwork(Object.create({ dropRate: 1 }) as never);
    expect(settled1.networkView().dropRate).toBe(0);
    const action = Object.create({ type: 'crash', server: 1 }) as UserAction;
    expect(() => applyAction(settled1, action)).toThrow(/^action\.type must be one of crash, restart/);
    expect(settled1.server(1).alive).toBe(true);
  });

  it('applyAction (what the worker calls) refuses an unknown field, as a scenario link does', () => {
    const c = settled();
    const hash = c.traceHash();
    expect(() => applyAction(c, { type: 'crash', server: 1, bogus: 1 } as never)).toThrow(
      'action has an unknown field "bogus"; a crash action can have: type, server',
    );
    expect(() => applyAction(c, { type: 'launch' } as never)).toThrow(/^action\.type must be one of crash, /);
    expect(c.traceHash()).toBe(hash);
  });

  it('an id of the wrong type is named as such, not looked up', () => {
    const c = settled();
    expect(() => c.dropMessage('35' as never)).toThrow('dropMessage(id): message id must be a number, got the string "35"');
    expect(() => c.dropMessage({} as never)).toThrow('dropMessage(id): message id must be a number, got an object');
    expect(() => c.duplicateMessage('35' as never)).toThrow('duplicateMessage(id): message id must be a number, got the string "35"');
    expect(() => c.processEvent('1' as never)).toThrow('processEvent(seq): seq must be a number, got the string "1"');
    expect(() => c.crash('1' as never)).toThrow('server id must be a number, got the string "1"');
    expect(() => c.restart(undefined as never)).toThrow('server id must be a number, got undefined');
    // A number that names nothing is still "unknown".
    expect(() => c.crash(9)).toThrow('unknown server id 9; valid ids are 1, 2, 3');
    expect(() => c.dropMessage(999_999)).toThrow('no message 999999 is in flight');
  });

  it('a starting log whose terms decrease, or that holds NaN, is named as such', () => {
    expect(() => createCluster({ initial: [{ id: 1, log: [2, 1] }] })).toThrow('initial[0].log terms must not decrease (index 2 has term 1 after 2)');
    expect(() => createCluster({ initial: [{ id: 1, log: [NaN] }] })).toThrow('initial[0].log[0] term must be a whole number from 1 to 1000000 (got NaN)');
    expect(() => createCluster({ initial: [{ id: 1, currentTerm: 1, log: [1, 2] }] })).toThrow(
      'initial[0].currentTerm must be at least the term of the last log entry, 2 (got 1): a server has seen every term in its log',
    );
  });

  it('changeMembership with a million ids echoes only the first few', () => {
    const c = settled();
    const ids = Array.from({ length: 1_000_000 }, (_, k) => 1 + (k % 3));
    const message = thrown(() => c.changeMembership(ids)).message;
    expect(message).toBe('changeMembership(ids): ids must not repeat (got 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, … (1000000 in all))');
  });
});
