/**
 * Shared helpers for the parseScenario tests (validate.accept and
 * validate.refuse): parse and error, which must never throw, a scenario with
 * given actions, a scenario using every field (FULL), and a check that
 * Object.prototype is left untouched. Not a test file.
 */
import { afterAll, expect } from 'vitest';
import { SCENARIO_VERSION, type Scenario } from './types';
import { parseScenario, type ParseResult } from './validate';

/** Own-property snapshot of Object.prototype, to prove nothing was added to it. */
const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort();

/** Registers, in the calling test file, a last check that nothing was added to Object.prototype. */
export function expectPrototypeUntouchedAfterAll(): void {
  afterAll(() => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoBefore);
  });
}

export function parse(input: unknown): ParseResult {
  let r: ParseResult | undefined;
  expect(() => (r = parseScenario(input))).not.toThrow();
  return r!;
}

export function error(input: unknown): string {
  const r = parse(input);
  expect(r.ok, label(input)).toBe(false);
  if (r.ok) return '';
  expect(r.error.trim()).not.toBe('');
  return r.error;
}

export function label(x: unknown): string {
  try {
    return String(JSON.stringify(x)).slice(0, 200);
  } catch {
    return typeof x;
  }
}

/** A scenario with these actions (and options), otherwise minimal, in the current format. */
export const withActions = (actions: unknown[], options: unknown = {}) => ({ version: SCENARIO_VERSION, options, actions });
export const withAction = (action: unknown, options: unknown = {}) => withActions([{ n: 0, at: 0, action }], options);

export const FULL: Scenario = {
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
