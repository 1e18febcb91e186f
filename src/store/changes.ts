/**
 * What one frame changed: the previous frame's server view compared with the
 * current one, field by field, keeping each changed field's previous value
 * (the "was" of a debugger's diff, as DSLabs' visual debugger shows it).
 * Pure data in, data out: the UI decides how to mark a change.
 *
 * Fields are named by path: Figure 2's names (`term` is currentTerm,
 * `votedFor`, `commitIndex`, …), per-peer leader state as `nextIndex.3`,
 * the state machine's keys as `kv.x`. Timers are left out on purpose: their
 * deadlines move with time itself, so "changed" would mark them at every step.
 */
import type { ServerId } from '../engine';
import type { ServerSummary } from '../sim';

/** One server's changed fields: path → the value it had in the previous frame. */
export type FieldChanges = ReadonlyMap<string, unknown>;
/** Only servers with at least one changed field appear. */
export type ServerChanges = ReadonlyMap<ServerId, FieldChanges>;

export const NO_CHANGES: ServerChanges = new Map();

/** Scalars compared as they are (Figure 2's state, the role, and the extensions' counters). */
const SCALAR_FIELDS = [
  'term',
  'votedFor',
  'role',
  'alive',
  'connected',
  'leaderId',
  'lastLogIndex',
  'lastLogTerm',
  'commitIndex',
  'lastApplied',
  'configIndex',
  'snapshotIndex',
  'snapshotTerm',
  'transferee',
  'pendingReads',
] as const satisfies readonly (keyof ServerSummary)[];

/** Per-peer records (leaders only): one path per peer. */
const PEER_FIELDS = ['nextIndex', 'matchIndex', 'progressState'] as const satisfies readonly (keyof ServerSummary)[];

/** Server id lists whose order carries no meaning (who granted a vote, who votes). */
const SET_FIELDS = ['votesGranted', 'votesRejected', 'voters'] as const satisfies readonly (keyof ServerSummary)[];

/** Same ids, whatever their order. */
export function sameIdSet(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  const s = new Set(a);
  return b.every((x) => s.has(x));
}

/**
 * Record in `out`, under `prefix.key`, every key of two flat records whose
 * value differs (a key present on one side only counts, with `undefined` for
 * the missing side). Exported for other views' diffs (e.g. a log row).
 */
export function diffRecords(prev: Readonly<Record<string, unknown>>, next: Readonly<Record<string, unknown>>, prefix: string, out: Map<string, unknown>): void {
  for (const k of Object.keys(prev)) if (!Object.is(prev[k], next[k])) out.set(`${prefix}.${k}`, prev[k]);
  for (const k of Object.keys(next)) if (!(k in prev)) out.set(`${prefix}.${k}`, undefined);
}

/** The changed fields of one server between two frames (empty when nothing the screen shows changed). */
export function fieldChanges(prev: ServerSummary, next: ServerSummary): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const f of SCALAR_FIELDS) if (!Object.is(prev[f], next[f])) out.set(f, prev[f]);
  for (const f of SET_FIELDS) if (!sameIdSet(prev[f], next[f])) out.set(f, prev[f]);
  for (const f of PEER_FIELDS) diffRecords(prev[f], next[f], f, out);
  const a = prev.stateMachine;
  const b = next.stateMachine;
  if (a !== b) {
    if (a.appliedCommands !== b.appliedCommands) out.set('appliedCommands', a.appliedCommands);
    diffRecords(a.kv, b.kv, 'kv', out);
  }
  return out;
}

/**
 * Every server's changes between two frames of the same run, keyed by id. A
 * server that is new in `next` (added to the cluster) has no previous values
 * and is not listed; neither is one left unchanged.
 */
export function serverChanges(prev: readonly ServerSummary[], next: readonly ServerSummary[]): ServerChanges {
  if (prev === next) return NO_CHANGES;
  const before = new Map(prev.map((s) => [s.id, s]));
  const out = new Map<ServerId, FieldChanges>();
  for (const s of next) {
    const p = before.get(s.id);
    if (!p || p === s) continue;
    const f = fieldChanges(p, s);
    if (f.size > 0) out.set(s.id, f);
  }
  return out.size === 0 ? NO_CHANGES : out;
}
