/**
 * The event log's sentences: one plain sentence per trace event that says what
 * happened and why, with the section of the paper it illustrates.
 *
 * An event's notes are turned into clauses, ranked (most important first) and
 * joined into one sentence; the first clause names the server, later ones use a
 * pronoun. All wording lives in the dictionaries (i18n/events.*.ts). This file
 * covers the paper's Figure 2 and hands every other topic to its own file:
 * describeLeadership.ts (PreVote, CheckQuorum, leadership transfer),
 * describeMembership.ts (§6), describeCompaction.ts (§7), describeClients.ts
 * (§8, ReadIndex and leases) and describeNetwork.ts (network changes).
 *
 * User text (client commands) is inserted as plain string data and never
 * interpreted: render the result as React text, never as HTML.
 */
import type { AppendEntriesReply, Note, RequestVote, VoteRejectReason } from '../../engine';
import type { InFlightMessage } from '../../sim';
import type { TraceEvent } from '../../sim';
import { translate, type Lang, type Params } from '../i18n';
import {
  clause,
  compose,
  find,
  isNoteOf,
  messageLabel,
  nodeName,
  quoted,
  range,
  roleName,
  serverName,
  via,
  type Clause,
  type DescribeContext,
  type EventDescription,
  type NoteOf,
} from './clauses';
import { CLIENT_NOTES, clientClauses, clientEventClauses, clientReplyClause } from './describeClients';
import { COMPACTION_NOTES, compactionClauses, quietSnapshotReply, snapshotEventClauses } from './describeCompaction';
import { LEADERSHIP_NOTES, latePreVoteReply, leadershipClauses, roleChangeClauses, transferEventClauses } from './describeLeadership';
import { MEMBERSHIP_NOTES, membershipClauses, membershipEventClauses } from './describeMembership';
import { describeNetwork } from './describeNetwork';

export {
  COMMAND_PREVIEW,
  SECTIONS,
  messageLabel,
  nodeName,
  previewCommand,
  sectionLabel,
  serverName,
  type DescribeContext,
  type EventDescription,
  type Section,
  type Tone,
} from './clauses';
export { EVENT_CATEGORIES, type EventCategory } from './categories';

// ---------------------------------------------------------------------------
// Clauses
// ---------------------------------------------------------------------------

/** Clauses for the notes of one engine step, read in the context of what triggered it. */
function noteClauses(lang: Lang, e: TraceEvent, ctx: DescribeContext): Clause[] {
  const notes = e.notes;
  const m = e.message;
  const out: Clause[] = [];
  const adopted = find(notes, 'termAdopted');
  const toFollower = notes.find((n): n is NoteOf<'roleChanged'> => n.kind === 'roleChanged' && n.to === 'follower');
  const wonNote = notes.find((n): n is NoteOf<'roleChanged'> => n.kind === 'roleChanged' && n.to === 'leader');
  const voteCount = find(notes, 'voteReceived');
  const truncations = notes.filter((n): n is NoteOf<'logTruncated'> => n.kind === 'logTruncated');
  const appended = find(notes, 'entriesAppended');
  const asFollower = m?.type === 'AppendEntries';

  for (const n of notes) {
    switch (n.kind) {
      case 'roleChanged': {
        const special = roleChangeClauses(lang, n, e);
        if (special) {
          out.push(...special);
        } else if (n.to === 'candidate') {
          const key = e.detail === 'forced' ? 'ev.timeout.forced' : n.from === 'candidate' ? 'ev.timeout.again' : 'ev.timeout.start';
          out.push(clause(key, { term: n.term }, ['§5.2'], 'role', 1));
        } else if (n.to === 'leader') {
          const votes = voteCount?.votes;
          if (votes === undefined) out.push(clause('ev.won.alone', { term: n.term }, ['§5.2'], 'role', 2));
          else if (ctx.servers !== undefined) out.push(clause('ev.won.of', { term: n.term, votes, servers: ctx.servers }, ['§5.2'], 'role', 2));
          else out.push(clause('ev.won.majority', { term: n.term, votes }, ['§5.2'], 'role', 2));
        } else if (n.reason === 'higherTerm' && adopted) {
          out.push(clause('ev.stepDown', { term: adopted.to, via: via(lang, adopted.via, adopted.sender), role: roleName(lang, n.from) }, ['§5.1'], 'role', 0));
        } else if (n.reason === 'leaderDiscovered' && m) {
          const key = m.type === 'InstallSnapshot' ? 'ev.leaderFound.snapshot' : 'ev.leaderFound';
          out.push(clause(key, { from: serverName(m.from), term: n.term }, ['§5.2'], 'role', 0));
        } else if (n.to === 'follower') {
          out.push(clause('ev.becameFollower', { term: n.term }, ['§5.1'], 'role', 0));
        } else {
          out.push(clause('ev.becameRole', { role: roleName(lang, n.to), term: n.term }, ['§5.2'], 'role', 0));
        }
        break;
      }
      case 'termAdopted':
        // With a role change the step-down clause says it; on a RequestVote, "for term N" implies it.
        if (!toFollower && n.via !== 'RequestVote') {
          // After an AppendEntries outcome ("accepted a heartbeat from S5") the sender is already named.
          if (asFollower) out.push(clause('ev.adoptedShort', { term: n.to, from: serverName(n.sender) }, ['§5.1'], 'info', 2));
          else out.push(clause('ev.adopted', { term: n.to, via: via(lang, n.via, n.sender) }, ['§5.1'], 'info', 2));
        }
        break;
      case 'voteGranted':
        out.push(voteGrantedClause(lang, n, m));
        break;
      case 'voteRejected':
        out.push(voteRejectedClause(n, m));
        break;
      case 'voteReceived': {
        if (wonNote) break; // the "won" clause reports the count
        const term = m?.term ?? 0;
        const base = { voter: serverName(n.voter), votes: n.votes, needed: n.needed, term };
        if (n.granted) {
          out.push(clause('ev.vote.got', base, ['§5.2'], 'info', 1));
        } else {
          const reason = m?.type === 'RequestVoteReply' ? m.reason : undefined;
          if (reason) {
            const why = translate(lang, `ev.vote.why.${reason}`, { voter: serverName(n.voter) });
            out.push(clause('ev.vote.refused', { ...base, why }, [reason === 'log-not-up-to-date' ? '§5.4.1' : '§5.2'], 'reject', 1));
          } else {
            out.push(clause('ev.vote.refusedPlain', base, ['§5.2'], 'reject', 1));
          }
        }
        break;
      }
      case 'appendRejected': {
        const reason = n.reason;
        out.push(
          clause(
            `ev.append.rejected.${reason}`,
            { from: serverName(n.leader), index: n.prevLogIndex, prevTerm: n.prevLogTerm, term: m?.term ?? 0, last: n.lastLogIndex, hasTerm: n.termAtPrev ?? 0 },
            [reason === 'stale-term' ? '§5.1' : '§5.3'],
            'reject',
            1,
          ),
        );
        break;
      }
      case 'entriesAppended': {
        const from = serverName(m?.from ?? 0);
        const cut = truncations[0];
        if (cut) {
          out.push(clause('ev.append.replaced', { old: range(lang, cut.from, cut.from + cut.removed - 1), range: range(lang, n.from, n.to), from }, ['§5.3'], 'info', 1));
        } else {
          out.push(clause('ev.append.ok', { range: range(lang, n.from, n.to), from }, ['§5.3'], 'info', 1));
        }
        break;
      }
      case 'logTruncated':
        if (appended && n === truncations[0]) break; // folded into "deleted … and appended …"
        out.push(clause('ev.truncated', { old: range(lang, n.from, n.from + n.removed - 1) }, ['§5.3'], 'reject', 1));
        break;
      case 'commitAdvanced': {
        const r = range(lang, n.from + 1, n.to);
        if (asFollower && m?.type === 'AppendEntries') {
          out.push(clause('ev.commit.follower', { range: r, from: serverName(m.from), leaderCommit: m.leaderCommit }, ['§5.3'], 'commit', 3));
        } else {
          out.push(clause('ev.commit.leader', { range: r }, ['§5.3', '§5.4.2'], 'commit', 3));
        }
        break;
      }
      case 'nextIndexBackedOff': {
        const index = m?.type === 'AppendEntriesReply' ? m.rejectedIndex : n.to;
        const key = n.fast ? 'ev.backoff.fast' : 'ev.backoff';
        out.push(clause(key, { peer: serverName(n.peer), index, from: n.from, to: n.to }, ['§5.3'], 'reject', 1));
        break;
      }
      case 'matchIndexAdvanced':
        // After a snapshot, "installed its snapshot up to index N" already says where the logs match.
        if (notes.some((x) => x.kind === 'snapshotSendDone' && x.peer === n.peer && x.index === n.to)) break;
        out.push(clause('ev.match', { peer: serverName(n.peer), index: n.to }, ['§5.3'], 'info', 4));
        break;
      case 'proposalAppended':
        out.push(clause('ev.submit.ok', { cmd: quoted(lang, e.detail), index: n.index, term: n.term }, ['§5.3'], 'info', 1));
        break;
      case 'proposalRejected':
        if (n.leaderHint !== null) {
          out.push(clause('ev.submit.redirect', { cmd: quoted(lang, e.detail), leader: serverName(n.leaderHint) }, ['§8'], 'reject', 1));
        } else {
          out.push(clause('ev.submit.unknown', { cmd: quoted(lang, e.detail) }, ['§8'], 'reject', 1));
        }
        break;
      case 'ignored':
        out.push(ignoredClause(lang, n.what, m));
        break;
      case 'noopAppended':
        out.push(clause('ev.noop', { index: n.index, term: n.term }, ['§8'], 'info', 3));
        break;
      case 'entriesApplied':
        out.push(clause('ev.applied', { range: range(lang, n.from, n.to) }, ['Figure 2'], 'commit', 5));
        break;
      default:
        if (isNoteOf(LEADERSHIP_NOTES, n)) out.push(...leadershipClauses(lang, n, e));
        else if (isNoteOf(COMPACTION_NOTES, n)) out.push(...compactionClauses(lang, n, e));
        else if (isNoteOf(MEMBERSHIP_NOTES, n)) out.push(...membershipClauses(lang, n));
        else if (isNoteOf(CLIENT_NOTES, n)) out.push(...clientClauses(lang, n, e));
        else {
          const unknown: never = n;
          void unknown;
        }
    }
  }
  // An "ignored" note after a step-down or term change says nothing new.
  const meaningful = out.filter((c) => !c.key.startsWith('ev.ignored.') && c.key !== 'ev.vote.noLongerCandidate');
  return meaningful.length > 0 && (toFollower || adopted) ? meaningful : out;
}

/**
 * Why a vote was granted, as a refusal says why not (Figure 2, RequestVote
 * receiver): votedFor was null or already the candidate (§5.2), and the
 * candidate's log is at least as up-to-date (§5.4.1). An unsafe rule that
 * skipped either check is named rather than hidden.
 */
function voteGrantedClause(lang: Lang, n: NoteOf<'voteGranted'>, m: InFlightMessage | undefined): Clause {
  const c = serverName(n.candidate);
  const rv = m?.type === 'RequestVote' ? m : undefined;
  let log: string;
  if (!n.upToDate) {
    log = rv ? translate(lang, 'ev.vote.grant.logUnsafe', { c, index: rv.lastLogIndex, lastTerm: rv.lastLogTerm }) : translate(lang, 'ev.vote.grant.logUnsafePlain', { c });
  } else if (!rv) log = translate(lang, 'ev.vote.grant.logPlain', { c });
  else if (rv.lastLogIndex === 0) log = translate(lang, 'ev.vote.grant.logEmpty', { c });
  else log = translate(lang, 'ev.vote.grant.log', { c, index: rv.lastLogIndex, lastTerm: rv.lastLogTerm });
  let vote: string;
  if (n.votedBefore === null) vote = translate(lang, 'ev.vote.grant.fresh', { term: n.term });
  else if (n.votedBefore === n.candidate) vote = translate(lang, 'ev.vote.grant.again', { c, term: n.term });
  else vote = translate(lang, 'ev.vote.grant.twice', { v: serverName(n.votedBefore), term: n.term });
  return clause('ev.vote.granted', { c, term: n.term, log, vote }, ['§5.2', '§5.4.1'], 'info', 1);
}

function voteRejectedClause(n: NoteOf<'voteRejected'>, m: InFlightMessage | undefined): Clause {
  const c = serverName(n.candidate);
  const reason: VoteRejectReason = n.reason;
  if (reason === 'stale-term') return clause('ev.vote.rejected.term', { c, term: n.term }, ['§5.1'], 'reject', 1);
  if (reason === 'already-voted') {
    if (n.votedFor !== null) return clause('ev.vote.rejected.votedFor', { c, term: n.term, v: serverName(n.votedFor) }, ['§5.2'], 'reject', 1);
    return clause('ev.vote.rejected.voted', { c, term: n.term }, ['§5.2'], 'reject', 1);
  }
  if (m?.type === 'RequestVote') {
    const rv: RequestVote = m;
    if (rv.lastLogIndex === 0) return clause('ev.vote.rejected.logEmpty', { c }, ['§5.4.1'], 'reject', 1);
    return clause('ev.vote.rejected.log', { c, index: rv.lastLogIndex, lastTerm: rv.lastLogTerm }, ['§5.4.1'], 'reject', 1);
  }
  return clause('ev.vote.rejected.logPlain', { c }, ['§5.4.1'], 'reject', 1);
}

function ignoredClause(lang: Lang, what: NoteOf<'ignored'>['what'], m: InFlightMessage | undefined): Clause {
  const from = nodeName(lang, m?.from ?? 0);
  const term = m?.term ?? 0;
  if (what === 'duplicateLeader') {
    return clause(m?.type === 'InstallSnapshot' ? 'ev.ignored.dupLeaderSnapshot' : 'ev.ignored.dupLeader', { from, term }, ['§5.2'], 'reject', 1);
  }
  if (what === 'notLeader') return clause('ev.ignored.notLeader', { from, msg: m ? messageLabel(lang, m) : '' }, ['§5.2'], 'info', 1);
  // A reply carries the responder's term, not the request's: these sentences do not name it.
  if (m?.type === 'RequestVoteReply') return clause('ev.vote.noLongerCandidate', { from }, ['§5.2'], 'info', 1);
  if (m?.type === 'AppendEntriesReply') return clause('ev.ignored.lateAppendReply', { from }, ['§5.3'], 'info', 1);
  if (m?.type === 'PreVoteReply') return clause('ev.prevote.late', { from }, ['diss. §9.6'], 'info', 1);
  if (m?.type === 'InstallSnapshotReply') return clause('ev.snap.lateReply', { from }, ['§7'], 'info', 1);
  return clause('ev.ignored.stale', { from, msg: m ? messageLabel(lang, m) : '' }, [], 'info', 1);
}

/** What a delivered message did when the engine left no note (routine traffic). */
function quietDelivery(lang: Lang, e: TraceEvent, m: InFlightMessage): Clause {
  const from = nodeName(lang, m.from);
  switch (m.type) {
    case 'AppendEntries':
      if (m.entries.length === 0) return clause('ev.hb.ok', { from }, ['§5.2'], 'info', 1);
      return clause('ev.append.had', { from, range: '' }, ['§5.3'], 'info', 1); // range filled by the caller
    case 'AppendEntriesReply': {
      const r: AppendEntriesReply = m;
      if (!r.success) return clause('ev.rejectStale', { from, index: r.rejectedIndex }, ['§5.3'], 'info', 1);
      if (r.matchIndex > 0) return clause('ev.ack', { from, index: r.matchIndex }, ['§5.3'], 'info', 1);
      return clause('ev.ack.empty', { from }, ['§5.2'], 'info', 1);
    }
    case 'RequestVoteReply':
      return clause('ev.vote.late', { from, term: m.term }, ['§5.2'], 'info', 1);
    case 'PreVoteReply':
      return latePreVoteReply(lang, m);
    case 'InstallSnapshotReply':
      return quietSnapshotReply(lang, e, m);
    case 'ClientReply':
      return clientReplyClause(lang, e, m);
    default:
      return clause('ev.received', { from, msg: '' }, [], 'info', 1);
  }
}

// ---------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------

function describeDelivery(lang: Lang, e: TraceEvent, m: InFlightMessage, ctx: DescribeContext): Clause[] {
  const clauses = noteClauses(lang, e, ctx);
  const OUTCOMES: ReadonlyArray<Note['kind']> = ['appendRejected', 'entriesAppended', 'logTruncated', 'ignored'];
  const hasOutcome = e.notes.some((n) => OUTCOMES.includes(n.kind));
  if (m.type === 'AppendEntries' && !hasOutcome) {
    // Accepted without appending: a heartbeat, or entries it already had.
    const c = quietDelivery(lang, e, m);
    if (c.key === 'ev.append.had') c.params.range = range(lang, m.prevLogIndex + 1, m.prevLogIndex + m.entries.length);
    clauses.push(c);
  } else if (clauses.length === 0) {
    const c = quietDelivery(lang, e, m);
    if (c.key === 'ev.received') c.params.msg = messageLabel(lang, m);
    clauses.push(c);
  }
  if (m.duplicate) clauses.push(clause('ev.dupCopy', {}, [], 'info', 9));
  return clauses;
}


function messageParams(lang: Lang, m: InFlightMessage): Params {
  return { msg: messageLabel(lang, m), from: nodeName(lang, m.from), to: nodeName(lang, m.to) };
}

/**
 * One sentence for one trace event, in `lang`: what happened and why, naming
 * servers S1..S9 and citing the paper. `ctx` adds facts the event lacks.
 */
export function describeEvent(e: TraceEvent, lang: Lang, ctx: DescribeContext = {}): EventDescription {
  const subject = e.server === null ? '' : nodeName(lang, e.server);
  return compose(lang, subject, eventClauses(lang, e, ctx));
}

function eventClauses(lang: Lang, e: TraceEvent, ctx: DescribeContext): Clause[] {
  const m = e.message;
  switch (e.kind) {
    // What the leader did (appended a configuration entry, started a transfer, took a snapshot) says it best.
    case 'addServer':
    case 'removeServer':
    case 'changeMembership':
      return membershipEventClauses(e, noteClauses(lang, e, ctx));
    case 'transferLeadership':
      return transferEventClauses(e, noteClauses(lang, e, ctx));
    case 'snapshot':
      return snapshotEventClauses(e, noteClauses(lang, e, ctx));
    case 'clientTimeout':
    case 'clientRequest':
      return clientEventClauses(lang, e, noteClauses(lang, e, ctx));
    case 'deliver':
      if (m) return describeDelivery(lang, e, m, ctx);
      break;
    case 'drop':
      if (m) {
        const key = e.failure ? `ev.drop.${e.failure}` : 'ev.drop.other';
        return [clause(key, messageParams(lang, m), [], 'fault', 1)];
      }
      break;
    case 'electionTimeout': {
      const clauses = noteClauses(lang, e, ctx);
      if (clauses.length > 0) return clauses;
      return [clause(e.detail === 'forced' ? 'ev.timeout.leader' : 'ev.timeout.none', {}, ['§5.2'], 'info', 1)];
    }
    case 'heartbeatTimeout': {
      const clauses = noteClauses(lang, e, ctx);
      const n = e.sent.length;
      if (n === 0) clauses.unshift(clause('ev.hb.none', {}, ['§5.2'], 'info', 1));
      else clauses.unshift(clause(n === 1 ? 'ev.hb.sendOne' : 'ev.hb.send', { count: n }, ['§5.2'], 'info', 1));
      return clauses;
    }
    case 'submit': {
      const clauses = noteClauses(lang, e, ctx);
      if (clauses.length > 0) return clauses;
      const cmd = quoted(lang, e.detail);
      if (e.server === null) return [clause('ev.submit.noLeader', { cmd }, ['§8'], 'reject', 1)];
      return [clause('ev.submit.crashed', { cmd }, ['§8'], 'fault', 1)];
    }
    case 'crash':
      return [clause('ev.crash', {}, ['Figure 2'], 'fault', 1)];
    case 'restart':
      return [clause('ev.restart', {}, ['Figure 2'], 'info', 1), ...noteClauses(lang, e, ctx)];
    case 'network':
      return describeNetwork(lang, e, ctx);
    case 'dropMessage':
      if (m) return [clause('ev.userDrop', messageParams(lang, m), [], 'fault', 1)];
      break;
    case 'duplicateMessage':
      if (m) return [clause('ev.userDup', messageParams(lang, m), [], 'fault', 1)];
      break;
  }
  const fallback = noteClauses(lang, e, ctx);
  return fallback.length > 0 ? fallback : [clause('ev.unknown', { n: e.n, kind: e.kind }, [], 'info', 1)];
}


export { eventKindsFor, isRoutine } from './categories';
export { describeViolation, propertyName } from './violations';
