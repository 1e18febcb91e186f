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
import { checkpoint, resumeWorld } from './lifecycle';
import type { World } from './live';
import { runToEvent, step } from './stepping';
import { RECENT_RECORDS, TraceBuffer, type RebuiltParts } from './trace';
import type { WorldState } from './world';

/**
 * Let `w`'s trace keep objects only for its newest records, and replay older
 * ones. `start`: the checkpoint `w` was resumed from (kept as it is: it is
 * plain data nobody changes), or null for a run that starts now. A ring no
 * longer than RECENT_RECORDS keeps every record's objects and needs no marks.
 */
export function enableTraceReplay(w: World, start: WorldState | null): void {
  const limit = w.state.options.traceLimit;
  if (limit <= RECENT_RECORDS) return;
  const log = {
    // Half the ring: a replay runs at most limit / 2 events before the first record asked for.
    every: Math.max(RECENT_RECORDS, limit >> 1),
    nextAt: w.state.events,
    marks: [{ n: w.state.events, actions: 0, state: start ?? checkpoint(w) }],
    actions: [],
    applied: 0,
    limit,
  };
  log.nextAt = w.state.events + log.every;
  w.replay = log;
  w.trace = new TraceBuffer(limit, RECENT_RECORDS, (from, to) => rebuild(w, from, to));
}

/** Records `from`..`to` of `w`'s run, made again from the newest mark before them. */
function rebuild(w: World, from: number, to: number): RebuiltParts[] {
  const log = w.replay!;
  let mark = null;
  for (const m of log.marks) if (m.n <= from - 1) mark = m;
  if (mark === null) throw new Error(`trace: no checkpoint before event ${from} to replay from; please report this as a bug`);
  const twin = resumeWorld(mark.state);
  // The twin keeps every record it makes as objects (no replay of its own).
  twin.trace = new TraceBuffer(to - mark.n);
  for (const a of log.actions) {
    if (a.ordinal < mark.actions) continue;
    if (a.n >= to) break;
    runToEvent(twin, a.n, a.time);
    apply(twin, a.action);
  }
  while (twin.state.events < to) if (step(twin) === null) break;
  return twin.trace.since(from - 1).map((e) => ({ n: e.n, time: e.time, kind: e.kind, server: e.server, message: e.message, notes: e.notes }));
}
