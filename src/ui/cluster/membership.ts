/**
 * Where each server stands in the cluster's membership (§6), for drawing: a
 * voter, a learner (non-voting, catching up; dissertation §4.2.1), or removed
 * (no longer in the configuration). During joint consensus C_old,new a voter
 * is in C_old only, C_new only, or both. Pure: no DOM, no React.
 */
import type { Configuration, ServerId } from '../../engine';

export type MemberKind = 'voter' | 'learner' | 'removed';
/** During joint consensus: which half a voter belongs to (null outside joint consensus). */
export type JointSide = 'old' | 'new' | 'both' | null;

export interface MemberInfo {
  kind: MemberKind;
  joint: JointSide;
}

/** A server's place in `config` (the configuration the picture is drawn against). */
export function membershipOf(id: ServerId, config: Configuration | null): MemberInfo {
  if (!config) return { kind: 'voter', joint: null };
  const inNew = config.voters.includes(id);
  const inOld = config.oldVoters?.includes(id) ?? false;
  if (inNew || inOld) {
    const joint: JointSide = config.oldVoters === undefined ? null : inNew && inOld ? 'both' : inNew ? 'new' : 'old';
    return { kind: 'voter', joint };
  }
  if (config.learners.includes(id)) return { kind: 'learner', joint: null };
  return { kind: 'removed', joint: null };
}

interface HasConfig {
  id: ServerId;
  alive: boolean;
  config: Configuration;
  configIndex: number;
}

/**
 * The configuration the ring is drawn against: the current leader's (the one
 * that decides), or without a leader the newest any live server holds (the
 * highest config entry index). Null when nobody knows one yet; an empty
 * configuration (a fresh server that has heard from no leader) never counts.
 */
export function referenceConfig(servers: readonly HasConfig[], leaderId: ServerId | null): Configuration | null {
  const leader = leaderId === null ? undefined : servers.find((s) => s.id === leaderId);
  if (leader && leader.config.voters.length > 0) return leader.config;
  let best: HasConfig | undefined;
  for (const s of servers) {
    if (!s.alive || s.config.voters.length === 0) continue;
    if (!best || s.configIndex > best.configIndex) best = s;
  }
  return best ? best.config : null;
}

/** "{1,2,3}" */
export function idSet(ids: readonly ServerId[]): string {
  return `{${[...ids].sort((a, b) => a - b).join(',')}}`;
}
