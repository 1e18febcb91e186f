/**
 * The built-in presets: teaching scenarios built at module load from fixed
 * seeds (deterministic), each with a title, an explanation and things to try
 * in English and Chinese.
 */
import type { Scenario } from '../types';
import { catchUpFast, catchUpSlow, firstElection, leaderCrash, minorityPartition, oneWayLink, partitionedLeader, splitVote } from './basics';
import { figure7, figure8d, figure8e } from './paper';
import { readIndex, retryWithoutSessions, retryWithSessions, staleRead } from './clients';
import { snapshotInstall } from './compaction';
import { checkQuorumStepDown, leadershipTransfer, rejoinWithoutPreVote, rejoinWithPreVote, removedServerDisrupts, removedServerQuiet } from './leadership';
import { addTwoServers, jointConsensus } from './membership';

export interface Preset {
  id: string;
  scenario: Scenario;
}

export const PRESETS: readonly Preset[] = [
  { id: 'first-election', scenario: firstElection },
  { id: 'split-vote', scenario: splitVote },
  { id: 'leader-crash', scenario: leaderCrash },
  { id: 'figure-7', scenario: figure7 },
  { id: 'figure-8d', scenario: figure8d },
  { id: 'figure-8e', scenario: figure8e },
  { id: 'partitioned-leader', scenario: partitionedLeader },
  { id: 'minority-partition', scenario: minorityPartition },
  { id: 'catch-up', scenario: catchUpSlow },
  { id: 'catch-up-fast', scenario: catchUpFast },
  { id: 'one-way-link', scenario: oneWayLink },
  // Compaction (§7), membership (§6), leadership and clients (§8).
  { id: 'snapshot-install', scenario: snapshotInstall },
  { id: 'add-two-servers', scenario: addTwoServers },
  { id: 'joint-consensus', scenario: jointConsensus },
  { id: 'removed-server-disrupts', scenario: removedServerDisrupts },
  { id: 'removed-server-quiet', scenario: removedServerQuiet },
  { id: 'rejoin-without-prevote', scenario: rejoinWithoutPreVote },
  { id: 'rejoin-with-prevote', scenario: rejoinWithPreVote },
  { id: 'check-quorum', scenario: checkQuorumStepDown },
  { id: 'leadership-transfer', scenario: leadershipTransfer },
  { id: 'retry-without-sessions', scenario: retryWithoutSessions },
  { id: 'retry-with-sessions', scenario: retryWithSessions },
  { id: 'read-index', scenario: readIndex },
  { id: 'stale-read', scenario: staleRead },
];
