/**
 * Event-log sentences about clients (§8): requests sent, redirected and
 * retried, sessions that recognise a retry, reads made safe by ReadIndex or a
 * lease (dissertation §6.4), and replies reaching their client. describe.ts
 * hands these notes, replies and trace kinds to this file.
 *
 * User text (commands, keys, values) goes in through quoted() and is never
 * interpreted: render the result as React text, never as HTML.
 */
import type { ClientReply } from '../../engine';
import type { TraceEvent } from '../../sim';
import { translate, type Lang } from '../i18n';
import { clause, clientName, nodeName, quoted, serverName, type Clause, type NoteOf, type Section } from './clauses';
import { TRANSFER } from './describeLeadership';

const CLIENTS: Section[] = ['§8'];
const READS: Section[] = ['§8', 'diss. §6.4'];

/** The note kinds described here. */
export const CLIENT_NOTES = ['clientAppended', 'clientRedirected', 'clientDuplicateAnswered', 'duplicateSuppressed', 'appliedTwice', 'readStarted', 'readServed'] as const;
export type ClientNote = NoteOf<(typeof CLIENT_NOTES)[number]>;

/** A value read from the state machine: quoted user text, or "not set". */
function readValue(lang: Lang, value: string | null | undefined): string {
  return value === null || value === undefined ? translate(lang, 'ev.read.notSet') : quoted(lang, value);
}

/** The clauses for one note about a client request or read. */
export function clientClauses(lang: Lang, n: ClientNote, e: TraceEvent): Clause[] {
  const m = e.message;
  switch (n.kind) {
    case 'clientAppended': {
      const p = { c: clientName(lang, n.client), seq: n.seq, index: n.index };
      if (m?.type === 'ClientRequest' && m.command !== undefined) return [clause('ev.client.appended', { ...p, cmd: quoted(lang, m.command) }, CLIENTS, 'info', 1)];
      return [clause('ev.client.appendedPlain', p, CLIENTS, 'info', 1)];
    }
    case 'clientRedirected': {
      const p = { c: clientName(lang, n.client), seq: n.seq };
      if (n.reason === 'transferring') return [clause('ev.client.transferring', p, [...CLIENTS, ...TRANSFER], 'reject', 1)];
      if (n.leaderHint !== null) return [clause('ev.client.redirect', { ...p, leader: serverName(n.leaderHint) }, CLIENTS, 'reject', 1)];
      return [clause('ev.client.unknown', p, CLIENTS, 'reject', 1)];
    }
    case 'clientDuplicateAnswered':
      return [clause('ev.client.dupAnswered', { c: clientName(lang, n.client), seq: n.seq, index: n.index }, CLIENTS, 'info', 1)];
    case 'duplicateSuppressed':
      return [clause('ev.client.dupSuppressed', { c: clientName(lang, n.client), seq: n.seq, index: n.index, first: n.firstIndex }, CLIENTS, 'info', 4)];
    case 'appliedTwice':
      return [clause('ev.client.appliedTwice', { c: clientName(lang, n.client), seq: n.seq, index: n.index }, CLIENTS, 'fault', 4)];
    case 'readStarted': {
      const p = { c: clientName(lang, n.client), seq: n.seq, key: quoted(lang, n.key), readIndex: n.readIndex, round: n.round };
      if (n.via === 'lease') return [clause('ev.read.lease', p, READS, 'info', 1)];
      if (n.via === 'unconfirmed') return [clause('ev.read.unconfirmed', p, READS, 'fault', 3)];
      return [clause(n.waitingForTermCommit ? 'ev.read.waitTerm' : 'ev.read.index', p, READS, 'info', 1)];
    }
    case 'readServed': {
      const p = { c: clientName(lang, n.client), seq: n.seq, key: quoted(lang, n.key), value: readValue(lang, n.value), readIndex: n.readIndex, round: n.round };
      if (n.via === 'unconfirmed') return [clause('ev.read.servedUnconfirmed', p, READS, 'fault', 4)];
      return [clause(n.via === 'lease' ? 'ev.read.servedLease' : 'ev.read.servedIndex', p, READS, 'commit', 4)];
    }
    default: {
      const unknown: never = n;
      void unknown;
      return [];
    }
  }
}

/**
 * A reply reaches its client (§8): done, redirected, or too late. The sentence
 * names the client itself (the event's server is null for client events).
 */
export function clientReplyClause(lang: Lang, e: TraceEvent, r: ClientReply): Clause {
  const p = { c: clientName(lang, e.client ?? r.client), seq: r.seq, from: nodeName(lang, r.from) };
  const outcome = e.clientOutcome;
  if (outcome?.kind === 'staleReply') return clause('ev.reply.stale', p, CLIENTS, 'info', 1);
  if (r.ok) {
    if (r.readIndex !== undefined || r.value !== undefined) {
      return clause('ev.reply.read', { ...p, value: readValue(lang, r.value) }, READS, 'commit', 1);
    }
    return clause(r.alreadyApplied ? 'ev.reply.duplicate' : 'ev.reply.applied', { ...p, index: r.index ?? 0 }, CLIENTS, 'commit', 1);
  }
  const why = translate(lang, `ev.reply.why.${r.reason ?? 'not-leader'}`, { from: p.from });
  if (outcome?.kind === 'redirected' && outcome.to === null) {
    return clause('ev.reply.wait', { ...p, why }, CLIENTS, 'reject', 1);
  }
  if (outcome?.kind === 'redirected' && outcome.to !== null) {
    const to = serverName(outcome.to);
    if (outcome.hint !== null && outcome.hint === outcome.to) return clause('ev.reply.redirect', { ...p, to }, CLIENTS, 'reject', 1);
    return clause('ev.reply.tryNext', { ...p, why, to }, CLIENTS, 'reject', 1);
  }
  return clause('ev.reply.refused', { ...p, why }, CLIENTS, 'reject', 1);
}

/** A client's retry timer, or a request the user asked a client to send. */
export function clientEventClauses(lang: Lang, e: TraceEvent, notes: Clause[]): Clause[] {
  const outcome = e.clientOutcome;
  const c = e.client !== undefined ? clientName(lang, e.client) : translate(lang, 'ev.aClient');
  if (e.kind === 'clientTimeout') {
    if (outcome?.kind === 'retried') return [clause('ev.client.retry', { c, seq: outcome.seq, to: serverName(outcome.to) }, CLIENTS, 'reject', 1), ...notes];
    return [clause('ev.client.retryPlain', { c }, CLIENTS, 'reject', 1), ...notes];
  }
  if (notes.length > 0) return notes;
  const a = e.action?.type === 'clientRequest' ? e.action : undefined;
  const to = outcome?.kind === 'sent' ? serverName(outcome.to) : undefined;
  const seq = outcome?.kind === 'sent' ? outcome.seq : undefined;
  if (to === undefined || seq === undefined) return [clause('ev.client.requestPlain', { c }, CLIENTS, 'info', 1)];
  if (a?.read !== undefined) return [clause('ev.client.requestRead', { c, key: quoted(lang, a.read), seq, to }, READS, 'info', 1)];
  return [clause('ev.client.request', { c, cmd: quoted(lang, a?.command ?? e.detail), seq, to }, CLIENTS, 'info', 1)];
}
