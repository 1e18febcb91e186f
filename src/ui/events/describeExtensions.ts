/**
 * Event-log sentences for the rest of Raft: membership changes (§6), log
 * compaction and InstallSnapshot (§7), clients, sessions and reads (§8), and the
 * dissertation's PreVote (§9.6), CheckQuorum (§6.2), leadership transfer (§3.10)
 * and ReadIndex/leases (§6.4). describe.ts handles Figure 2's events and hands
 * every other note kind, role-change reason and trace kind to this file.
 *
 * User text (commands, keys, values) goes in through quoted() and is never
 * interpreted: render the result as React text, never as HTML.
 */
import type { ClientReply, Note } from '../../engine';
import type { InFlightMessage } from '../../sim';
import type { TraceEvent } from '../../sim';
import { translate, type Lang, type Params } from '../i18n';
import {
  clause,
  clientName,
  find,
  nodeName,
  quoted,
  serverName,
  servers,
  type Clause,
  type NoteOf,
  type Section,
} from './clauses';

/** Note kinds of the paper's Figure 2, described by describe.ts. */
export type CoreNoteKind =
  | 'roleChanged'
  | 'termAdopted'
  | 'voteGranted'
  | 'voteRejected'
  | 'voteReceived'
  | 'appendRejected'
  | 'entriesAppended'
  | 'logTruncated'
  | 'commitAdvanced'
  | 'entriesApplied'
  | 'noopAppended'
  | 'nextIndexBackedOff'
  | 'matchIndexAdvanced'
  | 'proposalAppended'
  | 'proposalRejected'
  | 'ignored';

/** Every other note kind: described here. */
export type ExtensionNote = Exclude<Note, { kind: CoreNoteKind }>;

const PREVOTE: Section[] = ['diss. §9.6'];
const CHECK_QUORUM: Section[] = ['diss. §6.2'];
const TRANSFER: Section[] = ['diss. §3.10'];
const MEMBERSHIP: Section[] = ['§6'];
const COMPACTION: Section[] = ['§7'];
const CLIENTS: Section[] = ['§8'];
const READS: Section[] = ['§8', 'diss. §6.4'];

/** "12 log entries" / "1 log entry". */
function entries(lang: Lang, n: number): string {
  return translate(lang, n === 1 ? 'ev.snap.entryOne' : 'ev.snap.entries', { n });
}

/** A value read from the state machine: quoted user text, or "not set". */
function readValue(lang: Lang, value: string | null | undefined): string {
  return value === null || value === undefined ? translate(lang, 'ev.read.notSet') : quoted(lang, value);
}

/** The sender of the message that triggered the event, or "the leader" when there is none. */
function sender(lang: Lang, m: InFlightMessage | undefined): string {
  return m ? nodeName(lang, m.from) : translate(lang, 'ev.theLeader');
}

/**
 * A role change for one of the newer reasons, or to pre-candidate; null when
 * describe.ts's Figure 2 sentences apply. An empty list: another note of the
 * same step says it (CheckQuorum's step-down is told by checkQuorumFailed).
 */
export function roleChangeClauses(lang: Lang, n: NoteOf<'roleChanged'>, e: TraceEvent): Clause[] | null {
  const notes = e.notes;
  if (n.to === 'precandidate') {
    const key = e.detail === 'forced' ? 'ev.prevote.forced' : n.from === 'precandidate' ? 'ev.prevote.again' : 'ev.prevote.start';
    return [clause(key, { next: n.term + 1 }, PREVOTE, 'role', 1)];
  }
  switch (n.reason) {
    case 'preVoteWon': {
      const count = find(notes, 'preVoteReceived');
      if (count) return [clause('ev.prevote.won', { term: n.term, votes: count.votes, needed: count.needed }, PREVOTE, 'role', 1)];
      return [clause('ev.prevote.wonAlone', { term: n.term }, PREVOTE, 'role', 1)];
    }
    case 'timeoutNow': {
      const told = find(notes, 'timeoutNowReceived');
      const leader = told ? serverName(told.leader) : e.message ? nodeName(lang, e.message.from) : null;
      if (leader !== null) return [clause('ev.transfer.elect', { term: n.term, leader }, TRANSFER, 'role', 1)];
      return [clause('ev.transfer.electPlain', { term: n.term }, TRANSFER, 'role', 1)];
    }
    case 'checkQuorum':
      if (find(notes, 'checkQuorumFailed')) return [];
      return [clause('ev.cq.stepDownPlain', {}, CHECK_QUORUM, 'role', 0)];
    case 'removedFromConfig':
      return [clause('ev.removed.stepDown', {}, MEMBERSHIP, 'role', 5)];
    default:
      return null;
  }
}

/** The clauses for one note of the newer kinds (empty: another note of the same step says it). */
export function extensionClauses(lang: Lang, n: ExtensionNote, e: TraceEvent): Clause[] {
  const m = e.message;
  const notes = e.notes;
  switch (n.kind) {
    // ---- PreVote (dissertation §9.6) and the §6 rules for voters --------------
    case 'preVoteGranted':
      return [clause('ev.prevote.granted', { c: serverName(n.candidate), term: n.term }, PREVOTE, 'info', 1)];
    case 'preVoteRejected': {
      const c = serverName(n.candidate);
      switch (n.reason) {
        case 'stale-term':
          return [clause('ev.prevote.rejected.stale-term', { c, term: n.term, current: n.currentTerm }, PREVOTE, 'reject', 1)];
        case 'leader-known': {
          const leader = n.leaderId;
          if (leader === null) return [clause('ev.prevote.rejected.leader-known', { c }, PREVOTE, 'reject', 1)];
          if (leader === e.server) return [clause('ev.prevote.rejected.leaderSelf', { c }, PREVOTE, 'reject', 1)];
          return [clause('ev.prevote.rejected.leaderNamed', { c, leader: serverName(leader) }, PREVOTE, 'reject', 1)];
        }
        case 'log-not-up-to-date':
          return [clause('ev.prevote.rejected.log', { c, index: n.lastLogIndex, lastTerm: n.lastLogTerm }, [...PREVOTE, '§5.4.1'], 'reject', 1)];
        default:
          return [clause('ev.prevote.rejected.other', { c, term: n.term }, PREVOTE, 'reject', 1)];
      }
    }
    case 'preVoteReceived': {
      if (notes.some((x) => x.kind === 'roleChanged' && x.reason === 'preVoteWon')) return []; // "won" reports the count
      const base = { voter: serverName(n.voter), votes: n.votes, needed: n.needed };
      if (n.granted) return [clause('ev.prevote.got', base, PREVOTE, 'info', 1)];
      const reason = m?.type === 'PreVoteReply' ? m.reason : undefined;
      if (reason) {
        const why = translate(lang, `ev.vote.why.${reason}`, { voter: serverName(n.voter) });
        return [clause('ev.prevote.refused', { ...base, why }, PREVOTE, 'reject', 1)];
      }
      return [clause('ev.prevote.refusedPlain', base, PREVOTE, 'reject', 1)];
    }
    case 'voteIgnored': {
      const p = { c: serverName(n.candidate), term: n.term };
      if (n.leaderId === null) return [clause('ev.vote.ignored', p, MEMBERSHIP, 'reject', 1)];
      if (n.leaderId === e.server) return [clause('ev.vote.ignoredSelf', p, MEMBERSHIP, 'reject', 1)];
      return [clause('ev.vote.ignoredNamed', { ...p, leader: serverName(n.leaderId) }, MEMBERSHIP, 'reject', 1)];
    }
    case 'notVoter':
      return [clause('ev.notVoter', {}, MEMBERSHIP, 'info', 1)];

    // ---- CheckQuorum (dissertation §6.2) -----------------------------------------
    case 'checkQuorumFailed':
      return [clause('ev.cq.stepDown', { list: servers(lang, n.active), needed: n.needed }, CHECK_QUORUM, 'role', 0)];

    // ---- Log compaction (§7) ----------------------------------------------------
    case 'snapshotTaken':
      return [
        clause(n.forced ? 'ev.snap.takenForced' : 'ev.snap.taken', { index: n.index, term: n.term, entries: entries(lang, n.removed) }, COMPACTION, 'info', 6),
      ];
    case 'snapshotChunk': {
      if (n.done && find(notes, 'snapshotInstalled')) return []; // "installed" says it
      const have = n.offset + n.bytes;
      return [clause('ev.snap.chunk', { from: serverName(n.leader), index: n.index, bytes: n.bytes, have, size: n.size }, COMPACTION, 'info', 1)];
    }
    case 'snapshotInstalled': {
      const p = { from: sender(lang, m), index: n.index, term: n.term };
      if (n.keptEntries > 0) return [clause('ev.snap.installed.kept', { ...p, entries: entries(lang, n.keptEntries) }, COMPACTION, 'commit', 1)];
      return [clause('ev.snap.installed.replaced', p, COMPACTION, 'commit', 1)];
    }
    case 'snapshotSkipped': {
      const from = sender(lang, m);
      if (n.reason === 'have-it') return [clause('ev.snap.skipped.have-it', { from, index: n.index }, COMPACTION, 'info', 1)];
      const offset = m?.type === 'InstallSnapshot' ? m.offset : 0;
      return [clause('ev.snap.skipped.offset-mismatch', { from, offset }, COMPACTION, 'reject', 1)];
    }
    case 'snapshotSendStarted':
      return [clause('ev.snap.sendStarted', { peer: serverName(n.peer), index: n.index, size: n.size }, COMPACTION, 'info', 2)];
    case 'snapshotSendDone':
      return [clause('ev.snap.sendDone', { peer: serverName(n.peer), index: n.index, next: n.index + 1 }, COMPACTION, 'info', 1)];

    // ---- Membership changes (§6) ------------------------------------------------
    case 'configAppended': {
      const c = n.config;
      const p: Params = { index: n.index, servers: servers(lang, n.servers), voters: servers(lang, c.voters) };
      switch (n.change) {
        case 'addLearner':
          if (c.target) return [clause('ev.config.addLearnerJoint', { ...p, target: servers(lang, c.target) }, MEMBERSHIP, 'info', 4)];
          return [clause(n.servers.length === 1 ? 'ev.config.addLearnerOne' : 'ev.config.addLearner', p, MEMBERSHIP, 'info', 4)];
        case 'promote':
          return [clause('ev.config.promote', p, MEMBERSHIP, 'info', 4)];
        case 'remove':
          return [clause('ev.config.remove', p, MEMBERSHIP, 'info', 4)];
        case 'enterJoint':
          return [clause('ev.config.enterJoint', { ...p, old: servers(lang, c.oldVoters ?? []) }, MEMBERSHIP, 'info', 4)];
        case 'leaveJoint':
          return [clause('ev.config.leaveJoint', p, MEMBERSHIP, 'info', 4)];
        default:
          return [clause('ev.config.other', p, MEMBERSHIP, 'info', 4)];
      }
    }
    case 'configRejected':
      return [clause(`ev.config.rejected.${n.reason}`, {}, MEMBERSHIP, 'reject', 1)];

    // ---- Leadership transfer (dissertation §3.10) -----------------------------
    case 'transferStarted': {
      const key = n.upToDate ? 'ev.transfer.started.ready' : 'ev.transfer.started.catchUp';
      return [clause(key, { to: serverName(n.to) }, TRANSFER, 'role', 1)];
    }
    case 'timeoutNowSent':
      // With transferStarted in the same step, "sends TimeoutNow at once" already says it.
      if (notes.some((x) => x.kind === 'transferStarted' && x.upToDate)) return [];
      return [clause('ev.transfer.sent', { to: serverName(n.to) }, TRANSFER, 'info', 2)];
    case 'transferAborted':
      return [clause('ev.transfer.aborted', { to: serverName(n.to) }, TRANSFER, 'reject', 1)];
    case 'transferRejected':
      return [clause(`ev.transfer.rejected.${n.reason}`, { to: serverName(n.to) }, TRANSFER, 'reject', 1)];
    case 'timeoutNowReceived':
      if (notes.some((x) => x.kind === 'roleChanged' && x.reason === 'timeoutNow')) return []; // the election clause names the leader
      return [clause('ev.transfer.received', { leader: serverName(n.leader) }, TRANSFER, 'info', 1)];

    // ---- Clients, sessions and reads (§8, dissertation §6.4) -------------------
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
      return [clause(n.waitingForTermCommit ? 'ev.read.waitTerm' : 'ev.read.index', p, READS, 'info', 1)];
    }
    case 'readServed': {
      const p = { c: clientName(lang, n.client), seq: n.seq, key: quoted(lang, n.key), value: readValue(lang, n.value), readIndex: n.readIndex, round: n.round };
      return [clause(n.via === 'lease' ? 'ev.read.servedLease' : 'ev.read.servedIndex', p, READS, 'commit', 4)];
    }
    default: {
      const unknown: never = n;
      void unknown;
      return [];
    }
  }
}

/** A delivered message of a newer type that left no note; null: describe.ts's default applies. */
export function quietExtensionDelivery(lang: Lang, e: TraceEvent, m: InFlightMessage): Clause | null {
  const from = nodeName(lang, m.from);
  switch (m.type) {
    case 'PreVoteReply':
      return clause('ev.prevote.late', { from }, PREVOTE, 'info', 1);
    case 'InstallSnapshotReply':
      if (e.sent.length > 0 && !m.done) return clause('ev.snap.ack', { from, offset: m.offset }, COMPACTION, 'info', 1);
      return clause('ev.snap.lateReply', { from }, COMPACTION, 'info', 1);
    case 'ClientReply':
      return clientReplyClause(lang, e, m);
    default:
      return null;
  }
}

/**
 * A reply reaches its client (§8): done, redirected, or too late. The sentence
 * names the client itself (the event's server is null for client events).
 */
function clientReplyClause(lang: Lang, e: TraceEvent, r: ClientReply): Clause {
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

/** Trace kinds the simulator records for the newer features. */
export const EXTENSION_TRACE_KINDS = ['clientTimeout', 'addServer', 'removeServer', 'changeMembership', 'transferLeadership', 'snapshot', 'clientRequest'] as const;

export function isExtensionKind(kind: string): boolean {
  return (EXTENSION_TRACE_KINDS as readonly string[]).includes(kind);
}

/**
 * Clauses for one of EXTENSION_TRACE_KINDS (null for any other kind). `notes`
 * are the clauses of the event's notes, if any: what the leader did (appended a
 * configuration entry, started a transfer, took a snapshot) says it best.
 */
export function extensionEventClauses(lang: Lang, e: TraceEvent, notes: Clause[]): Clause[] | null {
  const kind: string = e.kind;
  const outcome = e.clientOutcome;
  const c = e.client !== undefined ? clientName(lang, e.client) : translate(lang, 'ev.aClient');
  switch (kind) {
    case 'clientTimeout': {
      if (outcome?.kind === 'retried') return [clause('ev.client.retry', { c, seq: outcome.seq, to: serverName(outcome.to) }, CLIENTS, 'reject', 1), ...notes];
      return [clause('ev.client.retryPlain', { c }, CLIENTS, 'reject', 1), ...notes];
    }
    case 'clientRequest': {
      if (notes.length > 0) return notes;
      const a = e.action?.type === 'clientRequest' ? e.action : undefined;
      const to = outcome?.kind === 'sent' ? serverName(outcome.to) : undefined;
      const seq = outcome?.kind === 'sent' ? outcome.seq : undefined;
      if (to === undefined || seq === undefined) return [clause('ev.client.requestPlain', { c }, CLIENTS, 'info', 1)];
      if (a?.read !== undefined) return [clause('ev.client.requestRead', { c, key: quoted(lang, a.read), seq, to }, READS, 'info', 1)];
      return [clause('ev.client.request', { c, cmd: quoted(lang, a?.command ?? e.detail), seq, to }, CLIENTS, 'info', 1)];
    }
    case 'addServer':
    case 'removeServer':
    case 'changeMembership':
      if (notes.length > 0) return notes;
      if (e.server === null) return [clause('ev.member.noLeader', {}, MEMBERSHIP, 'reject', 1)];
      return [clause('ev.member.crashed', {}, MEMBERSHIP, 'fault', 1)];
    case 'transferLeadership':
      if (notes.length > 0) return notes;
      if (e.server === null) return [clause('ev.transfer.noLeader', {}, TRANSFER, 'reject', 1)];
      return [clause('ev.transfer.crashed', {}, TRANSFER, 'fault', 1)];
    case 'snapshot':
      if (notes.length > 0) return notes;
      if (e.server === null) return [clause('ev.snap.noServer', {}, COMPACTION, 'info', 1)];
      return [clause('ev.snap.none', {}, COMPACTION, 'info', 1)];
    default:
      return null;
  }
}
