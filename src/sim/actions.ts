/**
 * The command language: every user action on a cluster as plain data, the one
 * way into the simulator (apply.ts carries an action out; each method of the
 * headless API is a call of it). The worker receives these, the time machine
 * and the scenario format record them (with the simulated time and event
 * number at which they happened) and replay them through applyAction.
 */
import type { LogIndex, ServerId, Term } from '../engine';
import type { NetworkSettings } from './options';
import { checkFields, describe, fail, ownValue } from './rules';

export type UserAction =
  | { type: 'crash'; server: ServerId }
  | { type: 'restart'; server: ServerId }
  | { type: 'timeout'; server: ServerId }
  | { type: 'disconnect'; server: ServerId }
  | { type: 'connect'; server: ServerId }
  | { type: 'setLink'; from: ServerId; to: ServerId; up: boolean }
  | { type: 'partition'; groups: ServerId[][] }
  | { type: 'heal' }
  | { type: 'setNetwork'; settings: Partial<NetworkSettings> }
  | { type: 'submit'; command: string; server?: ServerId }
  | { type: 'dropMessage'; message: number }
  | { type: 'duplicateMessage'; message: number }
  /** Manual mode: this pending event (by its queue seq) happens next. */
  | { type: 'processEvent'; seq: number }
  // Membership, snapshots, transfer and clients (older scenarios simply do not use them).
  /** §6: start a server and add it (learner first, then voter). */
  | { type: 'addServer' }
  | { type: 'removeServer'; server: ServerId }
  /** §6: joint consensus to exactly these voters. */
  | { type: 'changeMembership'; servers: ServerId[] }
  | { type: 'transferLeadership'; server: ServerId }
  /** §7: the server snapshots what it has applied. */
  | { type: 'snapshot'; server: ServerId }
  /** §8: a client sends a write (`command`) or a read of a key (`read`). */
  | { type: 'clientRequest'; client: number; command?: string; read?: string };

export type ActionType = UserAction['type'];

/** The action of one type, e.g. ActionOf<'crash'> is { type: 'crash'; server: ServerId }. */
export type ActionOf<T extends ActionType> = Extract<UserAction, { type: T }>;

/** What submit returns: the contacted server's answer to the proposal. */
export interface SubmitResult {
  ok: boolean;
  index?: LogIndex;
  term?: Term;
  /** Whom the contacted server believes is leader (null: it does not know). */
  leaderHint?: ServerId | null;
}

export interface ActionResult {
  submit?: SubmitResult;
  /** Id of the copy made by duplicateMessage. */
  copy?: number;
  /** Ids of servers started by addServer / changeMembership. */
  started?: ServerId[];
  /** The client request's sequence number. */
  seq?: number;
}

/**
 * The fields of each action type: the one table the worker (applyAction) and
 * the scenario reader (src/scenario/validate.ts) check actions against. A Map,
 * so that "__proto__" or "constructor" is never mistaken for a type.
 */
export const ACTION_FIELDS: ReadonlyMap<ActionType, readonly string[]> = new Map<ActionType, readonly string[]>([
  ['crash', ['type', 'server']],
  ['restart', ['type', 'server']],
  ['timeout', ['type', 'server']],
  ['disconnect', ['type', 'server']],
  ['connect', ['type', 'server']],
  ['setLink', ['type', 'from', 'to', 'up']],
  ['partition', ['type', 'groups']],
  ['heal', ['type']],
  ['setNetwork', ['type', 'settings']],
  ['submit', ['type', 'command', 'server']],
  ['dropMessage', ['type', 'message']],
  ['duplicateMessage', ['type', 'message']],
  ['processEvent', ['type', 'seq']],
  ['addServer', ['type']],
  ['removeServer', ['type', 'server']],
  ['changeMembership', ['type', 'servers']],
  ['transferLeadership', ['type', 'server']],
  ['snapshot', ['type', 'server']],
  ['clientRequest', ['type', 'client', 'command', 'read']],
]);

/** Every action type, in the table's order. */
export const ACTION_TYPES: readonly ActionType[] = [...ACTION_FIELDS.keys()];

/** "an addServer action", "a crash action". */
export function actionName(type: string): string {
  return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type} action`;
}

/**
 * An action's shape: an object of own fields, a known type, no unknown field.
 * Returns the action's type. The arguments are then checked by the call.
 */
export function checkActionShape(path: string, x: unknown): ActionType {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) fail(`${path} must be an object (got ${describe(x)})`);
  const type = ownValue(x, 'type');
  const fields = typeof type === 'string' ? ACTION_FIELDS.get(type as ActionType) : undefined;
  if (fields === undefined) fail(`${path}.type must be one of ${[...ACTION_FIELDS.keys()].join(', ')} (got ${describe(type)})`);
  checkFields(path, x, fields, () => actionName(type as string));
  return type as ActionType;
}
