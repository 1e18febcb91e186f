/**
 * Cluster options: the defaults (the paper's timing, §5.6 and §9.3) and the
 * validation that turns bad input into an error naming the field and its valid
 * range, before anything is built.
 */
import type { ServerId, UnsafeRules } from '../engine';
import type { Seed } from './prng';
import { LIMITS, MAX_SERVERS } from './limits';
import { checkBoolean, checkFields, checkInteger, checkNumber, checkRange, checkRate, describe, fail, isPlainObject, ownValue } from './rules';

export { LIMITS, MAX_SERVERS } from './limits';
// The shared checks, re-exported where they were first defined.
export { checkInteger, checkNumber, checkRange, checkRate, describe, fail } from './rules';

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
  'readWithoutQuorum',
  'forgetVotedForOnRestart',
];

export const NETWORK_KEYS: readonly (keyof NetworkSettings)[] = ['latencyMs', 'dropRate', 'duplicateRate'];
/** The fields of a starting server (InitialServer) and of a full log entry in it. */
export const INITIAL_KEYS: readonly (keyof InitialServer)[] = ['id', 'currentTerm', 'votedFor', 'log', 'crashed'];
export const INITIAL_ENTRY_KEYS: readonly string[] = ['term', 'command'];

/**
 * Network settings given in `partial` (own fields only; unknown ones refused,
 * as unknown options are), the rest from `base`.
 */
export function validateNetwork(partial: Partial<NetworkSettings>, base: NetworkSettings, name = 'network settings'): NetworkSettings {
  if (typeof partial !== 'object' || partial === null || Array.isArray(partial)) fail(`${name} must be an object (got ${describe(partial)})`);
  for (const key of Object.keys(partial)) {
    if (!(NETWORK_KEYS as readonly string[]).includes(key)) fail(`unknown network setting ${describe(key)}; valid ones are: ${NETWORK_KEYS.join(', ')}`);
  }
  const latencyMs = ownValue(partial, 'latencyMs');
  const dropRate = ownValue(partial, 'dropRate');
  const duplicateRate = ownValue(partial, 'duplicateRate');
  return {
    latencyMs: latencyMs === undefined ? base.latencyMs : checkRange('latencyMs', latencyMs, 0, 60_000),
    dropRate: dropRate === undefined ? base.dropRate : checkRate('dropRate', dropRate),
    duplicateRate: duplicateRate === undefined ? base.duplicateRate : checkRate('duplicateRate', duplicateRate),
  };
}

/**
 * Fill defaults and validate; throws a RangeError naming the first bad field.
 * Only the input's own fields are read (an option inherited through the
 * prototype chain could otherwise switch on an unsafe rule unseen).
 */
export function resolveOptions(input: Partial<ClusterOptions> = {}): ClusterOptions {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) fail(`options must be an object (got ${describe(input)})`);
  const known = new Set([...Object.keys(DEFAULT_OPTIONS), 'initial']);
  for (const key of Object.keys(input)) {
    if (!known.has(key)) fail(`unknown option "${key}"; valid options are: ${[...known].join(', ')}`);
  }
  const d = DEFAULT_OPTIONS;
  const given = (k: keyof ClusterOptions): unknown => ownValue(input, k);
  const pick = (k: keyof ClusterOptions): unknown => {
    const v = given(k);
    return v === undefined ? d[k as keyof typeof d] : v;
  };
  const servers = checkInteger('servers', pick('servers'), 1, MAX_SERVERS);
  const seed = pick('seed');
  if (!(typeof seed === 'string' && seed.length <= 200) && !(typeof seed === 'number' && Number.isFinite(seed))) {
    fail(`seed must be a string of at most 200 characters or a finite number (got ${describe(seed)})`);
  }
  const electionTimeoutMs = checkRange('electionTimeoutMs', pick('electionTimeoutMs'), 1, 600_000);
  const heartbeatMs = checkNumber('heartbeatMs', pick('heartbeatMs'), 1, 600_000);
  const network = validateNetwork(
    { latencyMs: given('latencyMs'), dropRate: given('dropRate'), duplicateRate: given('duplicateRate') } as Partial<NetworkSettings>,
    d,
  );
  const unsafe = pick('unsafe');
  if (typeof unsafe !== 'object' || unsafe === null || Array.isArray(unsafe)) fail(`unsafe must be an object of booleans`);
  const rules: UnsafeRules = {};
  for (const k of Object.keys(unsafe)) {
    if (!(UNSAFE_KEYS as readonly string[]).includes(k)) fail(`unknown unsafe rule "${k}"; valid ones are: ${UNSAFE_KEYS.join(', ')}`);
    rules[k as keyof UnsafeRules] = checkBoolean(`unsafe.${k}`, ownValue(unsafe, k));
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
    unsafe: rules,
  };
  const initial = given('initial');
  if (initial !== undefined) options.initial = validateInitial(initial, servers);
  return options;
}

/** The term of a log entry given as a number or as { term, command }: a whole number >= 1. */
function entryTerm(path: string, e: unknown): number {
  const term = isPlainObject(e) ? ownValue(e, 'term') : e;
  return checkInteger(`${path} term`, term, 1, 1_000_000);
}

function validateInitial(initial: unknown, servers: number): InitialServer[] {
  if (!Array.isArray(initial)) fail(`initial must be an array of servers (got ${describe(initial)})`);
  const seen = new Set<number>();
  return initial.map((raw: unknown, k): InitialServer => {
    const s = checkFields(`initial[${k}]`, raw, INITIAL_KEYS, 'a starting server');
    const id = checkInteger(`initial[${k}].id`, ownValue(s, 'id'), 1, servers);
    if (seen.has(id)) fail(`initial lists server ${id} twice`);
    seen.add(id);
    const log = ownValue(s, 'log') ?? [];
    if (!Array.isArray(log) || log.length > LIMITS.initialLogLength) {
      fail(`initial[${k}].log must be an array of at most ${LIMITS.initialLogLength} entries (got ${describe(log)})`);
    }
    // The log's terms first (type, then order), so a bad entry is named as such
    // rather than as a term out of a range derived from it.
    let prevTerm = 0;
    const terms = log.map((e: unknown, i) => {
      if (typeof e === 'object' && e !== null) checkFields(`initial[${k}].log[${i}]`, e, INITIAL_ENTRY_KEYS, 'a log entry');
      const term = entryTerm(`initial[${k}].log[${i}]`, e);
      if (term < prevTerm) fail(`initial[${k}].log terms must not decrease (index ${i + 1} has term ${term} after ${prevTerm})`);
      prevTerm = term;
      return term;
    });
    // By default a server's currentTerm is its last entry's term (§5.1: it has seen every term in its log).
    const givenTerm = ownValue(s, 'currentTerm');
    const currentTerm = checkInteger(`initial[${k}].currentTerm`, givenTerm ?? prevTerm, 0, 1_000_000);
    if (currentTerm < prevTerm) {
      fail(`initial[${k}].currentTerm must be at least the term of the last log entry, ${prevTerm} (got ${currentTerm}): a server has seen every term in its log`);
    }
    const votedForRaw = ownValue(s, 'votedFor');
    const votedFor = votedForRaw === undefined || votedForRaw === null ? null : checkInteger(`initial[${k}].votedFor`, votedForRaw, 1, servers);
    const entries = log.map((e: unknown, i) => {
      if (typeof e === 'object' && e !== null) {
        const command = ownValue(e, 'command');
        if (command !== null && (typeof command !== 'string' || command.length > LIMITS.commandLength)) {
          fail(`initial[${k}].log[${i}].command must be a string of at most ${LIMITS.commandLength} characters or null (got ${describe(command)})`);
        }
        return { term: terms[i]!, command: command as string | null };
      }
      return terms[i]!;
    });
    const crashed = ownValue(s, 'crashed');
    return { id, currentTerm, votedFor, log: entries, crashed: crashed === undefined ? false : checkBoolean(`initial[${k}].crashed`, crashed) };
  });
}
