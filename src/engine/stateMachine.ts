/**
 * The replicated state machine: a key-value map. `key=value` sets a key; any
 * other command is recorded as-is. No-op entries (command null) change nothing.
 */
import type { StateMachineState } from './types';

/** How many non key-value commands the state machine remembers. */
export const RECORDS_KEPT = 20;

export function emptyStateMachine(): StateMachineState {
  // A null-prototype map: a command such as `__proto__=x` is just a key here.
  return { kv: Object.create(null) as Record<string, string>, records: [], appliedCommands: 0 };
}

/** Splits `key=value`; null when the command is not of that form. */
export function parseAssignment(command: string): { key: string; value: string } | null {
  const eq = command.indexOf('=');
  if (eq <= 0) return null;
  const key = command.slice(0, eq).trim();
  if (key === '') return null;
  return { key, value: command.slice(eq + 1).trim() };
}

export function applyCommand(sm: StateMachineState, command: string | null): void {
  if (command === null) return;
  sm.appliedCommands++;
  const assignment = parseAssignment(command);
  if (assignment) {
    sm.kv[assignment.key] = assignment.value;
    return;
  }
  sm.records.push(command);
  if (sm.records.length > RECORDS_KEPT) sm.records.shift();
}
