/**
 * Cluster options: the defaults (the paper's timing, §5.6 and §9.3) and the
 * validation that turns bad input into an error naming the field and its valid
 * range, before anything is built.
 */
import type { ServerId, UnsafeRules } from '../engine';
import type { Seed } from './prng';

export const MAX_SERVERS = 9;
/** Upper bounds that keep a run meaningful and the browser responsive. */
export const LIMITS = {
  timeMs: 3_600_000,
  commandLength: 10_000,
  maxEntriesPerAppend: 10_000,
  traceLimit: 10_000_000,
  initialLogLength: 100_000,
  snapshotThreshold: 1_000_000,
  snapshotChunkBytes: 1_000_000,
  /** Highest server id (servers added by membership changes get the next free id). */
  serverId: 99,
  /** Clients are numbered 1..clients. */
  clients: 9,
} as const;

export interface NetworkSettings {
  /** One-way delay of each message, drawn uniformly from [min, max] ms. */
  latencyMs: [number, number];
  /** Probability that the network loses a message. */
  dropRate: number;
  /** Probability that the network delivers a message twice (the copy gets its own delay). */
  duplicateRate: number;
}

/** A server's starting persistent state, for presets such as the paper's Figures 7 and 8. */
export interface InitialServer {
  id: ServerId;
  currentTerm?: number;
  votedFor?: ServerId | null;
  /** The log: one term per entry (commands are generated), or full entries. */
  log?: Array<number | { term: number; command: string | null }>;
  /** Start crashed. */
  crashed?: boolean;
}

export interface ClusterOptions extends NetworkSettings {
  /** Number of servers; ids are 1..servers. */
  servers: number;
  seed: Seed;
  /** Election timeout, drawn uniformly from [min, max] ms each time the timer is reset (§5.2). */
  electionTimeoutMs: [number, number];
  heartbeatMs: number;
  leaderNoop: boolean;
  /** Dissertation §9.6: pre-candidates ask before raising their term. */
  preVote: boolean;
  /** Dissertation §6.2: a leader that has not heard from a majority for an election timeout steps down. */
  checkQuorum: boolean;
  /** §6: ignore RequestVote while a current leader is known (stops removed servers from disrupting). */
  leaderStickiness: boolean;
  /** §7: snapshot when this many applied entries are in a server's log (0: only when asked). */
  snapshotThreshold: number;
  /** §7: bytes per InstallSnapshot chunk. */
  snapshotChunkBytes: number;
  /** §8: client sessions, so a retried request is applied once. */
  clientSessions: boolean;
  /** §8: serve reads under a leader lease instead of a ReadIndex round. */
  readLeases: boolean;
  /** §8: how long a client waits for an answer before retrying at another server (ms). */
  clientTimeoutMs: number;
  fastBackup: boolean;
  maxEntriesPerAppend: number;
  /** How many events `trace()` keeps (the oldest are dropped; traceHash covers all). */
  traceLimit: number;
  /** Deliberately broken rules, for teaching and for testing the checker. */
  unsafe: UnsafeRules;
  /** Starting persistent state per server (servers not listed start empty). */
  initial?: InitialServer[];
}

export const DEFAULT_OPTIONS: Readonly<Omit<ClusterOptions, 'initial'>> = Object.freeze({
  servers: 5,
  seed: 'lecture-1',
  electionTimeoutMs: [150, 300],
  heartbeatMs: 50,
  latencyMs: [10, 20],
  dropRate: 0,
  duplicateRate: 0,
  leaderNoop: false,
  preVote: false,
  checkQuorum: false,
  leaderStickiness: false,
  snapshotThreshold: 0,
  snapshotChunkBytes: 64,
  clientSessions: true,
  readLeases: false,
  clientTimeoutMs: 500,
  fastBackup: false,
  maxEntriesPerAppend: 64,
  traceLimit: 20_000,
  unsafe: {},
}) as Readonly<Omit<ClusterOptions, 'initial'>>;

export const UNSAFE_KEYS: readonly (keyof UnsafeRules)[] = [
  'skipUpToDateCheck',
  'commitPreviousTermByCounting',
  'voteTwicePerTerm',
  'truncateWithoutConflict',
  'skipConsistencyCheck',
  'acceptStaleTerms',
  'commitToLeaderCommit',
  'leaderAcceptsAppendEntries',
];

export function fail(message: string): never {
  throw new RangeError(message);
}

function isFiniteNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

export function checkInteger(name: string, x: unknown, min: number, max: number): number {
  if (!isFiniteNumber(x) || !Number.isInteger(x) || x < min || x > max) {
    fail(`${name} must be a whole number from ${min} to ${max} (got ${describe(x)})`);
  }
  return x;
}

export function checkNumber(name: string, x: unknown, min: number, max: number): number {
  if (!isFiniteNumber(x) || x < min || x > max) fail(`${name} must be a number from ${min} to ${max} (got ${describe(x)})`);
  return x;
}

export function checkRate(name: string, x: unknown): number {
  return checkNumber(name, x, 0, 1);
}

export function checkRange(name: string, x: unknown, min: number, max: number): [number, number] {
  if (!Array.isArray(x) || x.length !== 2) fail(`${name} must be a pair [min, max] of milliseconds (got ${describe(x)})`);
  const lo = checkNumber(`${name}[0]`, x[0], min, max);
  const hi = checkNumber(`${name}[1]`, x[1], min, max);
  if (lo > hi) fail(`${name} must have min <= max (got [${lo}, ${hi}])`);
  return [lo, hi];
}

function checkBoolean(name: string, x: unknown): boolean {
  if (typeof x !== 'boolean') fail(`${name} must be true or false (got ${describe(x)})`);
  return x;
}

export function describe(x: unknown): string {
  if (typeof x === 'string') return JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}…` : x);
  if (Array.isArray(x)) return `an array of ${x.length}`;
  if (x === null) return 'null';
  if (typeof x === 'object') return 'an object';
  return String(x);
}

export function validateNetwork(partial: Partial<NetworkSettings>, base: NetworkSettings): NetworkSettings {
  return {
    latencyMs: partial.latencyMs === undefined ? base.latencyMs : checkRange('latencyMs', partial.latencyMs, 0, 60_000),
    dropRate: partial.dropRate === undefined ? base.dropRate : checkRate('dropRate', partial.dropRate),
    duplicateRate: partial.duplicateRate === undefined ? base.duplicateRate : checkRate('duplicateRate', partial.duplicateRate),
  };
}

/** Fill defaults and validate; throws a RangeError naming the first bad field. */
export function resolveOptions(input: Partial<ClusterOptions> = {}): ClusterOptions {
  if (typeof input !== 'object' || input === null) fail(`options must be an object (got ${describe(input)})`);
  const known = new Set([...Object.keys(DEFAULT_OPTIONS), 'initial']);
  for (const key of Object.keys(input)) {
    if (!known.has(key)) fail(`unknown option "${key}"; valid options are: ${[...known].join(', ')}`);
  }
  const d = DEFAULT_OPTIONS;
  const pick = <K extends keyof ClusterOptions>(k: K): unknown => (input[k] === undefined ? d[k as keyof typeof d] : input[k]);
  const servers = checkInteger('servers', pick('servers'), 1, MAX_SERVERS);
  const seed = pick('seed');
  if (!(typeof seed === 'string' && seed.length <= 200) && !isFiniteNumber(seed)) {
    fail(`seed must be a string of at most 200 characters or a finite number (got ${describe(seed)})`);
  }
  const electionTimeoutMs = checkRange('electionTimeoutMs', pick('electionTimeoutMs'), 1, 600_000);
  const heartbeatMs = checkNumber('heartbeatMs', pick('heartbeatMs'), 1, 600_000);
  const network = validateNetwork(
    { latencyMs: input.latencyMs, dropRate: input.dropRate, duplicateRate: input.duplicateRate },
    d,
  );
  const unsafe = pick('unsafe');
  if (typeof unsafe !== 'object' || unsafe === null || Array.isArray(unsafe)) fail(`unsafe must be an object of booleans`);
  for (const [k, v] of Object.entries(unsafe)) {
    if (!(UNSAFE_KEYS as readonly string[]).includes(k)) fail(`unknown unsafe rule "${k}"; valid ones are: ${UNSAFE_KEYS.join(', ')}`);
    checkBoolean(`unsafe.${k}`, v);
  }
  const options: ClusterOptions = {
    servers,
    seed: seed as string | number,
    electionTimeoutMs,
    heartbeatMs,
    ...network,
    leaderNoop: checkBoolean('leaderNoop', pick('leaderNoop')),
    preVote: checkBoolean('preVote', pick('preVote')),
    checkQuorum: checkBoolean('checkQuorum', pick('checkQuorum')),
    leaderStickiness: checkBoolean('leaderStickiness', pick('leaderStickiness')),
    snapshotThreshold: checkInteger('snapshotThreshold', pick('snapshotThreshold'), 0, LIMITS.snapshotThreshold),
    snapshotChunkBytes: checkInteger('snapshotChunkBytes', pick('snapshotChunkBytes'), 1, LIMITS.snapshotChunkBytes),
    clientSessions: checkBoolean('clientSessions', pick('clientSessions')),
    readLeases: checkBoolean('readLeases', pick('readLeases')),
    clientTimeoutMs: checkNumber('clientTimeoutMs', pick('clientTimeoutMs'), 1, 600_000),
    fastBackup: checkBoolean('fastBackup', pick('fastBackup')),
    maxEntriesPerAppend: checkInteger('maxEntriesPerAppend', pick('maxEntriesPerAppend'), 1, LIMITS.maxEntriesPerAppend),
    traceLimit: checkInteger('traceLimit', pick('traceLimit'), 0, LIMITS.traceLimit),
    unsafe: { ...(unsafe as UnsafeRules) },
  };
  if (input.initial !== undefined) options.initial = validateInitial(input.initial, servers);
  return options;
}

function validateInitial(initial: unknown, servers: number): InitialServer[] {
  if (!Array.isArray(initial)) fail(`initial must be an array of servers (got ${describe(initial)})`);
  const seen = new Set<number>();
  return initial.map((raw: unknown, k): InitialServer => {
    if (typeof raw !== 'object' || raw === null) fail(`initial[${k}] must be an object`);
    const s = raw as Record<string, unknown>;
    const id = checkInteger(`initial[${k}].id`, s.id, 1, servers);
    if (seen.has(id)) fail(`initial lists server ${id} twice`);
    seen.add(id);
    const log0 = Array.isArray(s.log) ? s.log : [];
    const lastTerm = log0.length === 0 ? 0 : log0[log0.length - 1];
    const impliedTerm = typeof lastTerm === 'object' && lastTerm !== null ? (lastTerm as { term?: unknown }).term : lastTerm;
    // By default a server's currentTerm is its last entry's term.
    const currentTerm = checkInteger(`initial[${k}].currentTerm`, s.currentTerm ?? (isFiniteNumber(impliedTerm) ? impliedTerm : 0), 0, 1_000_000);
    const votedFor = s.votedFor === undefined || s.votedFor === null ? null : checkInteger(`initial[${k}].votedFor`, s.votedFor, 1, servers);
    const log = s.log ?? [];
    if (!Array.isArray(log) || log.length > LIMITS.initialLogLength) {
      fail(`initial[${k}].log must be an array of at most ${LIMITS.initialLogLength} entries`);
    }
    let prevTerm = 0;
    const entries = log.map((e: unknown, i) => {
      const term = checkInteger(`initial[${k}].log[${i}] term`, typeof e === 'object' && e !== null ? (e as { term?: unknown }).term : e, 1, currentTerm);
      if (term < prevTerm) fail(`initial[${k}].log terms must not decrease (index ${i + 1} has term ${term} after ${prevTerm})`);
      prevTerm = term;
      if (typeof e === 'object' && e !== null) {
        const command = (e as { command?: unknown }).command;
        if (command !== null && (typeof command !== 'string' || command.length > LIMITS.commandLength)) {
          fail(`initial[${k}].log[${i}].command must be a string of at most ${LIMITS.commandLength} characters or null`);
        }
        return { term, command: command as string | null };
      }
      return term;
    });
    return { id, currentTerm, votedFor, log: entries, crashed: s.crashed === undefined ? false : checkBoolean(`initial[${k}].crashed`, s.crashed) };
  });
}
