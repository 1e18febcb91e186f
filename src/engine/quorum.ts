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

/**
 * Scratch space for simpleCommitted. It runs on every AppendEntries reply (and
 * again for ReadIndex rounds), and map + sort allocated two arrays per call, the
 * largest source of garbage per event; a voter list is short, so an insertion
 * sort into one reused array costs less and allocates nothing. Only read within
 * one call, so no state is carried between calls.
 */
const scratch: LogIndex[] = [];

function simpleCommitted(voters: readonly ServerId[], matchIndexOf: (id: ServerId) => LogIndex): LogIndex {
  const n = voters.length;
  if (n === 0) return 0;
  // Descending insertion sort of the voters' indexes; the majority-th largest is stored on a majority.
  for (let k = 0; k < n; k++) {
    const v = matchIndexOf(voters[k]!);
    let j = k;
    while (j > 0 && scratch[j - 1]! < v) {
      scratch[j] = scratch[j - 1]!;
      j--;
    }
    scratch[j] = v;
  }
  return scratch[majorityOf(n) - 1]!;
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
