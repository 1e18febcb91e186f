/**
 * Log compaction on demand (§7): a server snapshots everything it has applied
 * and discards the log entries the snapshot covers. (Snapshots taken at
 * snapshotThreshold happen inside the engine, without a user action.)
 */
import { recorded, type ActionHandler } from './handler';
import { slot } from './live';
import { runNode } from './serverStep';

export const snapshot: ActionHandler<'snapshot'> = {
  check(w, a) {
    if (!slot(w, a.server).alive) throw new RangeError(`snapshot(${a.server}): S${a.server} is crashed; restart it first`);
    return { type: 'snapshot', server: a.server };
  },
  run: (w, a) => recorded(runNode(w, a.server, { type: 'snapshot' }, 'snapshot')),
};
