/**
 * What a safety violation is about, as data, for the event log's sentence in
 * either language and for the logs view's marks on the entries involved
 * (issue 14: "with the violating entries marked"). The checker
 * (src/sim/invariants.ts) records it with each violation (`facts`: the servers,
 * the index, the terms); a record without them (made before they existed, or
 * a kind of finding with none) has its English sentence, built from a fixed
 * template, parsed back into its numbers here.
 */
import type { Entry, LogIndex, ServerId, Term } from '../engine';
import type { SafetyProperty, Violation, ViolationFacts, ViolationShape } from '../sim';

export type { ViolationFacts, ViolationShape };

/** Each template with the names of its numbers, in the order they appear. */
const TEMPLATES: ReadonlyArray<{ shape: ViolationShape; re: RegExp; names: readonly string[] }> = [
  { shape: 'electionSafety', re: /^S(\d+) and S(\d+) were both elected leader in term (\d+)\.?$/, names: ['a', 'b', 'term'] },
  {
    shape: 'leaderAppendOnly',
    re: /^S(\d+), leader of term (\d+), changed or removed its own entry at index (\d+) \(its log ended at (\d+)\)\.?$/,
    names: ['s', 'term', 'index', 'last'],
  },
  {
    shape: 'logMatching',
    re: /^S(\d+) has an entry at index (\d+) with term (\d+), like another log, but the two logs differ at or before index \d+\.?$/,
    names: ['s', 'index', 'term'],
  },
  {
    shape: 'leaderCompleteness',
    re: /^S(\d+) became leader of term (\d+) without the committed entry at index (\d+) \(term (\d+)\)\.?$/,
    names: ['s', 'term', 'index', 'entryTerm'],
  },
  { shape: 'smsOrder', re: /^S(\d+) applied index (\d+) right after index (\d+): entries must be applied in order\.?$/, names: ['s', 'index', 'prev'] },
  {
    shape: 'smsCommitted',
    re: /^S(\d+) committed a different entry at index (\d+) \(term (\d+)\) from the one already committed there \(term (\d+)\)\.?$/,
    names: ['s', 'index', 'term', 'other'],
  },
  {
    shape: 'smsApplied',
    re: /^S(\d+) applied a different entry at index (\d+) \(term (\d+)\) from the one already committed there \(term (\d+)\)\.?$/,
    names: ['s', 'index', 'term', 'other'],
  },
  { shape: 'termMonotonicity', re: /^S(\d+)'s currentTerm went down from (\d+) to (\d+)\.?$/, names: ['s', 'from', 'to'] },
  { shape: 'commitWithinLog', re: /^S(\d+) has commitIndex (\d+) but its log ends at index (\d+)\.?$/, names: ['s', 'commit', 'last'] },
  {
    shape: 'entryTermBound',
    re: /^S(\d+) holds an entry of term (\d+) at index (\d+), above its currentTerm (\d+)\.?$/,
    names: ['s', 'term', 'index', 'current'],
  },
];

/** The violation's facts as the checker recorded them, else its detail's template and numbers, or null for a detail in an unknown shape. */
export function violationFacts(v: Pick<Violation, 'detail'> & Partial<Pick<Violation, 'facts'>>): ViolationFacts | null {
  if (v.facts) return v.facts;
  for (const t of TEMPLATES) {
    const g = v.detail.match(t.re);
    if (!g) continue;
    const n: Record<string, number> = {};
    t.names.forEach((name, i) => (n[name] = Number(g[i + 1])));
    return { shape: t.shape, n };
  }
  return null;
}

/**
 * A place a violation marks: an entry (server and index) or, for a violation
 * about servers rather than entries (two leaders of one term, a term going
 * down), the server's whole row (index null).
 */
export interface ViolationMark {
  server: ServerId;
  index: LogIndex | null;
  property: SafetyProperty;
}

/** The logs as the page holds them: per server, entries contiguous by index (the compacted prefix left out). */
export type LogsByServer = Readonly<Record<ServerId, readonly Entry[]>>;

function entryOf(logs: LogsByServer, server: ServerId, index: LogIndex): Entry | undefined {
  const log = logs[server];
  if (!log || log.length === 0) return undefined;
  const e = log[index - log[0]!.index];
  return e?.index === index ? e : undefined;
}

/**
 * The entries (or rows) a violation is about, in the logs as they stand at the
 * cursor. An entry is marked only while it is still there: one of a known term
 * only while that term is still at its index, so a later overwrite leaves no
 * stale mark. When the server the violation is about has no such entry (a
 * leader elected without it, an entry overwritten since), its row is marked.
 *   - State Machine Safety, Leader Completeness (§5.4): the server's entry at
 *     the index, and every entry of the committed term there (what it should
 *     have held — in Figure 8, S5's term-3 entry against the term-2 one on S1–S3).
 *   - Log Matching (§5.3): the entry, and the other logs' entries of the same
 *     index and term whose prefixes differ.
 *   - Leader Append-Only, Entry Term Bound: the entry at the index.
 *   - Commit Within Log: the row's last entry (the commitIndex points past it).
 *   - Election Safety, Term Monotonicity: the servers' rows.
 */
export function violationMarks(v: Violation, logs: LogsByServer): ViolationMark[] {
  const f = violationFacts(v);
  const property = v.property;
  if (f === null) return v.servers.map((server) => ({ server, index: null, property }));
  const n = f.n;
  const out: ViolationMark[] = [];
  const mark = (server: ServerId, index: LogIndex, term?: Term): boolean => {
    const e = entryOf(logs, server, index);
    if (e === undefined || (term !== undefined && e.term !== term)) return false;
    out.push({ server, index, property });
    return true;
  };
  /** The server the violation is about: its entry, or (not there, or overwritten since) its row. */
  const culprit = (index: LogIndex, term?: Term): void => {
    if (!mark(n.s!, index, term)) out.push({ server: n.s!, index: null, property });
  };
  /** Every other server's entry of this term at this index. */
  const othersWith = (index: LogIndex, term: Term): void => {
    for (const key of Object.keys(logs)) {
      const server = Number(key);
      if (server !== n.s) void mark(server, index, term);
    }
  };
  switch (f.shape) {
    case 'electionSafety':
      return [n.a!, n.b!].map((server) => ({ server, index: null, property }));
    case 'termMonotonicity':
      return [{ server: n.s!, index: null, property }];
    case 'leaderCompleteness':
      culprit(n.index!);
      othersWith(n.index!, n.entryTerm!);
      break;
    case 'smsCommitted':
    case 'smsApplied':
      culprit(n.index!, n.term!);
      othersWith(n.index!, n.other!);
      break;
    case 'logMatching':
      culprit(n.index!, n.term!);
      othersWith(n.index!, n.term!);
      break;
    case 'entryTermBound':
      culprit(n.index!, n.term!);
      break;
    case 'leaderAppendOnly':
    case 'smsOrder':
      culprit(n.index!);
      break;
    case 'commitWithinLog':
      culprit(n.last!);
      break;
  }
  return out;
}

/** Most recent violations marked at once: a broken rule can break a property again every term. */
export const MARKED_VIOLATIONS_MAX = 20;

/**
 * The marks of the latest violations, by server, each place once with every
 * property broken there (in order of first report).
 */
export function violationMarksByServer(violations: readonly Violation[], logs: LogsByServer): Map<ServerId, Map<LogIndex | null, SafetyProperty[]>> {
  const out = new Map<ServerId, Map<LogIndex | null, SafetyProperty[]>>();
  for (const v of violations.slice(-MARKED_VIOLATIONS_MAX)) {
    for (const m of violationMarks(v, logs)) {
      let row = out.get(m.server);
      if (!row) out.set(m.server, (row = new Map()));
      const props = row.get(m.index) ?? [];
      if (!props.includes(m.property)) props.push(m.property);
      row.set(m.index, props);
    }
  }
  return out;
}
