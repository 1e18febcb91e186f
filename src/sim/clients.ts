/**
 * Simulated clients (§8). A client sends one request at a time, tagged with
 * its id and a sequence number; it follows redirects to the leader a server
 * names, and when no answer comes within clientTimeoutMs it retries the same
 * request (same seq) at the next server. With client sessions the cluster
 * applies a retried write once; without them it may apply it twice.
 */
import type { ClientReply, LogIndex, ReadVia, ServerId } from '../engine';

export interface ClientOp {
  seq: number;
  kind: 'write' | 'read';
  /** The write's command, or the key a read asks for. */
  command?: string;
  key?: string;
  status: 'pending' | 'done';
  startedAt: number;
  finishedAt?: number;
  /** Requests sent for it (1 + redirects + retries). */
  attempts: number;
  redirects: number;
  /** Timeouts after which the client tried again. */
  retries: number;
  /** Servers that knew no leader, tried one after another since the last timeout (at most once round the cluster). */
  bounces?: number;
  /** The server the latest attempt went to. */
  server: ServerId;
  /** Writes: where it was applied; `duplicate` when the cluster recognised a retry. */
  index?: LogIndex;
  duplicate?: boolean;
  /** Reads: the value returned and how the leader made the read safe. */
  value?: string | null;
  readIndex?: LogIndex;
  readVia?: ReadVia;
  readRound?: number;
  servedBy?: ServerId;
}

export interface ClientState {
  id: number;
  nextSeq: number;
  /** Whom the client believes leads (from the last reply or redirect). */
  leaderGuess: ServerId | null;
  pending: ClientOp | null;
  /** Finished requests, oldest first (the newest CLIENT_HISTORY are kept). */
  history: ClientOp[];
  timerGen: number;
  deadline: number | null;
}

export const CLIENT_HISTORY = 20;

export function newClient(id: number): ClientState {
  return { id, nextSeq: 1, leaderGuess: null, pending: null, history: [], timerGen: 0, deadline: null };
}

export function copyClient(c: ClientState): ClientState {
  return { ...c, pending: c.pending ? { ...c.pending } : null, history: c.history.slice() };
}

/** What a client did when a reply or timeout reached it (for the trace and the event log). */
export type ClientOutcome =
  | { kind: 'completed'; seq: number; from: ServerId }
  /** `to` null: no leader is known, so the client waits for its retry timer. */
  | { kind: 'redirected'; seq: number; from: ServerId; to: ServerId | null; hint: ServerId | null }
  | { kind: 'retried'; seq: number; to: ServerId }
  | { kind: 'staleReply'; seq: number; from: ServerId }
  | { kind: 'sent'; seq: number; to: ServerId };

/** The next server to try after `after`, in id order, wrapping around. */
export function nextServer(ids: readonly ServerId[], after: ServerId | null): ServerId {
  const sorted = [...ids].sort((a, b) => a - b);
  if (after === null) return sorted[0]!;
  return sorted.find((id) => id > after) ?? sorted[0]!;
}

/** Record a successful reply on the pending op; returns the finished op. */
export function completeOp(op: ClientOp, m: ClientReply, now: number): ClientOp {
  // A copy field by field, not a spread: V8 extends a spread's copy slowly (issue 14's profile).
  const done = {} as ClientOp;
  for (const k in op) (done as unknown as Record<string, unknown>)[k] = op[k as keyof ClientOp];
  done.status = 'done';
  done.finishedAt = now;
  done.servedBy = m.from;
  if (m.index !== undefined) done.index = m.index;
  if (m.alreadyApplied) done.duplicate = true;
  if (m.value !== undefined) done.value = m.value;
  if (m.readIndex !== undefined) done.readIndex = m.readIndex;
  if (m.readVia !== undefined) done.readVia = m.readVia;
  if (m.readRound !== undefined) done.readRound = m.readRound;
  return done;
}
