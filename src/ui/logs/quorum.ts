/**
 * Which servers must hold an entry before it can commit, and which of them do
 * (for the quorum shown when hovering or focusing a log cell). Pure: no DOM,
 * no React.
 *
 * §6: "once a given server adds the new configuration entry to its log, it
 * uses that configuration for all future decisions". So an entry the leader
 * has not committed yet is committed under the leader's current configuration
 * (C_old,new needs a majority of C_old and of C_new, §6); an entry already
 * committed was committed under the configuration in effect at it: the latest
 * configuration entry at or before its index, or, when there is none in the
 * log, the one the log started with (the bootstrap configuration, or the
 * snapshot's when it covers the current one).
 */
import type { Configuration, Entry, LogIndex, ServerId } from '../../engine';
import { entryAt } from './logModel';

export interface QuorumGroup {
  /** 'single': not in joint consensus; 'new' / 'old': the halves of C_old,new. */
  half: 'single' | 'new' | 'old';
  voters: ServerId[];
  needed: number;
  /** Voters known to hold the entry. */
  holders: ServerId[];
  met: boolean;
}

export interface EntryQuorum {
  index: LogIndex;
  /** Index of the configuration entry used (0: the configuration the log started with). */
  configIndex: LogIndex;
  config: Configuration;
  groups: QuorumGroup[];
  /** Learners known to hold it (they do not count, §6). */
  learnerHolders: ServerId[];
  /** Every group has its majority. */
  met: boolean;
  /** The configuration in effect there is older than what the page can see (compacted away): the current one is shown. */
  approximate: boolean;
  /** Whether `holders` are known (from a leader's matchIndex); false without a leader. */
  holdersKnown: boolean;
}

/** What the page knows of the server whose view is used (the leader's, when there is one). */
export interface QuorumSource {
  log: readonly Entry[];
  snapshotIndex: LogIndex;
  commitIndex: LogIndex;
  lastLogIndex: LogIndex;
  config: Configuration;
  configIndex: LogIndex;
  /** The configuration servers started with (voters 1..options.servers). */
  bootstrap: Configuration;
}

export function majorityOf(n: number): number {
  return Math.floor(n / 2) + 1;
}

/** The configuration a commit of entry `index` is counted against (see the header). */
export function configForEntry(index: LogIndex, src: QuorumSource): { config: Configuration; configIndex: LogIndex; approximate: boolean } {
  if (index > src.commitIndex || src.configIndex <= index) return { config: src.config, configIndex: src.configIndex, approximate: false };
  const first = src.log[0]?.index ?? src.snapshotIndex + 1;
  for (let i = Math.min(index, src.lastLogIndex); i >= first; i--) {
    const e = entryAt(src.log, i);
    if (e?.config) return { config: e.config, configIndex: i, approximate: false };
  }
  if (src.snapshotIndex === 0) return { config: src.bootstrap, configIndex: 0, approximate: false };
  // The configuration in effect there was folded into the snapshot and a newer one has replaced it since.
  return { config: src.config, configIndex: src.configIndex, approximate: true };
}

/**
 * Servers that hold entry `index`: the leader itself (if its log reaches it)
 * and every peer whose matchIndex has reached it (§5.3).
 */
export function holdersOf(index: LogIndex, leaderId: ServerId, leaderLastIndex: LogIndex, matchIndex: Readonly<Record<ServerId, LogIndex>>): Set<ServerId> {
  const out = new Set<ServerId>();
  if (leaderLastIndex >= index) out.add(leaderId);
  for (const [peer, m] of Object.entries(matchIndex)) if (m >= index) out.add(Number(peer));
  return out;
}

function group(half: QuorumGroup['half'], voters: readonly ServerId[], holders: Set<ServerId> | null): QuorumGroup {
  const sorted = [...voters].sort((a, b) => a - b);
  const have = holders ? sorted.filter((id) => holders.has(id)) : [];
  const needed = majorityOf(sorted.length);
  return { half, voters: sorted, needed, holders: have, met: sorted.length > 0 && have.length >= needed };
}

/** The quorum(s) entry `index` needs and, when `holders` is known, which voters hold it. */
export function entryQuorum(index: LogIndex, src: QuorumSource, holders: Set<ServerId> | null): EntryQuorum {
  const { config, configIndex, approximate } = configForEntry(index, src);
  const groups =
    config.oldVoters === undefined
      ? [group('single', config.voters, holders)]
      : [group('new', config.voters, holders), group('old', config.oldVoters, holders)];
  const learnerHolders = holders ? config.learners.filter((id) => holders.has(id)).sort((a, b) => a - b) : [];
  return { index, configIndex, config, groups, learnerHolders, met: groups.every((g) => g.met), approximate, holdersKnown: holders !== null };
}

/**
 * The short text of a configuration entry in a log cell (the cell also shows
 * ⚙): the voters "{1,2,3}", learners after a plus "{1,2,3}+4", and "old,new"
 * for C_old,new (the tooltip and the quorum bar spell both sets out).
 */
export function configLabel(c: Configuration): string {
  if (c.oldVoters !== undefined) return 'old,new';
  const learners = c.learners.length > 0 ? `+${c.learners.join(',')}` : '';
  return `{${c.voters.join(',')}}${learners}`;
}
