/**
 * The replicated state machine: a key-value map. `key=value` sets a key,
 * `key+=n` adds the whole number n to a numeric key (not idempotent, which is
 * what makes duplicate detection visible, §8); any other command is recorded
 * as-is. No-op and configuration entries change nothing.
 */
import type { ClientTag, Entry, LogIndex, StateMachineState } from './types';

/** How many non key-value commands the state machine remembers. */
export const RECORDS_KEPT = 20;

export function emptyStateMachine(): StateMachineState {
  // A null-prototype map: a command such as `__proto__=x` is just a key here.
  return { kv: Object.create(null) as Record<string, string>, records: [], appliedCommands: 0, sessions: {}, duplicatesSuppressed: 0 };
}

/** A deep copy (snapshots are never changed once taken, §7). */
export function copyStateMachine(sm: StateMachineState): StateMachineState {
  const sessions: StateMachineState['sessions'] = {};
  for (const [c, v] of Object.entries(sm.sessions)) sessions[Number(c)] = { ...v };
  return {
    kv: Object.assign(Object.create(null) as Record<string, string>, sm.kv),
    records: sm.records.slice(),
    appliedCommands: sm.appliedCommands,
    sessions,
    duplicatesSuppressed: sm.duplicatesSuppressed,
  };
}

/** The key of `key=value`, or null when the command is not of that form (its value is assignedValue). */
function assignedKey(command: string): string | null {
  const eq = command.indexOf('=');
  if (eq <= 0) return null;
  const key = command.slice(0, eq).trim();
  return key === '' ? null : key;
}

/** The value of a command assignedKey accepted. */
function assignedValue(command: string): string {
  return command.slice(command.indexOf('=') + 1).trim();
}

/** Splits `key=value`; null when the command is not of that form. */
export function parseAssignment(command: string): { key: string; value: string } | null {
  const key = assignedKey(command);
  return key === null ? null : { key, value: assignedValue(command) };
}

/** Splits `key+=n` with n a whole number; null otherwise (then it is an ordinary assignment to `key+`). */
export function parseIncrement(command: string): { key: string; by: number } | null {
  // Most commands are assignments: skip the backtracking regex when "+=" cannot match.
  if (!command.includes('+=')) return null;
  const m = /^\s*([^=+]+?)\s*\+=\s*(-?\d{1,15})\s*$/.exec(command);
  if (!m) return null;
  return { key: m[1]!, by: Number(m[2]) };
}

/** `key+=by` on a key holding `current` (absent or not a number counts as 0). */
export function incremented(current: string | undefined, by: number): string {
  const now = Number(current ?? '0');
  return String((Number.isFinite(now) ? now : 0) + by);
}

export function applyCommand(sm: StateMachineState, command: string | null): void {
  if (command === null) return;
  sm.appliedCommands++;
  const inc = parseIncrement(command);
  if (inc) {
    sm.kv[inc.key] = incremented(sm.kv[inc.key], inc.by);
    return;
  }
  // (Without parseAssignment's object: a restarted server re-applies its whole log.)
  const key = assignedKey(command);
  if (key !== null) {
    sm.kv[key] = assignedValue(command);
    return;
  }
  sm.records.push(command);
  if (sm.records.length > RECORDS_KEPT) sm.records.shift();
}

export type ApplyOutcome = { kind: 'applied' } | { kind: 'duplicate'; firstIndex: LogIndex } | { kind: 'appliedTwice' };

/** The outcomes that carry nothing but their kind, shared (one is returned for every entry applied). */
const APPLIED: ApplyOutcome = Object.freeze({ kind: 'applied' });
const APPLIED_TWICE: ApplyOutcome = Object.freeze({ kind: 'appliedTwice' });

/**
 * Apply one committed entry. §8: with sessions, a request whose (client, seq)
 * was already applied is skipped; without them it is applied again.
 */
export function applyEntry(sm: StateMachineState, e: Entry, sessions: boolean): ApplyOutcome {
  const tag: ClientTag | undefined = e.client;
  if (!tag) {
    applyCommand(sm, e.command);
    return APPLIED;
  }
  const seen = sm.sessions[tag.client];
  const repeat = seen !== undefined && tag.seq <= seen.seq;
  if (repeat && sessions) {
    sm.duplicatesSuppressed++;
    return { kind: 'duplicate', firstIndex: seen.index };
  }
  applyCommand(sm, e.command);
  if (!repeat) sm.sessions[tag.client] = { seq: tag.seq, index: e.index };
  return repeat ? APPLIED_TWICE : APPLIED;
}

/** §7: the snapshot as bytes on the wire (deterministic: key order is insertion order). */
export function serializeStateMachine(sm: StateMachineState): string {
  return JSON.stringify({ kv: sm.kv, records: sm.records, appliedCommands: sm.appliedCommands, sessions: sm.sessions, duplicatesSuppressed: sm.duplicatesSuppressed });
}

export function deserializeStateMachine(data: string): StateMachineState {
  const o = JSON.parse(data) as StateMachineState;
  const sm = emptyStateMachine();
  for (const [k, v] of Object.entries(o.kv)) sm.kv[k] = v;
  sm.records = o.records.slice();
  sm.appliedCommands = o.appliedCommands;
  for (const [c, v] of Object.entries(o.sessions)) sm.sessions[Number(c)] = { seq: v.seq, index: v.index };
  sm.duplicatesSuppressed = o.duplicatesSuppressed;
  return sm;
}
