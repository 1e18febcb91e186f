/**
 * Whether a condition (conditions.ts) holds on a cluster, and running a
 * cluster until one does. Everything Raft-specific is asked of the simulator's
 * views and the engine's log accessors (leaderId, commitIndex, termAt, the
 * configuration's voters, the checker's violations); nothing here re-derives a
 * rule of the paper.
 *
 * Two kinds look at history rather than state: entryOverwritten (a §5.3
 * conflict truncation, read from the trace's logTruncated notes) and violation
 * (the checker's reports). They hold if such an event happened after event
 * number `since`, so a lesson step asks about its own span of the run. The
 * trace must still hold those events (the default traceLimit keeps the newest
 * 20,000, far more than a lesson step makes).
 */
import { lastIndex, termAt, type LogView } from '../engine';
import { describeValue, LIMITS, type RaftCluster } from '../sim';
import type { Condition, ServerRef } from './conditions';
import { describeCondition } from './conditionText';
import type { Bilingual } from './fieldErrors';

function resolve(c: RaftCluster, ref: ServerRef): number | null {
  const id = ref === 'leader' ? c.leaderId() : ref;
  return id !== null && c.ids().includes(id) ? id : null;
}

function logOf(c: RaftCluster, id: number): LogView {
  const s = c.summary(id);
  return { snapshotIndex: s.snapshotIndex, snapshotTerm: s.snapshotTerm, entries: c.logEntries(id) as LogView['entries'] };
}

/**
 * Both logs reach upTo and hold the same term at every index up to it that
 * both still have; an index compacted into a snapshot on either side is
 * skipped (§7: a snapshot holds only committed entries).
 */
function logsMatch(c: RaftCluster, a: number, b: number, upTo: number): boolean {
  const la = logOf(c, a);
  const lb = logOf(c, b);
  if (lastIndex(la) < upTo || lastIndex(lb) < upTo) return false;
  for (let i = Math.max(1, la.snapshotIndex, lb.snapshotIndex); i <= upTo; i++) {
    if (termAt(la, i) !== termAt(lb, i)) return false;
  }
  return true;
}

/** The state kinds: true or false at this moment. */
function stateHolds(c: RaftCluster, cond: Exclude<Condition, { kind: 'entryOverwritten' | 'violation' | 'all' | 'any' | 'not' }>): boolean {
  const exists = (id: number): boolean => c.ids().includes(id);
  switch (cond.kind) {
    case 'leaderExists': {
      const id = c.leaderId();
      return id !== null && c.summary(id).term >= (cond.minTerm ?? 0);
    }
    case 'isLeader':
      return c.leaderId() === cond.server;
    case 'role': {
      if (!exists(cond.server)) return false;
      const s = c.summary(cond.server);
      return s.alive && s.role === cond.role;
    }
    case 'termAtLeast':
      if (cond.server !== undefined) return exists(cond.server) && c.summary(cond.server).term >= cond.term;
      return c.ids().some((id) => c.summary(id).term >= cond.term);
    case 'crashed':
      return exists(cond.server) && !c.summary(cond.server).alive;
    case 'committedOn': {
      const committed = (id: number): boolean => exists(id) && c.summary(id).commitIndex >= cond.index;
      if (cond.servers === 'any') return c.ids().some(committed);
      if (cond.servers === 'all') return c.ids().every((id) => !c.summary(id).alive || committed(id));
      return cond.servers.every(committed);
    }
    case 'logsMatch': {
      const a = resolve(c, cond.a);
      const b = resolve(c, cond.b);
      return a !== null && b !== null && logsMatch(c, a, b, cond.upTo);
    }
    case 'snapshotAtLeast':
      return exists(cond.server) && c.summary(cond.server).snapshotIndex >= cond.index;
    case 'isVoter': {
      // §6: the configuration in force is the leader's latest (C_new during joint consensus).
      const leader = c.leaderId();
      return leader !== null && c.summary(leader).voters.includes(cond.server) === cond.voter;
    }
    case 'kvEquals': {
      const id = resolve(c, cond.server);
      if (id === null) return false;
      const kv = c.summary(id).stateMachine.kv;
      const value = Object.prototype.hasOwnProperty.call(kv, cond.key) ? kv[cond.key]! : null;
      return value === cond.value;
    }
    case 'clientRead': {
      const reads = c.clients().find((k) => k.id === cond.client)?.history.filter((op) => op.kind === 'read' && op.status === 'done') ?? [];
      const last = reads.at(-1);
      return last !== undefined && (last.value ?? null) === cond.value;
    }
  }
}

/** A history kind, watched incrementally: once it has happened it stays true. */
interface HistoryWatch {
  happened: boolean;
  /** Trace events up to this number have been looked at. */
  seen: number;
}

function overwriteIn(c: RaftCluster, cond: { index: number; server?: number }, w: HistoryWatch): boolean {
  for (const ev of c.traceSince(w.seen)) {
    w.seen = ev.n;
    if (w.happened || ev.server === null || (cond.server !== undefined && ev.server !== cond.server)) continue;
    // §5.3: "If an existing entry conflicts with a new one … delete the existing entry and all that follow it".
    for (const note of ev.notes) {
      if (note.kind === 'logTruncated' && note.from <= cond.index && cond.index < note.from + note.removed) w.happened = true;
    }
  }
  return w.happened;
}

/**
 * A predicate for `cond` that can be asked again and again as the run moves
 * on (after every event, by runUntil): history kinds keep what they have seen
 * so each event is looked at once.
 */
export function conditionProbe(c: RaftCluster, cond: Condition, since = 0): () => boolean {
  switch (cond.kind) {
    case 'all': {
      const parts = cond.of.map((x) => conditionProbe(c, x, since));
      return () => parts.every((p) => p());
    }
    case 'any': {
      const parts = cond.of.map((x) => conditionProbe(c, x, since));
      // A history watch skipped by a short cut catches up from its own mark the next time it is asked.
      return () => parts.some((p) => p());
    }
    case 'not': {
      const inner = conditionProbe(c, cond.of, since);
      return () => !inner();
    }
    case 'entryOverwritten': {
      const w: HistoryWatch = { happened: false, seen: since };
      return () => overwriteIn(c, cond, w);
    }
    case 'violation':
      return () => c.violations().some((v) => v.event > since && (cond.property === undefined || v.property === cond.property));
    default:
      return () => stateHolds(c, cond);
  }
}

/** Whether `cond` holds now; history kinds look at events numbered above `since` (default: the whole retained trace). */
export function evaluateCondition(c: RaftCluster, cond: Condition, since = 0): boolean {
  return conditionProbe(c, cond, since)();
}

export interface RunUntilResult {
  held: boolean;
  /** Simulated time when it first held, or when the limit stopped the run. */
  atMs: number;
  /** When it never held: why, in both languages. */
  message?: Bilingual;
}

/**
 * Run until `cond` holds (checked before the first event and after each) or
 * `limitMs` of simulated time pass. The limit is at most LIMITS.timeMs (one
 * simulated hour); a bad limit throws before anything runs.
 */
export function runUntilCondition(c: RaftCluster, cond: Condition, limitMs: number, since = c.eventCount): RunUntilResult {
  if (typeof limitMs !== 'number' || !Number.isFinite(limitMs) || limitMs < 0 || limitMs > LIMITS.timeMs) {
    throw new RangeError(`limitMs must be a number from 0 to ${LIMITS.timeMs} (one simulated hour; got ${describeValue(limitMs)})`);
  }
  const start = c.now;
  const held = c.runUntil(conditionProbe(c, cond, since), limitMs);
  if (held) return { held, atMs: c.now };
  return { held, atMs: c.now, message: notHeldMessage(cond, limitMs, start, c.now) };
}

/** What to say when a run reached its limit without `cond` holding (also used by the page's worker). */
export function notHeldMessage(cond: Condition, limitMs: number, fromMs: number, toMs: number): Bilingual {
  return {
    en: `“${describeCondition(cond, 'en')}” did not happen within ${limitMs} ms of simulated time (from ${fromMs} to ${toMs} ms).`,
    zh: `在 ${limitMs} 毫秒的模拟时间内（从 ${fromMs} 到 ${toMs} 毫秒），“${describeCondition(cond, 'zh')}”没有发生。`,
  };
}
