/**
 * Cluster membership (§6). A configuration is log data: a server uses the latest
 * configuration in its log, committed or not, and falls back to the previous
 * one if that entry is truncated away.
 */
import type { Configuration, LogIndex, LogState, ServerId } from './types';

export function makeConfig(voters: readonly ServerId[], learners: readonly ServerId[] = []): Configuration {
  return { voters: [...voters].sort((a, b) => a - b), learners: [...learners].sort((a, b) => a - b) };
}

/** Whether `id` votes: in C_new or, during joint consensus, in C_old. */
export function isVoter(c: Configuration, id: ServerId): boolean {
  return c.voters.includes(id) || (c.oldVoters?.includes(id) ?? false);
}

/** Every server the configuration names (voters of both halves and learners), once, ascending. */
export function members(c: Configuration): ServerId[] {
  const all = new Set<ServerId>([...c.voters, ...(c.oldVoters ?? []), ...c.learners]);
  return [...all].sort((a, b) => a - b);
}

/**
 * Configurations are never changed once made (each change makes a new one), so the
 * peer lists derived from one are computed once per server and reused: they are
 * read on every heartbeat. Callers must not change the arrays returned.
 */
const peerCache = new WeakMap<Configuration, Map<ServerId, { replication: ServerId[]; voting: ServerId[] }>>();

function peersOf(c: Configuration, self: ServerId): { replication: ServerId[]; voting: ServerId[] } {
  let bySelf = peerCache.get(c);
  if (!bySelf) {
    bySelf = new Map();
    peerCache.set(c, bySelf);
  }
  let p = bySelf.get(self);
  if (!p) {
    const replication = members(c).filter((id) => id !== self);
    p = { replication, voting: replication.filter((id) => isVoter(c, id)) };
    bySelf.set(self, p);
  }
  return p;
}

/** Servers a leader replicates to: every member but itself (§6: learners too). */
export function replicationPeers(c: Configuration, self: ServerId): readonly ServerId[] {
  return peersOf(c, self).replication;
}

/** Servers asked for votes: every voter but itself (both halves in joint consensus). */
export function votingPeers(c: Configuration, self: ServerId): readonly ServerId[] {
  return peersOf(c, self).voting;
}

/** The latest configuration at or before `index` (the snapshot's, if no entry holds one). */
export function configAt(log: LogState, index: LogIndex): { config: Configuration; index: LogIndex } {
  const base = log.snapshotIndex;
  for (let i = Math.min(index, base + log.entries.length); i > base; i--) {
    const e = log.entries[i - base - 1]!;
    if (e.config) return { config: e.config, index: i };
  }
  return { config: log.snapshotConfig, index: base };
}

export function configAtEnd(log: LogState): { config: Configuration; index: LogIndex } {
  return configAt(log, log.snapshotIndex + log.entries.length);
}

export function sameServers(a: readonly ServerId[], b: readonly ServerId[]): boolean {
  if (a.length !== b.length) return false;
  const sa = [...a].sort((x, y) => x - y);
  const sb = [...b].sort((x, y) => x - y);
  return sa.every((v, k) => v === sb[k]);
}

