/**
 * What the membership controls may do right now, computed from the page's copy
 * of the run (no worker call). Each check returns the translation key of the
 * reason an action is not possible, or null when it is. The simulator checks
 * again and its error (a toast) is the fallback; these exist so that a button
 * can be disabled with the reason next to it, in the reader's language.
 */
import { isVoter, members, termAt, type Configuration, type Entry, type ServerId } from '../../engine';
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

/**
 * The term of the entry at `index` in a server's log as the page has it
 * (undefined: not known). The page's copy starts after the server's snapshot,
 * like the server's own, so the engine's accessor reads it.
 */
function termInPage(s: ServerSummary, log: readonly Entry[] | undefined, index: number): number | undefined {
  if (log === undefined) return index === s.snapshotIndex ? s.snapshotTerm : undefined;
  if (log.length > 0 && log[0]!.index !== s.snapshotIndex + 1) return undefined; // a copy out of step with the summary
  return termAt({ snapshotIndex: s.snapshotIndex, snapshotTerm: s.snapshotTerm, entries: log as Entry[] }, index);
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
  const t = termInPage(leader, leaderLog, leader.commitIndex);
  if (t !== undefined && t !== leader.term) return 'mem.why.noCommitInTerm';
  return null;
}

export function removeBlocked(v: MembershipView, leaderLog: readonly Entry[] | undefined, target: ServerId | null): string | null {
  if (target === null) return 'mem.why.choose';
  const why = changeBlocked(v, leaderLog);
  if (why) return why;
  const c = v.config!;
  if (!members(c).includes(target)) return 'mem.why.notMember';
  if (c.voters.length === 1 && c.voters[0] === target) return 'mem.why.lastVoter';
  return null;
}

export function transferBlocked(v: MembershipView, target: ServerId | null): string | null {
  if (target === null) return 'mem.why.choose';
  const { leader, config } = v;
  if (!leader || !config) return 'mem.why.noLeader';
  if (target === leader.id) return 'mem.why.alreadyLeader';
  if (!isVoter(config, target)) return 'mem.why.notVoter';
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
