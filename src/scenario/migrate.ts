/**
 * Upgrading scenarios saved in older formats, one version at a time, so links
 * and files made by any earlier release keep opening.
 *
 * MIGRATIONS[k] turns a format-k scenario into a format-(k+1) one. To change
 * the format: bump SCENARIO_VERSION in types.ts, append the step from the old
 * version here, and add a test that an old scenario still replays the same.
 * A step only moves and renames fields (it never validates: parseScenario
 * checks the result) and never changes its input.
 *
 * Format history
 *   0  The pre-release format (never shared publicly; kept as the worked example
 *      and for the tests): `seed` and `servers` sat at the top level, beside
 *      `options` (which held the other cluster options), and `title`,
 *      `description` and each of `suggestions` were plain English strings.
 *   1  Every cluster option inside `options`, texts as { en, zh? }.
 *   2  The current format (types.ts): format 1 plus the options and actions
 *      for snapshots, membership, PreVote, CheckQuorum, leader stickiness,
 *      transfers and clients. Nothing in format 1 changed
 *      meaning, so the step only renumbers; an older release shown a format-2
 *      link says it is too new instead of failing on an unknown action.
 */
import { SCENARIO_VERSION } from './types';

/** The oldest format migrate() can upgrade. */
export const OLDEST_SCENARIO_VERSION = 0;

type Obj = Record<string, unknown>;

/** One step: a format-k scenario (a plain object) to a format-(k+1) one. */
export type Migration = (s: Readonly<Obj>) => Obj;

function isObject(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function own(o: Readonly<Obj>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

/** A plain string was the English text. */
function toLocalized(x: unknown): unknown {
  return typeof x === 'string' ? { en: x } : x;
}

/** Format 0 → 1: top-level seed and servers move into options (a value already in options wins); texts become { en }. */
function v0ToV1(s: Readonly<Obj>): Obj {
  const { seed, servers, ...rest } = s;
  const next: Obj = { ...rest, version: 1 };
  if (rest.options === undefined || isObject(rest.options)) {
    const options: Obj = isObject(rest.options) ? { ...rest.options } : {};
    if (seed !== undefined && !own(options, 'seed')) options.seed = seed;
    if (servers !== undefined && !own(options, 'servers')) options.servers = servers;
    next.options = options;
  }
  if (own(rest, 'title')) next.title = toLocalized(rest.title);
  if (own(rest, 'description')) next.description = toLocalized(rest.description);
  if (Array.isArray(rest.suggestions)) next.suggestions = rest.suggestions.map(toLocalized);
  return next;
}

/** Format 1 → 2: format 2 only added options and action types. */
function v1ToV2(s: Readonly<Obj>): Obj {
  return { ...s, version: 2 };
}

/** MIGRATIONS[k] upgrades format k to k+1 (indexes OLDEST_SCENARIO_VERSION .. SCENARIO_VERSION - 1). */
export const MIGRATIONS: readonly Migration[] = Object.freeze([v0ToV1, v1ToV2]);

/**
 * Upgrade a scenario of any older format, step by step, to SCENARIO_VERSION.
 * Anything else (the current format, a newer one, a missing or odd version,
 * not an object at all) is returned unchanged for parseScenario to judge.
 * Never changes its input.
 */
export function migrate(raw: unknown): unknown {
  if (!isObject(raw) || !own(raw, 'version')) return raw;
  let s: Obj = raw;
  for (let v = s.version; typeof v === 'number' && Number.isInteger(v) && v >= OLDEST_SCENARIO_VERSION && v < SCENARIO_VERSION; v = s.version) {
    const step = MIGRATIONS[v - OLDEST_SCENARIO_VERSION];
    if (step === undefined) return s;
    s = { ...step(s), version: v + 1 };
  }
  return s;
}
