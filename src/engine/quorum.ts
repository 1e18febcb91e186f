/**
 * Quorum arithmetic, kept tiny and pure (as in etcd's quorum package) so that
 * joint consensus (§6) can later be "a majority of both configurations".
 */
import type { Configuration, LogIndex, ServerId } from './types';

export function majoritySize(config: Configuration): number {
  return Math.floor(config.voters.length / 2) + 1;
}

/** Whether the servers for which `has(id)` holds form a majority of the voters. */
export function isMajority(config: Configuration, has: (id: ServerId) => boolean): boolean {
  let n = 0;
  for (const id of config.voters) if (has(id)) n++;
  return n >= majoritySize(config);
}

/**
 * The highest index stored on a majority of voters, given each voter's
 * matchIndex (§5.3: "a majority of matchIndex[i] >= N").
 */
export function committedIndex(config: Configuration, matchIndexOf: (id: ServerId) => LogIndex): LogIndex {
  const matches = config.voters.map(matchIndexOf).sort((a, b) => b - a);
  return matches[majoritySize(config) - 1] ?? 0;
}
