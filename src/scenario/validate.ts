/**
 * Reading a scenario from an untrusted source (a shared link, an imported
 * file, a hand-written preset) into a clean, valid Scenario.
 *
 * parseScenario never throws. It checks every field a scenario can have, and
 * returns a deep copy holding only those fields (fresh objects and arrays,
 * nothing shared with the input), or a plain-English message naming the first
 * bad field by its path and saying what it must be, e.g.
 *   actions[3].action.server must be a server id from 1 to 5 (got 9)
 *
 * Unknown fields are refused rather than dropped, so a misspelt option can
 * never silently change a run. Cluster options are checked by the simulator's
 * own resolveOptions (the same messages as the settings form), and the network
 * settings of a setNetwork action by its validateNetwork.
 *
 * What cannot be checked without running the scenario is left to replay:
 * whether the recorded event numbers and times match the run, whether a
 * timeout targets a crashed server, whether a dropped message is in flight.
 */
import {
  checkActionShape,
  checkFields,
  DEFAULT_OPTIONS,
  describeValue as describe,
  hasOwn,
  INITIAL_ENTRY_KEYS,
  INITIAL_KEYS,
  isPlainObject,
  LIMITS,
  MAX_SERVERS,
  NETWORK_KEYS,
  ownValue,
  resolveOptions,
  UNSAFE_KEYS,
  validateNetwork,
  type ActionType,
  type ClusterOptions,
  type InitialServer,
  type UserAction,
} from '../sim';
import { migrate, OLDEST_SCENARIO_VERSION } from './migrate';
import { SCENARIO_VERSION, type LocalizedText, type RecordedAction, type Scenario, type ScenarioView } from './types';

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; error: string };

/** Bounds on everything a scenario holds (beyond the cluster options' own). */
export const SCENARIO_LIMITS = Object.freeze({
  actions: 100_000,
  /** Simulated milliseconds: action times, runUntil. */
  timeMs: LIMITS.timeMs,
  commandLength: LIMITS.commandLength,
  titleLength: 200,
  textLength: 2_000,
  suggestions: 50,
  minSpeed: 0.001,
  maxSpeed: 10,
});

const SCENARIO_KEYS = ['version', 'title', 'description', 'suggestions', 'options', 'actions', 'runUntil', 'view'] as const;
const OPTION_KEYS = [...Object.keys(DEFAULT_OPTIONS), 'initial'] as (keyof ClusterOptions)[];
const VIEW_KEYS = ['n', 'selectedServer', 'speed', 'lang'] as const;
const RECORD_KEYS = ['n', 'at', 'action'] as const;

/** Thrown inside this module only; parseScenario turns it into { ok: false }. */
class Invalid extends Error {}

function bad(message: string): never {
  throw new Invalid(message);
}

type Obj = Record<string, unknown>;

/** Run one of the shared rules (src/sim/rules.ts); its message, unchanged, is the answer. */
function rule<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof RangeError || e instanceof TypeError) bad(e.message);
    throw e;
  }
}

/** Own property that is present (not undefined). Never reads the prototype chain. */
function has(o: Obj, key: string): boolean {
  return hasOwn(o, key) && o[key] !== undefined;
}

/** An object with only the given fields. */
function object(path: string, x: unknown, allowed: readonly string[], what = path): Obj {
  // Parsed JSON is made of plain objects: anything else did not come from a link or a file.
  if (!isPlainObject(x)) bad(`${path} must be an object (got ${describe(x)})`);
  return rule(() => checkFields(path, x, allowed, what));
}

function array(path: string, x: unknown, max: number): unknown[] {
  if (!Array.isArray(x)) bad(`${path} must be an array (got ${describe(x)})`);
  if (x.length > max) bad(`${path} must have at most ${max} entries (got ${x.length})`);
  return x;
}

function whole(path: string, x: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof x !== 'number' || !Number.isInteger(x) || x < min || x > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
    bad(`${path} must be a whole number ${range} (got ${describe(x)})`);
  }
  return x;
}

function finite(path: string, x: unknown, min: number, max: number, unit = ''): number {
  if (typeof x !== 'number' || !Number.isFinite(x) || x < min || x > max) bad(`${path} must be a number from ${min} to ${max}${unit} (got ${describe(x)})`);
  return x;
}

function serverId(path: string, x: unknown, servers: number): number {
  if (typeof x !== 'number' || !Number.isInteger(x) || x < 1 || x > servers) {
    bad(`${path} must be a server id from 1 to ${servers} (got ${describe(x)})`);
  }
  return x;
}

function boolean(path: string, x: unknown): boolean {
  if (typeof x !== 'boolean') bad(`${path} must be true or false (got ${describe(x)})`);
  return x;
}

function text(path: string, x: unknown, max: number): string {
  if (typeof x !== 'string') bad(`${path} must be text (got ${describe(x)})`);
  if (x.length > max) bad(`${path} must be at most ${max} characters (got ${x.length})`);
  return x;
}

function localized(path: string, x: unknown, max: number): LocalizedText {
  const o = object(path, x, ['en', 'zh']);
  if (!has(o, 'en')) bad(`${path}.en is missing: every text needs an English version`);
  const out: LocalizedText = { en: text(`${path}.en`, o.en, max) };
  if (has(o, 'zh')) out.zh = text(`${path}.zh`, o.zh, max);
  return out;
}

/** Run one of the simulator's validators and put `prefix` in front of the field it names. */
function delegate<T>(prefix: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof RangeError || e instanceof TypeError) {
      const message = e.message;
      // Messages start with the field name ("servers must be …"); others get "options: …".
      const first = /^[A-Za-z]+/.exec(message)?.[0];
      bad(first !== undefined && /^[A-Za-z]+(\[|\.| )/.test(message) && first !== 'unknown' ? `${prefix}.${message}` : `${prefix}: ${message}`);
    }
    throw e;
  }
}

// ---- options ------------------------------------------------------------

function cleanOptions(x: unknown): { options: Partial<ClusterOptions>; servers: number } {
  const o = object('options', x, OPTION_KEYS, 'options');
  const resolved = delegate('options', () => resolveOptions(o as Partial<ClusterOptions>));
  const out: Record<string, unknown> = {};
  for (const key of OPTION_KEYS) {
    if (!has(o, key)) continue;
    if (key === 'initial') out.initial = cleanInitial(o.initial);
    else if (key === 'unsafe') {
      const unsafe: Record<string, boolean> = {};
      const given = o.unsafe as Obj;
      for (const rule of UNSAFE_KEYS) if (has(given, rule)) unsafe[rule] = resolved.unsafe[rule] === true;
      out.unsafe = unsafe;
    } else {
      const v = resolved[key];
      out[key] = Array.isArray(v) ? v.slice() : v;
    }
  }
  return { options: out as Partial<ClusterOptions>, servers: resolved.servers };
}

/** Already validated by resolveOptions; refuse unknown fields and copy. */
function cleanInitial(x: unknown): InitialServer[] {
  return (x as unknown[]).map((raw, k) => {
    const path = `options.initial[${k}]`;
    const s = object(path, raw, INITIAL_KEYS, 'a starting server');
    const out: InitialServer = { id: s.id as number };
    // resolveOptions reads a null currentTerm or log as "not given".
    if (has(s, 'currentTerm') && s.currentTerm !== null) out.currentTerm = s.currentTerm as number;
    if (has(s, 'votedFor')) out.votedFor = s.votedFor as number | null;
    if (has(s, 'log') && s.log !== null) {
      out.log = (s.log as unknown[]).map((e, i) => {
        if (typeof e === 'number') return e;
        const entry = object(`${path}.log[${i}]`, e, INITIAL_ENTRY_KEYS, 'a log entry');
        return { term: entry.term as number, command: entry.command as string | null };
      });
    }
    if (has(s, 'crashed')) out.crashed = s.crashed as boolean;
    return out;
  });
}

// ---- actions ------------------------------------------------------------

function cleanAction(path: string, x: unknown, servers: number): UserAction {
  // The same shape rules the worker's applyAction checks (src/sim/actions.ts).
  if (!isPlainObject(x)) bad(`${path} must be an object (got ${describe(x)})`);
  const type = rule(() => checkActionShape(path, x));
  const a = x as Obj;
  const id = (field: string): number => serverId(`${path}.${field}`, a[field], servers);
  switch (type as ActionType) {
    case 'crash':
    case 'restart':
    case 'timeout':
    case 'disconnect':
    case 'connect':
      return { type: type as 'crash', server: id('server') };
    case 'setLink': {
      const from = id('from');
      const to = id('to');
      if (from === to) bad(`${path}.to must differ from ${path}.from (both are ${from})`);
      return { type: 'setLink', from, to, up: boolean(`${path}.up`, a.up) };
    }
    case 'partition': {
      const groups = array(`${path}.groups`, a.groups, MAX_SERVERS);
      const seen = new Set<number>();
      return {
        type: 'partition',
        groups: groups.map((g, k) =>
          array(`${path}.groups[${k}]`, g, servers).map((v, i) => {
            const server = serverId(`${path}.groups[${k}][${i}]`, v, servers);
            if (seen.has(server)) bad(`${path}.groups lists server ${server} more than once`);
            seen.add(server);
            return server;
          }),
        ),
      };
    }
    case 'heal':
      return { type: 'heal' };
    case 'setNetwork': {
      const s = object(`${path}.settings`, a.settings, NETWORK_KEYS, 'network settings');
      const checked = delegate(`${path}.settings`, () => validateNetwork(s, DEFAULT_OPTIONS));
      const settings: Extract<UserAction, { type: 'setNetwork' }>['settings'] = {};
      if (has(s, 'latencyMs')) settings.latencyMs = [checked.latencyMs[0], checked.latencyMs[1]];
      if (has(s, 'dropRate')) settings.dropRate = checked.dropRate;
      if (has(s, 'duplicateRate')) settings.duplicateRate = checked.duplicateRate;
      return { type: 'setNetwork', settings };
    }
    case 'submit': {
      const out: UserAction = { type: 'submit', command: text(`${path}.command`, a.command, SCENARIO_LIMITS.commandLength) };
      if (has(a, 'server')) out.server = id('server');
      return out;
    }
    case 'dropMessage':
    case 'duplicateMessage':
      return { type: type as 'dropMessage', message: whole(`${path}.message`, a.message, 1) };
    case 'processEvent':
      return { type: 'processEvent', seq: whole(`${path}.seq`, a.seq, 0) };
    case 'addServer':
      return { type: 'addServer' };
    case 'removeServer':
    case 'transferLeadership':
    case 'snapshot':
      return { type: type as 'snapshot', server: id('server') };
    case 'changeMembership': {
      const list = array(`${path}.servers`, a.servers, LIMITS.serverId);
      if (list.length === 0) bad(`${path}.servers must list at least one server`);
      const seen = new Set<number>();
      return {
        type: 'changeMembership',
        servers: list.map((x, k) => {
          const server = serverId(`${path}.servers[${k}]`, x, LIMITS.serverId);
          // The API refuses a repeated id; refuse it here so the link fails on opening, not halfway through replay.
          if (seen.has(server)) bad(`${path}.servers lists server ${server} more than once`);
          seen.add(server);
          return server;
        }),
      };
    }
    case 'clientRequest': {
      const client = whole(`${path}.client`, a.client, 1, LIMITS.clients);
      if (has(a, 'command') === has(a, 'read')) bad(`${path} must have exactly one of command (a write) or read (a key)`);
      if (has(a, 'read')) {
        const key = text(`${path}.read`, a.read, SCENARIO_LIMITS.commandLength);
        // clientRead refuses an empty key: refuse it here, as above.
        if (key === '') bad(`${path}.read must be a non-empty key (got "")`);
        return { type: 'clientRequest', client, read: key };
      }
      return { type: 'clientRequest', client, command: text(`${path}.command`, a.command, SCENARIO_LIMITS.commandLength) };
    }
  }
  return bad(`${path}.type ${describe(type)} is not supported`);
}

/**
 * The highest server id the actions and the view may name: the configured
 * count, or LIMITS.serverId when a membership change can start servers beyond
 * it (§6: added servers get the next free ids).
 */
function highestServerId(actions: unknown, configured: number): number {
  if (!Array.isArray(actions)) return configured;
  const grows = actions.some((r: unknown) => {
    const t = isPlainObject(r) && isPlainObject(ownValue(r, 'action')) ? ownValue(ownValue(r, 'action') as Obj, 'type') : undefined;
    return t === 'addServer' || t === 'changeMembership';
  });
  return grows ? LIMITS.serverId : configured;
}

function cleanActions(x: unknown, servers: number): RecordedAction[] {
  if (!Array.isArray(x)) bad(`actions must be an array (got ${describe(x)})`);
  if (x.length > SCENARIO_LIMITS.actions) bad(`actions must have at most ${SCENARIO_LIMITS.actions} entries (got ${x.length})`);
  let prevN = 0;
  let prevAt = 0;
  return x.map((raw: unknown, k): RecordedAction => {
    const path = `actions[${k}]`;
    const r = object(path, raw, RECORD_KEYS, 'a recorded action');
    for (const key of RECORD_KEYS) if (!has(r, key)) bad(`${path}.${key} is missing`);
    const n = whole(`${path}.n`, r.n, 0);
    if (n < prevN) bad(`${path}.n must not be less than actions[${k - 1}].n, ${prevN}: event numbers never go back (got ${n})`);
    const at = finite(`${path}.at`, r.at, 0, SCENARIO_LIMITS.timeMs, ' ms');
    if (at < prevAt) bad(`${path}.at must not be less than actions[${k - 1}].at, ${prevAt} ms: time never goes back (got ${at})`);
    prevN = n;
    prevAt = at;
    return { n, at, action: cleanAction(`${path}.action`, r.action, servers) };
  });
}

// ---- the rest -----------------------------------------------------------

function cleanView(x: unknown, servers: number): ScenarioView {
  const v = object('view', x, VIEW_KEYS);
  const out: ScenarioView = {};
  if (has(v, 'n')) out.n = whole('view.n', v.n, 0);
  if (has(v, 'selectedServer')) out.selectedServer = v.selectedServer === null ? null : serverId('view.selectedServer', v.selectedServer, servers);
  if (has(v, 'speed')) out.speed = finite('view.speed', v.speed, SCENARIO_LIMITS.minSpeed, SCENARIO_LIMITS.maxSpeed);
  if (has(v, 'lang')) {
    if (v.lang !== 'en' && v.lang !== 'zh') bad(`view.lang must be "en" or "zh" (got ${describe(v.lang)})`);
    out.lang = v.lang;
  }
  return out;
}

function checkVersion(raw: Obj): void {
  if (!has(raw, 'version')) bad(`version is missing: a scenario starts with "version": ${SCENARIO_VERSION}`);
  const v = raw.version;
  if (typeof v !== 'number' || !Number.isInteger(v)) bad(`version must be a whole number (got ${describe(v)})`);
  if (v > SCENARIO_VERSION) {
    bad(`This scenario was made by a newer version of this app (format ${v}; this app reads up to ${SCENARIO_VERSION}). Open it with the latest version of the app.`);
  }
  if (v < OLDEST_SCENARIO_VERSION) bad(`version ${v} is not a scenario format (formats go from ${OLDEST_SCENARIO_VERSION} to ${SCENARIO_VERSION})`);
}

function clean(input: unknown): Scenario {
  if (!isPlainObject(input)) bad(`a scenario must be a JSON object (got ${describe(input)})`);
  checkVersion(input);
  const raw = migrate(input);
  if (!isPlainObject(raw) || ownValue(raw, 'version') !== SCENARIO_VERSION) bad(`could not upgrade this scenario from format ${String(input.version)} to ${SCENARIO_VERSION}`);
  object('the scenario', raw, SCENARIO_KEYS, 'a scenario');
  if (!has(raw, 'options')) bad('options is missing (use {} for the defaults)');
  if (!has(raw, 'actions')) bad('actions is missing (use [] for none)');
  const { options, servers } = cleanOptions(raw.options);
  // The usual key order: version, texts, options, actions, runUntil, view.
  const texts: Pick<Scenario, 'title' | 'description' | 'suggestions'> = {};
  if (has(raw, 'title')) texts.title = localized('title', raw.title, SCENARIO_LIMITS.titleLength);
  if (has(raw, 'description')) texts.description = localized('description', raw.description, SCENARIO_LIMITS.textLength);
  if (has(raw, 'suggestions')) {
    texts.suggestions = array('suggestions', raw.suggestions, SCENARIO_LIMITS.suggestions).map((t, k) => localized(`suggestions[${k}]`, t, SCENARIO_LIMITS.textLength));
  }
  // A server added during the run can be named by later actions and be the one selected in the view.
  const highest = highestServerId(raw.actions, servers);
  const scenario: Scenario = { version: SCENARIO_VERSION, ...texts, options, actions: cleanActions(raw.actions, highest) };
  if (has(raw, 'runUntil')) scenario.runUntil = finite('runUntil', raw.runUntil, 0, SCENARIO_LIMITS.timeMs, ' ms');
  if (has(raw, 'view')) scenario.view = cleanView(raw.view, highest);
  return scenario;
}

/**
 * Check an untrusted scenario (parsed JSON, any version) and return a clean
 * copy in the current format, or a message saying what is wrong. Never throws.
 */
export function parseScenario(input: unknown): ParseResult {
  try {
    return { ok: true, scenario: clean(input) };
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, error: e.message };
    // Not expected (e.g. an object whose getters throw): still an answer, not an exception.
    let detail = 'unknown error';
    try {
      detail = e instanceof Error ? e.message : String(e);
    } catch {
      // keep the generic detail
    }
    return { ok: false, error: `could not read the scenario (${detail})` };
  }
}

/**
 * Check one untrusted user action (as in a scenario's actions, with server ids
 * up to `servers`) and return a clean copy, or a message naming the bad field
 * under `path`. Lessons' demo paths use it, so an action is checked by one set
 * of rules wherever it is stored. Never throws.
 */
export function parseAction(input: unknown, servers: number, path = 'action'): { ok: true; action: UserAction } | { ok: false; error: string } {
  try {
    return { ok: true, action: cleanAction(path, input, servers) };
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, error: e.message };
    return { ok: false, error: `${path} could not be read` };
  }
}
