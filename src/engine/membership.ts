/**
 * Membership changes (§6 and the dissertation's chapter 4). Configurations are
 * log entries. Two ways to change:
 *  - one server at a time (dissertation §4.1, as in etcd): add a learner, which
 *    is promoted to voter once it has caught up; or remove a server;
 *  - joint consensus to an arbitrary set (§6): new servers first join as
 *    learners; once they have caught up the leader appends C_old,new, and once
 *    that commits, C_new.
 * Only one configuration entry may be uncommitted at a time, and a new leader
 * changes nothing until it has committed an entry of its own term.
 */
import type { Configuration, EngineOptions, LogIndex, ServerId } from './types';
import { termAt } from './log';
import { isVoter, makeConfig, members, replicationPeers, sameServers } from './config';
import type { ConfigChangeKind, ConfigRejectReason, Ready } from './ready';
import type { RaftState } from './state';
import { appendAsLeader, replicateNew } from './replication';
import { newProgress } from './progress';
import { becomeFollower } from './roles';

export type ConfigChange =
  | { type: 'addLearner'; id: ServerId }
  | { type: 'remove'; id: ServerId }
  | { type: 'joint'; voters: ServerId[] };

function reject(s: RaftState, r: Ready, reason: ConfigRejectReason): void {
  r.notes.push({ kind: 'configRejected', reason });
  r.proposal = { ok: false, reason, leaderHint: s.role === 'leader' ? s.id : s.leaderId };
}

function refuse(s: RaftState, r: Ready, reason: ConfigRejectReason): null {
  reject(s, r, reason);
  return null;
}

/** Why the leader cannot start a membership change now (null: it can). */
export function membershipBlocked(s: RaftState): ConfigRejectReason | null {
  if (s.role !== 'leader') return 'not-leader';
  if (s.transferee !== null) return 'transferring';
  if (s.configIndex > s.commitIndex) return 'change-pending';
  if (termAt(s.log, s.commitIndex) !== s.currentTerm) return 'no-commit-in-term';
  return null;
}

/** A membership change requested by the user (the headless API's addServer / removeServer / changeMembership). */
export function proposeConfigChange(s: RaftState, r: Ready, opts: EngineOptions, change: ConfigChange): void {
  const why = membershipBlocked(s);
  if (why) return reject(s, r, why);
  const term = s.currentTerm;
  const index = startChange(s, r, opts, change);
  // The answer to the user's request (a change the leader makes by itself later has none).
  if (index !== null) r.proposal = { ok: true, index, term };
}

/** The first configuration entry of a change (its index), or null when refused. */
function startChange(s: RaftState, r: Ready, opts: EngineOptions, change: ConfigChange): LogIndex | null {
  const c = s.config;
  switch (change.type) {
    case 'addLearner':
      if (members(c).includes(change.id)) return refuse(s, r, 'no-change');
      return appendConfig(s, r, opts, { ...makeConfig(c.voters, [...c.learners, change.id]) }, 'addLearner', [change.id]);
    case 'remove': {
      if (!members(c).includes(change.id)) return refuse(s, r, 'no-change');
      const voters = c.voters.filter((id) => id !== change.id);
      if (voters.length === 0) return refuse(s, r, 'would-be-empty');
      return appendConfig(s, r, opts, makeConfig(voters, c.learners.filter((id) => id !== change.id)), 'remove', [change.id]);
    }
    case 'joint': {
      const target = [...new Set(change.voters)].sort((a, b) => a - b);
      if (target.length === 0) return refuse(s, r, 'would-be-empty');
      if (sameServers(target, c.voters)) return refuse(s, r, 'no-change');
      const newcomers = target.filter((id) => !c.voters.includes(id) && !c.learners.includes(id));
      if (newcomers.length > 0) {
        // New servers join as learners first and catch up before they count (§6, "non-voting members").
        const next: Configuration = makeConfig(c.voters, [...c.learners, ...newcomers]);
        next.target = target;
        return appendConfig(s, r, opts, next, 'addLearner', newcomers);
      }
      return enterJoint(s, r, opts, target);
    }
  }
}

function enterJoint(s: RaftState, r: Ready, opts: EngineOptions, target: ServerId[]): LogIndex {
  const c = s.config;
  const next: Configuration = makeConfig(target, c.learners.filter((id) => !target.includes(id)));
  next.oldVoters = c.voters.slice();
  return appendConfig(s, r, opts, next, 'enterJoint', target);
}

/** Append a configuration entry; the leader uses it at once (§6) and replicates to its members. */
function appendConfig(s: RaftState, r: Ready, opts: EngineOptions, config: Configuration, change: ConfigChangeKind, servers: ServerId[]): LogIndex {
  const index = appendAsLeader(s, r, { command: null, config });
  s.config = config;
  s.configIndex = index;
  r.notes.push({ kind: 'configAppended', index, term: s.currentTerm, change, servers, config });
  const peers = replicationPeers(config, s.id);
  for (const id of Object.keys(s.progress).map(Number)) if (!peers.includes(id)) delete s.progress[id];
  for (const id of peers) if (!s.progress[id]) s.progress[id] = newProgress(index);
  replicateNew(s, r, opts);
  return index;
}

/**
 * After commitIndex moves on a leader: a leader that is not in a committed C_new
 * steps down (§6); otherwise the membership plan continues.
 */
export function afterCommitAdvanced(s: RaftState, r: Ready, opts: EngineOptions): void {
  if (s.role !== 'leader') return;
  if (s.configIndex <= s.commitIndex && s.config.oldVoters === undefined && !isVoter(s.config, s.id)) {
    becomeFollower(s, r, s.currentTerm, null, 'removedFromConfig');
    return;
  }
  maybeProgressMembership(s, r, opts);
}

/**
 * The leader moves a change along when the previous step has committed:
 * C_old,new → C_new; learners that have caught up → the joint configuration they
 * were added for, or voters one at a time.
 */
export function maybeProgressMembership(s: RaftState, r: Ready, opts: EngineOptions): void {
  if (membershipBlocked(s)) return;
  const c = s.config;
  if (c.oldVoters !== undefined) {
    appendConfig(s, r, opts, makeConfig(c.voters, c.learners), 'leaveJoint', c.voters);
    return;
  }
  if (c.learners.length === 0) return;
  // A learner has caught up when it holds everything committed so far.
  const caughtUp = (id: ServerId): boolean => (s.progress[id]?.matchIndex ?? 0) >= s.commitIndex;
  if (c.target) {
    const target = c.target;
    if (c.learners.filter((id) => target.includes(id)).every(caughtUp)) enterJoint(s, r, opts, target);
    return;
  }
  const ready = c.learners.find(caughtUp);
  if (ready !== undefined) {
    appendConfig(s, r, opts, makeConfig([...c.voters, ready], c.learners.filter((id) => id !== ready)), 'promote', [ready]);
  }
}
