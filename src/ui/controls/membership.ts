/**
 * What the membership controls may do right now, computed from the page's copy
 * of the run (no worker call). Each check returns the translation key of the
 * reason an action is not possible, or null when it is. The simulator checks
 * again and its error (a toast) is the fallback; these exist so that a button
 * can be disabled with the reason next to it, in the reader's language.
 */
import type { Configuration, Entry, ServerId } from '../../engine';
import type { ServerSummary } from '../../sim';

export interface MembershipView {
  leader: ServerSummary | null;
  /** The configuration the leader uses (the latest in its log, §6); null without a leader. */
  config: Configuration | null;
  /** The leader's configuration entry is not committed yet. */
  uncommitted: boolean;
}

export function membershipView(servers: readonly ServerSummary[], leaderId: ServerId | null): MembershipView {
  const leader = servers.find((s) => s.id === leaderId && s.alive && s.role === 'leader') ?? null;
  if (!leader) return { leader: null, config: null, uncommitted: false };
  return { leader, config: leader.config, uncommitted: leader.configIndex > leader.commitIndex };
}

/** Every member of a configuration: voters (old and new) and learners, in id order. */
export function membersOf(c: Configuration): ServerId[] {
  return [...new Set([...c.voters, ...(c.oldVoters ?? []), ...c.learners])].sort((a, b) => a - b);
}

export function isVoterIn(c: Configuration, id: ServerId): boolean {
  return c.voters.includes(id) || (c.oldVoters?.includes(id) ?? false);
}

/** The term of the entry at `index` in a server's log as the page has it (undefined: not known). */
function termAt(s: ServerSummary, log: readonly Entry[] | undefined, index: number): number | undefined {
  if (index === 0) return 0;
  if (index === s.snapshotIndex) return s.snapshotTerm;
  const first = log?.[0]?.index;
  if (log === undefined || first === undefined) return undefined;
  return log[index - first]?.term;
}

/**
 * Why the leader cannot start a configuration change (the engine's rules, §6 and
 * dissertation §4.1): none, a transfer, an uncommitted change, no entry of its term yet.
 */
export function changeBlocked(v: MembershipView, leaderLog: readonly Entry[] | undefined): string | null {
  const { leader, config } = v;
  if (!leader || !config) return 'mem.why.noLeader';
  if (leader.transferee !== null) return 'mem.why.transferring';
  if (v.uncommitted) return 'mem.why.pending';
  if (config.oldVoters !== undefined || config.target !== undefined) return 'mem.why.joint';
  const t = termAt(leader, leaderLog, leader.commitIndex);
  if (t !== undefined && t !== leader.term) return 'mem.why.noCommitInTerm';
  return null;
}

export function removeBlocked(v: MembershipView, leaderLog: readonly Entry[] | undefined, target: ServerId | null): string | null {
  if (target === null) return 'mem.why.choose';
  const why = changeBlocked(v, leaderLog);
  if (why) return why;
  const c = v.config!;
  if (!membersOf(c).includes(target)) return 'mem.why.notMember';
  if (c.voters.length === 1 && c.voters[0] === target) return 'mem.why.lastVoter';
  return null;
}

export function transferBlocked(v: MembershipView, target: ServerId | null): string | null {
  if (target === null) return 'mem.why.choose';
  const { leader, config } = v;
  if (!leader || !config) return 'mem.why.noLeader';
  if (target === leader.id) return 'mem.why.alreadyLeader';
  if (!isVoterIn(config, target)) return 'mem.why.notVoter';
  if (leader.transferee !== null) return 'mem.why.transferring';
  return null;
}

export function snapshotBlocked(s: ServerSummary | undefined): string | null {
  if (!s) return 'mem.why.choose';
  if (!s.alive) return 'mem.why.crashed';
  if (s.lastApplied <= s.snapshotIndex) return 'mem.why.nothingApplied';
  return null;
}

/** Ids for servers that do not exist yet, offered as "new server" slots: the next free ones after every existing id. */
export function newSlots(existing: readonly ServerId[], count: number, maxId: number): ServerId[] {
  const next = Math.max(0, ...existing) + 1;
  return Array.from({ length: count }, (_, k) => next + k).filter((id) => id <= maxId);
}

/** Why a target set cannot be proposed (null: it can). */
export function targetProblem(target: readonly ServerId[], config: Configuration | null): string | null {
  if (target.length === 0) return 'mem.dialog.err.empty';
  if (config) {
    const same = target.length === config.voters.length && target.every((id) => config.voters.includes(id));
    if (same) return 'mem.dialog.err.same';
  }
  return null;
}
