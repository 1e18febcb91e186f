/**
 * The event log's sentences: one plain sentence per trace event that says what
 * happened and why, with the section of the paper it illustrates.
 *
 * An event's notes are turned into clauses, ranked (most important first) and
 * joined into one sentence; the first clause names the server, later ones use a
 * pronoun. All wording lives in the dictionaries (i18n/events.*.ts).
 *
 * User text (client commands) is inserted as plain string data and never
 * interpreted: render the result as React text, never as HTML.
 */
import type { AppendEntriesReply, Message, MessageType, Note, RequestVote, Role, ServerId, VoteRejectReason } from '../../engine';
import type { InFlightMessage } from '../../sim/network';
import type { TraceEvent } from '../../sim/trace';
import { translate, type Lang, type Params } from '../i18n';

export type Tone = 'info' | 'role' | 'commit' | 'fault' | 'reject' | 'violation';

/** The paper sections the sentences cite. */
export type Section = '§5.1' | '§5.2' | '§5.3' | '§5.4.1' | '§5.4.2' | '§8' | 'Figure 2';
export const SECTIONS: readonly Section[] = ['§5.1', '§5.2', '§5.3', '§5.4.1', '§5.4.2', '§8', 'Figure 2'];

export interface EventDescription {
  /** One sentence; it already ends with the cited sections in parentheses, e.g. "… (§5.3, §5.4.2)". */
  text: string;
  /** The same sentence without the parenthesised citations (for a UI that shows `section` as a badge). */
  plain: string;
  /** The main section it illustrates (the first clause's), or null. */
  section: string | null;
  tone: Tone;
}

/** Optional facts the trace event does not carry. */
export interface DescribeContext {
  /** Cluster size: lets "won with 3 votes" say "3 of 5 votes", and a partition name isolated servers. */
  servers?: number;
}

export type EventCategory = 'election' | 'replication' | 'client' | 'fault' | 'network' | 'commit';
export const EVENT_CATEGORIES: readonly EventCategory[] = ['election', 'replication', 'client', 'commit', 'fault', 'network'];

/** Longest command shown in a sentence, in characters (code points). */
export const COMMAND_PREVIEW = 40;

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

export function serverName(id: ServerId): string {
  return `S${id}`;
}

/** A client command as it appears in a sentence: one line, at most COMMAND_PREVIEW characters then "…". */
export function previewCommand(command: string, max = COMMAND_PREVIEW): string {
  // Control characters (newlines, tabs…) become spaces: a sentence is one line.
  // eslint-disable-next-line no-control-regex
  const flat = command.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  const chars = Array.from(flat); // code points: never split a surrogate pair
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : flat;
}

function quoted(lang: Lang, command: string | undefined): string {
  return translate(lang, 'ev.command', { cmd: previewCommand(command ?? '') });
}

function range(lang: Lang, a: number, b: number): string {
  return a >= b ? translate(lang, 'ev.range.one', { a }) : translate(lang, 'ev.range.many', { a, b });
}

function roleName(lang: Lang, role: Role): string {
  return translate(lang, `ev.role.${role}`);
}

/** "AppendEntries heartbeat" for an empty AppendEntries, else the RPC's name. */
export function messageLabel(lang: Lang, m: Message): string {
  if (m.type === 'AppendEntries' && m.entries.length === 0) return translate(lang, 'ev.msg.heartbeat');
  return translate(lang, `ev.msg.${m.type}`);
}

function via(lang: Lang, type: MessageType, from: ServerId): string {
  return translate(lang, `ev.via.${type}`, { from: serverName(from) });
}

function list(lang: Lang, items: string[]): string {
  if (items.length <= 1) return items.join('');
  return items.slice(0, -1).join(translate(lang, 'ev.list.sep')) + translate(lang, 'ev.list.and') + items[items.length - 1];
}

function percent(x: number): string {
  return `${Math.round(x * 1000) / 10}%`;
}

// ---------------------------------------------------------------------------
// Clauses
// ---------------------------------------------------------------------------

interface Clause {
  key: string;
  params: Params;
  sections: Section[];
  tone: Tone;
  /** Lower comes first. */
  rank: number;
}

const clause = (key: string, params: Params, sections: Section[], tone: Tone, rank = 5): Clause => ({
  key,
  params,
  sections,
  tone,
  rank,
});

const PRONOUN = '\u0001';

function compose(lang: Lang, subject: string, clauses: Clause[]): EventDescription {
  const ordered = clauses.map((c, i) => ({ c, i })).sort((x, y) => x.c.rank - y.c.rank || x.i - y.i).map((x) => x.c);
  const parts = ordered.map((c, i) => {
    if (i === 0) return translate(lang, c.key, { s: subject, ...c.params });
    // A later clause refers to the server by a pronoun: `ev.itStart` where it opens
    // the clause (it may swallow the space after it), `ev.it` anywhere else.
    let text = translate(lang, c.key, { s: PRONOUN, ...c.params });
    if (text.startsWith(PRONOUN)) {
      const rest = text.slice(PRONOUN.length);
      text = translate(lang, 'ev.itStart') + (rest.startsWith(' ') ? rest.slice(1) : rest);
    }
    return text.split(PRONOUN).join(translate(lang, 'ev.it'));
  });
  // Cite in the paper's order; the main section is the first clause's.
  const sections = SECTIONS.filter((s) => ordered.some((c) => c.sections.includes(s)));
  const main = ordered[0]?.sections[0] ?? sections[0] ?? null;
  const plain = parts.join(translate(lang, 'ev.join'));
  let text = plain;
  if (sections.length > 0) {
    const labels = sections.map((s) => (s === 'Figure 2' ? translate(lang, 'ev.sec.figure2') : s));
    text += translate(lang, 'ev.cite', { sections: labels.join(translate(lang, 'ev.citeSep')) });
  }
  return { text, plain, section: main, tone: ordered[0]?.tone ?? 'info' };
}

type NoteOf<K extends Note['kind']> = Extract<Note, { kind: K }>;

function find<K extends Note['kind']>(notes: readonly Note[], kind: K): NoteOf<K> | undefined {
  return notes.find((n): n is NoteOf<K> => n.kind === kind);
}

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
        if (n.to === 'candidate') {
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
          out.push(clause('ev.leaderFound', { from: serverName(m.from), term: n.term }, ['§5.2'], 'role', 0));
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
        out.push(clause('ev.vote.granted', { c: serverName(n.candidate), term: n.term }, ['§5.2'], 'info', 1));
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
      default: {
        const unknown: never = n;
        void unknown;
      }
    }
  }
  // An "ignored" note after a step-down or term change says nothing new.
  const meaningful = out.filter((c) => !c.key.startsWith('ev.ignored.') && c.key !== 'ev.vote.noLongerCandidate');
  return meaningful.length > 0 && (toFollower || adopted) ? meaningful : out;
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
  const from = serverName(m?.from ?? 0);
  const term = m?.term ?? 0;
  if (what === 'duplicateLeader') return clause('ev.ignored.dupLeader', { from, term }, ['§5.2'], 'reject', 1);
  if (what === 'notLeader') return clause('ev.ignored.notLeader', { from, msg: m ? messageLabel(lang, m) : '' }, ['§5.2'], 'info', 1);
  // A reply carries the responder's term, not the request's: these sentences do not name it.
  if (m?.type === 'RequestVoteReply') return clause('ev.vote.noLongerCandidate', { from }, ['§5.2'], 'info', 1);
  if (m?.type === 'AppendEntriesReply') return clause('ev.ignored.lateAppendReply', { from }, ['§5.3'], 'info', 1);
  return clause('ev.ignored.stale', { from, msg: m ? messageLabel(lang, m) : '' }, [], 'info', 1);
}

/** What a delivered message did when the engine left no note (routine traffic). */
function quietDelivery(m: InFlightMessage): Clause {
  const from = serverName(m.from);
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
    const c = quietDelivery(m);
    if (c.key === 'ev.append.had') c.params.range = range(lang, m.prevLogIndex + 1, m.prevLogIndex + m.entries.length);
    clauses.push(c);
  } else if (clauses.length === 0) {
    const c = quietDelivery(m);
    if (c.key === 'ev.received') c.params.msg = messageLabel(lang, m);
    clauses.push(c);
  }
  if (m.duplicate) clauses.push(clause('ev.dupCopy', {}, [], 'info', 9));
  return clauses;
}

function describeNetwork(lang: Lang, e: TraceEvent, ctx: DescribeContext): Clause[] {
  // Prefer the action as data; older traces (and unknown actions) fall back to the detail text.
  const a = e.action;
  if (a) {
    switch (a.type) {
      case 'disconnect':
        return [clause('ev.net.disconnect', { s: serverName(a.server) }, [], 'fault', 1)];
      case 'connect':
        return [clause('ev.net.connect', { s: serverName(a.server) }, [], 'info', 1)];
      case 'setLink': {
        const p = { a: serverName(a.from), b: serverName(a.to) };
        return [a.up ? clause('ev.net.linkUp', p, [], 'info', 1) : clause('ev.net.linkDown', p, [], 'fault', 1)];
      }
      case 'heal':
        return [clause('ev.net.heal', {}, [], 'info', 1)];
      case 'partition':
        return describePartition(lang, a.groups.filter((g) => g.length > 0), ctx);
      case 'setNetwork': {
        const st = a.settings;
        if (st.latencyMs && st.dropRate !== undefined && st.duplicateRate !== undefined) {
          return [clause('ev.net.settings', { lo: String(st.latencyMs[0]), hi: String(st.latencyMs[1]), drop: percent(st.dropRate), dup: percent(st.duplicateRate) }, [], 'info', 1)];
        }
        break;
      }
      default:
        break;
    }
  }
  const d = e.detail ?? '';
  let g: RegExpMatchArray | null;
  if ((g = d.match(/^disconnect S(\d+)$/))) return [clause('ev.net.disconnect', { s: serverName(Number(g[1])) }, [], 'fault', 1)];
  if ((g = d.match(/^connect S(\d+)$/))) return [clause('ev.net.connect', { s: serverName(Number(g[1])) }, [], 'info', 1)];
  if ((g = d.match(/^link S(\d+)→S(\d+) (up|down)$/))) {
    const p = { a: serverName(Number(g[1])), b: serverName(Number(g[2])) };
    return [g[3] === 'down' ? clause('ev.net.linkDown', p, [], 'fault', 1) : clause('ev.net.linkUp', p, [], 'info', 1)];
  }
  if (d === 'heal') return [clause('ev.net.heal', {}, [], 'info', 1)];
  if ((g = d.match(/^partition (.*)$/))) {
    const groups = [...g[1]!.matchAll(/\[([\d,]*)\]/g)]
      .map((x) => x[1]!.split(',').filter((s) => s !== '').map(Number))
      .filter((ids) => ids.length > 0);
    return describePartition(lang, groups, ctx);
  }
  if ((g = d.match(/^network latency ([\d.]+)–([\d.]+) ms, drop ([\d.e+-]+), duplicate ([\d.e+-]+)$/))) {
    return [clause('ev.net.settings', { lo: g[1]!, hi: g[2]!, drop: percent(Number(g[3])), dup: percent(Number(g[4])) }, [], 'info', 1)];
  }
  return [clause('ev.net.other', { detail: d }, [], 'info', 1)];
}

function describePartition(lang: Lang, groups: number[][], ctx: DescribeContext): Clause[] {
  const sep = translate(lang, 'ev.list.sep');
  const text = list(lang, groups.map((ids) => `[${ids.map(serverName).join(sep)}]`));
  const out = [clause('ev.net.partition', { groups: text }, [], 'fault', 1)];
  if (ctx.servers !== undefined) {
    const listed = new Set(groups.flat());
    const alone = Array.from({ length: ctx.servers }, (_, k) => k + 1).filter((id) => !listed.has(id));
    if (alone.length > 0) {
      out.push(clause(alone.length === 1 ? 'ev.net.isolatedOne' : 'ev.net.isolatedMany', { list: list(lang, alone.map(serverName)) }, [], 'fault', 2));
    }
  }
  return out;
}

function messageParams(lang: Lang, m: InFlightMessage): Params {
  return { msg: messageLabel(lang, m), from: serverName(m.from), to: serverName(m.to) };
}

/**
 * One sentence for one trace event, in `lang`: what happened and why, naming
 * servers S1..S9 and citing the paper. `ctx` adds facts the event lacks.
 */
export function describeEvent(e: TraceEvent, lang: Lang, ctx: DescribeContext = {}): EventDescription {
  const subject = e.server === null ? '' : serverName(e.server);
  return compose(lang, subject, eventClauses(lang, e, ctx));
}

function eventClauses(lang: Lang, e: TraceEvent, ctx: DescribeContext): Clause[] {
  const m = e.message;
  switch (e.kind) {
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
