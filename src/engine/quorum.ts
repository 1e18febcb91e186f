/**
 * Quorum arithmetic, kept tiny and pure (as in etcd's quorum package). Joint
 * consensus (§6) is "a majority of C_old and a majority of C_new".
 */
import type { Configuration, LogIndex, ServerId } from './types';

function majorityOf(n: number): number {
  return Math.floor(n / 2) + 1;
}

/** Votes needed from C_new (the figure shown as "needed"; during joint consensus C_old also needs its own majority). */
export function majoritySize(config: Configuration): number {
  return majorityOf(config.voters.length);
}

function simpleMajority(voters: readonly ServerId[], has: (id: ServerId) => boolean): boolean {
  if (voters.length === 0) return false;
  let n = 0;
  for (const id of voters) if (has(id)) n++;
  return n >= majorityOf(voters.length);
}

/** Whether the servers for which `has(id)` holds form a majority (of both halves during joint consensus). */
export function isMajority(config: Configuration, has: (id: ServerId) => boolean): boolean {
  if (!simpleMajority(config.voters, has)) return false;
  return config.oldVoters === undefined || simpleMajority(config.oldVoters, has);
}

function simpleCommitted(voters: readonly ServerId[], matchIndexOf: (id: ServerId) => LogIndex): LogIndex {
  if (voters.length === 0) return 0;
  const matches = voters.map(matchIndexOf).sort((a, b) => b - a);
  return matches[majorityOf(voters.length) - 1] ?? 0;
}

/**
 * The highest index stored on a majority of voters, given each voter's
 * matchIndex (§5.3: "a majority of matchIndex[i] >= N"); during joint consensus
 * the lower of the two halves' answers (§6).
 */
export function committedIndex(config: Configuration, matchIndexOf: (id: ServerId) => LogIndex): LogIndex {
  const n = simpleCommitted(config.voters, matchIndexOf);
  if (config.oldVoters === undefined) return n;
  return Math.min(n, simpleCommitted(config.oldVoters, matchIndexOf));
}
