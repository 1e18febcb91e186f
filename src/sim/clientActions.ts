/**
 * Clients (§8). A user's requests: submit (one command straight to a server,
 * as the paper's figures do) and clientRequest (a simulated client's write or
 * linearizable read). And the simulated clients' side of the world: sending a
 * client's request, its retry timer, and what it does with a reply (done,
 * follow a redirect, try the next server, or wait). The data and rules of one
 * client are in clients.ts; the servers' side is the engine (src/engine/reads.ts).
 */
import { clientAddress, type ClientReply, type Message, type ServerId } from '../engine';
import type { ActionOf } from './actions';
import { CLIENT_HISTORY, completeOp, newClient, nextServer, type ClientOp, type ClientOutcome, type ClientState } from './clients';
import type { ActionHandler } from './handler';
import { leaderId, record, serverIds, slot, type World } from './live';
import { describe, LIMITS } from './options';
import { runNode } from './serverStep';
import { resetClientTimer } from './timers';
import type { TraceEvent } from './trace';
import { inFlightMessage, send } from './wire';
import type { WireDelivery } from './world';

// ---- the user's requests ---------------------------------------------------

/** A command to server `server`, or to the current leader; the result is that server's answer (§5.3: only a leader accepts). */
export const submit: ActionHandler<'submit'> = {
  check(w, a) {
    const { command, server } = a;
    if (typeof command !== 'string') throw new TypeError(`submit(command): command must be a string (got ${describe(command)})`);
    if (command.length > LIMITS.commandLength) {
      throw new RangeError(`submit(command): command must be at most ${LIMITS.commandLength} characters (got ${command.length})`);
    }
    if (server === undefined) return { type: 'submit', command };
    slot(w, server);
    return { type: 'submit', command, server };
  },
  run(w, a) {
    const target = a.server === undefined ? leaderId(w) : a.server;
    if (target === null || !slot(w, target).alive) {
      const event = record(w, { kind: 'submit', server: target, notes: [], sent: [], detail: a.command });
      return { event, result: { submit: { ok: false, leaderHint: null } } };
    }
    const event = runNode(w, target, { type: 'propose', command: a.command }, 'submit', undefined, a.command);
    const p = w.lastReady?.proposal;
    return { event, result: { submit: p ? { ...p } : { ok: false, leaderHint: null } } };
  },
};

/** A read when `read` is a key (or given without a command, to name the read's own rule when it is not a key); otherwise a write. */
function isRead(a: ActionOf<'clientRequest'>): boolean {
  return typeof a.read === 'string' || (a.read !== undefined && a.command === undefined);
}

/** The client, valid and free: one request at a time per client (§8). Not stored until its request starts. */
function clientFor(w: World, what: string, client: number): ClientState {
  if (!Number.isInteger(client) || client < 1 || client > LIMITS.clients) {
    throw new RangeError(`${what}: client must be a whole number from 1 to ${LIMITS.clients} (got ${describe(client)})`);
  }
  const c = w.state.clients[client] ?? newClient(client);
  if (c.pending) throw new RangeError(`${what}: client ${client} is still waiting for its request ${c.pending.seq}; one request at a time`);
  return c;
}

/**
 * Client `client` (1..9) sends a write (`command`) or a linearizable read of a
 * key (`read`: ReadIndex, or a lease with readLeases); it follows redirects and
 * retries on timeout with the same seq, so a session applies a write once (§8).
 */
export const clientRequest: ActionHandler<'clientRequest'> = {
  check(w, a) {
    if (isRead(a)) {
      const key = a.read;
      if (typeof key !== 'string' || key.length === 0 || key.length > LIMITS.commandLength) {
        throw new TypeError(`clientRead(client, key): key must be a non-empty string of at most ${LIMITS.commandLength} characters (got ${describe(key)})`);
      }
      clientFor(w, 'clientRead(client, key)', a.client);
      return { type: 'clientRequest', client: a.client, read: key };
    }
    const command = a.command;
    if (typeof command !== 'string') throw new TypeError(`clientWrite(client, command): command must be a string (got ${describe(command)})`);
    if (command.length > LIMITS.commandLength) throw new RangeError(`clientWrite(client, command): command must be at most ${LIMITS.commandLength} characters (got ${command.length})`);
    clientFor(w, 'clientWrite(client, command)', a.client);
    return { type: 'clientRequest', client: a.client, command };
  },
  run(w, a) {
    const client = w.state.clients[a.client] ?? newClient(a.client);
    w.state.clients[client.id] = client;
    const to = client.leaderGuess !== null && w.state.servers[client.leaderGuess] ? client.leaderGuess : nextServer(serverIds(w), null);
    const seq = client.nextSeq++;
    const startedAt = w.state.time;
    // Literals with the fields in one order (kind, command or key, then the rest), not a spread (slow to extend, see sendClientRequest).
    const op: ClientOp =
      a.read !== undefined
        ? { kind: 'read', key: a.read, seq, status: 'pending', startedAt, attempts: 0, redirects: 0, retries: 0, server: to }
        : { kind: 'write', command: a.command!, seq, status: 'pending', startedAt, attempts: 0, redirects: 0, retries: 0, server: to };
    client.pending = op;
    const sent = sendClientRequest(w, client, to);
    const detail = a.read !== undefined ? `read ${a.read}` : a.command!;
    const event = record(w, { kind: 'clientRequest', server: null, notes: [], sent: [sent], detail, client: client.id, clientOutcome: { kind: 'sent', seq, to } });
    return { event, result: { seq } };
  },
};

// ---- the simulated clients at work -----------------------------------------

/** Send the client's pending request to `to` and (re)start its retry timer. */
function sendClientRequest(w: World, client: ClientState, to: ServerId): number {
  const op = client.pending!;
  op.server = to;
  op.attempts++;
  // Literals, not a spread of a shared base: a spread's copy gets a map of its own
  // that send()'s envelope stores then transition slowly (issue 14's profile).
  const from = clientAddress(client.id);
  const m: Message =
    op.kind === 'write'
      ? { type: 'ClientRequest', from, to, term: 0, client: client.id, seq: op.seq, attempt: op.attempts, command: op.command! }
      : { type: 'ClientRequest', from, to, term: 0, client: client.id, seq: op.seq, attempt: op.attempts, read: op.key! };
  const id = send(w, m, false);
  resetClientTimer(w, client);
  return id;
}

function finishOp(client: ClientState, done: ClientOp): void {
  client.pending = null;
  client.deadline = null;
  client.timerGen++;
  client.history.push(done);
  if (client.history.length > CLIENT_HISTORY) client.history.shift();
}

/** No answer in time: try the same request (same seq) at the next server (§8). */
export function clientTimeout(w: World, id: number): TraceEvent {
  const client = w.state.clients[id]!;
  const op = client.pending!;
  op.retries++;
  op.bounces = 0;
  const to = nextServer(serverIds(w), op.server);
  client.leaderGuess = null;
  const sent = sendClientRequest(w, client, to);
  const outcome: ClientOutcome = { kind: 'retried', seq: op.seq, to };
  return record(w, { kind: 'clientTimeout', server: null, notes: [], sent: [sent], client: id, clientOutcome: outcome });
}

/** A reply reaches a client: done, or follow the redirect. */
export function deliverToClient(w: World, d: WireDelivery & { message: ClientReply }): TraceEvent {
  const m = d.message;
  const client = w.state.clients[m.client];
  const failure = d.lost ? 'lost' : w.state.network.disconnected[m.from] ? 'sender-disconnected' : null;
  if (failure || !client) {
    w.state.stats.undelivered++;
    return record(w, { kind: 'drop', server: null, message: inFlightMessage(d), failure: failure ?? 'lost', notes: [], sent: [], client: m.client });
  }
  w.state.stats.delivered++;
  const received = (clientOutcome: ClientOutcome, sent: number[] = []): TraceEvent =>
    record(w, { kind: 'deliver', server: null, message: inFlightMessage(d), notes: [], sent, client: client.id, clientOutcome });
  const op = client.pending;
  // An answer for a request already finished, or the refusal of an earlier try (or a
  // network duplicate): the client has moved on.
  if (!op || op.seq !== m.seq || (!m.ok && m.attempt !== op.attempts)) return received({ kind: 'staleReply', seq: m.seq, from: m.from });
  if (m.ok) {
    client.leaderGuess = m.from;
    finishOp(client, completeOp(op, m, w.state.time));
    return received({ kind: 'completed', seq: m.seq, from: m.from });
  }
  op.redirects++;
  const hint = m.leaderHint ?? null;
  client.leaderGuess = hint;
  const ids = serverIds(w);
  let to: ServerId;
  if (hint !== null && w.state.servers[hint]) {
    to = hint;
  } else if ((op.bounces ?? 0) < ids.length - 1) {
    // This server knows no leader: ask the next one, once round the cluster per timeout.
    op.bounces = (op.bounces ?? 0) + 1;
    to = nextServer(ids, m.from);
  } else {
    // Nobody knows a leader (an election is on): wait for the retry timer instead of
    // bouncing between servers at network speed.
    return received({ kind: 'redirected', seq: m.seq, from: m.from, to: null, hint });
  }
  return received({ kind: 'redirected', seq: m.seq, from: m.from, to, hint }, [sendClientRequest(w, client, to)]);
}
