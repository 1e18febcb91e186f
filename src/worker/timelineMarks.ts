/**
 * The marks on the timeline: which events a student would want to jump to
 * (elections, crashes, network changes, commits, membership and snapshots, and
 * the teaching moments of §5.3 and §5.4), collected as a branch moves forward,
 * one mark per event, with frequent kinds thinned so a long run stays legible.
 */
import type { RaftCluster, TraceEvent } from '../sim';
import type { ServerId } from '../engine';
import { noteMoments, type MomentKind } from './moments';
import type { Mark, MarkKind } from './protocol';

const MAX_MARKS = 4_000;
/** Marks that can come by the dozen: thinned first when a run has too many. */
const FREQUENT_MARKS: ReadonlySet<MarkKind> = new Set<MarkKind>(['commit', 'appendRejected']);

/** What a branch keeps of its marks between collections. */
export interface MarkedBranch {
  marks: Mark[];
  /** Marks are collected up to this event; later ones are new to this branch. */
  markedUpToN: number;
  violationsSeen: number;
  lastCommitMarkTime: number;
  /**
   * The marks before this index hold no frequent kind, so thinning them would
   * remove nothing (absent: not known). Without it, a branch with more than
   * MAX_MARKS rare marks filtered all of them again at every collection, for
   * nothing: the hour-long time-travel bench spent half its time there.
   */
  frequentFreeUpTo?: number;
}

/**
 * Add the marks of the events since the branch's last collection (and the
 * §5.4.2 marks found event by event, `pending`); true when the marks changed.
 */
export function collectMarks(b: MarkedBranch, c: RaftCluster, pending: readonly Mark[]): boolean {
  const before = b.marks.length;
  const marks = b.marks;
  for (const e of c.traceSince(b.markedUpToN)) {
    const kind = markKind(e);
    if (kind === 'commit') {
      // Commits are frequent: at most one mark per 250 simulated ms.
      if (e.time - b.lastCommitMarkTime < 250) continue;
      b.lastCommitMarkTime = e.time;
    }
    if (kind) marks.push(markOf(e.n, e.time, kind, e.server));
  }
  if (pending.length > 0) {
    for (const m of pending) if (m.n > b.markedUpToN) marks.push(m);
    marks.sort((x, y) => x.n - y.n);
  }
  const violations = c.violations().length;
  if (violations > b.violationsSeen) {
    marks.push({ n: c.eventCount, time: c.now, kind: 'violation' });
    b.violationsSeen = violations;
  }
  b.markedUpToN = c.eventCount;
  if (marks.length > MAX_MARKS) {
    // Thin the frequent marks first; the rare kinds stay. (New marks all come after the
    // old ones, whose n is at most markedUpToN, so only those past frequentFreeUpTo need a look.)
    let from = Math.min(b.frequentFreeUpTo ?? 0, marks.length);
    while (from < marks.length && !FREQUENT_MARKS.has(marks[from]!.kind)) from++;
    if (from < marks.length) {
      let drop = true;
      b.marks = marks.filter((m) => !FREQUENT_MARKS.has(m.kind) || (drop = !drop));
      b.frequentFreeUpTo = 0;
    } else b.frequentFreeUpTo = marks.length;
  }
  return b.marks.length !== before;
}

export function markOf(n: number, time: number, kind: MarkKind, server: ServerId | null): Mark {
  return server === null ? { n, time, kind } : { n, time, kind, server };
}

/** Teaching moments found in an event's notes, as marks (nextIndex steps come with the refusal's mark). */
const MOMENT_MARK: Partial<Record<MomentKind, MarkKind>> = {
  configChange: 'membership',
  snapshotInstalled: 'snapshot',
  overwrite: 'overwrite',
  appendRejected: 'appendRejected',
  voteRefused: 'voteRefused',
  commit: 'commit',
};

function markKind(e: TraceEvent): MarkKind | null {
  switch (e.kind) {
    case 'crash':
      return 'crash';
    case 'restart':
      return 'restart';
    case 'network':
    case 'dropMessage':
    case 'duplicateMessage':
      return 'network';
    case 'submit':
    case 'clientRequest':
      return 'client';
    case 'addServer':
    case 'removeServer':
    case 'changeMembership':
    case 'transferLeadership':
      return 'membership';
    case 'snapshot':
      return 'snapshot';
    default:
      break;
  }
  if (e.notes.length === 0) return null;
  for (const n of e.notes) if (n.kind === 'roleChanged' && n.to === 'leader') return 'election';
  // One mark per event: the rarer lesson first (§6, §7, §5.3 overwrite, §5.3 refusal, §5.4.1), commits last.
  let best: MarkKind | null = null;
  let rank = Infinity;
  for (const m of noteMoments(e)) {
    const kind = MOMENT_MARK[m.kind];
    if (kind === undefined) continue;
    const r = MARK_RANK.indexOf(kind);
    if (r < rank) {
      rank = r;
      best = kind;
    }
  }
  return best;
}

const MARK_RANK: readonly MarkKind[] = ['membership', 'snapshot', 'overwrite', 'appendRejected', 'voteRefused', 'commit'];
