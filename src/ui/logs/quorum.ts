/**
 * Which servers must hold an entry before it can commit, which of them do
 * (their logs hold that index with that term), and which of them the leader
 * knows do (its matchIndex has reached the index, §5.3). The two differ: a
 * new leader starts with every matchIndex at 0 (Figure 2) although followers
 * may already hold its older entries, so a follower can hold an entry the
 * leader does not yet count. The quorum bar shows both and never claims a
 * server lacks an entry its row holds. Pure: no DOM, no React. Majority sizes
 * come from the engine (src/engine/quorum.ts), never re-derived here.
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
import { isMajority, majoritySize, makeConfig, type Configuration, type Entry, type LogIndex, type ServerId, type Term } from '../../engine';
import { entryAt } from './logModel';

export interface QuorumGroup {
  /** 'single': not in joint consensus; 'new' / 'old': the halves of C_old,new. */
  half: 'single' | 'new' | 'old';
  voters: ServerId[];
  /** How many voters of this group must hold the entry (from the engine). */
  needed: number;
  /** Voters the leader knows hold the entry (matchIndex ≥ index, or the leader itself). */
  holders: ServerId[];
  /** Voters whose log holds the entry (that index with that term), known to the leader or not. */
  stored: ServerId[];
  /** The leader knows a majority of this group holds it. */
  met: boolean;
  /** A majority of this group holds it (whether or not the leader knows yet). */
  storedMet: boolean;
}

export interface EntryQuorum {
  index: LogIndex;
  /** Index of the configuration entry used (0: the configuration the log started with). */
  configIndex: LogIndex;
  config: Configuration;
  groups: QuorumGroup[];
  /** Learners that hold it (they do not count, §6). */
  learnerHolders: ServerId[];
  /** Every group has a majority the leader knows of. */
  met: boolean;
  /** Every group has a majority that holds it. */
  storedMet: boolean;
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

/** One server's log as the page sees it (the entries after its snapshot, and the snapshot's last index and term). */
export interface StoredLog {
  id: ServerId;
  log: readonly Entry[];
  snapshotIndex: LogIndex;
  snapshotTerm: Term;
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
 * Servers the leader knows hold entry `index`: the leader itself (if its log
 * reaches it) and every peer whose matchIndex has reached it (§5.3).
 */
export function holdersOf(index: LogIndex, leaderId: ServerId, leaderLastIndex: LogIndex, matchIndex: Readonly<Record<ServerId, LogIndex>>): Set<ServerId> {
  const out = new Set<ServerId>();
  if (leaderLastIndex >= index) out.add(leaderId);
  for (const [peer, m] of Object.entries(matchIndex)) if (m >= index) out.add(Number(peer));
  return out;
}

/** Whether `s` holds the entry (index, term): in its log, or inside its snapshot. */
export function holdsEntry(s: StoredLog, index: LogIndex, term: Term): boolean {
  if (index <= s.snapshotIndex) {
    // A snapshot holds only committed entries, and (Leader Completeness, §5.4) every later leader holds them
    // too; at its last index its term is known exactly.
    return index < s.snapshotIndex || s.snapshotTerm === term;
  }
  return entryAt(s.log, index)?.term === term;
}

/**
 * Servers whose log holds entry (index, term), crashed ones included: a log is
 * persistent state (Figure 2), so a crashed server still stores what it wrote.
 */
export function storedOn(index: LogIndex, term: Term, logs: readonly StoredLog[]): Set<ServerId> {
  const out = new Set<ServerId>();
  for (const s of logs) if (holdsEntry(s, index, term)) out.add(s.id);
  return out;
}

function group(half: QuorumGroup['half'], voters: readonly ServerId[], holders: Set<ServerId> | null, stored: Set<ServerId> | null): QuorumGroup {
  const sorted = [...voters].sort((a, b) => a - b);
  const needed = majoritySize(makeConfig(sorted));
  const have = holders ? sorted.filter((id) => holders.has(id)) : [];
  // What the leader knows is held is held: matchIndex ≥ index means the follower's log matched through it (§5.3).
  const held = stored ? sorted.filter((id) => stored.has(id) || holders?.has(id)) : have;
  return { half, voters: sorted, needed, holders: have, stored: held, met: sorted.length > 0 && have.length >= needed, storedMet: sorted.length > 0 && held.length >= needed };
}

/**
 * The quorum(s) entry `index` needs; when `holders` is known, which voters the
 * leader knows hold it; when `stored` is known, which voters' logs hold it.
 */
export function entryQuorum(index: LogIndex, src: QuorumSource, holders: Set<ServerId> | null, stored: Set<ServerId> | null = null): EntryQuorum {
  const { config, configIndex, approximate } = configForEntry(index, src);
  const groups =
    config.oldVoters === undefined
      ? [group('single', config.voters, holders, stored)]
      : [group('new', config.voters, holders, stored), group('old', config.oldVoters, holders, stored)];
  const anyHolder = (id: ServerId): boolean => (holders?.has(id) ?? false) || (stored?.has(id) ?? false);
  const learnerHolders = config.learners.filter(anyHolder).sort((a, b) => a - b);
  return {
    index,
    configIndex,
    config,
    groups,
    learnerHolders,
    met: groups.every((g) => g.met),
    storedMet: groups.every((g) => g.storedMet),
    approximate,
    holdersKnown: holders !== null,
  };
}

/** What the Figure 8 check needs of the leader. */
export interface LeaderView {
  id: ServerId;
  term: Term;
  commitIndex: LogIndex;
  config: Configuration;
}

/**
 * Figure 8, made visible: the leader's entries from earlier terms that are
 * stored on a majority (under the leader's current configuration) and still
 * not committed. §5.4.2: a leader never commits an entry from an earlier term
 * by counting replicas; such an entry commits only when an entry of the
 * leader's own term after it does. A leader appends only entries of its own
 * term, so its earlier-term entries come first: the scan stops at the first
 * current-term entry and stays short however long the log.
 */
export function olderTermOnMajority(leader: LeaderView, leaderLog: readonly Entry[], logs: readonly StoredLog[]): LogIndex[] {
  const out: LogIndex[] = [];
  const first = leaderLog[0]?.index ?? 1;
  for (let k = Math.max(0, leader.commitIndex + 1 - first); k < leaderLog.length; k++) {
    const e = leaderLog[k]!;
    if (e.term >= leader.term) break;
    const stored = storedOn(e.index, e.term, logs);
    if (isMajority(leader.config, (id) => stored.has(id))) out.push(e.index);
  }
  return out;
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
