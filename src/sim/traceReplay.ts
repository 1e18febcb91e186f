/**
 * Old trace records made again by replaying the run (issue 14). The ring keeps
 * every record's small fields but the message and notes of only the newest
 * RECENT_RECORDS (trace.ts); for an older one the run is resumed from the
 * newest mark before it (traceMarks.ts) and driven to it with the same user
 * actions at the same moments. The simulator is deterministic, so the replay
 * makes the same messages and notes (the ring checks each record's time, kind
 * and server against its own columns).
 */
import { apply } from './apply';
import { createWorld, resumeWorld } from './lifecycle';
import type { World } from './live';
import { pruneMarks } from './traceMarks';
import { runToEvent, step } from './stepping';
import { RECENT_RECORDS, TraceBuffer, type RebuiltParts } from './trace';
import type { WorldState } from './world';

/**
 * How far apart the live run takes its marks, in ring lengths. Each mark is a
 * checkpoint (the logs, the checker's per-index arrays, the state machines),
 * copied and then kept: a mark per ring length cost the steady bench a tenth of
 * its time, mostly in the collector. So the live run marks rarely, and a
 * replay marks as it goes (every ring length), for the replays after it.
 */
const LIVE_MARK_RINGS = 5;

/** A replay keeps every mark it takes (the run's log prunes them): a limit no run reaches, as a small integer. */
const NO_PRUNING = 2 ** 30 - 1;

/**
 * Let `w`'s trace keep objects only for its newest records, and replay older
 * ones. `start`: the checkpoint `w` was resumed from (kept as it is: it is
 * plain data nobody changes), or null for a run that starts now (made again
 * from its options: createWorld is deterministic). A ring no
 * longer than RECENT_RECORDS keeps every record's objects and needs no marks.
 */
export function enableTraceReplay(w: World, start: WorldState | null): void {
  const limit = w.state.options.traceLimit;
  if (limit <= RECENT_RECORDS) return;
  const every = LIVE_MARK_RINGS * limit;
  w.replay = {
    every,
    nextAt: w.state.events + every,
    marks: [{ n: w.state.events, actions: 0, state: start, originals: null }],
    actions: [],
    applied: 0,
    limit,
  };
  w.trace = new TraceBuffer(limit, RECENT_RECORDS, (from, to) => rebuild(w, from, to));
}

/**
 * Records `from`..`to` of `w`'s run, made again from the newest mark before
 * them. The replay marks every ring length as it goes; its marks join the
 * run's, so the next replay starts close to what it is asked for.
 */
function rebuild(w: World, from: number, to: number): RebuiltParts[] {
  const log = w.replay!;
  let mark = null;
  for (const m of log.marks) if (m.n <= from - 1) mark = m;
  if (mark === null) throw new Error(`trace: no checkpoint before event ${from} to replay from; please report this as a bug`);
  // A run that began here starts again from its options (createWorld is deterministic); a later
  // mark is resumed, its servers copied as the factories build them (worldCopy.ts) and its
  // in-flight messages the engine's own, so the engine's compiled code sees the same shapes.
  const twin = mark.state === null ? createWorld(w.state.options) : resumeWorld(mark.state, mark.originals);
  // The twin keeps the records asked for as objects (and no more), and marks as the run would have.
  twin.trace = new TraceBuffer(to - from + 1);
  // (A whole number for "no limit", not Infinity, so the field keeps the same representation as
  // the live run's log, whose functions read both.)
  twin.replay = { every: log.limit, nextAt: mark.n + log.limit, marks: [], actions: [], applied: mark.actions, limit: NO_PRUNING };
  for (const a of log.actions) {
    if (a.ordinal < mark.actions) continue;
    if (a.n >= to) break;
    runToEvent(twin, a.n, a.time);
    apply(twin, a.action);
  }
  while (twin.state.events < to) if (step(twin) === null) break;
  const taken = twin.replay.marks.filter((m) => !log.marks.some((x) => x.n === m.n));
  if (taken.length > 0) {
    log.marks.push(...taken);
    log.marks.sort((x, y) => x.n - y.n);
  }
  pruneMarks(log, w.state.events);
  return twin.trace.since(from - 1).map((e) => ({ n: e.n, time: e.time, kind: e.kind, server: e.server, message: e.message, notes: e.notes }));
}
