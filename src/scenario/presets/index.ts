/**
 * The built-in presets: teaching scenarios recorded from fixed seeds
 * (deterministic) when first opened, each with a title, an explanation and
 * things to try in English and Chinese.
 */
import type { Scenario } from '../types';
import type { PresetRecording, PresetTexts } from './build';
import { catchUpFast, catchUpSlow, firstElection, leaderCrash, minorityPartition, oneWayLink, partitionedLeader, splitVote } from './basics';
import { figure7, figure8d, figure8e } from './paper';
import { readIndex, retryWithoutSessions, retryWithSessions, staleRead } from './clients';
import { snapshotInstall } from './compaction';
import { checkQuorumStepDown, leadershipTransfer, rejoinWithoutPreVote, rejoinWithPreVote, removedServerDisrupts, removedServerQuiet } from './leadership';
import { addTwoServers, jointConsensus } from './membership';

export interface Preset {
  id: string;
  /** Title, description and suggestions, without recording the run. */
  readonly texts: PresetTexts;
  /** The scenario (recorded on first use, then kept). */
  readonly scenario: Scenario;
}

function preset(id: string, recording: PresetRecording): Preset {
  return {
    id,
    texts: recording.texts,
    get scenario() {
      return recording.scenario;
    },
  };
}

export const PRESETS: readonly Preset[] = [
  preset('first-election', firstElection),
  preset('split-vote', splitVote),
  preset('leader-crash', leaderCrash),
  preset('figure-7', figure7),
  preset('figure-8d', figure8d),
  preset('figure-8e', figure8e),
  preset('partitioned-leader', partitionedLeader),
  preset('minority-partition', minorityPartition),
  preset('catch-up', catchUpSlow),
  preset('catch-up-fast', catchUpFast),
  preset('one-way-link', oneWayLink),
  // Compaction (§7), membership (§6), leadership and clients (§8).
  preset('snapshot-install', snapshotInstall),
  preset('add-two-servers', addTwoServers),
  preset('joint-consensus', jointConsensus),
  preset('removed-server-disrupts', removedServerDisrupts),
  preset('removed-server-quiet', removedServerQuiet),
  preset('rejoin-without-prevote', rejoinWithoutPreVote),
  preset('rejoin-with-prevote', rejoinWithPreVote),
  preset('check-quorum', checkQuorumStepDown),
  preset('leadership-transfer', leadershipTransfer),
  preset('retry-without-sessions', retryWithoutSessions),
  preset('retry-with-sessions', retryWithSessions),
  preset('read-index', readIndex),
  preset('stale-read', staleRead),
];
