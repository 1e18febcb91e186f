/**
 * What the Settings dialog says about its fields: which are invalid (all of
 * them at once, each by the simulator's own rule) and which are valid but make
 * Raft misbehave (a warning that says why). Pure functions of the form's text,
 * so they are tested without a browser.
 *
 * The rules are not written here: each field is handed to the simulator's
 * resolveOptions alone, and its range is read from the message the simulator
 * gives for a value no range admits ("servers must be a whole number from 1
 * to 9 (got NaN)"). A bound changed in the simulator changes the dialog.
 */
import type { UnsafeRules } from '../../engine';
import type { ClusterOptions } from '../../sim';
import { resolveOptions } from '../../sim';
import { translate, type Lang } from '../i18n';
import { explainFieldError } from '../i18n/scenarioErrors';

/** The form as typed: numbers stay text until Apply, so a blank field is reported rather than read as 0. */
export interface Draft {
  servers: string;
  seed: string;
  etMin: string;
  etMax: string;
  heartbeat: string;
  maxEntries: string;
  leaderNoop: boolean;
  fastBackup: boolean;
  preVote: boolean;
  checkQuorum: boolean;
  leaderStickiness: boolean;
  snapshotThreshold: string;
  snapshotChunkBytes: string;
  clientSessions: boolean;
  readLeases: boolean;
  clientTimeoutMs: string;
  unsafe: UnsafeRules;
}

export type NumberField = 'servers' | 'etMin' | 'etMax' | 'heartbeat' | 'maxEntries' | 'snapshotThreshold' | 'snapshotChunkBytes' | 'clientTimeoutMs';
export type Field = NumberField | 'seed';

/** Each number field: the option it sets (checked alone) and the sentence that names it. */
const FIELDS: Record<NumberField, { error: string; option: (v: number) => Partial<ClusterOptions> }> = {
  servers: { error: 'settings.err.servers', option: (v) => ({ servers: v }) },
  // Each end of the range is checked as [v, v], so that both ends are reported at once.
  etMin: { error: 'settings.err.timeout', option: (v) => ({ electionTimeoutMs: [v, v] }) },
  etMax: { error: 'settings.err.timeout', option: (v) => ({ electionTimeoutMs: [v, v] }) },
  heartbeat: { error: 'settings.err.heartbeat', option: (v) => ({ heartbeatMs: v }) },
  maxEntries: { error: 'settings.err.maxEntries', option: (v) => ({ maxEntriesPerAppend: v }) },
  snapshotThreshold: { error: 'settings.err.snapshotThreshold', option: (v) => ({ snapshotThreshold: v }) },
  snapshotChunkBytes: { error: 'settings.err.snapshotChunkBytes', option: (v) => ({ snapshotChunkBytes: v }) },
  clientTimeoutMs: { error: 'settings.err.clientTimeout', option: (v) => ({ clientTimeoutMs: v }) },
};

export const NUMBER_FIELDS = Object.keys(FIELDS) as NumberField[];

/** A number field's value; blank is NaN (so it fails validation instead of becoming 0). */
export function numberOf(text: string): number {
  return text.trim() === '' ? NaN : Number(text);
}

export function optionsOf(d: Draft): Partial<ClusterOptions> {
  const seedText = d.seed.trim();
  return {
    servers: numberOf(d.servers),
    seed: seedText === '' ? 'lecture-1' : seedText,
    electionTimeoutMs: [numberOf(d.etMin), numberOf(d.etMax)],
    heartbeatMs: numberOf(d.heartbeat),
    maxEntriesPerAppend: numberOf(d.maxEntries),
    leaderNoop: d.leaderNoop,
    fastBackup: d.fastBackup,
    preVote: d.preVote,
    checkQuorum: d.checkQuorum,
    leaderStickiness: d.leaderStickiness,
    snapshotThreshold: numberOf(d.snapshotThreshold),
    snapshotChunkBytes: numberOf(d.snapshotChunkBytes),
    clientSessions: d.clientSessions,
    readLeases: d.readLeases,
    clientTimeoutMs: numberOf(d.clientTimeoutMs),
    unsafe: Object.fromEntries(Object.entries(d.unsafe).filter(([, on]) => on)),
  };
}

/** The simulator's objection to these options, or null. */
function simulatorSays(options: Partial<ClusterOptions>): string | null {
  try {
    resolveOptions(options);
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

const RANGE = /from (-?[\d.e+]+) to (-?[\d.e+]+)/;
const ranges = new Map<NumberField, { min: number; max: number } | null>();

/** The range the simulator accepts for a field, as it states it (null if it states none). */
export function rangeOf(key: NumberField): { min: number; max: number } | null {
  if (!ranges.has(key)) {
    const m = RANGE.exec(simulatorSays(FIELDS[key].option(NaN)) ?? '');
    ranges.set(key, m ? { min: Number(m[1]), max: Number(m[2]) } : null);
  }
  return ranges.get(key)!;
}

/** Every invalid field, each with a sentence in `lang` naming the field and the simulator's range. */
export function draftProblems(d: Draft, lang: Lang): Partial<Record<Field, string>> {
  const out: Partial<Record<Field, string>> = {};
  for (const key of NUMBER_FIELDS) {
    const raw = simulatorSays(FIELDS[key].option(numberOf(d[key])));
    if (raw === null) continue;
    const range = rangeOf(key);
    out[key] = range && RANGE.test(raw) ? translate(lang, FIELDS[key].error, range) : explainFieldError(lang, raw).text;
  }
  // Both ends valid: the simulator also wants min <= max (said at the max, where the reader looks last).
  if (!out.etMin && !out.etMax && simulatorSays({ electionTimeoutMs: [numberOf(d.etMin), numberOf(d.etMax)] }) !== null) {
    out.etMax = translate(lang, 'settings.err.timeoutOrder');
  }
  const seed = optionsOf(d).seed;
  const seedProblem = simulatorSays({ seed });
  if (seedProblem !== null) out.seed = explainFieldError(lang, seedProblem).text;
  return out;
}

/**
 * §5.6: "broadcastTime ≪ electionTimeout ≪ MTBF". broadcastTime is the time to
 * send RPCs to every server in parallel and hear back, here one round trip at
 * the slowest latency (2 × latencyMs max). "≪" is not a number; the paper's
 * recommended 150–300 ms with a broadcast time of about 15 ms (§9.3) is 10×,
 * and its Figure 16 shows timeouts near the broadcast time (12–24 ms) keeping
 * leaders only with difficulty. We warn below 3 round trips: our defaults
 * (150 ms against 10–20 ms latency, a 40 ms round trip) pass, and a timeout
 * that leaves room for little more than one vote round does not.
 */
export const ROUND_TRIPS_PER_ELECTION_TIMEOUT = 3;

/**
 * Valid values that make Raft misbehave, each with a sentence in `lang` saying
 * why, keyed by the field to fix. Judged against the latency the new run will
 * have (the options as resolved by the simulator).
 */
export function draftWarnings(d: Draft, lang: Lang): Partial<Record<NumberField, string>> {
  const out: Partial<Record<NumberField, string>> = {};
  let o: ClusterOptions;
  try {
    const all = optionsOf(d);
    o = resolveOptions({ electionTimeoutMs: all.electionTimeoutMs, heartbeatMs: all.heartbeatMs, ...(all.latencyMs ? { latencyMs: all.latencyMs } : {}) });
  } catch {
    return out; // an invalid timing field is an error, said as such
  }
  const [et] = o.electionTimeoutMs;
  const [lo, hi] = o.latencyMs;
  const rtt = 2 * hi;
  const p = { et, rtt, lo, hi, hb: o.heartbeatMs, factor: ROUND_TRIPS_PER_ELECTION_TIMEOUT };
  // One round trip or less: a candidate's timer can fire before any vote comes back.
  if (et <= rtt) out.etMin = translate(lang, 'settings.warn.electionBelowRtt', p);
  else if (et < ROUND_TRIPS_PER_ELECTION_TIMEOUT * rtt) out.etMin = translate(lang, 'settings.warn.electionTight', p);
  // §5.2: a follower stays one while it hears from the leader; a heartbeat that arrives after
  // the shortest election timeout lets it time out between heartbeats.
  if (o.heartbeatMs + hi >= et) out.heartbeat = translate(lang, 'settings.warn.heartbeat', p);
  return out;
}
