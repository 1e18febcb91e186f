/**
 * The simulated clients' side of the world (§8): sending a client's request,
 * its retry timer, and what it does with a reply (done, follow a redirect, try
 * the next server, or wait). The data and the rules of one client are in
 * clients.ts; the servers' side is the engine (src/engine/reads.ts).
 */
import { clientAddress, type ClientReply, type Message, type ServerId } from '../engine';
import { Cluster } from './cluster';
import { CLIENT_HISTORY, completeOp, nextServer, type ClientOp, type ClientOutcome, type ClientState } from './clients';
import type { InFlightMessage } from './network';
import type { TraceEvent } from './trace';

export abstract class ClientCluster extends Cluster {
  /** Send the client's pending request to `to` and (re)start its retry timer. */
  protected sendClientRequest(client: ClientState, to: ServerId): number {
    const op = client.pending!;
    op.server = to;
    op.attempts++;
    const base = { type: 'ClientRequest', from: clientAddress(client.id), to, term: 0, client: client.id, seq: op.seq, attempt: op.attempts } as const;
    const m: Message = op.kind === 'write' ? { ...base, command: op.command! } : { ...base, read: op.key! };
    const id = this.send(m, false);
    this.resetClientTimer(client);
    return id;
  }

  private resetClientTimer(client: ClientState): void {
    const time = this.w.time + this.w.options.clientTimeoutMs;
    client.deadline = time;
    client.timerGen++;
    this.queue.push({ kind: 'clientTimer', client: client.id, gen: client.timerGen, time, seq: this.w.seq++ });
  }

  private finishOp(client: ClientState, done: ClientOp): void {
    client.pending = null;
    client.deadline = null;
    client.timerGen++;
    client.history.push(done);
    if (client.history.length > CLIENT_HISTORY) client.history.shift();
  }

  /** No answer in time: try the same request (same seq) at the next server (§8). */
  protected clientTimeout(id: number): TraceEvent {
    const client = this.w.clients[id]!;
    const op = client.pending!;
    op.retries++;
    op.bounces = 0;
    const to = nextServer(this.ids(), op.server);
    client.leaderGuess = null;
    const sent = this.sendClientRequest(client, to);
    const outcome: ClientOutcome = { kind: 'retried', seq: op.seq, to };
    return this.record({ kind: 'clientTimeout', server: null, notes: [], sent: [sent], client: id, clientOutcome: outcome });
  }

  /** A reply reaches a client: done, or follow the redirect. */
  protected deliverToClient(m: InFlightMessage & ClientReply): TraceEvent {
    const client = this.w.clients[m.client];
    const failure = m.lost ? 'lost' : this.w.network.disconnected[m.from] ? 'sender-disconnected' : null;
    if (failure || !client) {
      this.w.stats.undelivered++;
      return this.record({ kind: 'drop', server: null, message: m, failure: failure ?? 'lost', notes: [], sent: [], client: m.client });
    }
    this.w.stats.delivered++;
    const received = (clientOutcome: ClientOutcome, sent: number[] = []): TraceEvent =>
      this.record({ kind: 'deliver', server: null, message: m, notes: [], sent, client: client.id, clientOutcome });
    const op = client.pending;
    // An answer for a request already finished, or the refusal of an earlier try (or a
    // network duplicate): the client has moved on.
    if (!op || op.seq !== m.seq || (!m.ok && m.attempt !== op.attempts)) return received({ kind: 'staleReply', seq: m.seq, from: m.from });
    if (m.ok) {
      client.leaderGuess = m.from;
      this.finishOp(client, completeOp(op, m, this.w.time));
      return received({ kind: 'completed', seq: m.seq, from: m.from });
    }
    op.redirects++;
    const hint = m.leaderHint ?? null;
    client.leaderGuess = hint;
    let to: ServerId;
    if (hint !== null && this.w.servers[hint]) {
      to = hint;
    } else if ((op.bounces ?? 0) < this.ids().length - 1) {
      // This server knows no leader: ask the next one, once round the cluster per timeout.
      op.bounces = (op.bounces ?? 0) + 1;
      to = nextServer(this.ids(), m.from);
    } else {
      // Nobody knows a leader (an election is on): wait for the retry timer instead of
      // bouncing between servers at network speed.
      return received({ kind: 'redirected', seq: m.seq, from: m.from, to: null, hint });
    }
    return received({ kind: 'redirected', seq: m.seq, from: m.from, to, hint }, [this.sendClientRequest(client, to)]);
  }
}
