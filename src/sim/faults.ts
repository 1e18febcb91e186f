/**
 * Faults a user can inflict on a server: crash it, restart it, or make its
 * election timer fire early (as if heartbeats had been slow).
 */
import type { ServerId } from '../engine';
import { recorded, type ActionHandler } from './handler';
import { checkServer } from './invariants';
import { record, slot, type World } from './live';
import { loseVolatileState, runNode } from './serverStep';
import { resetTimer, stopTimer } from './timers';
import type { TraceEvent } from './trace';

/** Record a crash or restart and let the checker see the server's state after it. */
function recordFault(w: World, kind: 'crash' | 'restart', id: ServerId): TraceEvent {
  const ev = record(w, { kind, server: id, notes: [], sent: [] });
  checkServer(w.state.checker, slot(w, id).node, { time: w.state.time, event: ev.n, logChangedFrom: null, applied: [] });
  return ev;
}

/** Crash a server: it keeps currentTerm, votedFor and its log (Figure 2's persistent state); everything else is lost. */
export const crash: ActionHandler<'crash'> = {
  check(w, a) {
    slot(w, a.server);
    return { type: 'crash', server: a.server };
  },
  run(w, a) {
    const s = slot(w, a.server);
    if (!s.alive) return recorded(null);
    s.alive = false;
    stopTimer(s, 'election');
    stopTimer(s, 'heartbeat');
    loseVolatileState(w, s);
    return recorded(recordFault(w, 'crash', a.server));
  },
};

/** Restart a crashed server from its persistent state; its state machine is rebuilt by re-applying committed entries. */
export const restart: ActionHandler<'restart'> = {
  check(w, a) {
    slot(w, a.server);
    return { type: 'restart', server: a.server };
  },
  run(w, a) {
    const s = slot(w, a.server);
    if (s.alive) return recorded(null);
    s.alive = true;
    loseVolatileState(w, s);
    resetTimer(w, a.server, 'election');
    return recorded(recordFault(w, 'restart', a.server));
  },
};

/** Make a server's election timer fire now: a follower or candidate starts an election (§5.2). */
export const timeout: ActionHandler<'timeout'> = {
  check(w, a) {
    if (!slot(w, a.server).alive) throw new RangeError(`server ${a.server} is crashed; restart it before forcing a timeout`);
    return { type: 'timeout', server: a.server };
  },
  run(w, a) {
    stopTimer(slot(w, a.server), 'election');
    return recorded(runNode(w, a.server, { type: 'electionTimeout' }, 'electionTimeout', undefined, 'forced'));
  },
};
