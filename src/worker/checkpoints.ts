/**
 * A branch's checkpoints: the whole plain-data cluster state at evenly spaced
 * events, taken as the run first moves forward. When there are more than the
 * bound, every other one is dropped and the spacing doubles, so memory stays
 * bounded however long the run and no moment is further than one spacing from
 * a checkpoint.
 */
import type { RaftCluster, TraceEvent, WorldState } from '../sim';
import type { RecordedAction } from '../scenario/types';
import type { Position } from './protocol';

/** The first spacing of checkpoints, in replay cost (about events: see replayCost). */
export const CHECKPOINT_EVERY = 2_000;
/**
 * The bound on checkpoints per branch. Packed checkpoints share their logs'
 * unchanged chunks, so each costs little more than what changed since the one
 * before; 256 keeps the longest replay of a one-hour run near 4,000 events.
 */
export const MAX_CHECKPOINTS = 256;
/** Events before a seek's target that the event log shows at least (when the run has them). */
export const EVENT_LOG_CONTEXT = 200;

export interface Checkpoint extends Position {
  /** The branch's replay cost at the checkpoint (see replayCost). */
  cost: number;
  /** The world at the checkpoint, its long arrays kept in chunks shared with the checkpoint before it. */
  state: PackedWorld;
  /**
   * The last EVENT_LOG_CONTEXT trace events before the checkpoint (shared,
   * immutable), so the event log after a seek shows what led up to the moment
   * without replaying the span before the checkpoint too.
   */
  lead: readonly TraceEvent[];
}

/**
 * What replaying an event costs, in events: one, plus a fifth of an event for
 * every entry it applies (measured: ~10 µs an event late in a long run, ~2 µs
 * an applied entry). Most events apply nothing or one entry; a server that
 * restarts applies its whole log again from its first heartbeat (§5.3:
 * commitIndex and lastApplied are volatile), tens of thousands of entries in
 * one event. Spacing checkpoints by this cost rather than by event count puts
 * one just after such an event, so no seek replays it (issue 10).
 */
export const APPLY_COST = 0.2;

export function replayCost(e: TraceEvent): number {
  let applied = 0;
  for (const note of e.notes) if (note.kind === 'commitAdvanced') applied += note.to - note.from;
  return 1 + APPLY_COST * applied;
}

/** Take a checkpoint of the cluster now; past `max`, keep the start and every other one, and space new ones twice as far. */
export function addCheckpoint(b: { checkpoints: Checkpoint[]; spacing: number; cost: number }, c: RaftCluster, max: number): void {
  const cps = b.checkpoints;
  const previous = cps[cps.length - 1]?.state ?? null;
  cps.push({
    n: c.eventCount,
    time: c.now,
    cost: b.cost,
    state: packWorld(c.checkpoint(), previous),
    lead: c.traceSince(c.eventCount - EVENT_LOG_CONTEXT),
  });
  if (cps.length > max) {
    b.checkpoints = cps.filter((_, i) => i % 2 === 0);
    b.spacing *= 2;
  }
}

/** The latest checkpoint that is `ok` (the first one, the run's start, when none is). */
export function latestCheckpoint(cps: readonly Checkpoint[], ok: (cp: Checkpoint) => boolean): Checkpoint {
  let i = 0;
  for (let k = 0; k < cps.length; k++) if (ok(cps[k]!)) i = k;
  return cps[i]!;
}

/** Index of the first recorded action at or after event n (actions are in event order): a binary search, since a long run records tens of thousands. */
export function firstActionFrom(actions: readonly RecordedAction[], n: number): number {
  let lo = 0;
  let hi = actions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (actions[mid]!.n < n) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Checkpoint storage that shares what has not changed (issue 10: the seek).
 *
 * A checkpoint's world is dominated by arrays as long as the log: each
 * server's log entries and the safety checker's prefix hashes, and the
 * checker's witnesses and committed history. Between two checkpoints they
 * only grow at the end (a follower's conflicting suffix is the rare
 * exception), so stored whole a hundred checkpoints of a one-hour run hold a
 * hundred copies of the same prefixes: hundreds of megabytes that every full
 * garbage collection has to mark, which was most of the slowest seeks.
 *
 * Packed, each long array is a list of fixed-size chunks; a chunk equal,
 * element by element (entries by identity, holes as holes), to the same chunk
 * of the previous checkpoint is that chunk, so the history of a log is stored
 * about once. A packed world is never changed: unpacking builds fresh arrays.
 */
export const CHUNK = 1024;

/** A long array as chunks of CHUNK elements (the last may be shorter). */
export interface Chunked<T> {
  chunks: readonly (readonly T[])[];
  length: number;
}

type ServerSlotOf = WorldState['servers'][number];
type WatchOf = WorldState['checker']['servers'][number];

export interface PackedWorld {
  /** The world with the long arrays below emptied (shared containers, never changed). */
  rest: WorldState;
  logs: Record<number, Chunked<ServerSlotOf['node']['log']['entries'][number]>>;
  prefixHash: Record<number, Chunked<number>>;
  witnessTerm: Chunked<number>;
  witnessPrefix: Chunked<number>;
  committedTerm: Chunked<number>;
  committedHash: Chunked<number>;
}

function sameChunk<T>(a: readonly T[], b: readonly T[], from: number): boolean {
  if (a.length !== CHUNK) return false;
  for (let i = 0; i < CHUNK; i++) {
    const k = from + i;
    if (!Object.is(a[i], b[k]) || (i in a) !== (k in b)) return false;
  }
  return true;
}

/** `arr` in chunks, reusing each full chunk of `prev` that holds the same elements. */
export function chunk<T>(arr: readonly T[], prev: Chunked<T> | undefined): Chunked<T> {
  const chunks: (readonly T[])[] = [];
  for (let from = 0, k = 0; from < arr.length; from += CHUNK, k++) {
    const old = prev?.chunks[k];
    chunks.push(old && from + CHUNK <= arr.length && sameChunk(old, arr, from) ? old : arr.slice(from, from + CHUNK));
  }
  return { chunks, length: arr.length };
}

/** A fresh array with the chunks' elements (holes stay holes: concat keeps them, spreading would not). */
export function unchunk<T>(c: Chunked<T>): T[] {
  const out = ([] as T[]).concat(...(c.chunks as T[][]));
  out.length = c.length;
  return out;
}

/** Pack a world (a copy from snapshotState, not shared with the live run), sharing chunks with `previous`. */
export function packWorld(w: WorldState, previous: PackedWorld | null): PackedWorld {
  const logs: PackedWorld['logs'] = {};
  const prefixHash: PackedWorld['prefixHash'] = {};
  const servers: WorldState['servers'] = {};
  for (const [key, slot] of Object.entries(w.servers)) {
    const id = Number(key);
    logs[id] = chunk(slot.node.log.entries, previous?.logs[id]);
    servers[id] = { ...slot, node: { ...slot.node, log: { ...slot.node.log, entries: [] } } };
  }
  const watches: WorldState['checker']['servers'] = {};
  for (const [key, watch] of Object.entries(w.checker.servers)) {
    const id = Number(key);
    prefixHash[id] = chunk(watch.prefixHash, previous?.prefixHash[id]);
    watches[id] = { ...watch, prefixHash: [] } satisfies WatchOf;
  }
  const c = w.checker;
  return {
    rest: {
      ...w,
      servers,
      checker: { ...c, servers: watches, witnessTerm: [], witnessPrefix: [], committedTerm: [], committedHash: [] },
    },
    logs,
    prefixHash,
    witnessTerm: chunk(c.witnessTerm, previous?.witnessTerm),
    witnessPrefix: chunk(c.witnessPrefix, previous?.witnessPrefix),
    committedTerm: chunk(c.committedTerm, previous?.committedTerm),
    committedHash: chunk(c.committedHash, previous?.committedHash),
  };
}

/** The world a packed one holds, its long arrays fresh (the rest still shared: resume with fromState, which copies it). */
export function unpackWorld(p: PackedWorld): WorldState {
  const w = p.rest;
  const servers: WorldState['servers'] = {};
  for (const [key, slot] of Object.entries(w.servers)) {
    const id = Number(key);
    servers[id] = { ...slot, node: { ...slot.node, log: { ...slot.node.log, entries: unchunk(p.logs[id]!) } } };
  }
  const watches: WorldState['checker']['servers'] = {};
  for (const [key, watch] of Object.entries(w.checker.servers)) {
    watches[Number(key)] = { ...watch, prefixHash: unchunk(p.prefixHash[Number(key)]!) };
  }
  return {
    ...w,
    servers,
    checker: {
      ...w.checker,
      servers: watches,
      witnessTerm: unchunk(p.witnessTerm),
      witnessPrefix: unchunk(p.witnessPrefix),
      committedTerm: unchunk(p.committedTerm),
      committedHash: unchunk(p.committedHash),
    },
  };
}
