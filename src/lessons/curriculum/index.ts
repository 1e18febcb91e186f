/**
 * The built-in curriculum, in the order the course notes teach (MIT 6.824's
 * Raft lectures and the paper's own order): why a majority, elections (§5.2),
 * replication (§5.3), repairing logs (Figure 7), who may lead (§5.4.1), when
 * an entry is committed (§5.4.2, Figure 8), persistence (Figure 2), log
 * compaction (§7), membership changes (§6), clients (§8), and keeping
 * elections calm (PreVote, CheckQuorum, leadership transfer).
 */
import type { Lesson } from '../types';
import { leaderElection } from './election';
import { whyMajority } from './majority';
import { logReplication } from './replication';
import { repairingLogs } from './repair';
import { whenCommitted } from './whenCommitted';
import { whoMayLead } from './whoMayLead';
import { persistence } from './persistence';
import { logCompaction } from './compaction';
import { membershipChanges } from './membership';
import { clients } from './clients';
import { calmElections } from './calmElections';

export const LESSONS: readonly Lesson[] = [whyMajority, leaderElection, logReplication, repairingLogs, whoMayLead, whenCommitted, persistence, logCompaction, membershipChanges, clients, calmElections];

/** A built-in lesson by id (`?lesson=ID`), or undefined. */
export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
