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

/** What a command does to the state machine, parsed once (see PARSED). */
type ParsedCommand =
  | { kind: 'increment'; key: string; by: number }
  | { kind: 'assign'; key: string; value: string }
  | { kind: 'record' };

const RECORD: ParsedCommand = Object.freeze({ kind: 'record' });

/**
 * Commands parsed before, by their text. A restarted server applies its whole
 * log again (Figure 2: lastApplied is volatile), so the leader-crash bench
 * parsed each command once per restart: slicing out key and value and, for
 * `+=`, a regular expression, a tenth of its time. The answer depends on the
 * text alone, so remembering it changes nothing a run does; the table is
 * emptied when full, so it stays a fixed size whatever the run's length.
 */
const PARSED = new Map<string, ParsedCommand>();
const PARSED_KEPT = 16_384;

function parseCommand(command: string): ParsedCommand {
  let p = PARSED.get(command);
  if (p !== undefined) return p;
  const inc = parseIncrement(command);
  const key = inc ? null : assignedKey(command);
  p = inc ? { kind: 'increment', key: inc.key, by: inc.by } : key !== null ? { kind: 'assign', key, value: assignedValue(command) } : RECORD;
  if (PARSED.size >= PARSED_KEPT) PARSED.clear();
  PARSED.set(command, p);
  return p;
}

export function applyCommand(sm: StateMachineState, command: string | null): void {
  if (command === null) return;
  sm.appliedCommands++;
  const p = parseCommand(command);
  if (p.kind === 'increment') {
    sm.kv[p.key] = incremented(sm.kv[p.key], p.by);
  } else if (p.kind === 'assign') {
    sm.kv[p.key] = p.value;
  } else {
    sm.records.push(command);
    if (sm.records.length > RECORDS_KEPT) sm.records.shift();
  }
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
