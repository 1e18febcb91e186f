/**
 * Share links and files round-trip: hand-made scenarios and 300 random sessions
 * recorded from real runs come back equal and replay to the live run's trace;
 * link hashes, location hashes, whole URLs and exported files read back; the
 * encoder refuses an invalid scenario. (Hostile input: codec.hostile.test.ts;
 * link sizes: codec.size.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { applyAction, createCluster, type ClusterOptions, type UserAction } from '../sim';
import {
  encodeJsonPayload,
  encodeScenario,
  exportScenarioFile,
  FILE_FORMAT,
  importScenarioFile,
  scenarioFromLocationHash,
  scenarioToLinkHash,
} from './codec';
import { decode, expectFailure, expectPrototypeUntouchedAfterAll, FORMAT_2_ACTIONS, FORMAT_2_OPTIONS, packBytes, payloadBytes } from './codecTestHelpers';
import { liveSession, type SessionStats } from './codecTestSessions';
import { replayScenario } from './replay';
import { SCENARIO_VERSION, type RecordedAction, type Scenario } from './types';

expectPrototypeUntouchedAfterAll();

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
      const { scenario, live, format2 } = liveSession(k, stats);
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
      if (!format2) {
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
