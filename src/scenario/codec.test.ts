import { deflateSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { applyAction, createCluster, LIMITS, MAX_SERVERS, UNSAFE_RULES, type ClusterOptions, type InitialServer, type RaftCluster, type ServerSummary, type UserAction } from '../sim';
import {
  decodeScenario,
  encodeJsonPayload,
  encodeScenario,
  exportScenarioFile,
  FILE_FORMAT,
  importScenarioFile,
  LINK_LIMITS,
  scenarioFromLocationHash,
  scenarioToLinkHash,
  type DecodeResult,
} from './codec';
import { replayScenario } from './replay';
import { SCENARIO_VERSION, type RecordedAction, type Scenario } from './types';

// ---- helpers --------------------------------------------------------------

/** A small deterministic generator for the tests themselves (not part of any simulation). */
function rng(seed: number) {
  let x = (2654435761 * (seed + 1)) | 0;
  const next = (): number => {
    x = (Math.imul(x ^ (x >>> 15), 2246822507) + 0x9e3779b9) | 0;
    x ^= x >>> 13;
    return (x >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return {
    next,
    int,
    bool: (p = 0.5): boolean => next() < p,
    pick: <T>(xs: readonly T[]): T => xs[int(xs.length)],
  };
}
type Rng = ReturnType<typeof rng>;

const HOSTILE_TEXT = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(document.cookie)>',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
  '{{constructor.constructor("alert(1)")()}}',
  '${alert(1)}',
  '__proto__',
];
const COMMANDS = ['x=1', 'y=2', 'name=Ada', 'del x', '', 'emoji=🦀', '键=值', 'quote="\'', 'back\\slash', 'line\nbreak', '\u0000nul', ...HOSTILE_TEXT];

/** Own-property snapshot of Object.prototype, to prove nothing was added to it. */
const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort();
afterAll(() => {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoBefore);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

function expectFailure(r: DecodeResult | null, what: string): string {
  expect(r, what).not.toBeNull();
  if (r === null) return '';
  expect(r.ok, `${what} should be refused`).toBe(false);
  if (r.ok) return '';
  expect(typeof r.error, what).toBe('string');
  expect(r.error.trim().length, what).toBeGreaterThan(0);
  return r.error;
}

/** Never throws: every call in these tests goes through this. */
function decode(text: unknown): DecodeResult {
  let r: DecodeResult | undefined;
  expect(() => {
    r = decodeScenario(text as string);
  }).not.toThrow();
  return r!;
}

/** The link data packed by hand (Node's base64url), independent of the codec's own encoder. */
function packBytes(json: Uint8Array, opts: { crc?: boolean } = {}): string {
  const packed = deflateSync(json, { level: 9 });
  const crc = opts.crc === false ? [] : (() => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(crc32(json));
    return [...b];
  })();
  return `v1.${Buffer.from([...packed, ...crc]).toString('base64url')}`;
}

function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function payloadBytes(link: string): Buffer {
  return Buffer.from(link.slice(3), 'base64url');
}

// ---- scenarios from real runs ---------------------------------------------

function randomInitial(r: Rng, servers: number): InitialServer[] {
  const ids = Array.from({ length: servers }, (_, i) => i + 1).filter(() => r.bool(0.6));
  return ids.map((id) => {
    const s: InitialServer = { id };
    let term = 1;
    const log: Array<number | { term: number; command: string | null }> = [];
    for (let i = r.int(6); i > 0; i--) {
      term += r.int(2);
      log.push(r.bool() ? term : { term, command: r.bool(0.8) ? r.pick(COMMANDS) : null });
    }
    if (r.bool(0.8)) s.log = log;
    if (r.bool()) s.currentTerm = (s.log && s.log.length > 0 ? term : 0) + r.int(3);
    if (r.bool()) s.votedFor = r.bool() ? null : 1 + r.int(servers);
    if (r.bool(0.3)) s.crashed = r.bool();
    return s;
  });
}

/** Random options; with `extended`, sometimes the options format 2 added (snapshots, PreVote, CheckQuorum, clients…). */
function randomOptions(r: Rng, extended: boolean): Partial<ClusterOptions> {
  const o: Partial<ClusterOptions> = {};
  const servers = 1 + r.int(MAX_SERVERS);
  if (servers !== 5 || r.bool()) o.servers = servers;
  if (r.bool(0.9)) o.seed = r.bool(0.7) ? `seed-${r.int(1e6)}${r.pick(['', ' é', '🦀', '<b>'])}` : r.bool() ? r.int(2e9) - 1e9 : r.next() * 1000;
  if (r.bool()) {
    const lo = 50 + r.int(300);
    o.electionTimeoutMs = [lo, lo + r.int(300)];
  }
  if (r.bool()) o.heartbeatMs = 20 + r.int(60) + (r.bool() ? 0.5 : 0);
  if (r.bool()) {
    const lo = r.int(20);
    o.latencyMs = [lo, lo + r.int(30) + r.next()];
  }
  if (r.bool(0.3)) o.dropRate = r.bool() ? 0.05 * r.int(4) : r.next() * 0.3;
  if (r.bool(0.3)) o.duplicateRate = r.bool() ? 0.05 * r.int(3) : r.next() * 0.2;
  if (r.bool(0.3)) o.leaderNoop = r.bool();
  if (r.bool(0.2)) o.preVote = false;
  if (r.bool(0.2)) o.checkQuorum = false;
  if (extended) {
    if (r.bool(0.4)) o.preVote = r.bool(0.7);
    if (r.bool(0.4)) o.checkQuorum = r.bool(0.7);
    if (r.bool(0.3)) o.leaderStickiness = r.bool(0.7);
    // Small thresholds and chunks, so that snapshots and chunked InstallSnapshot happen in short runs.
    if (r.bool(0.4)) o.snapshotThreshold = r.bool(0.2) ? 0 : 1 + r.int(8);
    if (r.bool(0.3)) o.snapshotChunkBytes = 16 + r.int(200);
    if (r.bool(0.3)) o.clientSessions = r.bool();
    if (r.bool(0.3)) o.readLeases = r.bool(0.7);
    if (r.bool(0.3)) o.clientTimeoutMs = 100 + r.int(600) + (r.bool() ? r.next() : 0);
  }
  if (r.bool(0.3)) o.fastBackup = r.bool();
  if (r.bool(0.3)) o.maxEntriesPerAppend = 1 + r.int(100);
  if (r.bool(0.3)) o.traceLimit = r.int(5_000);
  if (r.bool(0.3)) o.unsafe = Object.fromEntries(UNSAFE_RULES.filter(() => r.bool(0.25)).map((k) => [k, r.bool()]));
  if (r.bool(0.25)) o.initial = randomInitial(r, servers);
  return o;
}

/** One of the actions format 1 had (on the live cluster's servers, which membership changes may have added to). */
function randomAction(r: Rng, c: RaftCluster): UserAction {
  const ids = c.ids();
  const servers = ids.length;
  const k = r.int(servers);
  const id = ids[k];
  for (;;) {
    switch (r.int(14)) {
      case 0:
      case 1: {
        const a: UserAction = { type: 'submit', command: r.pick(COMMANDS) + (r.bool() ? String(r.int(1000)) : '') };
        if (r.bool(0.3)) a.server = id;
        return a;
      }
      case 2:
        return { type: 'crash', server: id };
      case 3:
        return { type: 'restart', server: id };
      case 4:
        if (c.server(id).alive) return { type: 'timeout', server: id };
        break;
      case 5:
        return { type: r.bool() ? 'disconnect' : 'connect', server: id };
      case 6:
        if (servers >= 2) return { type: 'setLink', from: id, to: ids[(k + 1) % servers], up: r.bool() };
        break;
      case 7: {
        const shuffled = ids.filter(() => r.bool(0.85)).sort(() => r.next() - 0.5);
        const cut = r.int(shuffled.length + 1);
        const groups = r.bool(0.2) ? [shuffled] : [shuffled.slice(0, cut), shuffled.slice(cut)];
        if (r.bool(0.1)) groups.push([]);
        return { type: 'partition', groups };
      }
      case 8:
        return { type: 'heal' };
      case 9: {
        const settings: Extract<UserAction, { type: 'setNetwork' }>['settings'] = {};
        if (r.bool()) {
          const lo = r.int(40);
          settings.latencyMs = [lo, lo + r.int(40)];
        }
        if (r.bool()) settings.dropRate = r.int(5) * 0.05;
        if (r.bool()) settings.duplicateRate = r.next() * 0.2;
        return { type: 'setNetwork', settings };
      }
      case 10:
      case 11: {
        const messages = c.messages();
        if (messages.length > 0) return { type: r.bool() ? 'dropMessage' : 'duplicateMessage', message: r.pick(messages).id };
        break;
      }
      case 12: {
        // Manual mode: a pending event other than the next one.
        const pending = c.pending();
        if (pending.length > 0) return { type: 'processEvent', seq: r.pick(pending).seq };
        break;
      }
      default:
        return { type: 'heal' };
    }
  }
}

/** The term of a server's entry at its commitIndex (the snapshot's term if compacted). */
function committedTerm(c: RaftCluster, s: ServerSummary): number {
  if (s.commitIndex <= s.snapshotIndex) return s.snapshotTerm;
  return c.logEntries(s.id).find((e) => e.index === s.commitIndex)?.term ?? 0;
}

/** Most servers a session may grow to (each one makes the run slower). */
const GROW_LIMIT = 12;

/**
 * One of the actions format 2 added, chosen to be valid in the live cluster
 * where that is cheap to know (a leader for membership changes and transfers, a
 * live server to snapshot, an idle client). The cluster may still refuse it
 * (e.g. a configuration change already in progress, or a stale leader): the
 * caller skips an action that throws.
 */
function randomExtensionAction(r: Rng, c: RaftCluster): UserAction | null {
  const ids = c.ids();
  const leaderId = c.leaderId();
  const leader = leaderId === null ? null : c.summary(leaderId);
  const voters = leader ? leader.config.voters : [];
  // §6 (the engine's membershipBlocked): one change at a time, none during a transfer, and not before the leader has
  // committed an entry of its own term. Now and then try anyway, so that refusals are exercised too.
  const mayChange =
    leader !== null &&
    ((leader.transferee === null && leader.configIndex <= leader.commitIndex && committedTerm(c, leader) === leader.term) || r.bool(0.15));
  switch (r.int(7)) {
    case 0:
      return mayChange && ids.length < GROW_LIMIT ? { type: 'addServer' } : null;
    case 1: {
      if (!leader || !mayChange) return null;
      const members = [...leader.config.voters, ...leader.config.learners];
      return members.length > 1 ? { type: 'removeServer', server: r.pick(members) } : null;
    }
    case 2: {
      if (!leader || !mayChange) return null;
      // Some of the running servers, perhaps with a new one (joint consensus, §6).
      const chosen = ids.filter(() => r.bool(0.6));
      if (ids.length < GROW_LIMIT && r.bool(0.4)) chosen.push(Math.max(...ids) + 1);
      if (chosen.length === 0) chosen.push(leader.id);
      return { type: 'changeMembership', servers: chosen.sort(() => r.next() - 0.5) };
    }
    case 3: {
      const others = voters.filter((v) => v !== leaderId);
      return others.length > 0 ? { type: 'transferLeadership', server: r.pick(others) } : null;
    }
    case 4: {
      const alive = ids.filter((v) => c.summary(v).alive);
      return alive.length > 0 ? { type: 'snapshot', server: r.pick(alive) } : null;
    }
    default: {
      const busy = new Set(c.clients().filter((x) => x.pending !== null).map((x) => x.id));
      const idle = Array.from({ length: LIMITS.clients }, (_, i) => i + 1).filter((v) => !busy.has(v));
      // Now and then a busy client on purpose: the cluster refuses it and the session skips it.
      const client = idle.length > 0 && r.bool(0.9) ? r.pick(idle) : 1 + r.int(LIMITS.clients);
      const key = r.pick(['x', 'y', 'name', '键']);
      return r.bool(0.6) ? { type: 'clientRequest', client, command: `${key}=${r.int(100)}` } : { type: 'clientRequest', client, read: key };
    }
  }
}

/** What the random sessions did, to check they covered what they should. */
interface SessionStats {
  /** Actions the live cluster refused (and the session skipped), by type. */
  refused: Map<string, number>;
  grew: number;
}

/** Play a random session live, recording each action as the time-travel work does; returns the scenario and the live cluster. */
function liveSession(k: number, stats: SessionStats = { refused: new Map(), grew: 0 }): { scenario: Scenario; live: RaftCluster; extended: boolean } {
  const r = rng(k);
  // Two in three sessions use format 2's options and actions; the rest only what format 1 had.
  const extended = k % 3 !== 0;
  const options = randomOptions(r, extended);
  const c = createCluster(options);
  const servers = options.servers ?? 5;
  const actions: RecordedAction[] = [];
  for (let i = r.int(40); i > 0; i--) {
    const move = r.int(4);
    if (move === 0) c.runFor(r.int(300) + (r.bool() ? r.next() : 0));
    else if (move === 1) for (let j = r.int(5); j >= 0; j--) c.step();
    else if (move === 2) c.runUntil((cc) => cc.leaderId() !== null, r.int(500));
    // Each move is followed by one recorded action (its n and at are what replay the move), so a new
    // action the cluster refuses is replaced by one of format 1's.
    let action = extended && r.bool(0.4) ? randomExtensionAction(r, c) : null;
    if (action !== null) {
      // The API checks everything before it changes anything: a refused action leaves no trace.
      const before = { hash: c.traceHash(), events: c.eventCount, now: c.now, ids: c.ids().length };
      try {
        applyAction(c, action);
        if (c.ids().length > before.ids) stats.grew++;
      } catch {
        expect({ hash: c.traceHash(), events: c.eventCount, now: c.now, ids: c.ids().length }, `session ${k}: refused ${JSON.stringify(action)}`).toStrictEqual(before);
        stats.refused.set(action.type, (stats.refused.get(action.type) ?? 0) + 1);
        action = null;
      }
      if (action !== null) actions.push({ n: before.events, at: before.now, action });
    }
    if (action === null) {
      action = randomAction(r, c);
      actions.push({ n: c.eventCount, at: c.now, action });
      applyAction(c, action);
    }
  }
  const scenario: Scenario = { version: SCENARIO_VERSION, options, actions };
  if (r.bool(0.8)) {
    c.runFor(r.int(800));
    scenario.runUntil = c.now;
  }
  if (r.bool(0.3)) scenario.title = r.bool() ? { en: `Session ${k} ${r.pick(HOSTILE_TEXT)}` } : { en: `Session ${k}`, zh: `会话 ${k}` };
  if (r.bool(0.2)) scenario.description = { en: r.pick(HOSTILE_TEXT).repeat(3), zh: '描述' };
  if (r.bool(0.2)) scenario.suggestions = [{ en: 'Crash the leader.' }, { en: 'Heal the network.', zh: '修复网络。' }].slice(0, 1 + r.int(2));
  if (r.bool(0.3)) {
    scenario.view = {};
    if (r.bool()) scenario.view.n = r.int(c.eventCount + 1);
    // Any running server, one a membership change added too.
    if (r.bool()) scenario.view.selectedServer = r.bool(0.3) ? null : r.bool(0.7) ? 1 + r.int(servers) : r.pick(c.ids());
    if (r.bool()) scenario.view.speed = r.pick([0.001, 0.25, 1, 2.5, 10]);
    if (r.bool()) scenario.view.lang = r.pick(['en', 'zh'] as const);
  }
  return { scenario, live: c, extended };
}

const FORMAT_2_ACTIONS: ReadonlySet<string> = new Set(['addServer', 'removeServer', 'changeMembership', 'transferLeadership', 'snapshot', 'clientRequest']);
const format2Only = (a: UserAction): boolean => FORMAT_2_ACTIONS.has(a.type);
const FORMAT_2_OPTIONS = ['preVote', 'checkQuorum', 'leaderStickiness', 'snapshotThreshold', 'snapshotChunkBytes', 'clientSessions', 'readLeases', 'clientTimeoutMs'] as const;

// ---- round trips --------------------------------------------------------

function roundTrip(s: Scenario): Scenario {
  const link = encodeScenario(s);
  expect(link.startsWith('v1.')).toBe(true);
  expect(link).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
  const r = decode(link);
  if (!r.ok) throw new Error(`round trip refused: ${r.error}`);
  return r.scenario;
}

/** A hand-written session played live: [ms to wait, action] ('message': drop then duplicate messages in flight). */
function record(options: Partial<ClusterOptions>, script: Array<[number, UserAction | 'message']>): Scenario {
  const c = createCluster(options);
  const actions: RecordedAction[] = [];
  const act = (action: UserAction) => {
    actions.push({ n: c.eventCount, at: c.now, action });
    applyAction(c, action);
  };
  for (const [wait, step] of script) {
    c.runFor(wait);
    if (step !== 'message') act(step);
    else {
      const [first, second] = c.messages();
      act({ type: 'dropMessage', message: first.id });
      act({ type: 'duplicateMessage', message: second.id });
    }
  }
  c.runFor(500);
  return { version: SCENARIO_VERSION, options, actions, runUntil: c.now };
}

const FIGURE_7: Scenario = {
  version: SCENARIO_VERSION,
  title: { en: 'Figure 7: logs a new leader may find', zh: '图 7：新领导者可能遇到的日志' },
  description: { en: 'Servers start with the logs of the paper\'s Figure 7.' },
  suggestions: [{ en: 'Let S1 win and watch the logs converge.', zh: '让 S1 获胜，观察日志趋同。' }],
  options: {
    servers: 5,
    seed: 'figure-7',
    initial: [
      { id: 1, log: [1, 1, 1, 4, 4, 5, 5, 6, 6, 6], currentTerm: 8 },
      { id: 2, log: [1, 1, 1, 4, 4, 5, 5, 6, 6] },
      { id: 3, log: [1, 1, 1, 4], votedFor: null },
      { id: 4, log: [{ term: 1, command: 'x=1' }, { term: 1, command: null }, 2, 2, 3], crashed: true },
      { id: 5, votedFor: 2, currentTerm: 3 },
    ],
  },
  actions: [
    { n: 0, at: 0, action: { type: 'timeout', server: 1 } },
    { n: 1, at: 0, action: { type: 'restart', server: 4 } },
  ],
  runUntil: 2_000,
  view: { n: 0, selectedServer: 1, speed: 0.5, lang: 'zh' },
};

describe('share links round-trip', () => {
  it('hand-made scenarios come back equal and replay identically', () => {
    const minimal: Scenario = { version: SCENARIO_VERSION, options: {}, actions: [] };
    const everyAction = record({ servers: 3, seed: 42, dropRate: 0.1, unsafe: { voteTwicePerTerm: true } }, [
      [0, { type: 'setNetwork', settings: { latencyMs: [5, 5] } }],
      [0.25, { type: 'disconnect', server: 3 }],
      [400, { type: 'connect', server: 3 }],
      [0, { type: 'setLink', from: 1, to: 2, up: false }],
      [17.5, { type: 'partition', groups: [[1], [2, 3], []] }],
      [300, { type: 'heal' }],
      [0, { type: 'submit', command: '<script>alert(1)</script>', server: 2 }],
      [2, 'message'],
      [0, { type: 'crash', server: 2 }],
      [1, { type: 'restart', server: 2 }],
      [0, { type: 'setNetwork', settings: {} }],
    ]);
    for (const s of [minimal, FIGURE_7, everyAction]) {
      const back = roundTrip(s);
      expect(back).toStrictEqual(s);
      expect(replayScenario(back).traceHash()).toBe(replayScenario(s).traceHash());
    }
  });

  it('300 random scenarios recorded from real runs: decode(encode(s)) equals s and replays to the live run\'s trace', () => {
    const types = new Map<string, number>();
    const optionsOn = new Map<string, number>();
    const stats: SessionStats = { refused: new Map(), grew: 0 };
    let withInitial = 0;
    let asFormat1 = 0;
    let snapshotted = 0;
    let clientOps = 0;
    for (let k = 0; k < 300; k++) {
      const { scenario, live, extended } = liveSession(k, stats);
      for (const a of scenario.actions) types.set(a.action.type, (types.get(a.action.type) ?? 0) + 1);
      for (const key of FORMAT_2_OPTIONS) {
        const v = scenario.options[key];
        if (v !== undefined && v !== false && v !== 0) optionsOn.set(key, (optionsOn.get(key) ?? 0) + 1);
      }
      if (scenario.options.initial) withInitial++;
      if (live.ids().some((id) => live.summary(id).snapshotIndex > 0)) snapshotted++;
      clientOps += live.clients().reduce((n, cl) => n + cl.history.length, 0);
      const back = roundTrip(scenario);
      expect(back, `session ${k}`).toStrictEqual(scenario);
      const replayed = replayScenario(back);
      if (scenario.runUntil === undefined) expect(replayed.now, `session ${k}`).toBe(live.now);
      expect(replayed.eventCount, `session ${k}`).toBe(live.eventCount);
      expect(replayed.traceHash(), `session ${k}`).toBe(live.traceHash());
      expect(replayed.violations(), `session ${k}`).toEqual(live.violations());
      if (!extended) {
        // What format 1 could say, written as format 1, reads as the same scenario in format 2.
        const old = decode(encodeJsonPayload(JSON.stringify({ ...scenario, version: 1 })));
        expect(old, `session ${k} as format 1`).toStrictEqual({ ok: true, scenario });
        asFormat1++;
      }
    }
    // The sessions exercise every kind of action (the new ones in many sessions), every new option and starting states.
    expect([...types.keys()].sort()).toEqual(
      [
        'addServer', 'changeMembership', 'clientRequest', 'connect', 'crash', 'disconnect', 'dropMessage', 'duplicateMessage', 'heal',
        'partition', 'processEvent', 'removeServer', 'restart', 'setLink', 'setNetwork', 'snapshot', 'submit', 'timeout', 'transferLeadership',
      ],
    );
    for (const t of FORMAT_2_ACTIONS) expect(types.get(t), t).toBeGreaterThanOrEqual(10);
    expect([...optionsOn.keys()].sort()).toEqual([...FORMAT_2_OPTIONS].sort());
    for (const [key, n] of optionsOn) expect(n, key).toBeGreaterThanOrEqual(20);
    expect(withInitial).toBeGreaterThan(30);
    expect(asFormat1).toBe(100);
    // Servers were added, snapshots taken, client requests made, and some refused actions were skipped (not recorded).
    expect(stats.grew).toBeGreaterThan(10);
    expect(snapshotted).toBeGreaterThan(20);
    expect(clientOps).toBeGreaterThan(50);
    expect(stats.refused.size).toBeGreaterThan(0);
    console.log(
      `random sessions: actions ${JSON.stringify(Object.fromEntries([...types].sort()))}; new options on ${JSON.stringify(Object.fromEntries(optionsOn))}; ` +
        `${stats.grew} grew the cluster, ${snapshotted} with snapshots, ${clientOps} client operations, refused and skipped ${JSON.stringify(Object.fromEntries(stats.refused))}`,
    );
  });

  it('the link hash and the location hash are inverse, among other parameters too', () => {
    const hash = scenarioToLinkHash(FIGURE_7);
    expect(hash.startsWith('#s=v1.')).toBe(true);
    for (const h of [hash, `#lang=zh&${hash.slice(1)}`, `${hash}&x=1`]) {
      const r = scenarioFromLocationHash(h);
      expect(r?.ok && r.scenario).toStrictEqual(FIGURE_7);
    }
    expect(scenarioFromLocationHash('')).toBeNull();
    expect(scenarioFromLocationHash('#')).toBeNull();
    expect(scenarioFromLocationHash('#lang=zh')).toBeNull();
    expectFailure(scenarioFromLocationHash('#s='), 'empty s');
    expectFailure(scenarioFromLocationHash('#s=v1.AAAA'), 'junk s');
  });

  it('decodes whole URLs, fragments, query strings and links broken across lines', () => {
    const data = encodeScenario(FIGURE_7);
    const forms = [
      data,
      `  ${data}\n`,
      `#s=${data}`,
      `s=${data}`,
      `https://example.edu/raft/#s=${data}`,
      `https://example.edu/raft/?from=mail#s=${data}`,
      `https://example.edu/raft/?s=${data}`,
      `https://example.edu/raft/#s=${data.slice(0, 40)}\n${data.slice(40, 90)}\r\n  ${data.slice(90)}`,
      `https://example.edu/raft/#s=${data.replace('.', '%2E')}`,
    ];
    for (const f of forms) expect(decode(f), f.slice(0, 60)).toStrictEqual({ ok: true, scenario: FIGURE_7 });
  });

  it('the codec\'s base64url matches Node\'s, and a link packed independently decodes', () => {
    const json = JSON.stringify(FIGURE_7);
    const ours = encodeJsonPayload(json);
    expect(ours).toBe(packBytes(new TextEncoder().encode(json)));
    expect(payloadBytes(ours).toString('base64url')).toBe(ours.slice(3));
  });

  it('exported files read back (also with a BOM, CRLF line ends or no wrapper), and script text stays plain data', () => {
    const s: Scenario = {
      ...FIGURE_7,
      title: { en: '<script>alert(1)</script>' },
      description: { en: '<img src=x onerror=alert(1)>', zh: '"><svg onload=alert(1)>' },
    };
    const file = exportScenarioFile(s);
    // New files are written in the current format, 2.
    expect(SCENARIO_VERSION).toBe(2);
    expect(JSON.parse(file)).toMatchObject({ format: FILE_FORMAT, version: 2 });
    expect(file).toContain('\n  "version": 2');
    for (const text of [file, `\uFEFF${file}`, file.replace(/\n/g, '\r\n'), JSON.stringify(s)]) {
      const r = importScenarioFile(text);
      expect(r).toStrictEqual({ ok: true, scenario: s });
    }
    // A link pasted into the file box is read as a link.
    expect(importScenarioFile(`https://example.edu/#s=${encodeScenario(s)}`)).toStrictEqual({ ok: true, scenario: s });
  });

  it('encoding refuses an invalid scenario (a caller bug) instead of writing a link nobody can open', () => {
    const bad = { version: SCENARIO_VERSION, options: { servers: 3 }, actions: [{ n: 0, at: 0, action: { type: 'crash', server: 4 } }] } as Scenario;
    expect(() => encodeScenario(bad)).toThrow(/actions\[0\]\.action\.server must be a server id from 1 to 3 \(got 4\)/);
    expect(() => exportScenarioFile(bad)).toThrow(RangeError);
    // Extra runtime fields are not written (and so never make a link unreadable).
    const extra = { ...FIGURE_7, actions: FIGURE_7.actions.map((a) => ({ ...a, action: { ...a.action } })) };
    expect(decode(encodeScenario(extra))).toStrictEqual({ ok: true, scenario: FIGURE_7 });
  });
});

// ---- hostile links ------------------------------------------------------

describe('hostile and damaged links are refused with a message, never thrown', () => {
  const { scenario } = liveSession(7);
  const link = encodeScenario(scenario);
  const url = `https://example.edu/raft/#s=${link}`;

  it('a real link truncated at every length', () => {
    const messages = new Set<string>();
    for (let len = 0; len < link.length; len++) messages.add(expectFailure(decode(link.slice(0, len)), `link cut to ${len}`));
    for (let len = 0; len < url.length; len++) messages.add(expectFailure(decode(url.slice(0, len)), `URL cut to ${len}`));
    // Several different, specific explanations, not one catch-all.
    expect(messages.size).toBeGreaterThan(5);
  });

  it('random bit flips in the packed data and random character substitutions', () => {
    const r = rng(99);
    const bytes = payloadBytes(link);
    let unchanged = 0;
    const replacements = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', '+', '/', '=', '.', '%', '#', '&', 'é', '\u0000', '😀', '\u202e'];
    for (let k = 0; k < 400; k++) {
      let damaged: string;
      if (k % 2 === 0) {
        const b = Buffer.from(bytes);
        const bit = r.int(b.length * 8);
        b[bit >> 3] ^= 1 << (bit & 7);
        damaged = `v1.${b.toString('base64url')}`;
      } else {
        const at = 3 + r.int(link.length - 3);
        const ch = r.pick(replacements);
        if (ch === link[at]) continue;
        damaged = link.slice(0, at) + ch + link.slice(at + 1);
      }
      const res = decode(damaged);
      // A flip in the padding bits after the compressed data's last symbol changes nothing: the same scenario.
      if (res.ok) {
        expect(res.scenario).toStrictEqual(scenario);
        unchanged++;
      } else expectFailure(res, damaged);
    }
    console.log(`damaged links: ${unchanged} of 400 unpacked to the identical scenario (padding bits); the rest were refused`);
    expect(unchanged).toBeLessThan(10);
  });

  it('wrong or future format tags, and future, missing or odd scenario versions', () => {
    const data = link.slice(3);
    expect(expectFailure(decode(`v2.${data}`), 'v2')).toMatch(/newer version of this app \(link format 2; this app reads up to 1\)/);
    for (const tag of ['v0.', 'V1.', 'x1.', '1.', 'v1', 'v01.', 'v-1.', 'v1,', '']) expectFailure(decode(tag + data), tag);
    const json = (v: unknown) => JSON.stringify({ ...scenario, version: v });
    // A format-3 scenario (from a future release) is refused, saying why and what to do.
    expect(expectFailure(decode(encodeJsonPayload(json(3))), 'version 3')).toBe(
      'This scenario was made by a newer version of this app (format 3; this app reads up to 2). Open it with the latest version of the app.',
    );
    expect(expectFailure(scenarioFromLocationHash(`#s=${encodeJsonPayload(json(3))}`), 'version 3 in the address')).toMatch(/format 3; this app reads up to 2/);
    expect(expectFailure(importScenarioFile(JSON.stringify({ format: FILE_FORMAT, ...scenario, version: 3 })), 'version 3 file')).toMatch(/format 3; this app reads up to 2/);
    // The current format and the older ones read.
    expect(decode(encodeJsonPayload(json(2)))).toStrictEqual({ ok: true, scenario });
    expect(expectFailure(decode(encodeJsonPayload(json(1e300))), 'version 1e300')).toMatch(/newer version/);
    for (const v of ['1', 1.5, -1, null, [1], { v: 1 }]) expectFailure(decode(encodeJsonPayload(json(v))), `version ${JSON.stringify(v)}`);
    const { version: _v, ...noVersion } = scenario;
    expect(expectFailure(decode(encodeJsonPayload(JSON.stringify(noVersion))), 'no version')).toMatch(/version is missing/);
  });

  it('out-of-range numbers, including JSON tricks (1e999 is Infinity, -1e999)', () => {
    const base = '{"version":1,"options":{},"actions":[]}';
    const cases: Array<[string, RegExp]> = [
      ['{"version":1,"options":{"servers":10000},"actions":[]}', /^options\.servers must be a whole number from 1 to 9 \(got 10000\)$/],
      ['{"version":1,"options":{"latencyMs":[-5,10]},"actions":[]}', /^options\.latencyMs\[0\] must be a number from 0 to 60000 \(got -5\)$/],
      ['{"version":1,"options":{"dropRate":2},"actions":[]}', /^options\.dropRate must be a number from 0 to 1 \(got 2\)$/],
      ['{"version":1,"options":{"duplicateRate":1e999},"actions":[]}', /duplicateRate .*Infinity/],
      ['{"version":1,"options":{"seed":-1e999},"actions":[]}', /seed/],
      ['{"version":1,"options":{"heartbeatMs":0},"actions":[]}', /heartbeatMs/],
      ['{"version":1,"options":{"electionTimeoutMs":[300,150]},"actions":[]}', /electionTimeoutMs must have min <= max/],
      ['{"version":1,"options":{"snapshotThreshold":-1},"actions":[]}', /options\.snapshotThreshold must be a whole number/],
      ['{"version":1,"options":{"traceLimit":1e300},"actions":[]}', /traceLimit/],
      ['{"version":1,"options":{},"actions":[{"n":0,"at":1e300,"action":{"type":"heal"}}]}', /^actions\[0\]\.at must be a number from 0 to 3600000 ms \(got 1e\+300\)$/],
      ['{"version":1,"options":{},"actions":[{"n":0,"at":1e999,"action":{"type":"heal"}}]}', /actions\[0\]\.at .*Infinity/],
      ['{"version":1,"options":{},"actions":[{"n":1e999,"at":0,"action":{"type":"heal"}}]}', /actions\[0\]\.n must be a whole number/],
      ['{"version":1,"options":{},"actions":[{"n":1e300,"at":0,"action":{"type":"heal"}}]}', /actions\[0\]\.n must be a whole number/],
      ['{"version":1,"options":{},"actions":[{"n":-1,"at":0,"action":{"type":"heal"}}]}', /actions\[0\]\.n/],
      ['{"version":1,"options":{},"actions":[{"n":0.5,"at":0,"action":{"type":"heal"}}]}', /actions\[0\]\.n/],
      ['{"version":1,"options":{},"actions":[{"n":0,"at":-0.001,"action":{"type":"heal"}}]}', /actions\[0\]\.at/],
      ['{"version":1,"options":{},"actions":[{"n":0,"at":0,"action":{"type":"crash","server":9}}]}', /^actions\[0\]\.action\.server must be a server id from 1 to 5 \(got 9\)$/],
      ['{"version":1,"options":{},"actions":[{"n":0,"at":0,"action":{"type":"dropMessage","message":1e999}}]}', /message must be a whole number/],
      ['{"version":1,"options":{},"actions":[{"n":0,"at":0,"action":{"type":"setNetwork","settings":{"dropRate":2}}}]}', /^actions\[0\]\.action\.settings\.dropRate must be a number from 0 to 1 \(got 2\)$/],
      ['{"version":1,"options":{},"actions":[],"runUntil":1e999}', /runUntil/],
      ['{"version":1,"options":{},"actions":[],"runUntil":3600001}', /runUntil must be a number from 0 to 3600000 ms/],
      ['{"version":1,"options":{},"actions":[],"view":{"speed":0}}', /view\.speed/],
      ['{"version":1,"options":{},"actions":[],"view":{"speed":1e999}}', /view\.speed/],
      ['{"version":1,"options":{},"actions":[],"view":{"n":-1}}', /view\.n/],
      ['{"version":1,"options":{},"actions":[],"view":{"selectedServer":6}}', /view\.selectedServer must be a server id from 1 to 5/],
    ];
    expect(decode(encodeJsonPayload(base)).ok).toBe(true);
    for (const [json, message] of cases) expect(expectFailure(decode(encodeJsonPayload(json)), json)).toMatch(message);
  });

  it('100,001 actions are refused (and 100,000 accepted); an unpacked size over 5 MB is refused', () => {
    const heal = '{"n":0,"at":0,"action":{"type":"heal"}}';
    const many = (count: number) => `{"version":1,"options":{},"actions":[${Array(count).fill(heal).join(',')}]}`;
    const over = encodeJsonPayload(many(100_001));
    expect(over.length).toBeLessThan(LINK_LIMITS.maxChars);
    expect(expectFailure(decode(over), '100001 actions')).toBe('actions must have at most 100000 entries (got 100001)');
    const atLimit = decode(encodeJsonPayload(many(100_000)));
    expect(atLimit.ok && atLimit.scenario.actions.length).toBe(100_000);
    // A "zip bomb": about 40,000 characters of link that would unpack to 30 MB.
    const bomb = encodeJsonPayload(`{"version":1,"options":{},"actions":[],"title":{"en":"${'a'.repeat(30_000_000)}"}}`);
    expect(bomb.length).toBeLessThan(LINK_LIMITS.maxChars);
    expect(expectFailure(decode(bomb), 'bomb')).toMatch(/too large \(over 5 MB when unpacked\)/);
    expect(expectFailure(decode(`v1.${'A'.repeat(LINK_LIMITS.maxChars)}`), 'too long')).toMatch(/the link is too long/);
    expect(expectFailure(importScenarioFile(' '.repeat(LINK_LIMITS.maxUnpackedBytes + 1)), 'big file')).toMatch(/file is too large/);
  });

  it('deeply nested and wide junk', () => {
    const deep = (n: number, leaf = '1') => '['.repeat(n) + leaf + ']'.repeat(n);
    const deepObj = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
    const junk = [
      deep(100_000),
      deepObj(50_000),
      `{"version":1,"options":{},"actions":[],"title":${deepObj(10_000)}}`,
      `{"version":1,"options":{"seed":${deep(10_000)}},"actions":[]}`,
      `{"version":1,"options":{"initial":${deep(10_000)}},"actions":[]}`,
      `{"version":1,"options":{},"actions":${deep(10_000)}}`,
      `{"version":1,"options":{},"actions":[{"n":0,"at":0,"action":{"type":"partition","groups":${deep(10_000)}}}]}`,
      `{"version":1,"options":{},"actions":[{"n":0,"at":0,"action":{"type":"submit","command":${deepObj(10_000)}}}]}`,
      `{"version":1,"options":{},"actions":[],"view":${deepObj(10_000)}}`,
      `{"version":1,"options":{},"actions":[],${Array.from({ length: 10_000 }, (_, i) => `"k${i}":${i}`).join(',')}}`,
      `{"version":1,"options":{"unsafe":{${Array.from({ length: 10_000 }, (_, i) => `"k${i}":true`).join(',')}}},"actions":[]}`,
      '"just a string"',
      '42',
      'null',
      'true',
      '[]',
      '{}',
      '',
      '   ',
      '{"version":1,',
      '{"version":1,"options":{},"actions":[]}garbage',
      "{'version':1}",
      '{"version":1,"options":{},"actions":[],}',
      'NaN',
      '{"version":NaN}',
      '{"version":Infinity}',
      '{"version":1,"options":{},"actions":[{"n":0,"at":0,"action":null}]}',
      '{"version":1,"options":{},"actions":[null]}',
      '{"version":1,"options":{},"actions":[[0,0,{"type":"heal"}]]}',
      '{"version":1,"options":[],"actions":[]}',
      '{"version":1,"options":null,"actions":[]}',
      '{"version":1,"options":{},"actions":{}}',
      '{"version":1,"options":{},"actions":"[]"}',
    ];
    for (const json of junk) expectFailure(decode(encodeJsonPayload(json)), json.slice(0, 80));
  });

  it('bytes that are not UTF-8, data with no checksum, random bytes, and not-a-string arguments', () => {
    const json = new TextEncoder().encode(JSON.stringify(scenario));
    const notUtf8 = new Uint8Array([...json.slice(0, 20), 0xff, 0xfe, 0xc3, ...json.slice(20)]);
    expect(expectFailure(decode(packBytes(notUtf8)), 'not UTF-8')).toMatch(/not valid UTF-8/);
    expectFailure(decode(packBytes(json, { crc: false })), 'no checksum');
    const r = rng(5);
    for (let k = 0; k < 100; k++) {
      const random = Buffer.from(Array.from({ length: 5 + r.int(300) }, () => r.int(256)));
      expectFailure(decode(`v1.${random.toString('base64url')}`), `random bytes ${k}`);
    }
    for (const x of [undefined, null, 42, {}, [], () => link, Symbol('s'), 10n, new String(link)]) {
      expectFailure(decode(x), `argument ${typeof x}`);
      let r2: DecodeResult | undefined;
      expect(() => (r2 = importScenarioFile(x as string))).not.toThrow();
      expectFailure(r2!, `file ${typeof x}`);
    }
    for (const bad of ['https://example.edu/raft/', 'https://example.edu/raft/#lang=zh', '#', '#s=', 's=', 'v1.', 'v1.A', 'v1.AA==', 'v1.++//', 'v1.%E0%A4%A', '\u0000', '😀']) {
      expectFailure(decode(bad), bad);
    }
  });

  it('prototype-pollution keys are refused or kept as inert data, and Object.prototype is untouched', () => {
    const pollute = [
      '{"__proto__":{"polluted":true},"version":1,"options":{},"actions":[]}',
      '{"constructor":{"prototype":{"polluted":true}},"version":1,"options":{},"actions":[]}',
      '{"version":1,"options":{"__proto__":{"polluted":true}},"actions":[]}',
      '{"version":1,"options":{"constructor":{"prototype":{"polluted":true}}},"actions":[]}',
      '{"version":1,"options":{"unsafe":{"__proto__":{"polluted":true}}},"actions":[]}',
      '{"version":1,"options":{"initial":[{"id":1,"__proto__":{"polluted":true}}]},"actions":[]}',
      '{"version":1,"options":{"initial":[{"id":1,"log":[{"term":1,"command":"x","__proto__":{"polluted":true}}]}]},"actions":[]}',
      '{"version":1,"options":{},"actions":[{"n":0,"at":0,"__proto__":{"polluted":true},"action":{"type":"heal"}}]}',
      '{"version":1,"options":{},"actions":[{"n":0,"at":0,"action":{"type":"heal","__proto__":{"polluted":true}}}]}',
      '{"version":1,"options":{},"actions":[{"n":0,"at":0,"action":{"type":"__proto__"}}]}',
      '{"version":1,"options":{},"actions":[{"n":0,"at":0,"action":{"type":"constructor"}}]}',
      '{"version":1,"options":{},"actions":[{"n":0,"at":0,"action":{"type":"toString"}}]}',
      '{"version":1,"options":{},"actions":[{"n":0,"at":0,"action":{"type":"hasOwnProperty"}}]}',
      '{"version":1,"options":{},"actions":[{"n":0,"at":0,"action":{"type":"setNetwork","settings":{"__proto__":{"dropRate":2}}}}]}',
      '{"version":1,"options":{},"actions":[],"title":{"en":"x","__proto__":{"polluted":true}}}',
      '{"version":1,"options":{},"actions":[],"view":{"__proto__":{"polluted":true}}}',
      '{"version":1,"options":{},"actions":[],"view":{"lang":"__proto__"}}',
      '{"version":0,"seed":"x","options":{"__proto__":{"polluted":true}},"actions":[]}',
      '{"version":0,"__proto__":{"polluted":true},"options":{},"actions":[]}',
    ];
    for (const json of pollute) {
      expect(expectFailure(decode(encodeJsonPayload(json)), json)).toMatch(/__proto__|constructor|toString|hasOwnProperty/);
      expectFailure(importScenarioFile(json), json);
    }
    // As plain text, the same words are just text.
    const inert: Scenario = {
      version: SCENARIO_VERSION,
      title: { en: '__proto__', zh: 'constructor' },
      options: { seed: '__proto__' },
      actions: [{ n: 0, at: 0, action: { type: 'submit', command: '__proto__=constructor' } }],
    };
    expect(decode(encodeScenario(inert))).toStrictEqual({ ok: true, scenario: inert });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoBefore);
  });

  it('script payloads in titles, texts, seeds and commands of a valid scenario are kept verbatim as plain data', () => {
    for (const payload of HOSTILE_TEXT) {
      const s: Scenario = {
        version: SCENARIO_VERSION,
        title: { en: payload.slice(0, 200), zh: payload },
        description: { en: payload },
        suggestions: [{ en: payload }],
        options: { seed: payload },
        actions: [{ n: 0, at: 0, action: { type: 'submit', command: payload } }],
      };
      const r = decode(scenarioToLinkHash(s));
      expect(r).toStrictEqual({ ok: true, scenario: s });
      const file = importScenarioFile(exportScenarioFile(s));
      expect(file).toStrictEqual({ ok: true, scenario: s });
    }
  });

  it('files: not JSON, the wrong format, or a scenario that is not valid', () => {
    const cases: Array<[string, RegExp]> = [
      ['', /file is empty/],
      ['hello', /not valid JSON/],
      ['{"format":"something-else","version":1,"options":{},"actions":[]}', /not a Raft visualizer scenario file/],
      ['{"format":null,"version":1,"options":{},"actions":[]}', /not a Raft visualizer scenario file/],
      [`{"format":"${FILE_FORMAT}","version":3,"options":{},"actions":[]}`, /newer version of this app \(format 3; this app reads up to 2\)/],
      [`{"format":"${FILE_FORMAT}"}`, /version is missing/],
      [`{"format":"${FILE_FORMAT}","version":1,"options":{},"actions":[],"extra":1}`, /unknown field "extra"/],
      ['v1.', /cut short/],
    ];
    for (const [text, message] of cases) expect(expectFailure(importScenarioFile(text), text)).toMatch(message);
  });
});

// ---- size ---------------------------------------------------------------

describe('links stay short', () => {
  /** Where the app is served from: a share link is this plus the `#s=…` fragment. */
  const ORIGIN = 'https://raft.example.edu/visualizer/';
  /** The live runs' trace hashes, to check the links replay them. */
  const live = new Map<string, string>();

  /**
   * 50 actions of the kinds the controls offer, on 5 servers, recorded as the app
   * records them. The app moves simulated time by frame deltas, so action times
   * are full-precision fractions (e.g. 240.22136237472296): the part of a link
   * that does not compress. Integer waits are measured too, for comparison.
   * With `extensions`, the options and actions format 2 added are used as well
   * (PreVote, CheckQuorum, snapshots; clients, membership changes, transfers),
   * an action the cluster refuses being replaced by one of format 1's.
   */
  function lecture(fractional: boolean, withTexts: boolean, extensions = false): Scenario {
    const options: Partial<ClusterOptions> = { servers: 5, seed: 'lecture-1' };
    if (extensions) Object.assign(options, { preVote: true, checkQuorum: true, leaderNoop: true, snapshotThreshold: 20, readLeases: true });
    const c = createCluster(options);
    const r = rng(2024);
    const actions: RecordedAction[] = [];
    for (let i = 0; i < 50; i++) {
      c.runFor(fractional ? 50 + r.next() * 400 : 50 + r.int(400));
      const ids = c.ids();
      const id = r.pick(ids);
      const others = ids.filter((v) => v !== id);
      const choices: UserAction[] = [
        { type: 'submit', command: `x=${i}` },
        { type: 'submit', command: `name${i}=Ada`, server: id },
        { type: 'crash', server: id },
        { type: 'restart', server: id },
        { type: 'disconnect', server: id },
        { type: 'connect', server: id },
        { type: 'partition', groups: [[id], others] },
        { type: 'partition', groups: [others.slice(0, 2), [id, ...others.slice(2)]] },
        { type: 'heal' },
        { type: 'setLink', from: id, to: others[0], up: r.bool() },
        { type: 'setNetwork', settings: { latencyMs: [10, 50], dropRate: 0.1, duplicateRate: 0 } },
      ];
      const messages = c.messages();
      if (c.server(id).alive) choices.push({ type: 'timeout', server: id });
      if (messages.length > 0) choices.push({ type: r.bool() ? 'dropMessage' : 'duplicateMessage', message: r.pick(messages).id });
      if (extensions && r.bool(0.5)) {
        const newer: UserAction[] = [
          { type: 'clientRequest', client: 1 + r.int(3), command: `x=${i}` },
          { type: 'clientRequest', client: 1 + r.int(3), read: 'x' },
          { type: 'addServer' },
          { type: 'removeServer', server: id },
          { type: 'changeMembership', servers: others.slice(0, 5) },
          { type: 'transferLeadership', server: id },
          { type: 'snapshot', server: id },
        ];
        const action = r.pick(newer);
        const at = { n: c.eventCount, at: c.now };
        try {
          applyAction(c, action);
          actions.push({ ...at, action });
          continue;
        } catch {
          // refused (nothing changed): a format-1 action instead
        }
      }
      const action = r.pick(choices);
      actions.push({ n: c.eventCount, at: c.now, action });
      applyAction(c, action);
    }
    c.runFor(1_000);
    live.set(`${fractional}/${withTexts}/${extensions}`, c.traceHash());
    const s: Scenario = { version: SCENARIO_VERSION, options, actions, runUntil: c.now };
    if (withTexts) {
      s.title = { en: 'Leader crash during a partition', zh: '分区期间领导者崩溃' };
      s.description = { en: 'A 5-server cluster loses its leader while the network is split; watch who wins the next election.' };
      s.view = { n: c.eventCount, selectedServer: 1, speed: 1, lang: 'en' };
    }
    return s;
  }

  it('a 5-server scenario with 50 actions is a share link of under 2,000 characters, also with the format-2 actions (sizes printed)', () => {
    const sizes: string[] = [];
    for (const extensions of [false, true]) {
      for (const fractional of [false, true]) {
        for (const withTexts of [false, true]) {
          const s = lecture(fractional, withTexts, extensions);
          const newer = s.actions.filter((a) => format2Only(a.action)).length;
          if (extensions) expect(newer).toBeGreaterThanOrEqual(10);
          // The whole link a user copies, not just its fragment: this is what must fit in a chat message or a slide.
          const url = ORIGIN + scenarioToLinkHash(s);
          sizes.push(
            `${extensions ? `format 2 (${newer} new actions)` : 'format 1 kinds'}, ${fractional ? 'fractional' : 'integer'} times${withTexts ? ' + title, description, view' : ''}: ` +
              `JSON ${JSON.stringify(s).length} -> link ${url.length} chars`,
          );
          // Texts are extra (and Chinese text hardly compresses): a looser bound, so only real growth fails.
          expect(url.length).toBeLessThan(withTexts ? 2_300 : 2_000);
          expect(decode(url)).toStrictEqual({ ok: true, scenario: s });
          expect(replayScenario(s).traceHash()).toBe(live.get(`${fractional}/${withTexts}/${extensions}`));
        }
      }
    }
    console.log(`link sizes, 5 servers, 50 actions, served from ${ORIGIN}:\n  ${sizes.join('\n  ')}`);
  });
});
