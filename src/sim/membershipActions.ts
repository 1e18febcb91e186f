/**
 * Who is in the cluster and who leads it: membership changes (§6: one server
 * at a time, or joint consensus to a new set of voters) and leadership
 * transfer (dissertation §3.10). Each is asked of the current leader, which
 * must be able to change its configuration now; the engine carries it out.
 */
import {
  createNode,
  emptyLog,
  isVoter,
  makeConfig,
  members,
  membershipBlocked,
  sameServers,
  type ConfigRejectReason,
  type RaftState,
  type ServerId,
} from '../engine';
import { recorded, type ActionHandler } from './handler';
import { watchServer } from './invariants';
import { leaderId, serverIds, slot, type World } from './live';
import { describe, LIMITS } from './options';
import { echoList } from './rules';
import { runNode } from './serverStep';
import { resetTimer } from './timers';
import { newSlot } from './world';

const BLOCKED: Record<ConfigRejectReason, string> = {
  'not-leader': 'there is no leader',
  'change-pending': 'the previous configuration change is not committed yet (one change at a time)',
  'no-commit-in-term': 'the new leader has not committed an entry of its own term yet',
  'no-change': 'the configuration would not change',
  'would-be-empty': 'no voter would be left',
  transferring: 'a leadership transfer is in progress',
};

/** The live leader, or an error naming the action that needed one. */
function requireLeader(w: World, what: string): RaftState {
  const id = leaderId(w);
  if (id === null) throw new RangeError(`${what}: there is no leader right now; wait for an election`);
  return slot(w, id).node;
}

/** The leader, if it may change its configuration now (one change at a time, §6; dissertation §4.1). */
function requireChangeAllowed(w: World, what: string): RaftState {
  const leader = requireLeader(w, what);
  const why = membershipBlocked(leader);
  if (why) throw new RangeError(`${what}: leader S${leader.id} cannot change the configuration now: ${BLOCKED[why]}`);
  return leader;
}

/** Checked already: the leader the action is asked of. */
function leaderOf(w: World): ServerId {
  return leaderId(w)!;
}

function nextServerId(w: World): ServerId {
  return Math.max(...serverIds(w)) + 1;
}

/** A fresh server with an empty log that knows no configuration: it waits to hear from a leader. */
function createServer(w: World, id: ServerId): void {
  const node = createNode(id, makeConfig([]), { currentTerm: 0, votedFor: null, log: emptyLog() });
  w.state.servers[id] = newSlot(node, true, w.state.time);
  watchServer(w.state.checker, node, { time: w.state.time, event: w.state.events, logChangedFrom: null, applied: [] });
  resetTimer(w, id, 'election');
}

/** §6, one server at a time: start a new server and add it as a learner; the leader promotes it to voter once it has caught up. */
export const addServer: ActionHandler<'addServer'> = {
  check(w) {
    requireChangeAllowed(w, 'addServer()');
    if (nextServerId(w) > LIMITS.serverId) throw new RangeError(`addServer(): server ids go up to ${LIMITS.serverId}`);
    return { type: 'addServer' };
  },
  run(w) {
    const leader = leaderOf(w);
    const id = nextServerId(w);
    createServer(w, id);
    const event = runNode(w, leader, { type: 'changeConfig', change: { type: 'addLearner', id } }, 'addServer', undefined, `add S${id}`);
    return { event, result: { started: [id] } };
  },
};

/** §6: remove one server from the configuration (it keeps running until crashed). */
export const removeServer: ActionHandler<'removeServer'> = {
  check(w, a) {
    const id = a.server;
    slot(w, id);
    const leader = requireChangeAllowed(w, `removeServer(${id})`);
    const c = leader.config;
    if (!members(c).includes(id)) throw new RangeError(`removeServer(${id}): S${id} is not in leader S${leader.id}'s configuration (${members(c).join(', ')})`);
    if (c.voters.length === 1 && c.voters[0] === id) throw new RangeError(`removeServer(${id}): S${id} is the last voter`);
    return { type: 'removeServer', server: id };
  },
  run(w, a) {
    return recorded(runNode(w, leaderOf(w), { type: 'changeConfig', change: { type: 'remove', id: a.server } }, 'removeServer', undefined, `remove S${a.server}`));
  },
};

/**
 * §6, joint consensus to exactly these voters: ids not yet running start as
 * fresh servers and join as learners; once they have caught up the leader
 * moves to C_old,new, then C_new. The action applied lists the voters in order.
 */
export const changeMembership: ActionHandler<'changeMembership'> = {
  check(w, a) {
    const ids: unknown = a.servers;
    if (!Array.isArray(ids) || ids.length === 0) throw new TypeError(`changeMembership(ids): ids must be a non-empty array of server ids (got ${describe(ids)})`);
    for (const id of ids) {
      if (!Number.isInteger(id) || id < 1 || id > LIMITS.serverId) throw new RangeError(`changeMembership(ids): ids must be whole numbers from 1 to ${LIMITS.serverId} (got ${describe(id)})`);
    }
    if (new Set(ids).size !== ids.length) throw new RangeError(`changeMembership(ids): ids must not repeat (got ${echoList(ids)})`);
    const leader = requireChangeAllowed(w, `changeMembership([${echoList(ids)}])`);
    if (sameServers(ids as ServerId[], leader.config.voters)) throw new RangeError(`changeMembership(ids): the voters are already ${echoList(ids)}`);
    return { type: 'changeMembership', servers: [...(ids as ServerId[])].sort((x, y) => x - y) };
  },
  run(w, a) {
    const leader = leaderOf(w);
    const fresh = a.servers.filter((id) => !w.state.servers[id]);
    for (const id of fresh) createServer(w, id);
    const event = runNode(w, leader, { type: 'changeConfig', change: { type: 'joint', voters: a.servers.slice() } }, 'changeMembership', undefined, `voters → ${a.servers.join(',')}`);
    return { event, result: { started: fresh } };
  },
};

/** Dissertation §3.10: the leader brings `to` up to date, then sends it TimeoutNow; `to` must be a voter. */
export const transferLeadership: ActionHandler<'transferLeadership'> = {
  check(w, a) {
    const to = a.server;
    slot(w, to);
    const leader = requireLeader(w, `transferLeadership(${to})`);
    if (to === leader.id) throw new RangeError(`transferLeadership(${to}): S${to} is already the leader`);
    if (!isVoter(leader.config, to)) throw new RangeError(`transferLeadership(${to}): S${to} is not a voter in leader S${leader.id}'s configuration`);
    if (leader.transferee !== null) throw new RangeError(`transferLeadership(${to}): a transfer to S${leader.transferee} is already in progress`);
    return { type: 'transferLeadership', server: to };
  },
  run(w, a) {
    const leader = leaderOf(w);
    return recorded(runNode(w, leader, { type: 'transferLeadership', to: a.server }, 'transferLeadership', undefined, `S${leader} → S${a.server}`));
  },
};
