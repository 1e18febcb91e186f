/**
 * The safety checker. After every event it examines only the servers that event
 * touched and compares each with one canonical history (the first commit seen
 * at each index), using rolling hashes of log prefixes so that no event costs a
 * full log comparison. It records violations instead of throwing, so a user who
 * deliberately breaks a rule can watch what goes wrong.
 *
 * Properties (Figure 3 of the paper, plus three state sanity rules):
 *  - Election Safety: at most one leader per term.
 *  - Leader Append-Only: a leader never overwrites or deletes its own entries.
 *  - Log Matching: two logs with an entry of the same index and term are
 *    identical up to that index.
 *  - Leader Completeness: a leader's log holds every entry committed in earlier terms.
 *  - State Machine Safety: no two servers apply different entries at one index;
 *    each server applies in index order.
 *  - Term Monotonicity: a server's currentTerm never decreases.
 *  - Commit Within Log: commitIndex never exceeds the last log index.
 *  - Entry Term Bound: no entry has a term above its owner's currentTerm.
 */
import { lastIndex, lastTerm, termAt, type Entry, type LogIndex, type RaftState, type ServerId, type Term } from '../engine';
import { extendPrefix } from './hash';

/** Every property the checker reports (one list, so lessons and the UI can validate and name them). */
export const SAFETY_PROPERTIES = [
  'Election Safety',
  'Leader Append-Only',
  'Log Matching',
  'Leader Completeness',
  'State Machine Safety',
  'Term Monotonicity',
  'Commit Within Log',
  'Entry Term Bound',
] as const;

export type SafetyProperty = (typeof SAFETY_PROPERTIES)[number];

export interface Violation {
  property: SafetyProperty;
  /** Simulated ms. */
  time: number;
  /** Number of the event after which it was found. */
  event: number;
  servers: ServerId[];
  detail: string;
  /**
   * What the detail says, as numbers (the servers, the index, the terms): for the
   * event log's sentence in either language and the logs view's marks, so they
   * need not read the English sentence back. Absent for a kind of finding not
   * listed in ViolationShape (a snapshot at odds with a committed entry).
   */
  facts?: ViolationFacts;
}

/** Which kind of finding a violation's facts describe (each has its own numbers). */
export type ViolationShape =
  | 'electionSafety'
  | 'leaderAppendOnly'
  | 'logMatching'
  | 'leaderCompleteness'
  | 'smsOrder'
  | 'smsCommitted'
  | 'smsApplied'
  | 'termMonotonicity'
  | 'commitWithinLog'
  | 'entryTermBound';

export interface ViolationFacts {
  shape: ViolationShape;
  /** The detail's numbers by name (servers as numbers: a, b, s). */
  n: Readonly<Record<string, number>>;
}

interface ServerWatch {
  /** prefixHash[i]: rolling hash of log entries 1..i (prefixHash[0] = 0). */
  prefixHash: number[];
  term: Term;
  /** Term in which we last saw it lead (0: not a leader at the last check). */
  leaderTerm: Term;
  /** Its last log index at the last check while leading. */
  leaderLastIndex: LogIndex;
  commitSeen: LogIndex;
  appliedSeen: LogIndex;
  /** Entry Term Bound was broken at the last check (report once per breach). */
  termBoundBroken: boolean;
}

/** Plain data: checkpointable with the rest of the cluster. */
export interface CheckerState {
  servers: Record<ServerId, ServerWatch>;
  leaderOfTerm: Record<Term, ServerId>;
  /**
   * Log Matching witnesses: for each (index, term), the prefix hash of the first
   * log seen holding that entry. Kept by index in two number arrays (the term
   * first seen at index i and its prefix hash), because a checkpoint copies the
   * checker and a packed array copies in microseconds where a dictionary of tens
   * of thousands of keys took tens of milliseconds (issue 10, seek time). A
   * second term at the same index (logs that diverged) goes to witnessOther,
   * keyed "index:term". witnessTerm[i] = 0: nothing seen at i yet.
   */
  witnessTerm: Term[];
  witnessPrefix: number[];
  witnessOther: Record<string, number>;
  /** Canonical committed history: term and prefix hash at each committed index. */
  committedTerm: Term[];
  committedHash: number[];
  /** Indexes already reported for State Machine Safety (one report per index). */
  reported: Record<string, true>;
  violations: Violation[];
}

export interface EventFacts {
  time: number;
  event: number;
  /** Lowest index written or removed, or null. */
  logChangedFrom: LogIndex | null;
  applied: readonly Entry[];
  /** §7: a snapshot from the leader replaced the log up to this index. */
  snapshotInstalled?: { index: LogIndex; term: Term } | null;
  /** §7: entries the server compacted away during this event (still to be checked). */
  compacted?: readonly Entry[] | null;
}

/** Entry i of the server's log, including entries compacted away during this very event. */
function entryOf(s: RaftState, f: EventFacts, i: LogIndex): Entry | undefined {
  const base = s.log.snapshotIndex;
  if (i > base) return s.log.entries[i - base - 1];
  const gone = f.compacted;
  if (!gone || gone.length === 0) return undefined;
  return gone[i - gone[0]!.index];
}

const S = (id: ServerId): string => `S${id}`;

export function createChecker(): CheckerState {
  return {
    servers: {},
    leaderOfTerm: {},
    witnessTerm: [0],
    witnessPrefix: [0],
    witnessOther: {},
    committedTerm: [0],
    committedHash: [0],
    reported: {},
    violations: [],
  };
}

function report(c: CheckerState, f: EventFacts, property: SafetyProperty, servers: ServerId[], detail: string, facts?: ViolationFacts): void {
  c.violations.push(facts ? { property, time: f.time, event: f.event, servers, detail, facts } : { property, time: f.time, event: f.event, servers, detail });
}

/** Start watching a server whose log already exists (cluster creation, initial state, adding a server). */
export function watchServer(c: CheckerState, s: RaftState, f: EventFacts): void {
  c.servers[s.id] = { prefixHash: [0], term: s.currentTerm, leaderTerm: 0, leaderLastIndex: 0, commitSeen: 0, appliedSeen: 0, termBoundBroken: false };
  checkServer(c, s, { ...f, logChangedFrom: s.log.snapshotIndex + 1, applied: [] });
}

/** A crash or restart wipes volatile state: commit and apply progress start again from the snapshot (§7), or 0. */
export function serverRestarted(c: CheckerState, s: RaftState): void {
  const w = c.servers[s.id];
  if (!w) return;
  w.commitSeen = s.log.snapshotIndex;
  w.appliedSeen = s.log.snapshotIndex;
  w.leaderTerm = 0;
}

/**
 * §7: an installed snapshot must hold exactly the committed history up to its
 * last included index. Its prefix hash is the canonical one; entries kept after
 * it are rehashed from there.
 */
function snapshotArrived(c: CheckerState, s: RaftState, w: ServerWatch, f: EventFacts, snap: { index: LogIndex; term: Term }): void {
  const i = snap.index;
  if (i < c.committedHash.length) {
    if (c.committedTerm[i] !== snap.term && !c.reported[`SM${i}`]) {
      c.reported[`SM${i}`] = true;
      report(c, f, 'State Machine Safety', [s.id],
        `${S(s.id)} installed a snapshot ending at index ${i} with term ${snap.term}, but the entry committed there has term ${c.committedTerm[i]}.`);
    }
    w.prefixHash[i] = c.committedHash[i]!;
  }
  if (w.commitSeen < i) w.commitSeen = i;
  if (w.appliedSeen < s.lastApplied) w.appliedSeen = s.lastApplied;
}

/** Run every check that the event may have affected on server `s`. */
export function checkServer(c: CheckerState, s: RaftState, f: EventFacts): void {
  const w = c.servers[s.id]!;
  const last = lastIndex(s.log);

  // Term Monotonicity.
  if (s.currentTerm < w.term) {
    report(c, f, 'Term Monotonicity', [s.id], `${S(s.id)}'s currentTerm went down from ${w.term} to ${s.currentTerm}.`, {
      shape: 'termMonotonicity',
      n: { s: s.id, from: w.term, to: s.currentTerm },
    });
  }
  w.term = s.currentTerm;

  if (f.snapshotInstalled) snapshotArrived(c, s, w, f, f.snapshotInstalled);

  const wasLeaderTerm = w.leaderTerm;
  const stillSameLeader = s.role === 'leader' && wasLeaderTerm === s.currentTerm;

  if (f.logChangedFrom !== null) {
    const from = f.logChangedFrom;
    // Leader Append-Only: while leading one term, nothing at or below the old end may change.
    if (stillSameLeader && from <= w.leaderLastIndex) {
      report(c, f, 'Leader Append-Only', [s.id],
        `${S(s.id)}, leader of term ${s.currentTerm}, changed or removed its own entry at index ${from} (its log ended at ${w.leaderLastIndex}).`,
        { shape: 'leaderAppendOnly', n: { s: s.id, term: s.currentTerm, index: from, last: w.leaderLastIndex } });
    }
    rehashFrom(c, s, w, from, f);
  }

  // Entry Term Bound: terms never decrease along a log, so the last entry has the highest.
  const lt = lastTerm(s.log);
  if (lt > s.currentTerm && !w.termBoundBroken) {
    report(c, f, 'Entry Term Bound', [s.id], `${S(s.id)} holds an entry of term ${lt} at index ${last}, above its currentTerm ${s.currentTerm}.`, {
      shape: 'entryTermBound',
      n: { s: s.id, term: lt, index: last, current: s.currentTerm },
    });
  }
  w.termBoundBroken = lt > s.currentTerm;

  // Commit Within Log.
  if (s.commitIndex > last) {
    report(c, f, 'Commit Within Log', [s.id], `${S(s.id)} has commitIndex ${s.commitIndex} but its log ends at index ${last}.`, {
      shape: 'commitWithinLog',
      n: { s: s.id, commit: s.commitIndex, last },
    });
  }

  // A new leader: Election Safety and Leader Completeness.
  if (s.role === 'leader' && !stillSameLeader) {
    const other = c.leaderOfTerm[s.currentTerm];
    if (other !== undefined && other !== s.id) {
      report(c, f, 'Election Safety', [other, s.id], `${S(s.id)} and ${S(other)} were both elected leader in term ${s.currentTerm}.`, {
        shape: 'electionSafety',
        n: { a: s.id, b: other, term: s.currentTerm },
      });
    } else {
      c.leaderOfTerm[s.currentTerm] = s.id;
    }
    checkLeaderHasCommitted(c, s, w, f);
  }
  w.leaderTerm = s.role === 'leader' ? s.currentTerm : 0;
  w.leaderLastIndex = s.role === 'leader' ? last : 0;

  // Newly committed indexes join (or are compared with) the canonical history.
  if (s.commitIndex > w.commitSeen) {
    for (let i = w.commitSeen + 1; i <= Math.min(s.commitIndex, last); i++) {
      compareWithCanonical(c, s, w, i, f, 'committed');
    }
    w.commitSeen = s.commitIndex;
  }

  // State Machine Safety: apply in order, and only the canonical entry at each index.
  for (const e of f.applied) {
    if (e.index !== w.appliedSeen + 1) {
      report(c, f, 'State Machine Safety', [s.id], `${S(s.id)} applied index ${e.index} right after index ${w.appliedSeen}: entries must be applied in order.`, {
        shape: 'smsOrder',
        n: { s: s.id, index: e.index, prev: w.appliedSeen },
      });
    }
    w.appliedSeen = e.index;
    compareWithCanonical(c, s, w, e.index, f, 'applied');
  }
}

/**
 * The prefix hash first seen for the entry (i, term); when it is the first,
 * `prefix` is recorded and returned.
 */
function witnessOf(c: CheckerState, i: LogIndex, term: Term, prefix: number): number {
  const terms = c.witnessTerm;
  // Keep the arrays packed: fill any gap (a snapshot skipped indexes) with "nothing seen".
  while (terms.length <= i) {
    terms.push(0);
    c.witnessPrefix.push(0);
  }
  if (terms[i] === 0) {
    terms[i] = term;
    c.witnessPrefix[i] = prefix;
    return prefix;
  }
  if (terms[i] === term) return c.witnessPrefix[i]!;
  const key = `${i}:${term}`;
  const other = c.witnessOther[key];
  if (other !== undefined) return other;
  c.witnessOther[key] = prefix;
  return prefix;
}

/**
 * A checker from a checkpoint taken before the witnesses were kept by index
 * (an `entryPrefix` dictionary keyed "index:term"): the same facts, by index.
 */
export function checkerFromOlder(c: CheckerState & { entryPrefix?: Record<string, number> }): CheckerState {
  if (Array.isArray(c.witnessTerm) || c.entryPrefix === undefined) return c;
  const { entryPrefix, ...rest } = c;
  const out: CheckerState = { ...rest, witnessTerm: [0], witnessPrefix: [0], witnessOther: {} };
  const keys = Object.keys(entryPrefix)
    .map((k) => k.split(':').map(Number) as [number, number])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (const [i, term] of keys) witnessOf(out, i, term, entryPrefix[`${i}:${term}`]!);
  return out;
}

/** Recompute prefix hashes from `from` to the end; check Log Matching and Entry Term Bound on the new entries. */
function rehashFrom(c: CheckerState, s: RaftState, w: ServerWatch, from: LogIndex, f: EventFacts): void {
  const last = lastIndex(s.log);
  // Entries written and compacted within this same event still get checked.
  const base = f.compacted && f.compacted.length > 0 ? f.compacted[0]!.index - 1 : s.log.snapshotIndex;
  const h = w.prefixHash;
  if (h.length > from) h.length = Math.max(from, base + 1);
  for (let i = Math.max(from, base + 1); i <= last; i++) {
    const e = entryOf(s, f, i)!;
    const prefix = extendPrefix(h[i - 1] ?? 0, e.term, e.command);
    h[i] = prefix;
    if (witnessOf(c, i, e.term, prefix) === prefix) continue;
    const key = `LM${i}:${e.term}`;
    if (!c.reported[key]) {
      c.reported[key] = true;
      report(c, f, 'Log Matching', [s.id],
        `${S(s.id)} has an entry at index ${i} with term ${e.term}, like another log, but the two logs differ at or before index ${i}.`,
        { shape: 'logMatching', n: { s: s.id, index: i, term: e.term } });
    }
  }
}

function compareWithCanonical(c: CheckerState, s: RaftState, w: ServerWatch, i: LogIndex, f: EventFacts, what: 'committed' | 'applied'): void {
  const term = termAt(s.log, i) ?? entryOf(s, f, i)?.term;
  const hash = w.prefixHash[i];
  if (term === undefined || hash === undefined) return;
  if (i === c.committedHash.length) {
    c.committedHash.push(hash);
    c.committedTerm.push(term);
    return;
  }
  if (i > c.committedHash.length) {
    // Committed beyond the canonical end (possible only after a rule was broken): extend from this log.
    for (let j = c.committedHash.length; j <= i; j++) {
      c.committedHash.push(w.prefixHash[j] ?? 0);
      c.committedTerm.push(termAt(s.log, j) ?? entryOf(s, f, j)?.term ?? 0);
    }
    return;
  }
  if (c.committedHash[i] !== hash && !c.reported[`SM${i}`]) {
    c.reported[`SM${i}`] = true;
    report(c, f, 'State Machine Safety', [s.id],
      `${S(s.id)} ${what} a different entry at index ${i} (term ${term}) from the one already committed there (term ${c.committedTerm[i]}).`,
      { shape: what === 'committed' ? 'smsCommitted' : 'smsApplied', n: { s: s.id, index: i, term, other: c.committedTerm[i]! } });
  }
}

/** Leader Completeness at election: the new leader must hold the whole committed history. */
function checkLeaderHasCommitted(c: CheckerState, s: RaftState, w: ServerWatch, f: EventFacts): void {
  const k = c.committedHash.length - 1;
  if (k === 0) return;
  const last = lastIndex(s.log);
  if (last >= k && w.prefixHash[k] === c.committedHash[k]) return;
  // Find the first committed index it lacks, for a precise message.
  let i = 1;
  while (i <= k && i <= last && w.prefixHash[i] === c.committedHash[i]) i++;
  report(c, f, 'Leader Completeness', [s.id],
    `${S(s.id)} became leader of term ${s.currentTerm} without the committed entry at index ${i} (term ${c.committedTerm[i]}).`,
    { shape: 'leaderCompleteness', n: { s: s.id, term: s.currentTerm, index: i, entryTerm: c.committedTerm[i]! } });
}
