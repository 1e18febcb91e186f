/**
 * Client interaction on the leader (§8): writes tagged with client id and
 * sequence number (so a retry is applied once), and linearizable reads via
 * ReadIndex or, as an option, a leader lease.
 *
 * ReadIndex (dissertation §6.4): once the leader has committed an entry of its
 * term, it records commitIndex as the read index, confirms it is still leader
 * with a heartbeat round acknowledged by a majority, and answers when its state
 * machine has applied up to the read index.
 */
import type { EngineOptions, LogIndex } from './types';
import { clientAddress, type ClientReply, type ClientRequest } from './messages';
import { lastTerm, termAt } from './log';
import { committedIndex } from './quorum';
import type { Ready } from './ready';
import type { RaftState } from './state';
import { appendAsLeader, broadcastAppend, replicateNew, ROUNDS_KEPT } from './replication';

function replyTo(s: RaftState, r: Ready, m: { client: number; seq: number; attempt?: number }, fields: Omit<ClientReply, 'type' | 'from' | 'to' | 'term' | 'client' | 'seq'>): void {
  const reply = { type: 'ClientReply', from: s.id, to: clientAddress(m.client), term: s.currentTerm, client: m.client, seq: m.seq } as ClientReply;
  // Copied field by field, not spread: V8 extends a spread's copy slowly, and the
  // simulator adds its envelope fields to every message sent (issue 14's profile).
  for (const k in fields) (reply as unknown as Record<string, unknown>)[k] = fields[k as keyof typeof fields];
  if (m.attempt !== undefined) reply.attempt = m.attempt;
  r.messages.push(reply);
}

export function handleClientRequest(s: RaftState, r: Ready, opts: EngineOptions, m: ClientRequest): void {
  const redirect = (reason: 'not-leader' | 'transferring'): void => {
    const leaderHint = s.role === 'leader' ? null : s.leaderId;
    r.notes.push({ kind: 'clientRedirected', client: m.client, seq: m.seq, leaderHint, reason });
    replyTo(s, r, m, { ok: false, leaderHint, reason });
  };
  if (s.role !== 'leader') return redirect('not-leader');
  if (m.read !== undefined) return startRead(s, r, opts, m, m.read);
  if (s.transferee !== null) return redirect('transferring');
  // §8: a retry of a request this state machine already applied is answered from the session.
  const session = s.stateMachine.sessions[m.client];
  if (opts.clientSessions && session && m.seq <= session.seq) {
    r.notes.push({ kind: 'clientDuplicateAnswered', client: m.client, seq: m.seq, index: session.index });
    return replyTo(s, r, m, { ok: true, index: session.index, alreadyApplied: true });
  }
  const index = appendAsLeader(s, r, { command: m.command ?? '', client: { client: m.client, seq: m.seq } });
  r.notes.push({ kind: 'clientAppended', client: m.client, seq: m.seq, index });
  replicateNew(s, r, opts);
}

function termCommitted(s: RaftState): boolean {
  return termAt(s.log, s.commitIndex) === s.currentTerm;
}

function startRead(s: RaftState, r: Ready, opts: EngineOptions, m: ClientRequest, key: string): void {
  if (opts.unsafe.readWithoutQuorum) {
    // The broken rule: whatever this server has applied, with nothing to show it still leads.
    s.pendingReads.push({ client: m.client, seq: m.seq, key, readIndex: s.lastApplied, round: 0, via: 'unconfirmed', confirmed: true });
    r.notes.push({ kind: 'readStarted', client: m.client, seq: m.seq, key, readIndex: s.lastApplied, round: 0, via: 'unconfirmed', waitingForTermCommit: false });
    serveReads(s, r, true);
    return;
  }
  const committed = termCommitted(s);
  const readIndex: LogIndex = committed ? s.commitIndex : -1;
  if (opts.readLeases && committed && s.clock < s.leaseUntil) {
    s.pendingReads.push({ client: m.client, seq: m.seq, key, readIndex, round: 0, via: 'lease', confirmed: true });
    r.notes.push({ kind: 'readStarted', client: m.client, seq: m.seq, key, readIndex, round: 0, via: 'lease', waitingForTermCommit: false });
    serveReads(s, r);
    return;
  }
  if (!committed && lastTerm(s.log) !== s.currentTerm) {
    // §8 / dissertation §6.4: a leader learns which entries are committed only once it
    // commits one of its own term; without leaderNoop it appends the blank entry now.
    const index = appendAsLeader(s, r, { command: null });
    r.notes.push({ kind: 'noopAppended', index, term: s.currentTerm });
    replicateNew(s, r, opts);
  }
  const round = s.round + 1;
  s.pendingReads.push({ client: m.client, seq: m.seq, key, readIndex, round, via: 'readIndex', confirmed: false });
  r.notes.push({ kind: 'readStarted', client: m.client, seq: m.seq, key, readIndex, round, via: 'readIndex', waitingForTermCommit: !committed });
  // A heartbeat round now: its acknowledgements prove we were still leader after the read arrived.
  broadcastAppend(s, r, opts);
  r.heartbeat = 'reset';
  confirmReads(s, r, opts); // a one-server cluster confirms at once
}

/** The newest round a majority has acknowledged (the leader counts as having acknowledged its own). */
function majorityRound(s: RaftState): number {
  return committedIndex(s.config, (id) => (id === s.id ? s.round : (s.progress[id]?.ackedRound ?? 0)));
}

/** A round was acknowledged: extend the lease, confirm the reads it covers, serve what is ready. */
export function confirmReads(s: RaftState, r: Ready, opts: EngineOptions): void {
  if (s.role !== 'leader') return;
  // Nothing waits on the round and no lease to extend: skip counting the majority
  // (this runs on nearly every reply a leader gets, issue 14).
  if (!opts.readLeases && s.pendingReads.length === 0) return;
  const acked = majorityRound(s);
  if (opts.readLeases && acked > 0) {
    // Followers will not elect anyone else before their minimum election timeout runs out
    // from the moment this round was sent (clocks in the simulator do not drift).
    // Only rounds still in the ring (the newest ROUNDS_KEPT) can extend the lease.
    const sentAt = acked > s.round - ROUNDS_KEPT ? s.roundSentAt[acked % ROUNDS_KEPT] : undefined;
    if (sentAt !== undefined) s.leaseUntil = Math.max(s.leaseUntil, sentAt + opts.electionTimeoutMinMs);
  }
  for (const read of s.pendingReads) if (!read.confirmed && read.round <= acked) read.confirmed = true;
  serveReads(s, r);
}

/** Answer every confirmed read whose read index the state machine has reached. */
export function serveReads(s: RaftState, r: Ready, unconfirmed = false): void {
  if (s.pendingReads.length === 0 || s.role !== 'leader') return;
  if (termCommitted(s) && !unconfirmed) for (const read of s.pendingReads) if (read.readIndex < 0) read.readIndex = s.commitIndex;
  const waiting = [];
  for (const read of s.pendingReads) {
    if (!read.confirmed || read.readIndex < 0 || s.lastApplied < read.readIndex) {
      waiting.push(read);
      continue;
    }
    const value = s.stateMachine.kv[read.key] ?? null;
    r.notes.push({ kind: 'readServed', client: read.client, seq: read.seq, key: read.key, value, readIndex: read.readIndex, round: read.round, via: read.via });
    replyTo(s, r, read, { ok: true, value, readIndex: read.readIndex, readVia: read.via, readRound: read.round });
  }
  s.pendingReads = waiting;
}
