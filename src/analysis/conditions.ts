/**
 * Conditions on a run, as plain data: "a leader exists in a term ≥ 3", "S5's
 * log matches the leader's up to index 4", "index 2 was overwritten", "the
 * checker found a violation". Lessons use them for tasks and predictions, and
 * the page's "Run until…" control for everyone; being data (JSON), they travel
 * in links and files without code.
 *
 * The vocabulary (`server` is a server id 1–99; where it says ServerRef,
 * 'leader' also works and means the current leader, c.leaderId()):
 *
 *   {kind: 'leaderExists', minTerm?}            some live server leads, in a term ≥ minTerm
 *   {kind: 'isLeader', server}                  that server is the current leader
 *   {kind: 'role', server, role}                its role: follower, precandidate, candidate or leader
 *   {kind: 'termAtLeast', term, server?}        that server's (any server's) currentTerm ≥ term
 *   {kind: 'crashed', server}                   the server is down
 *   {kind: 'committedOn', index, servers}       commitIndex ≥ index on 'all' running servers, 'any' server, or the listed ids
 *   {kind: 'logsMatch', a, b, upTo}             ServerRefs a and b hold the same term at every index 1..upTo
 *   {kind: 'entryOverwritten', index, server?}  an entry at `index` was deleted by a conflicting AppendEntries (§5.3)
 *   {kind: 'violation', property?}              the safety checker reported (that) property
 *   {kind: 'snapshotAtLeast', server, index}    §7: the server's snapshot covers index (lastIncludedIndex ≥ index)
 *   {kind: 'isVoter', server, voter}            §6: the server is (voter: true) or is not a voter in the leader's configuration
 *   {kind: 'kvEquals', server, key, value}      ServerRef's state machine maps key to value (null: key absent)
 *   {kind: 'clientRead', client, value}         §8: that client's latest finished read returned value (null: key absent)
 *   {kind: 'all', of: [...]}, {kind: 'any', of: [...]}, {kind: 'not', of: cond}
 *
 * When a condition holds (conditionEval.ts): every kind describes the state at
 * one moment, except entryOverwritten and violation, which ask whether such an
 * event happened since a given event number (a lesson step's start). A server
 * not in the cluster makes a condition about it false, never an error: a
 * membership change may add or remove servers while a lesson runs.
 *
 * parseCondition checks untrusted input and returns a fresh copy or a message
 * in English and Chinese naming the bad field.
 */
import { LIMITS, SAFETY_PROPERTIES, type SafetyProperty } from '../sim';
import { checked, expectArray, expectBoolean, expectObject, expectOneOf, expectText, expectWhole, invalid, type Checked } from './fieldErrors';

export type ServerRef = number | 'leader';
export type ConditionRole = 'follower' | 'precandidate' | 'candidate' | 'leader';

export type Condition =
  | { kind: 'leaderExists'; minTerm?: number }
  | { kind: 'isLeader'; server: number }
  | { kind: 'role'; server: number; role: ConditionRole }
  | { kind: 'termAtLeast'; term: number; server?: number }
  | { kind: 'crashed'; server: number }
  | { kind: 'committedOn'; index: number; servers: 'all' | 'any' | number[] }
  | { kind: 'logsMatch'; a: ServerRef; b: ServerRef; upTo: number }
  | { kind: 'entryOverwritten'; index: number; server?: number }
  | { kind: 'violation'; property?: SafetyProperty }
  | { kind: 'snapshotAtLeast'; server: number; index: number }
  | { kind: 'isVoter'; server: number; voter: boolean }
  | { kind: 'kvEquals'; server: ServerRef; key: string; value: string | null }
  | { kind: 'clientRead'; client: number; value: string | null }
  | { kind: 'all'; of: Condition[] }
  | { kind: 'any'; of: Condition[] }
  | { kind: 'not'; of: Condition };

export type ConditionKind = Condition['kind'];

export const CONDITION_ROLES: readonly ConditionRole[] = ['follower', 'precandidate', 'candidate', 'leader'];

/** Bounds on a condition from a link or a file. */
export const CONDITION_LIMITS = Object.freeze({
  /** Conditions in one all/any. */
  items: 16,
  /** Nesting of all/any/not. */
  depth: 6,
  /** Conditions in one tree, combinators included. */
  nodes: 64,
  /** Log indexes and terms. */
  index: 1_000_000,
  term: 1_000_000,
  keyChars: 100,
  valueChars: LIMITS.commandLength,
});

/** The fields of each kind: required, then optional. A Map, so "__proto__" is never taken for a kind. */
const FIELDS = new Map<ConditionKind, [required: string[], optional: string[]]>([
  ['leaderExists', [[], ['minTerm']]],
  ['isLeader', [['server'], []]],
  ['role', [['server', 'role'], []]],
  ['termAtLeast', [['term'], ['server']]],
  ['crashed', [['server'], []]],
  ['committedOn', [['index', 'servers'], []]],
  ['logsMatch', [['a', 'b', 'upTo'], []]],
  ['entryOverwritten', [['index'], ['server']]],
  ['violation', [[], ['property']]],
  ['snapshotAtLeast', [['server', 'index'], []]],
  ['isVoter', [['server', 'voter'], []]],
  ['kvEquals', [['server', 'key', 'value'], []]],
  ['clientRead', [['client', 'value'], []]],
  ['all', [['of'], []]],
  ['any', [['of'], []]],
  ['not', [['of'], []]],
]);

export const CONDITION_KINDS: readonly ConditionKind[] = [...FIELDS.keys()];

function server(path: string, x: unknown): number {
  return expectWhole(path, x, 1, LIMITS.serverId);
}

function serverRef(path: string, x: unknown): ServerRef {
  if (x === 'leader') return 'leader';
  if (typeof x === 'number') return server(path, x);
  return invalid(path, `must be a server id from 1 to ${LIMITS.serverId} or "leader"`, `必须是 1 到 ${LIMITS.serverId} 之间的服务器编号或 "leader"`);
}

function valueOrNull(path: string, x: unknown): string | null {
  return x === null ? null : expectText(path, x, CONDITION_LIMITS.valueChars, 0);
}

/** Counts nodes across one parse, so a wide and deep tree is refused before it is walked to the end. */
interface Budget {
  nodes: number;
}

function parse(path: string, x: unknown, depth: number, budget: Budget): Condition {
  if (++budget.nodes > CONDITION_LIMITS.nodes) {
    invalid(path, `makes the condition too large (at most ${CONDITION_LIMITS.nodes} conditions in all)`, `使条件过大（总共最多 ${CONDITION_LIMITS.nodes} 个条件）`);
  }
  const shape = expectObject(path, x, ['kind', ...new Set([...FIELDS.values()].flat(2))], ['kind']);
  const kind = expectOneOf(`${path}.kind`, shape.kind, CONDITION_KINDS);
  const [required, optional] = FIELDS.get(kind)!;
  const o = expectObject(path, x, ['kind', ...required, ...optional], required);
  const at = (f: string): string => `${path}.${f}`;
  const has = (f: string): boolean => o[f] !== undefined;
  const index = (f: string): number => expectWhole(at(f), o[f], 1, CONDITION_LIMITS.index);
  switch (kind) {
    case 'leaderExists':
      return has('minTerm') ? { kind, minTerm: expectWhole(at('minTerm'), o.minTerm, 0, CONDITION_LIMITS.term) } : { kind };
    case 'isLeader':
    case 'crashed':
      return { kind, server: server(at('server'), o.server) };
    case 'role':
      return { kind, server: server(at('server'), o.server), role: expectOneOf(at('role'), o.role, CONDITION_ROLES) };
    case 'termAtLeast': {
      const term = expectWhole(at('term'), o.term, 0, CONDITION_LIMITS.term);
      return has('server') ? { kind, term, server: server(at('server'), o.server) } : { kind, term };
    }
    case 'committedOn': {
      const servers =
        o.servers === 'all' || o.servers === 'any'
          ? o.servers
          : Array.isArray(o.servers)
            ? expectArray(at('servers'), o.servers, 1, LIMITS.serverId).map((s, k) => server(`${at('servers')}[${k}]`, s))
            : invalid(at('servers'), 'must be "all", "any" or a list of server ids', '必须是 "all"、"any" 或服务器编号列表');
      return { kind, index: index('index'), servers };
    }
    case 'logsMatch':
      return { kind, a: serverRef(at('a'), o.a), b: serverRef(at('b'), o.b), upTo: index('upTo') };
    case 'entryOverwritten':
      return has('server') ? { kind, index: index('index'), server: server(at('server'), o.server) } : { kind, index: index('index') };
    case 'violation':
      return has('property') ? { kind, property: expectOneOf(at('property'), o.property, SAFETY_PROPERTIES) } : { kind };
    case 'snapshotAtLeast':
      return { kind, server: server(at('server'), o.server), index: index('index') };
    case 'isVoter':
      return { kind, server: server(at('server'), o.server), voter: expectBoolean(at('voter'), o.voter) };
    case 'kvEquals':
      return { kind, server: serverRef(at('server'), o.server), key: expectText(at('key'), o.key, CONDITION_LIMITS.keyChars), value: valueOrNull(at('value'), o.value) };
    case 'clientRead':
      return { kind, client: expectWhole(at('client'), o.client, 1, LIMITS.clients), value: valueOrNull(at('value'), o.value) };
    case 'all':
    case 'any':
    case 'not': {
      if (depth >= CONDITION_LIMITS.depth) {
        invalid(path, `nests all/any/not too deeply (at most ${CONDITION_LIMITS.depth} levels)`, `的 all/any/not 嵌套过深（最多 ${CONDITION_LIMITS.depth} 层）`);
      }
      if (kind === 'not') return { kind, of: parse(at('of'), o.of, depth + 1, budget) };
      const items = expectArray(at('of'), o.of, 1, CONDITION_LIMITS.items);
      return { kind, of: items.map((c, k) => parse(`${at('of')}[${k}]`, c, depth + 1, budget)) };
    }
  }
}

/**
 * Check a condition from an untrusted source. Returns a fresh copy holding
 * only the documented fields, or the first bad field's path with a message in
 * English and Chinese. Never throws.
 */
export function parseCondition(x: unknown, path = 'condition'): Checked<Condition> {
  return checked(() => parse(path, x, 0, { nodes: 0 }));
}

/** For validators that check a condition inside something larger (a lesson): throws InvalidField. */
export function checkCondition(path: string, x: unknown): Condition {
  return parse(path, x, 0, { nodes: 0 });
}
