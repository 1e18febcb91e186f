/**
 * Checking a checkpoint (a WorldState from checkpoint()) before a cluster is
 * resumed from it (RaftCluster.fromState). A checkpoint can come from outside (a
 * script, an edited JSON file), and a bad one must be refused with a message
 * naming the field, not hang the run: `heartbeatMs: -5` would re-arm the
 * heartbeat timer in the past forever, a NaN time would never pass.
 *
 * The options are checked by resolveOptions, with the same messages as
 * createCluster; the rest is checked for the shape and ranges the simulator
 * relies on to terminate (finite times, whole counters, known event kinds,
 * servers that exist). It does not re-check Raft's own invariants: a
 * checkpoint that breaks one is a run the checker will report.
 *
 * Cost: one pass over the queue and the servers (not over the logs), so
 * seeking, which resumes from a checkpoint, stays cheap.
 */
import { MESSAGE_TYPES, type Role } from '../engine';
import { LIMITS } from './limits';
import { NETWORK_KEYS, resolveOptions, validateNetwork, type ClusterOptions } from './options';
import { checkInteger, checkNumber, describe, fail, isPlainObject, ownValue } from './rules';

const WHO = 'fromState(state)';
const ROLES: readonly Role[] = ['follower', 'precandidate', 'candidate', 'leader'];
const EVENT_KINDS = ['timer', 'deliver', 'clientTimer'];

type Obj = Record<string, unknown>;

function object(path: string, x: unknown): Obj {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) fail(`${WHO}: ${path} must be an object (got ${describe(x)})`);
  return x as Obj;
}

function array(path: string, x: unknown): unknown[] {
  if (!Array.isArray(x)) fail(`${WHO}: ${path} must be an array (got ${describe(x)})`);
  return x;
}

function whole(path: string, x: unknown, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  return within(() => checkInteger(path, x, min, max));
}

function time(path: string, x: unknown): number {
  return within(() => checkNumber(path, x, 0, Number.MAX_VALUE));
}

function timeOrNull(path: string, x: unknown): number | null {
  return x === null ? null : time(path, x);
}

/** Put "fromState(state): " in front of a shared rule's message. */
function within<T>(run: () => T, prefix = ''): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof RangeError || e instanceof TypeError) fail(`${WHO}: ${prefix}${e.message}`);
    throw e;
  }
}

/**
 * A server's applied history (applied.ts): its stored chunks, its length, and
 * runs over the stored entries that add up to that length. A history from
 * before runs is its stored entries, so its length must be their count. One
 * pass over the chunks and the runs (about one run per restart), not over the
 * entries.
 */
function checkApplied(path: string, raw: unknown): void {
  const h = object(path, raw);
  const chunks = array(`${path}.chunks`, ownValue(h, 'chunks'));
  let stored = 0;
  chunks.forEach((c, k) => (stored += array(`${path}.chunks[${k}]`, c).length));
  const length = whole(`${path}.length`, ownValue(h, 'length'));
  const ordered = ownValue(h, 'ordered');
  if (ordered !== undefined && typeof ordered !== 'boolean') fail(`${WHO}: ${path}.ordered must be true or false (got ${describe(ordered)})`);
  const runs = ownValue(h, 'runs');
  if (runs === undefined) {
    if (length !== stored) fail(`${WHO}: ${path}.length must be ${stored}, the number of entries in its chunks (got ${length})`);
    return;
  }
  const list = array(`${path}.runs`, runs);
  if (list.length % 2 !== 0) fail(`${WHO}: ${path}.runs must hold pairs [from, count] (got ${list.length} numbers)`);
  let total = 0;
  for (let r = 0; r < list.length; r += 2) {
    const from = whole(`${path}.runs[${r}]`, list[r], 0, stored);
    total += whole(`${path}.runs[${r + 1}]`, list[r + 1], 1, stored - from);
  }
  if (total !== length) fail(`${WHO}: ${path}.runs must add up to its length, ${length} (got ${total})`);
}

function checkServer(id: number, raw: unknown): void {
  const path = `state.servers[${id}]`;
  const slot = object(path, raw);
  if (typeof ownValue(slot, 'alive') !== 'boolean') fail(`${WHO}: ${path}.alive must be true or false (got ${describe(ownValue(slot, 'alive'))})`);
  whole(`${path}.electionGen`, ownValue(slot, 'electionGen'));
  whole(`${path}.heartbeatGen`, ownValue(slot, 'heartbeatGen'));
  timeOrNull(`${path}.electionDeadline`, ownValue(slot, 'electionDeadline'));
  timeOrNull(`${path}.heartbeatDeadline`, ownValue(slot, 'heartbeatDeadline'));
  checkApplied(`${path}.applied`, ownValue(slot, 'applied'));
  const node = object(`${path}.node`, ownValue(slot, 'node'));
  if (ownValue(node, 'id') !== id) fail(`${WHO}: ${path}.node.id must be ${id}, the server's own id (got ${describe(ownValue(node, 'id'))})`);
  const role = ownValue(node, 'role');
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) fail(`${WHO}: ${path}.node.role must be one of ${ROLES.join(', ')} (got ${describe(role)})`);
  whole(`${path}.node.currentTerm`, ownValue(node, 'currentTerm'));
  whole(`${path}.node.commitIndex`, ownValue(node, 'commitIndex'));
  whole(`${path}.node.lastApplied`, ownValue(node, 'lastApplied'));
  const log = object(`${path}.node.log`, ownValue(node, 'log'));
  whole(`${path}.node.log.snapshotIndex`, ownValue(log, 'snapshotIndex'));
  array(`${path}.node.log.entries`, ownValue(log, 'entries'));
  const config = object(`${path}.node.config`, ownValue(node, 'config'));
  array(`${path}.node.config.voters`, ownValue(config, 'voters'));
  object(`${path}.node.progress`, ownValue(node, 'progress'));
  object(`${path}.node.stateMachine`, ownValue(node, 'stateMachine'));
}

function checkQueued(k: number, raw: unknown, servers: Obj): void {
  const path = `state.queue[${k}]`;
  const ev = object(path, raw);
  const kind = ownValue(ev, 'kind');
  if (typeof kind !== 'string' || !EVENT_KINDS.includes(kind)) fail(`${WHO}: ${path}.kind must be one of ${EVENT_KINDS.join(', ')} (got ${describe(kind)})`);
  time(`${path}.time`, ownValue(ev, 'time'));
  whole(`${path}.seq`, ownValue(ev, 'seq'));
  if (kind === 'timer') {
    const server = whole(`${path}.server`, ownValue(ev, 'server'), 1, LIMITS.serverId);
    if (ownValue(servers, String(server)) === undefined) fail(`${WHO}: ${path}.server is ${server}, which is not a server in state.servers`);
    const timer = ownValue(ev, 'timer');
    if (timer !== 'election' && timer !== 'heartbeat') fail(`${WHO}: ${path}.timer must be "election" or "heartbeat" (got ${describe(timer)})`);
    whole(`${path}.gen`, ownValue(ev, 'gen'));
  } else if (kind === 'clientTimer') {
    whole(`${path}.client`, ownValue(ev, 'client'), 1, LIMITS.clients);
    whole(`${path}.gen`, ownValue(ev, 'gen'));
  } else {
    const m = object(`${path}.message`, ownValue(ev, 'message'));
    whole(`${path}.message.id`, ownValue(m, 'id'), 1);
    const type = ownValue(m, 'type');
    if (typeof type !== 'string' || !(MESSAGE_TYPES as readonly string[]).includes(type)) {
      fail(`${WHO}: ${path}.message.type must be one of ${MESSAGE_TYPES.join(', ')} (got ${describe(type)})`);
    }
    // Servers are numbered from 1; a client k is addressed as -k.
    within(() => checkInteger(`${path}.message.to`, ownValue(m, 'to'), -LIMITS.clients, LIMITS.serverId));
    within(() => checkInteger(`${path}.message.from`, ownValue(m, 'from'), -LIMITS.clients, LIMITS.serverId));
  }
}

/** The safety checker's tables: their shape (a checkpoint's checker is the checker's own data). */
function checkChecker(c: Obj): void {
  object('state.checker.servers', ownValue(c, 'servers'));
  object('state.checker.leaderOfTerm', ownValue(c, 'leaderOfTerm'));
  object('state.checker.reported', ownValue(c, 'reported'));
  array('state.checker.violations', ownValue(c, 'violations'));
  const committed = array('state.checker.committedTerm', ownValue(c, 'committedTerm'));
  if (array('state.checker.committedHash', ownValue(c, 'committedHash')).length !== committed.length) {
    fail(`${WHO}: state.checker.committedHash and state.checker.committedTerm must have the same length`);
  }
  // Checkpoints taken before the witnesses were kept by index hold an entryPrefix dictionary instead.
  if (ownValue(c, 'witnessTerm') === undefined && ownValue(c, 'entryPrefix') !== undefined) {
    object('state.checker.entryPrefix', ownValue(c, 'entryPrefix'));
    return;
  }
  const terms = array('state.checker.witnessTerm', ownValue(c, 'witnessTerm'));
  if (array('state.checker.witnessPrefix', ownValue(c, 'witnessPrefix')).length !== terms.length) {
    fail(`${WHO}: state.checker.witnessPrefix and state.checker.witnessTerm must have the same length`);
  }
  object('state.checker.witnessOther', ownValue(c, 'witnessOther'));
}

/**
 * Throws a RangeError naming the first bad field of `state`; returns its
 * options, checked and with defaults filled (own fields only).
 */
export function checkWorldState(state: unknown): ClusterOptions {
  if (!isPlainObject(state)) fail(`${WHO}: state must be a checkpoint object from snapshotState() (got ${describe(state)})`);
  if (ownValue(state, 'options') === undefined) fail(`${WHO}: state.options is missing: a checkpoint holds the cluster's options`);
  let options: ClusterOptions;
  try {
    options = resolveOptions(ownValue(state, 'options') as Partial<ClusterOptions>);
  } catch (e) {
    if (!(e instanceof RangeError || e instanceof TypeError)) throw e;
    // createCluster's own message, under the field's path ("state.options.heartbeatMs must be …").
    const field = /^[a-z][A-Za-z]*(\[|\.| )/.test(e.message) && !/^(unknown|options) /.test(e.message);
    fail(`${WHO}: state.options${field ? '.' : ': '}${e.message}`);
  }
  time('state.time', ownValue(state, 'time'));
  whole('state.seq', ownValue(state, 'seq'));
  whole('state.nextMessageId', ownValue(state, 'nextMessageId'), 1);
  whole('state.events', ownValue(state, 'events'));
  within(() => checkInteger('state.traceHash', ownValue(state, 'traceHash'), -0x80000000, 0xffffffff));
  const rng = array('state.rng', ownValue(state, 'rng'));
  if (rng.length !== 4 || !rng.every((x) => Number.isInteger(x))) fail(`${WHO}: state.rng must be the generator's state, four whole numbers (got ${describe(rng)})`);
  const servers = object('state.servers', ownValue(state, 'servers'));
  const ids = Object.keys(servers);
  if (ids.length === 0) fail(`${WHO}: state.servers must hold at least one server`);
  for (const key of ids) {
    const id = Number(key);
    if (!Number.isInteger(id) || id < 1 || id > LIMITS.serverId) fail(`${WHO}: state.servers has a key ${describe(key)}; server ids are whole numbers from 1 to ${LIMITS.serverId}`);
    checkServer(id, servers[key]);
  }
  array('state.queue', ownValue(state, 'queue')).forEach((ev, k) => checkQueued(k, ev, servers));
  const network = object('state.network', ownValue(state, 'network'));
  const settings: Obj = {};
  for (const key of NETWORK_KEYS) settings[key] = ownValue(network, key);
  within(() => validateNetwork(settings, options), 'state.network.');
  object('state.network.cut', ownValue(network, 'cut'));
  object('state.network.disconnected', ownValue(network, 'disconnected'));
  const clients = ownValue(state, 'clients');
  if (clients !== undefined) object('state.clients', clients);
  checkChecker(object('state.checker', ownValue(state, 'checker')));
  object('state.stats.byType', ownValue(object('state.stats', ownValue(state, 'stats')), 'byType'));
  return options;
}
