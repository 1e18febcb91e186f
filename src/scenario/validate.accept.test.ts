/**
 * parseScenario accepts valid scenarios (every field, every action type, every
 * option, values at the edges of their ranges, objects without a prototype)
 * and returns a clean copy sharing nothing with its input; migrate upgrades
 * older formats (0 and 1) step by step to the current one, replaying the same.
 * (Refusals: validate.refuse.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { applyAction, createCluster, LIMITS, type ClusterOptions, type UserAction } from '../sim';
import { migrate, MIGRATIONS, OLDEST_SCENARIO_VERSION } from './migrate';
import { replayScenario } from './replay';
import { SCENARIO_VERSION, type RecordedAction, type Scenario } from './types';
import { SCENARIO_LIMITS } from './validate';
import { error, expectPrototypeUntouchedAfterAll, FULL, label, parse, withAction, withActions } from './validateTestHelpers';

expectPrototypeUntouchedAfterAll();

describe('parseScenario accepts valid scenarios and returns a clean copy', () => {
  it('keeps every known field, equal to the input but sharing nothing with it', () => {
    const input = structuredClone(FULL);
    const r = parse(input);
    expect(r).toStrictEqual({ ok: true, scenario: FULL });
    if (!r.ok) return;
    const out = r.scenario;
    expect(out.options).not.toBe(input.options);
    expect(out.options.initial).not.toBe(input.options.initial);
    expect(out.options.initial![0].log).not.toBe(input.options.initial![0].log);
    expect(out.options.initial![0].log![1]).not.toBe(input.options.initial![0].log![1]);
    expect(out.options.electionTimeoutMs).not.toBe(input.options.electionTimeoutMs);
    expect(out.options.unsafe).not.toBe(input.options.unsafe);
    expect(out.actions[0]).not.toBe(input.actions[0]);
    expect(out.actions[0].action).not.toBe(input.actions[0].action);
    const membership = out.actions.find((a) => a.action.type === 'changeMembership')!.action as { servers: number[] };
    const membershipIn = input.actions.find((a) => a.action.type === 'changeMembership')!.action as { servers: number[] };
    expect(membership.servers).not.toBe(membershipIn.servers);
    expect(out.title).not.toBe(input.title);
    expect(out.view).not.toBe(input.view);
    // Changing the copy leaves the input alone.
    (out.options.electionTimeoutMs as number[])[0] = 1;
    expect(input.options.electionTimeoutMs![0]).toBe(150);
    expect(Object.keys(out)).toEqual(['version', 'title', 'description', 'suggestions', 'options', 'actions', 'runUntil', 'view']);
  });

  it('accepts the minimal scenario, optional fields left out, and objects without a prototype', () => {
    expect(parse({ version: 2, options: {}, actions: [] })).toStrictEqual({ ok: true, scenario: { version: 2, options: {}, actions: [] } });
    const bare = Object.assign(Object.create(null) as object, { version: 2, options: Object.assign(Object.create(null) as object, { servers: 3 }), actions: [] });
    expect(parse(bare)).toStrictEqual({ ok: true, scenario: { version: 2, options: { servers: 3 }, actions: [] } });
    // undefined is "not given" (as JSON would drop it).
    expect(parse({ version: 2, options: { seed: undefined }, actions: [], title: undefined })).toStrictEqual({ ok: true, scenario: { version: 2, options: {}, actions: [] } });
    // Format 1 still reads, as format 2 (the current one).
    expect(SCENARIO_VERSION).toBe(2);
    expect(parse({ version: 1, options: {}, actions: [] })).toStrictEqual({ ok: true, scenario: { version: 2, options: {}, actions: [] } });
    const bare1 = Object.assign(Object.create(null) as object, { version: 1, options: Object.assign(Object.create(null) as object, { servers: 3 }), actions: [] });
    expect(parse(bare1)).toStrictEqual({ ok: true, scenario: { version: 2, options: { servers: 3 }, actions: [] } });
  });

  it('accepts every action type the simulator knows', () => {
    const all: UserAction[] = [
      { type: 'crash', server: 1 },
      { type: 'restart', server: 2 },
      { type: 'timeout', server: 3 },
      { type: 'disconnect', server: 4 },
      { type: 'connect', server: 5 },
      { type: 'setLink', from: 1, to: 2, up: false },
      { type: 'partition', groups: [[1, 2], [3, 4, 5]] },
      { type: 'partition', groups: [] },
      { type: 'heal' },
      { type: 'setNetwork', settings: { latencyMs: [0, 60_000], dropRate: 1, duplicateRate: 0 } },
      { type: 'setNetwork', settings: {} },
      { type: 'submit', command: '' },
      { type: 'submit', command: 'x'.repeat(SCENARIO_LIMITS.commandLength), server: 5 },
      { type: 'dropMessage', message: 1 },
      { type: 'duplicateMessage', message: 123456 },
      { type: 'processEvent', seq: 0 },
      // Format 2: membership, transfer, snapshots and clients.
      { type: 'addServer' },
      { type: 'removeServer', server: 6 },
      { type: 'changeMembership', servers: [1, 2, 3, 6, 99] },
      { type: 'changeMembership', servers: [7] },
      { type: 'transferLeadership', server: 2 },
      { type: 'snapshot', server: 99 },
      { type: 'clientRequest', client: 1, command: 'x=1' },
      { type: 'clientRequest', client: 9, command: '' },
      { type: 'clientRequest', client: 5, read: 'x' },
      { type: 'clientRequest', client: 2, read: 'k'.repeat(SCENARIO_LIMITS.commandLength) },
    ];
    const actions = all.map((action, i) => ({ n: i, at: i * 1.5, action }));
    expect(parse(withActions(actions))).toStrictEqual({ ok: true, scenario: withActions(actions) });
    // Every type the simulator's applyAction knows is listed (the list below is the validator's).
    const types = new Set(all.map((a) => a.type));
    expect(error(withAction({ type: 'nope' }))).toMatch(new RegExp(`must be one of ${[...types].join(', ')} \\(got "nope"\\)$`));
    // Without a membership change, the new actions name only configured servers.
    const noGrowth: UserAction[] = [
      { type: 'removeServer', server: 5 },
      { type: 'transferLeadership', server: 1 },
      { type: 'snapshot', server: 3 },
      { type: 'clientRequest', client: 3, command: 'y' },
    ];
    const plain = noGrowth.map((action, i) => ({ n: i, at: i, action }));
    expect(parse(withActions(plain))).toStrictEqual({ ok: true, scenario: withActions(plain) });
  });

  it('accepts the new options (format 2) at the edges of their ranges', () => {
    const edges: Array<Partial<ClusterOptions>> = [
      { preVote: true, checkQuorum: true, leaderStickiness: true, clientSessions: false, readLeases: true },
      { preVote: false, checkQuorum: false, leaderStickiness: false, clientSessions: true, readLeases: false },
      { snapshotThreshold: 0, snapshotChunkBytes: 1, clientTimeoutMs: 1 },
      { snapshotThreshold: LIMITS.snapshotThreshold, snapshotChunkBytes: LIMITS.snapshotChunkBytes, clientTimeoutMs: 600_000 },
      { clientTimeoutMs: 0.5 + 1 },
    ];
    for (const options of edges) {
      expect(parse({ version: 2, options, actions: [] }), label(options)).toStrictEqual({ ok: true, scenario: { version: 2, options, actions: [] } });
    }
  });

  it('accepts values at the edges of each range', () => {
    const edges = {
      version: SCENARIO_VERSION,
      options: { servers: 9 },
      actions: [
        { n: 0, at: 0, action: { type: 'crash', server: 9 } },
        { n: 0, at: 0, action: { type: 'heal' } },
        { n: Number.MAX_SAFE_INTEGER, at: SCENARIO_LIMITS.timeMs, action: { type: 'heal' } },
      ],
      runUntil: SCENARIO_LIMITS.timeMs,
      title: { en: 't'.repeat(200), zh: '题'.repeat(200) },
      description: { en: 'd'.repeat(2_000) },
      suggestions: Array.from({ length: 50 }, () => ({ en: 's'.repeat(2_000) })),
      view: { n: 0, selectedServer: 9, speed: 0.001, lang: 'en' },
    };
    expect(parse(edges)).toStrictEqual({ ok: true, scenario: edges });
    expect(parse({ ...edges, view: { speed: 10 } }).ok).toBe(true);
  });
});

describe('migrate: older formats are upgraded step by step', () => {
  it('has a step from every old format to the next', () => {
    expect(MIGRATIONS).toHaveLength(SCENARIO_VERSION - OLDEST_SCENARIO_VERSION);
    expect(Object.isFrozen(MIGRATIONS)).toBe(true);
  });

  it('format 0 (pre-release: seed and servers at the top level, plain-string texts) reads as the current format and replays the same', () => {
    const v0 = {
      version: 0,
      seed: 'old-link',
      servers: 3,
      title: 'An old link',
      description: 'Written before release.',
      suggestions: ['Crash S1.'],
      options: { dropRate: 0.1 },
      actions: [{ n: 0, at: 0, action: { type: 'timeout', server: 1 } }],
      runUntil: 1_500,
    };
    const frozen = JSON.stringify(v0);
    const r = parse(v0);
    const expected: Scenario = {
      version: SCENARIO_VERSION,
      title: { en: 'An old link' },
      description: { en: 'Written before release.' },
      suggestions: [{ en: 'Crash S1.' }],
      options: { servers: 3, seed: 'old-link', dropRate: 0.1 },
      actions: [{ n: 0, at: 0, action: { type: 'timeout', server: 1 } }],
      runUntil: 1_500,
    };
    expect(r).toStrictEqual({ ok: true, scenario: expected });
    expect(JSON.stringify(v0)).toBe(frozen); // the input is not changed
    if (r.ok) expect(replayScenario(r.scenario).traceHash()).toBe(replayScenario(expected).traceHash());
    // The step itself gives format 1; migrate() goes on to the current format.
    const { version: _v, ...rest } = expected;
    expect(MIGRATIONS[0]!(v0)).toStrictEqual({ version: 1, ...rest, options: { dropRate: 0.1, seed: 'old-link', servers: 3 } });
    // Without options at all; and a value already inside options wins over the top-level one.
    expect(migrate({ version: 0, seed: 's', actions: [] })).toStrictEqual({ version: 2, options: { seed: 's' }, actions: [] });
    expect(migrate({ version: 0, seed: 's', options: { seed: 't' }, actions: [] })).toStrictEqual({ version: 2, options: { seed: 't' }, actions: [] });
    expect(MIGRATIONS[0]!({ version: 0, seed: 's', actions: [] })).toStrictEqual({ version: 1, options: { seed: 's' }, actions: [] });
    // Errors in an old scenario are reported like any other.
    expect(error({ version: 0, servers: 12, options: {}, actions: [] })).toBe('options.servers must be a whole number from 1 to 9 (got 12)');
  });

  it('format 1 reads as format 2 with nothing but the version changed, and replays to the identical trace', () => {
    // Recorded live, as a format-1 app did.
    const options: Partial<ClusterOptions> = { servers: 3, seed: 'format-1', dropRate: 0.05, duplicateRate: 0.05, leaderNoop: true, fastBackup: true, unsafe: { voteTwicePerTerm: false } };
    const c = createCluster(options);
    const actions: RecordedAction[] = [];
    const script: Array<[number, UserAction]> = [
      [0, { type: 'timeout', server: 1 }],
      [150.5, { type: 'submit', command: 'x=1' }],
      [50, { type: 'partition', groups: [[1], [2, 3]] }],
      [400, { type: 'heal' }],
      [10, { type: 'crash', server: 2 }],
      [300, { type: 'restart', server: 2 }],
    ];
    for (const [wait, action] of script) {
      c.runFor(wait);
      actions.push({ n: c.eventCount, at: c.now, action });
      applyAction(c, action);
    }
    c.runFor(1_000);
    const v1 = {
      version: 1,
      title: { en: 'Format 1', zh: '格式 1' },
      description: { en: 'Saved in format 1.' },
      suggestions: [{ en: 'Heal.' }],
      options,
      actions,
      runUntil: c.now,
      view: { n: 10, selectedServer: 2, speed: 1, lang: 'en' },
    };
    const frozen = JSON.stringify(v1);
    const step = MIGRATIONS[1]!(v1);
    expect(step).toStrictEqual({ ...v1, version: 2 });
    expect(migrate(v1)).toStrictEqual({ ...v1, version: 2 });
    const r = parse(v1);
    expect(r).toStrictEqual({ ok: true, scenario: { ...v1, version: 2 } });
    expect(JSON.stringify(v1)).toBe(frozen); // the input is not changed
    if (!r.ok) return;
    // The actions are found at the recorded event numbers, so this also proves the run is the same one.
    const migrated = replayScenario(r.scenario);
    expect(migrated.traceHash()).toBe(replayScenario(v1 as unknown as Scenario).traceHash());
    expect(migrated.traceHash()).toBe(c.traceHash());
    expect(migrated.eventCount).toBe(c.eventCount);
  });

  it('leaves the current format, newer ones and non-scenarios unchanged', () => {
    const current = { version: SCENARIO_VERSION, options: {}, actions: [] };
    expect(migrate(current)).toBe(current);
    const newer = { version: 7 };
    expect(migrate(newer)).toBe(newer);
    for (const x of [null, 1, 'x', [], { options: {} }, { version: '0' }, { version: 0.5 }]) expect(migrate(x)).toBe(x);
  });
});
