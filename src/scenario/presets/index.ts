/**
 * The built-in presets: teaching scenarios built at module load from fixed
 * seeds (deterministic), each with a title, an explanation and things to try
 * in English and Chinese.
 */
import type { Scenario } from '../types';
import { catchUpFast, catchUpSlow, firstElection, leaderCrash, minorityPartition, oneWayLink, partitionedLeader, splitVote } from './basics';
import { figure7, figure8d, figure8e } from './paper';

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
];
