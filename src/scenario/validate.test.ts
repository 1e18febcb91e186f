import { afterAll, describe, expect, it } from 'vitest';
import { applyAction, createCluster, LIMITS, type ClusterOptions, type UserAction } from '../sim';
import { migrate, MIGRATIONS, OLDEST_SCENARIO_VERSION } from './migrate';
import { replayScenario } from './replay';
import { SCENARIO_VERSION, type RecordedAction, type Scenario } from './types';
import { parseScenario, SCENARIO_LIMITS, type ParseResult } from './validate';

const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort();
afterAll(() => {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoBefore);
});

function parse(input: unknown): ParseResult {
  let r: ParseResult | undefined;
  expect(() => (r = parseScenario(input))).not.toThrow();
  return r!;
}

function error(input: unknown): string {
  const r = parse(input);
  expect(r.ok, label(input)).toBe(false);
  if (r.ok) return '';
  expect(r.error.trim()).not.toBe('');
  return r.error;
}

function label(x: unknown): string {
  try {
    return String(JSON.stringify(x)).slice(0, 200);
  } catch {
    return typeof x;
  }
}

/** A scenario with these actions (and options), otherwise minimal, in the current format. */
const withActions = (actions: unknown[], options: unknown = {}) => ({ version: SCENARIO_VERSION, options, actions });
const withAction = (action: unknown, options: unknown = {}) => withActions([{ n: 0, at: 0, action }], options);

const FULL: Scenario = {
  version: SCENARIO_VERSION,
  title: { en: 'Split vote', zh: '选票瓜分' },
  description: { en: 'Two candidates at once.' },
  suggestions: [{ en: 'Force a timeout on S2.' }, { en: 'Heal.', zh: '修复。' }],
  options: {
    servers: 5,
    seed: 'split',
    electionTimeoutMs: [150, 300],
    heartbeatMs: 50,
    latencyMs: [10, 20],
    dropRate: 0,
    duplicateRate: 0.1,
    leaderNoop: true,
    preVote: true,
    checkQuorum: true,
    leaderStickiness: true,
    snapshotThreshold: 100,
    snapshotChunkBytes: 256,
    clientSessions: false,
    readLeases: true,
    clientTimeoutMs: 750.5,
    fastBackup: true,
    maxEntriesPerAppend: 32,
    traceLimit: 1_000,
    unsafe: { skipUpToDateCheck: false, voteTwicePerTerm: true },
    initial: [
      { id: 1, currentTerm: 2, votedFor: 1, log: [1, { term: 2, command: 'x=1' }, { term: 2, command: null }], crashed: false },
      { id: 3, log: [1] },
    ],
  },
  actions: [
    { n: 0, at: 0, action: { type: 'timeout', server: 1 } },
    { n: 1, at: 0, action: { type: 'timeout', server: 2 } },
    { n: 9, at: 20.5, action: { type: 'submit', command: 'y=2', server: 1 } },
    { n: 30, at: 400, action: { type: 'addServer' } },
    { n: 31, at: 400, action: { type: 'clientRequest', client: 1, command: 'z=3' } },
    { n: 40, at: 450, action: { type: 'clientRequest', client: 2, read: 'z' } },
    { n: 80, at: 700, action: { type: 'changeMembership', servers: [1, 2, 6] } },
    { n: 90, at: 750, action: { type: 'transferLeadership', server: 6 } },
    { n: 95, at: 800, action: { type: 'snapshot', server: 6 } },
    { n: 99, at: 900, action: { type: 'removeServer', server: 6 } },
  ],
  runUntil: 1_000,
  view: { n: 12, selectedServer: 6, speed: 0.5, lang: 'zh' },
};

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
      // Format 2: the Raft extensions.
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

describe('parseScenario refuses bad input with a message naming the field', () => {
  it('the scenario itself', () => {
    for (const x of [null, undefined, 42, 'scenario', [], [FULL], true, () => FULL, new Date(), new Map(), Symbol('x'), 10n]) {
      expect(error(x)).toMatch(/^a scenario must be a JSON object/);
    }
    expect(error({ ...FULL, extra: 1 })).toBe(
      'the scenario has an unknown field "extra"; a scenario can have: version, title, description, suggestions, options, actions, runUntil, view',
    );
    expect(error({ version: 1, actions: [] })).toBe('options is missing (use {} for the defaults)');
    expect(error({ version: 1, options: {} })).toBe('actions is missing (use [] for none)');
  });

  it('versions: missing, not a whole number, newer, or older than any format', () => {
    expect(error({ options: {}, actions: [] })).toBe('version is missing: a scenario starts with "version": 2');
    expect(error({ version: '1', options: {}, actions: [] })).toBe('version must be a whole number (got "1")');
    expect(error({ version: 1.5, options: {}, actions: [] })).toBe('version must be a whole number (got 1.5)');
    expect(error({ version: NaN, options: {}, actions: [] })).toBe('version must be a whole number (got NaN)');
    expect(error({ version: 3, options: {}, actions: [] })).toBe(
      'This scenario was made by a newer version of this app (format 3; this app reads up to 2). Open it with the latest version of the app.',
    );
    expect(error({ version: 1e300, options: {}, actions: [] })).toMatch(/made by a newer version of this app/);
    expect(error({ version: -1, options: {}, actions: [] })).toBe('version -1 is not a scenario format (formats go from 0 to 2)');
    // Every format up to the current one reads.
    for (const version of [0, 1, 2]) expect(parse({ version, options: {}, actions: [] }).ok, `format ${version}`).toBe(true);
  });

  it('options, with the simulator\'s own messages', () => {
    const cases: Array<[unknown, string | RegExp]> = [
      [null, 'options must be an object (got null)'],
      [[], 'options must be an object (got an array of 0)'],
      [{ servers: 0 }, 'options.servers must be a whole number from 1 to 9 (got 0)'],
      [{ servers: 10_000 }, 'options.servers must be a whole number from 1 to 9 (got 10000)'],
      [{ servers: '5' }, 'options.servers must be a whole number from 1 to 9 (got "5")'],
      [{ seed: { x: 1 } }, 'options.seed must be a string of at most 200 characters or a finite number (got an object)'],
      [{ seed: 's'.repeat(201) }, /^options\.seed must be a string of at most 200 characters/],
      [{ latencyMs: [-5, 10] }, 'options.latencyMs[0] must be a number from 0 to 60000 (got -5)'],
      [{ latencyMs: 10 }, 'options.latencyMs must be a pair [min, max] of milliseconds (got 10)'],
      [{ electionTimeoutMs: [300, 150] }, 'options.electionTimeoutMs must have min <= max (got [300, 150])'],
      [{ dropRate: 2 }, 'options.dropRate must be a number from 0 to 1 (got 2)'],
      [{ duplicateRate: -0.1 }, 'options.duplicateRate must be a number from 0 to 1 (got -0.1)'],
      [{ leaderNoop: 'yes' }, 'options.leaderNoop must be true or false (got "yes")'],
      [{ preVote: 1 }, 'options.preVote must be true or false (got 1)'],
      [{ checkQuorum: 'yes' }, 'options.checkQuorum must be true or false (got "yes")'],
      [{ leaderStickiness: null }, 'options.leaderStickiness must be true or false (got null)'],
      [{ clientSessions: 'on' }, 'options.clientSessions must be true or false (got "on")'],
      [{ readLeases: [] }, 'options.readLeases must be true or false (got an array of 0)'],
      [{ snapshotThreshold: -1 }, 'options.snapshotThreshold must be a whole number from 0 to 1000000 (got -1)'],
      [{ snapshotThreshold: 2.5 }, 'options.snapshotThreshold must be a whole number from 0 to 1000000 (got 2.5)'],
      [{ snapshotThreshold: 1_000_001 }, 'options.snapshotThreshold must be a whole number from 0 to 1000000 (got 1000001)'],
      [{ snapshotThreshold: '10' }, 'options.snapshotThreshold must be a whole number from 0 to 1000000 (got "10")'],
      [{ snapshotChunkBytes: 0 }, 'options.snapshotChunkBytes must be a whole number from 1 to 1000000 (got 0)'],
      [{ snapshotChunkBytes: 1_000_001 }, 'options.snapshotChunkBytes must be a whole number from 1 to 1000000 (got 1000001)'],
      [{ snapshotChunkBytes: 64.5 }, 'options.snapshotChunkBytes must be a whole number from 1 to 1000000 (got 64.5)'],
      [{ clientTimeoutMs: 0 }, 'options.clientTimeoutMs must be a number from 1 to 600000 (got 0)'],
      [{ clientTimeoutMs: 600_001 }, 'options.clientTimeoutMs must be a number from 1 to 600000 (got 600001)'],
      [{ clientTimeoutMs: NaN }, 'options.clientTimeoutMs must be a number from 1 to 600000 (got NaN)'],
      [{ clientTimeoutMs: Infinity }, 'options.clientTimeoutMs must be a number from 1 to 600000 (got Infinity)'],
      [{ maxEntriesPerAppend: 0 }, 'options.maxEntriesPerAppend must be a whole number from 1 to 10000 (got 0)'],
      [{ traceLimit: 1e300 }, 'options.traceLimit must be a whole number from 0 to 10000000 (got 1e+300)'],
      [{ unsafe: [] }, 'options.unsafe must be an object of booleans'],
      [{ unsafe: { fast: true } }, /^options: unknown unsafe rule "fast"; valid ones are: skipUpToDateCheck, /],
      [{ unsafe: { voteTwicePerTerm: 1 } }, 'options.unsafe.voteTwicePerTerm must be true or false (got 1)'],
      [{ servrs: 5 }, /^options has an unknown field "servrs"; options can have: servers, seed, /],
      [{ initial: {} }, 'options.initial must be an array of servers (got an object)'],
      [{ servers: 3, initial: [{ id: 4 }] }, 'options.initial[0].id must be a whole number from 1 to 3 (got 4)'],
      [{ initial: [{ id: 1 }, { id: 1 }] }, 'options.initial lists server 1 twice'],
      [{ initial: [{ id: 1, currentTerm: 5, log: [2, 1] }] }, /^options\.initial\[0\]\.log terms must not decrease/],
      [{ initial: [{ id: 1, log: [{ term: 1 }] }] }, /^options\.initial\[0\]\.log\[0\]\.command must be a string/],
      [{ initial: [{ id: 1, nickname: 'S1' }] }, 'options.initial[0] has an unknown field "nickname"; a starting server can have: id, currentTerm, votedFor, log, crashed'],
      [{ initial: [{ id: 1, log: [{ term: 1, command: 'x', extra: 1 }] }] }, 'options.initial[0].log[0] has an unknown field "extra"; a log entry can have: term, command'],
    ];
    for (const [options, message] of cases) {
      // The same message whether the scenario is in format 1 (migrated) or 2.
      for (const version of [1, 2]) {
        const e = error({ version, options, actions: [] });
        if (typeof message === 'string') expect(e).toBe(message);
        else expect(e).toMatch(message);
      }
    }
  });

  it('starting state: null currentTerm and log mean "not given", as resolveOptions reads them', () => {
    const r = parse({ version: 2, options: { initial: [{ id: 2, currentTerm: null, log: null, votedFor: null }] }, actions: [] });
    expect(r).toStrictEqual({ ok: true, scenario: { version: 2, options: { initial: [{ id: 2, votedFor: null }] }, actions: [] } });
  });

  it('each action\'s fields', () => {
    const cases: Array<[unknown, string | RegExp]> = [
      [{ type: 'crash', server: 9 }, 'actions[0].action.server must be a server id from 1 to 5 (got 9)'],
      [{ type: 'restart', server: 0 }, 'actions[0].action.server must be a server id from 1 to 5 (got 0)'],
      [{ type: 'timeout', server: 1.5 }, 'actions[0].action.server must be a server id from 1 to 5 (got 1.5)'],
      [{ type: 'disconnect' }, 'actions[0].action.server must be a server id from 1 to 5 (got undefined)'],
      [{ type: 'connect', server: '1' }, 'actions[0].action.server must be a server id from 1 to 5 (got "1")'],
      [{ type: 'crash', server: 1, servers: [2] }, 'actions[0].action has an unknown field "servers"; a crash action can have: type, server'],
      [{ type: 'setLink', from: 1, to: 1, up: true }, 'actions[0].action.to must differ from actions[0].action.from (both are 1)'],
      [{ type: 'setLink', from: 1, to: 6, up: true }, 'actions[0].action.to must be a server id from 1 to 5 (got 6)'],
      [{ type: 'setLink', from: 1, to: 2, up: 'down' }, 'actions[0].action.up must be true or false (got "down")'],
      [{ type: 'partition', groups: [1, 2] }, 'actions[0].action.groups[0] must be an array (got 1)'],
      [{ type: 'partition', groups: 'all' }, 'actions[0].action.groups must be an array (got "all")'],
      [{ type: 'partition', groups: [[1, 2], [2, 3]] }, 'actions[0].action.groups lists server 2 more than once'],
      [{ type: 'partition', groups: [[1, 7]] }, 'actions[0].action.groups[0][1] must be a server id from 1 to 5 (got 7)'],
      [{ type: 'partition', groups: Array(10).fill([]) }, 'actions[0].action.groups must have at most 9 entries (got 10)'],
      [{ type: 'heal', everything: true }, 'actions[0].action has an unknown field "everything"; a heal action can have: type'],
      [{ type: 'setNetwork' }, 'actions[0].action.settings must be an object (got undefined)'],
      [{ type: 'setNetwork', settings: { latencyMs: [-5, 1] } }, 'actions[0].action.settings.latencyMs[0] must be a number from 0 to 60000 (got -5)'],
      [{ type: 'setNetwork', settings: { dropRate: 2 } }, 'actions[0].action.settings.dropRate must be a number from 0 to 1 (got 2)'],
      [{ type: 'setNetwork', settings: { duplicateRate: NaN } }, 'actions[0].action.settings.duplicateRate must be a number from 0 to 1 (got NaN)'],
      [{ type: 'setNetwork', settings: { loss: 0.1 } }, 'actions[0].action.settings has an unknown field "loss"; network settings can have: latencyMs, dropRate, duplicateRate'],
      [{ type: 'submit' }, 'actions[0].action.command must be text (got undefined)'],
      [{ type: 'submit', command: 42 }, 'actions[0].action.command must be text (got 42)'],
      [{ type: 'submit', command: 'x'.repeat(10_001) }, 'actions[0].action.command must be at most 10000 characters (got 10001)'],
      [{ type: 'submit', command: 'x', server: 6 }, 'actions[0].action.server must be a server id from 1 to 5 (got 6)'],
      [{ type: 'dropMessage', message: 0 }, 'actions[0].action.message must be a whole number >= 1 (got 0)'],
      [{ type: 'duplicateMessage', message: 2.5 }, 'actions[0].action.message must be a whole number >= 1 (got 2.5)'],
      [{ type: 'duplicateMessage', message: 2 ** 60 }, /^actions\[0\]\.action\.message must be a whole number >= 1/],
      [{ type: 'processEvent', seq: -1 }, 'actions[0].action.seq must be a whole number >= 0 (got -1)'],
      [{ type: 'explode' }, /^actions\[0\]\.action\.type must be one of crash, restart, timeout, disconnect, connect, setLink, partition, heal, setNetwork, submit, dropMessage, duplicateMessage, processEvent, addServer, removeServer, changeMembership, transferLeadership, snapshot, clientRequest \(got "explode"\)$/],
      [{ server: 1 }, /^actions\[0\]\.action\.type must be one of .* \(got undefined\)$/],
      [{ type: 'toString' }, /^actions\[0\]\.action\.type must be one of/],
      [null, 'actions[0].action must be an object (got null)'],
      [['crash', 1], 'actions[0].action must be an object (got an array of 2)'],
    ];
    for (const [action, message] of cases) {
      const e = error(withAction(action));
      if (typeof message === 'string') expect(e).toBe(message);
      else expect(e).toMatch(message);
    }
    // Server ids are checked against this scenario's number of servers.
    expect(error(withAction({ type: 'crash', server: 4 }, { servers: 3 }))).toBe('actions[0].action.server must be a server id from 1 to 3 (got 4)');
    expect(parse(withAction({ type: 'crash', server: 9 }, { servers: 9 })).ok).toBe(true);
  });

  it('the new actions\' fields (format 2)', () => {
    const cases: Array<[unknown, string]> = [
      // addServer has no fields: the new server gets the next free id.
      [{ type: 'addServer', server: 6 }, 'actions[0].action has an unknown field "server"; an addServer action can have: type'],
      // removeServer, transferLeadership, snapshot: one server.
      [{ type: 'removeServer' }, 'actions[0].action.server must be a server id from 1 to 5 (got undefined)'],
      [{ type: 'removeServer', server: 0 }, 'actions[0].action.server must be a server id from 1 to 5 (got 0)'],
      [{ type: 'removeServer', server: 6 }, 'actions[0].action.server must be a server id from 1 to 5 (got 6)'],
      [{ type: 'removeServer', servers: [1] }, 'actions[0].action has an unknown field "servers"; a removeServer action can have: type, server'],
      [{ type: 'transferLeadership' }, 'actions[0].action.server must be a server id from 1 to 5 (got undefined)'],
      [{ type: 'transferLeadership', server: 2.5 }, 'actions[0].action.server must be a server id from 1 to 5 (got 2.5)'],
      [{ type: 'transferLeadership', server: '2' }, 'actions[0].action.server must be a server id from 1 to 5 (got "2")'],
      [{ type: 'transferLeadership', to: 2 }, 'actions[0].action has an unknown field "to"; a transferLeadership action can have: type, server'],
      [{ type: 'snapshot' }, 'actions[0].action.server must be a server id from 1 to 5 (got undefined)'],
      [{ type: 'snapshot', server: null }, 'actions[0].action.server must be a server id from 1 to 5 (got null)'],
      [{ type: 'snapshot', server: 1, index: 5 }, 'actions[0].action has an unknown field "index"; a snapshot action can have: type, server'],
      // changeMembership: a non-empty list of distinct server ids (up to 99: it can start new servers).
      [{ type: 'changeMembership' }, 'actions[0].action.servers must be an array (got undefined)'],
      [{ type: 'changeMembership', servers: 3 }, 'actions[0].action.servers must be an array (got 3)'],
      [{ type: 'changeMembership', servers: [] }, 'actions[0].action.servers must list at least one server'],
      [{ type: 'changeMembership', servers: [1, 2.5] }, 'actions[0].action.servers[1] must be a server id from 1 to 99 (got 2.5)'],
      [{ type: 'changeMembership', servers: [0] }, 'actions[0].action.servers[0] must be a server id from 1 to 99 (got 0)'],
      [{ type: 'changeMembership', servers: [1, 100] }, 'actions[0].action.servers[1] must be a server id from 1 to 99 (got 100)'],
      [{ type: 'changeMembership', servers: ['1'] }, 'actions[0].action.servers[0] must be a server id from 1 to 99 (got "1")'],
      [{ type: 'changeMembership', servers: [[1, 2]] }, 'actions[0].action.servers[0] must be a server id from 1 to 99 (got an array of 2)'],
      [{ type: 'changeMembership', servers: [1, 2, 1] }, 'actions[0].action.servers lists server 1 more than once'],
      [{ type: 'changeMembership', servers: Array.from({ length: 100 }, (_, i) => i + 1) }, 'actions[0].action.servers must have at most 99 entries (got 100)'],
      [{ type: 'changeMembership', server: 1 }, 'actions[0].action has an unknown field "server"; a changeMembership action can have: type, servers'],
      // clientRequest: a client 1..9 and exactly one of command (a write) or read (a key).
      [{ type: 'clientRequest', command: 'x' }, 'actions[0].action.client must be a whole number from 1 to 9 (got undefined)'],
      [{ type: 'clientRequest', client: 0, command: 'x' }, 'actions[0].action.client must be a whole number from 1 to 9 (got 0)'],
      [{ type: 'clientRequest', client: 10, command: 'x' }, 'actions[0].action.client must be a whole number from 1 to 9 (got 10)'],
      [{ type: 'clientRequest', client: 1.5, command: 'x' }, 'actions[0].action.client must be a whole number from 1 to 9 (got 1.5)'],
      [{ type: 'clientRequest', client: '1', command: 'x' }, 'actions[0].action.client must be a whole number from 1 to 9 (got "1")'],
      [{ type: 'clientRequest', client: 1 }, 'actions[0].action must have exactly one of command (a write) or read (a key)'],
      [{ type: 'clientRequest', client: 1, command: 'x=1', read: 'x' }, 'actions[0].action must have exactly one of command (a write) or read (a key)'],
      [{ type: 'clientRequest', client: 1, command: 7 }, 'actions[0].action.command must be text (got 7)'],
      [{ type: 'clientRequest', client: 1, command: 'x'.repeat(10_001) }, 'actions[0].action.command must be at most 10000 characters (got 10001)'],
      [{ type: 'clientRequest', client: 1, read: null }, 'actions[0].action.read must be text (got null)'],
      [{ type: 'clientRequest', client: 1, read: '' }, 'actions[0].action.read must be a non-empty key (got "")'],
      [{ type: 'clientRequest', client: 1, read: 'k'.repeat(10_001) }, 'actions[0].action.read must be at most 10000 characters (got 10001)'],
      [{ type: 'clientRequest', client: 1, command: 'x', server: 2 }, 'actions[0].action has an unknown field "server"; a clientRequest action can have: type, client, command, read'],
    ];
    for (const [action, message] of cases) {
      expect(error(withAction(action)), label(action)).toBe(message);
      // The same in a format-1 scenario (migrated first).
      expect(error({ version: 1, options: {}, actions: [{ n: 0, at: 0, action }] }), label(action)).toBe(message);
    }
    // A field that is undefined is "not given", as JSON would drop it.
    expect(parse(withAction({ type: 'clientRequest', client: 1, command: 'x', read: undefined })).ok).toBe(true);
    // The field is named by its place in the list.
    const later = withActions([
      { n: 0, at: 0, action: { type: 'heal' } },
      { n: 3, at: 1, action: { type: 'clientRequest', client: 1, command: 'x', read: 'x' } },
    ]);
    expect(error(later)).toBe('actions[1].action must have exactly one of command (a write) or read (a key)');
  });

  it('server ids may go past the configured count (up to 99) only when a membership change can start servers', () => {
    const crash7 = { n: 5, at: 100, action: { type: 'crash', server: 7 } };
    // No membership change: S7 cannot exist.
    expect(error(withActions([crash7]))).toBe('actions[0].action.server must be a server id from 1 to 5 (got 7)');
    expect(error(withActions([crash7], { servers: 3 }))).toBe('actions[0].action.server must be a server id from 1 to 3 (got 7)');
    // With one (before or after it), ids up to 99 are accepted everywhere: actions and the view.
    for (const grow of [{ type: 'addServer' }, { type: 'changeMembership', servers: [1, 2, 7] }]) {
      const before = withActions([{ n: 0, at: 0, action: grow }, crash7]);
      expect(parse(before).ok, label(grow)).toBe(true);
      const after = withActions([crash7, { n: 6, at: 100, action: grow }]);
      expect(parse(after).ok, label(grow)).toBe(true);
      for (const action of [
        { type: 'removeServer', server: 99 },
        { type: 'transferLeadership', server: 42 },
        { type: 'snapshot', server: 8 },
        { type: 'setLink', from: 1, to: 99, up: false },
        { type: 'partition', groups: [[1, 2], [6, 7]] },
        { type: 'submit', command: 'x', server: 6 },
      ]) {
        expect(parse(withActions([{ n: 0, at: 0, action: grow }, { n: 1, at: 0, action }])).ok, label(action)).toBe(true);
      }
      expect(parse({ ...withActions([{ n: 0, at: 0, action: grow }]), view: { selectedServer: 6 } }).ok).toBe(true);
      expect(error(withActions([{ n: 0, at: 0, action: grow }, { n: 1, at: 0, action: { type: 'crash', server: 100 } }]))).toBe(
        'actions[1].action.server must be a server id from 1 to 99 (got 100)',
      );
      expect(error({ ...withActions([{ n: 0, at: 0, action: grow }]), view: { selectedServer: 100 } })).toBe(
        'view.selectedServer must be a server id from 1 to 99 (got 100)',
      );
    }
    // Removing, transferring or snapshotting does not start servers: no growth.
    for (const action of [{ type: 'removeServer', server: 1 }, { type: 'transferLeadership', server: 2 }, { type: 'snapshot', server: 3 }]) {
      expect(error(withActions([{ n: 0, at: 0, action }, crash7])), label(action)).toBe('actions[1].action.server must be a server id from 1 to 5 (got 7)');
    }
    expect(error({ ...withActions([]), view: { selectedServer: 6 } })).toBe('view.selectedServer must be a server id from 1 to 5 (got 6)');
  });

  it('the list of actions: its size, and event numbers and times that never go back', () => {
    const heal = { type: 'heal' };
    expect(error(withActions([{ n: 5, at: 10, action: heal }, { n: 4, at: 10, action: heal }]))).toBe(
      'actions[1].n must not be less than actions[0].n, 5: event numbers never go back (got 4)',
    );
    expect(error(withActions([{ n: 5, at: 10, action: heal }, { n: 5, at: 9.5, action: heal }]))).toBe(
      'actions[1].at must not be less than actions[0].at, 10 ms: time never goes back (got 9.5)',
    );
    expect(error(withActions([{ n: 0, at: 3_600_001, action: heal }]))).toBe('actions[0].at must be a number from 0 to 3600000 ms (got 3600001)');
    expect(error(withActions([{ n: 0, at: Infinity, action: heal }]))).toBe('actions[0].at must be a number from 0 to 3600000 ms (got Infinity)');
    expect(error(withActions([{ n: -1, at: 0, action: heal }]))).toBe('actions[0].n must be a whole number >= 0 (got -1)');
    expect(error(withActions([{ n: 2 ** 53, at: 0, action: heal }]))).toMatch(/^actions\[0\]\.n must be a whole number >= 0/);
    expect(error(withActions([{ at: 0, action: heal }]))).toBe('actions[0].n is missing');
    expect(error(withActions([{ n: 0, action: heal }]))).toBe('actions[0].at is missing');
    expect(error(withActions([{ n: 0, at: 0 }]))).toBe('actions[0].action is missing');
    expect(error(withActions([{ n: 0, at: 0, action: heal, result: {} }]))).toBe(
      'actions[0] has an unknown field "result"; a recorded action can have: n, at, action',
    );
    expect(error(withActions([heal, 1]))).toMatch(/^actions\[0\] has an unknown field "type"/);
    expect(error(withActions([1]))).toBe('actions[0] must be an object (got 1)');
    expect(error({ version: 2, options: {}, actions: {} })).toBe('actions must be an array (got an object)');
    const many = Array.from({ length: SCENARIO_LIMITS.actions + 1 }, () => ({ n: 0, at: 0, action: heal }));
    expect(error(withActions(many))).toBe('actions must have at most 100000 entries (got 100001)');
    expect(parse(withActions(many.slice(1))).ok).toBe(true);
  });

  it('texts, runUntil and the view', () => {
    const base = { version: 2, options: {}, actions: [] };
    const cases: Array<[object, string]> = [
      [{ title: 'Hello' }, 'title must be an object (got "Hello")'],
      [{ title: { zh: '你好' } }, 'title.en is missing: every text needs an English version'],
      [{ title: { en: 't'.repeat(201) } }, 'title.en must be at most 200 characters (got 201)'],
      [{ title: { en: 'x', zh: 't'.repeat(201) } }, 'title.zh must be at most 200 characters (got 201)'],
      [{ title: { en: 'x', fr: 'y' } }, 'title has an unknown field "fr"; title can have: en, zh'],
      [{ description: { en: 'd'.repeat(2_001) } }, 'description.en must be at most 2000 characters (got 2001)'],
      [{ description: { en: 5 } }, 'description.en must be text (got 5)'],
      [{ suggestions: { en: 'x' } }, 'suggestions must be an array (got an object)'],
      [{ suggestions: [{ en: 'ok' }, 'try this'] }, 'suggestions[1] must be an object (got "try this")'],
      [{ suggestions: Array(51).fill({ en: 'x' }) }, 'suggestions must have at most 50 entries (got 51)'],
      [{ runUntil: -1 }, 'runUntil must be a number from 0 to 3600000 ms (got -1)'],
      [{ runUntil: '100' }, 'runUntil must be a number from 0 to 3600000 ms (got "100")'],
      [{ view: [] }, 'view must be an object (got an array of 0)'],
      [{ view: { n: 1.5 } }, 'view.n must be a whole number >= 0 (got 1.5)'],
      [{ view: { selectedServer: 6 } }, 'view.selectedServer must be a server id from 1 to 5 (got 6)'],
      [{ view: { speed: 0 } }, 'view.speed must be a number from 0.001 to 10 (got 0)'],
      [{ view: { speed: 11 } }, 'view.speed must be a number from 0.001 to 10 (got 11)'],
      [{ view: { lang: 'fr' } }, 'view.lang must be "en" or "zh" (got "fr")'],
      [{ view: { zoom: 2 } }, 'view has an unknown field "zoom"; view can have: n, selectedServer, speed, lang'],
    ];
    for (const [extra, message] of cases) expect(error({ ...base, ...extra })).toBe(message);
  });

  it('never throws, even for objects that throw when read', () => {
    const throwingGetter = { version: 1, options: {}, get actions(): never { throw new Error('boom'); } };
    expect(error(throwingGetter)).toBe('could not read the scenario (boom)');
    const trap = new Proxy({}, { ownKeys: () => { throw new Error('trap'); }, get: () => { throw new Error('trap'); } });
    expect(error(trap)).toBeTruthy();
    expect(error({ version: 1, options: trap, actions: [] })).toBeTruthy();
    expect(error({ version: 1, options: {}, actions: [{ n: 0, at: 0, action: trap }] })).toBeTruthy();
    const cyclic: Record<string, unknown> = { version: 1, options: {}, actions: [] };
    cyclic.title = cyclic;
    expect(error(cyclic)).toMatch(/^title has an unknown field/);
    const throwsAnything = { version: 1, options: {}, get actions(): never { throw 'a string'; } };
    expect(error(throwsAnything)).toBe('could not read the scenario (a string)');
    // The same in the current format (no migration step reads the object first).
    expect(error({ version: 2, options: {}, get actions(): never { throw new Error('boom'); } })).toBe('could not read the scenario (boom)');
    expect(error({ version: 2, options: trap, actions: [] })).toBeTruthy();
    expect(error({ version: 2, options: {}, actions: [{ n: 0, at: 0, action: trap }] })).toBeTruthy();
    expect(error({ version: 2, options: {}, actions: [{ n: 0, at: 0, action: { type: 'changeMembership', servers: trap } }] })).toBeTruthy();
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
      description: { en: 'Saved before the Raft extensions.' },
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
