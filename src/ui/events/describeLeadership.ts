/**
 * Event-log sentences about who leads: PreVote (dissertation §9.6), the §6
 * rules that keep removed servers from disrupting elections, CheckQuorum
 * (dissertation §6.2) and leadership transfer (dissertation §3.10), with the
 * role changes they cause. describe.ts hands these notes, role changes and
 * trace kinds to this file.
 */
import type { InFlightMessage, TraceEvent } from '../../sim';
import { translate, type Lang } from '../i18n';
import { clause, find, nodeName, serverName, servers, type Clause, type NoteOf, type Section } from './clauses';
import { MEMBERSHIP } from './describeMembership';

const PREVOTE: Section[] = ['diss. §9.6'];
const CHECK_QUORUM: Section[] = ['diss. §6.2'];
export const TRANSFER: Section[] = ['diss. §3.10'];

/** The note kinds described here. */
export const LEADERSHIP_NOTES = [
  'preVoteGranted',
  'preVoteRejected',
  'preVoteReceived',
  'voteIgnored',
  'notVoter',
  'checkQuorumFailed',
  'transferStarted',
  'timeoutNowSent',
  'transferAborted',
  'transferRejected',
  'timeoutNowReceived',
] as const;
export type LeadershipNote = NoteOf<(typeof LEADERSHIP_NOTES)[number]>;

/**
 * A role change to pre-candidate, or for PreVote, leadership transfer,
 * CheckQuorum or removal from the configuration; null when describe.ts's
 * Figure 2 sentences apply. An empty list: another note of the
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

/** The clauses for one note about leadership (empty: another note of the same step says it). */
export function leadershipClauses(lang: Lang, n: LeadershipNote, e: TraceEvent): Clause[] {
  const m = e.message;
  const notes = e.notes;
  switch (n.kind) {
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


    case 'checkQuorumFailed':
      return [clause('ev.cq.stepDown', { list: servers(lang, n.active), needed: n.needed }, CHECK_QUORUM, 'role', 0)];


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

    default: {
      const unknown: never = n;
      void unknown;
      return [];
    }
  }
}

/** A PreVoteReply that left no note: it came after the pre-vote was decided. */
export function latePreVoteReply(lang: Lang, m: InFlightMessage): Clause {
  return clause('ev.prevote.late', { from: nodeName(lang, m.from) }, PREVOTE, 'info', 1);
}

/** A transfer the user asked for: what the leader did, or why nothing happened. */
export function transferEventClauses(e: TraceEvent, notes: Clause[]): Clause[] {
  if (notes.length > 0) return notes;
  if (e.server === null) return [clause('ev.transfer.noLeader', {}, TRANSFER, 'reject', 1)];
  return [clause('ev.transfer.crashed', {}, TRANSFER, 'fault', 1)];
}
