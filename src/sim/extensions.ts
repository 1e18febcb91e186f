/**
 * The headless API for the second half of Raft: membership changes (§6),
 * leadership transfer (dissertation §3.10), snapshots on demand (§7) and
 * simulated clients (§8). Like the rest of the API, every call validates first
 * and throws an error that names what was wrong; nothing is half-applied.
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
import type { ServerSlot } from './world';
import { ClientCluster } from './clientCluster';
import { newClient, nextServer, type ClientOp, type ClientState } from './clients';
import { watchServer } from './invariants';
import { describe, LIMITS } from './options';
import { echoList } from './rules';
import { emptyApplied } from './applied';
import type { TraceEvent } from './trace';
import type { UserAction } from './actions';

const BLOCKED: Record<ConfigRejectReason, string> = {
  'not-leader': 'there is no leader',
  'change-pending': 'the previous configuration change is not committed yet (one change at a time)',
  'no-commit-in-term': 'the new leader has not committed an entry of its own term yet',
  'no-change': 'the configuration would not change',
  'would-be-empty': 'no voter would be left',
  transferring: 'a leadership transfer is in progress',
};

/** A client as plain data, for views. */
export interface ClientView {
  id: number;
  nextSeq: number;
  leaderGuess: ServerId | null;
  pending: ClientOp | null;
  history: ClientOp[];
  /** When the pending request will be retried (null: nothing pending). */
  deadline: number | null;
}

export class ExtendedCluster extends ClientCluster {
  /** The live leader, or an error naming the action that needed one. */
  protected requireLeader(what: string): RaftState {
    const id = this.leaderId();
    if (id === null) throw new RangeError(`${what}: there is no leader right now; wait for an election`);
    return this.slot(id).node;
  }

  private requireChangeAllowed(what: string): RaftState {
    const leader = this.requireLeader(what);
    const why = membershipBlocked(leader);
    if (why) throw new RangeError(`${what}: leader S${leader.id} cannot change the configuration now: ${BLOCKED[why]}`);
    return leader;
  }

  /** A fresh server with an empty log that knows no configuration: it waits to hear from a leader. */
  private createServer(id: ServerId): void {
    const node = createNode(id, makeConfig([]), { currentTerm: 0, votedFor: null, log: emptyLog() });
    const slot: ServerSlot = {
      node,
      alive: true,
      electionDeadline: null,
      electionSetAt: this.w.time,
      electionGen: 0,
      heartbeatDeadline: null,
      heartbeatSetAt: this.w.time,
      heartbeatGen: 0,
      applied: emptyApplied(),
    };
    this.w.servers[id] = slot;
    watchServer(this.w.checker, node, { time: this.w.time, event: this.w.events, logChangedFrom: null, applied: [] });
    this.resetTimer(id, 'election');
  }

  private withAction(ev: TraceEvent, action: UserAction): TraceEvent {
    ev.action = action;
    return ev;
  }

  /**
   * §6, one server at a time: start a new server and add it as a learner; the
   * leader promotes it to voter once it has caught up. Returns the new id.
   */
  addServer(): ServerId {
    const leader = this.requireChangeAllowed('addServer()');
    const id = Math.max(...this.ids()) + 1;
    if (id > LIMITS.serverId) throw new RangeError(`addServer(): server ids go up to ${LIMITS.serverId}`);
    this.createServer(id);
    const ev = this.runNode(leader.id, { type: 'changeConfig', change: { type: 'addLearner', id } }, 'addServer', undefined, `add S${id}`);
    this.withAction(ev, { type: 'addServer' });
    return id;
  }

  /** §6: remove one server from the configuration (it keeps running until crashed). */
  removeServer(id: ServerId): void {
    this.slot(id);
    const leader = this.requireChangeAllowed(`removeServer(${id})`);
    const c = leader.config;
    if (!members(c).includes(id)) throw new RangeError(`removeServer(${id}): S${id} is not in leader S${leader.id}'s configuration (${members(c).join(', ')})`);
    if (c.voters.length === 1 && c.voters[0] === id) throw new RangeError(`removeServer(${id}): S${id} is the last voter`);
    const ev = this.runNode(leader.id, { type: 'changeConfig', change: { type: 'remove', id } }, 'removeServer', undefined, `remove S${id}`);
    this.withAction(ev, { type: 'removeServer', server: id });
  }

  /**
   * §6, joint consensus to exactly `ids`: ids not yet running start as fresh
   * servers and join as learners; once caught up the leader moves to C_old,new,
   * then C_new. Returns the ids of servers started for it.
   */
  changeMembership(ids: ServerId[]): ServerId[] {
    if (!Array.isArray(ids) || ids.length === 0) throw new TypeError(`changeMembership(ids): ids must be a non-empty array of server ids (got ${describe(ids)})`);
    for (const id of ids) {
      if (!Number.isInteger(id) || id < 1 || id > LIMITS.serverId) throw new RangeError(`changeMembership(ids): ids must be whole numbers from 1 to ${LIMITS.serverId} (got ${describe(id)})`);
    }
    if (new Set(ids).size !== ids.length) throw new RangeError(`changeMembership(ids): ids must not repeat (got ${echoList(ids)})`);
    const leader = this.requireChangeAllowed(`changeMembership([${echoList(ids)}])`);
    if (sameServers(ids, leader.config.voters)) throw new RangeError(`changeMembership(ids): the voters are already ${echoList(ids)}`);
    const fresh = ids.filter((id) => !this.w.servers[id]).sort((a, b) => a - b);
    for (const id of fresh) this.createServer(id);
    const sorted = [...ids].sort((a, b) => a - b);
    const ev = this.runNode(leader.id, { type: 'changeConfig', change: { type: 'joint', voters: sorted } }, 'changeMembership', undefined, `voters → ${sorted.join(',')}`);
    this.withAction(ev, { type: 'changeMembership', servers: sorted });
    return fresh;
  }

  /** Dissertation §3.10: the leader hands leadership to `to` (which must be a voter). */
  transferLeadership(to: ServerId): void {
    this.slot(to);
    const leader = this.requireLeader(`transferLeadership(${to})`);
    if (to === leader.id) throw new RangeError(`transferLeadership(${to}): S${to} is already the leader`);
    if (!isVoter(leader.config, to)) throw new RangeError(`transferLeadership(${to}): S${to} is not a voter in leader S${leader.id}'s configuration`);
    if (leader.transferee !== null) throw new RangeError(`transferLeadership(${to}): a transfer to S${leader.transferee} is already in progress`);
    const ev = this.runNode(leader.id, { type: 'transferLeadership', to }, 'transferLeadership', undefined, `S${leader.id} → S${to}`);
    this.withAction(ev, { type: 'transferLeadership', server: to });
  }

  /** §7: server `id` snapshots everything it has applied now. Returns its lastIncludedIndex afterwards. */
  snapshot(id: ServerId): number {
    const slot = this.slot(id);
    if (!slot.alive) throw new RangeError(`snapshot(${id}): S${id} is crashed; restart it first`);
    const ev = this.runNode(id, { type: 'snapshot' }, 'snapshot');
    this.withAction(ev, { type: 'snapshot', server: id });
    return slot.node.log.snapshotIndex;
  }

  // ---- clients (§8) ----------------------------------------------------------

  private clientFor(what: string, client: number): ClientState {
    if (!Number.isInteger(client) || client < 1 || client > LIMITS.clients) {
      throw new RangeError(`${what}: client must be a whole number from 1 to ${LIMITS.clients} (got ${describe(client)})`);
    }
    const c = this.w.clients[client] ?? newClient(client);
    if (c.pending) throw new RangeError(`${what}: client ${client} is still waiting for its request ${c.pending.seq}; one request at a time`);
    return c;
  }

  private startOp(client: ClientState, op: Omit<ClientOp, 'seq' | 'status' | 'startedAt' | 'attempts' | 'redirects' | 'retries' | 'server'>, action: UserAction, detail: string): number {
    this.w.clients[client.id] = client;
    const to = client.leaderGuess !== null && this.w.servers[client.leaderGuess] ? client.leaderGuess : nextServer(this.ids(), null);
    const seq = client.nextSeq++;
    client.pending = { ...op, seq, status: 'pending', startedAt: this.w.time, attempts: 0, redirects: 0, retries: 0, server: to };
    const sent = this.sendClientRequest(client, to);
    this.record({ kind: 'clientRequest', server: null, notes: [], sent: [sent], detail, action, client: client.id, clientOutcome: { kind: 'sent', seq, to } });
    return seq;
  }

  /** Client `client` (1..9) sends a write; it follows redirects and retries on timeout. Returns its seq. */
  clientWrite(client: number, command: string): number {
    if (typeof command !== 'string') throw new TypeError(`clientWrite(client, command): command must be a string (got ${describe(command)})`);
    if (command.length > LIMITS.commandLength) throw new RangeError(`clientWrite(client, command): command must be at most ${LIMITS.commandLength} characters (got ${command.length})`);
    const c = this.clientFor('clientWrite(client, command)', client);
    return this.startOp(c, { kind: 'write', command }, { type: 'clientRequest', client, command }, command);
  }

  /** Client `client` reads `key` linearizably (ReadIndex, or a lease with readLeases). Returns its seq. */
  clientRead(client: number, key: string): number {
    if (typeof key !== 'string' || key.length === 0 || key.length > LIMITS.commandLength) {
      throw new TypeError(`clientRead(client, key): key must be a non-empty string of at most ${LIMITS.commandLength} characters (got ${describe(key)})`);
    }
    const c = this.clientFor('clientRead(client, key)', client);
    return this.startOp(c, { kind: 'read', key }, { type: 'clientRequest', client, read: key }, `read ${key}`);
  }

  clients(): ClientView[] {
    return Object.values(this.w.clients).map((c) => ({
      id: c.id,
      nextSeq: c.nextSeq,
      leaderGuess: c.leaderGuess,
      pending: c.pending ? { ...c.pending } : null,
      history: c.history.map((op) => ({ ...op })),
      deadline: c.deadline,
    }));
  }
}
