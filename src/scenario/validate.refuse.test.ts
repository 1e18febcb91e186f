/**
 * parseScenario refuses bad input with a message naming the field: the
 * scenario itself, versions, options, actions (format 1's and format 2's),
 * server ids, event numbers and times, texts, runUntil and the view; and it
 * never throws, even for objects that throw when read. (Accepted input and
 * migration: validate.accept.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { SCENARIO_LIMITS } from './validate';
import { error, expectPrototypeUntouchedAfterAll, FULL, label, parse, withAction, withActions } from './validateTestHelpers';

expectPrototypeUntouchedAfterAll();

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
