/**
 * Building blocks of the event log's sentences, shared by describe.ts (the
 * paper's Figure 2 events) and the files it hands other topics to
 * (describeLeadership, describeMembership, describeCompaction, describeClients):
 * clauses, the sections they cite, names, ranges, and compose(), which ranks
 * clauses and joins them into one sentence.
 *
 * User text (client commands, keys, values) is inserted as plain string data and
 * never interpreted: render the result as React text, never as HTML.
 */
import type { Message, MessageType, Note, Role, ServerId } from '../../engine';
import { translate, type Lang, type Params } from '../i18n';

export type Tone = 'info' | 'role' | 'commit' | 'fault' | 'reject' | 'violation';

/**
 * The sections the sentences cite, in the order they are cited. `§…` alone is
 * the paper ("In Search of an Understandable Consensus Algorithm"); `diss. §…`
 * is Ongaro's dissertation ("Consensus: Bridging Theory and Practice"), where
 * PreVote (§9.6), CheckQuorum (§6.2), leadership transfer (§3.10) and
 * ReadIndex/leases (§6.4) are described.
 */
export type Section =
  | '§5.1'
  | '§5.2'
  | '§5.3'
  | '§5.4.1'
  | '§5.4.2'
  | '§6'
  | '§7'
  | '§8'
  | 'Figure 2'
  | 'diss. §3.10'
  | 'diss. §6.2'
  | 'diss. §6.4'
  | 'diss. §9.6';
export const SECTIONS: readonly Section[] = [
  '§5.1',
  '§5.2',
  '§5.3',
  '§5.4.1',
  '§5.4.2',
  '§6',
  '§7',
  '§8',
  'Figure 2',
  'diss. §3.10',
  'diss. §6.2',
  'diss. §6.4',
  'diss. §9.6',
];

/** A section as the reader sees it: "Figure 2" / "图 2", "dissertation §9.6" / "博士论文 §9.6". */
export function sectionLabel(lang: Lang, s: string): string {
  if (s === 'Figure 2') return translate(lang, 'ev.sec.figure2');
  if (s.startsWith('diss. ')) return translate(lang, 'ev.sec.diss', { n: s.slice('diss. '.length) });
  return s;
}

export interface EventDescription {
  /** One sentence; it already ends with the cited sections in parentheses, e.g. "… (§5.3, §5.4.2)". */
  text: string;
  /** The same sentence without the parenthesised citations (for a UI that shows `section` as a badge). */
  plain: string;
  /** The main section it illustrates (the first clause's, a Section id such as "§7" or "diss. §9.6"), or null. */
  section: string | null;
  tone: Tone;
}

/** Optional facts the trace event does not carry. */
export interface DescribeContext {
  /** Cluster size: lets "won with 3 votes" say "3 of 5 votes", and a partition name isolated servers. */
  servers?: number;
}

/** Longest command shown in a sentence, in characters (code points). */
export const COMMAND_PREVIEW = 40;

export interface Clause {
  key: string;
  params: Params;
  sections: Section[];
  tone: Tone;
  /** Lower comes first. */
  rank: number;
}

export const clause = (key: string, params: Params, sections: Section[], tone: Tone, rank = 5): Clause => ({
  key,
  params,
  sections,
  tone,
  rank,
});

export type NoteOf<K extends Note['kind']> = Extract<Note, { kind: K }>;

/** Whether `n` is of one of `kinds` (a topic's note kinds). */
export function isNoteOf<K extends Note['kind']>(kinds: readonly K[], n: Note): n is NoteOf<K> {
  return (kinds as readonly string[]).includes(n.kind);
}

export function find<K extends Note['kind']>(notes: readonly Note[], kind: K): NoteOf<K> | undefined {
  return notes.find((n): n is NoteOf<K> => n.kind === kind);
}

// ---------------------------------------------------------------------------
// Names and numbers
// ---------------------------------------------------------------------------

export function serverName(id: ServerId): string {
  return `S${id}`;
}

/** A server ("S3") or, for a negative address, a client ("Client C2" / "客户端 C2", as the client panel names it; client k is address -k). */
export function nodeName(lang: Lang, id: ServerId): string {
  return id < 0 ? clientName(lang, -id) : serverName(id);
}

export function clientName(lang: Lang, client: number): string {
  return translate(lang, 'ev.client', { k: client });
}

/** A client command as it appears in a sentence: one line, at most COMMAND_PREVIEW characters then "…". */
export function previewCommand(command: string, max = COMMAND_PREVIEW): string {
  // Control characters (newlines, tabs…) become spaces: a sentence is one line.
  // eslint-disable-next-line no-control-regex
  const flat = command.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  const chars = Array.from(flat); // code points: never split a surrogate pair
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : flat;
}

/** User text in quotes ("x=1" / “x=1”), flattened and shortened. */
export function quoted(lang: Lang, command: string | undefined): string {
  return translate(lang, 'ev.command', { cmd: previewCommand(command ?? '') });
}

export function range(lang: Lang, a: number, b: number): string {
  return a >= b ? translate(lang, 'ev.range.one', { a }) : translate(lang, 'ev.range.many', { a, b });
}

export function roleName(lang: Lang, role: Role): string {
  return translate(lang, `ev.role.${role}`);
}

/** "AppendEntries heartbeat" for an empty AppendEntries, else the RPC's name. */
export function messageLabel(lang: Lang, m: Message): string {
  if (m.type === 'AppendEntries' && m.entries.length === 0) return translate(lang, 'ev.msg.heartbeat');
  return translate(lang, `ev.msg.${m.type}`);
}

export function via(lang: Lang, type: MessageType, from: ServerId): string {
  return translate(lang, `ev.via.${type}`, { from: nodeName(lang, from) });
}

export function list(lang: Lang, items: string[]): string {
  if (items.length <= 1) return items.join('');
  return items.slice(0, -1).join(translate(lang, 'ev.list.sep')) + translate(lang, 'ev.list.and') + items[items.length - 1];
}

/** "S1, S2 and S3" (or "none" for an empty set). */
export function servers(lang: Lang, ids: readonly ServerId[]): string {
  if (ids.length === 0) return translate(lang, 'ev.none');
  return list(lang, ids.map(serverName));
}

export function percent(x: number): string {
  return `${Math.round(x * 1000) / 10}%`;
}

// ---------------------------------------------------------------------------
// One sentence from clauses
// ---------------------------------------------------------------------------

const PRONOUN = '\u0001';

/**
 * Rank the clauses (stable), name the subject in the first and use a pronoun in
 * the later ones, join them and cite the sections in the order of SECTIONS.
 */
export function compose(lang: Lang, subject: string, clauses: Clause[]): EventDescription {
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
  // Cite in SECTIONS order; the main section is the first clause's.
  const sections = SECTIONS.filter((s) => ordered.some((c) => c.sections.includes(s)));
  const main = ordered[0]?.sections[0] ?? sections[0] ?? null;
  const plain = parts.join(translate(lang, 'ev.join'));
  let text = plain;
  if (sections.length > 0) {
    const labels = sections.map((s) => sectionLabel(lang, s));
    text += translate(lang, 'ev.cite', { sections: labels.join(translate(lang, 'ev.citeSep')) });
  }
  return { text, plain, section: main, tone: ordered[0]?.tone ?? 'info' };
}
