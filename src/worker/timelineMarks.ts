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
/**
 * The kinds thinned when a branch has more than MAX_MARKS marks, tier by tier:
 * a tier is thinned when the tiers before it did not bring the branch back
 * under MAX_MARKS. Thinning a tier spaces its marks in simulated time: the
 * branch's marks of its kinds keep a gap between them (doubled until the branch
 * fits), and later marks keep the same gap, so a long run keeps marks all
 * along it instead of only near its end. Commits and refusals come by the
 * dozen; then a client's requests and network changes, which a scripted run
 * makes by the thousand (the hour-long time-travel bench: 36,000 requests, every one a mark
 * until 2026-12-07, all sent to the page each time the marks changed). The
 * rest (elections, crashes and restarts, membership, snapshots, the lessons'
 * moments, violations) always stay.
 */
const THINNED_TIERS: readonly ReadonlySet<MarkKind>[] = [new Set<MarkKind>(['commit', 'appendRejected']), new Set<MarkKind>(['client', 'network'])];

/** What a branch keeps of its marks between collections. */
export interface MarkedBranch {
  marks: Mark[];
  /** Marks are collected up to this event; later ones are new to this branch. */
  markedUpToN: number;
  violationsSeen: number;
  lastCommitMarkTime: number;
  /**
   * Per tier of THINNED_TIERS, the marks before this index hold none of its
   * kinds, so thinning them would remove nothing (absent: not known). Without
   * it, a branch with more than MAX_MARKS marks that are never thinned looked
   * at all of them again at every collection, for nothing: the hour-long
   * time-travel bench once spent half its time there.
   */
  thinnedFreeUpTo?: number[];
  /** Per tier of THINNED_TIERS, the simulated ms its marks keep between them (0 or absent: not thinned yet). */
  thinnedGapMs?: number[];
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
  if (b.thinnedGapMs !== undefined && marks.length > before) spaceNew(b, before);
  if (b.marks.length > MAX_MARKS) thin(b);
  // Thinning makes a new list: the marks changed even when as many are left as there were.
  return b.marks !== marks || b.marks.length !== before;
}

/** Keep the marks from `start` on only as far apart as their tier's gap asks (the older ones already are). */
function spaceNew(b: MarkedBranch, start: number): void {
  const gaps = b.thinnedGapMs!;
  const marks = b.marks;
  const lastTime = THINNED_TIERS.map((tier, t) => {
    if (!(gaps[t]! > 0)) return -Infinity;
    for (let k = start - 1; k >= 0; k--) if (tier.has(marks[k]!.kind)) return marks[k]!.time;
    return -Infinity;
  });
  let out = start;
  for (let k = start; k < marks.length; k++) {
    const m = marks[k]!;
    const t = THINNED_TIERS.findIndex((tier) => tier.has(m.kind));
    if (t >= 0 && gaps[t]! > 0) {
      if (m.time - lastTime[t]! < gaps[t]!) continue;
      lastTime[t] = m.time;
    }
    marks[out++] = m;
  }
  marks.length = out;
}

/** `marks` with the marks of `tier` at least `gap` simulated ms apart (the first of them kept). */
function spaced(marks: readonly Mark[], tier: ReadonlySet<MarkKind>, gap: number): Mark[] {
  let last = -Infinity;
  return marks.filter((m) => {
    if (!tier.has(m.kind)) return true;
    if (m.time - last < gap) return false;
    last = m.time;
    return true;
  });
}

/**
 * Thin tier by tier (see THINNED_TIERS), each tier that has a mark, until the
 * branch is back under MAX_MARKS or no tier is left. New marks all come after
 * the old ones, so for each tier only the marks past its thinnedFreeUpTo need
 * a look to know whether it has any.
 */
function thin(b: MarkedBranch): void {
  const free = b.thinnedFreeUpTo ?? THINNED_TIERS.map(() => 0);
  const gaps = b.thinnedGapMs ?? THINNED_TIERS.map(() => 0);
  b.thinnedFreeUpTo = free;
  for (let t = 0; t < THINNED_TIERS.length && b.marks.length > MAX_MARKS; t++) {
    const tier = THINNED_TIERS[t]!;
    const marks = b.marks;
    let first = Math.min(free[t] ?? 0, marks.length);
    while (first < marks.length && !tier.has(marks[first]!.kind)) first++;
    if (first === marks.length) {
      free[t] = marks.length;
      continue;
    }
    let last = marks.length - 1;
    while (!tier.has(marks[last]!.kind)) last--;
    const span = marks[last]!.time - marks[first]!.time;
    let count = 0;
    for (let k = first; k <= last; k++) if (tier.has(marks[k]!.kind)) count++;
    // Start from the marks' mean spacing; double until the branch fits or one mark of the tier is left.
    let gap = gaps[t]! > 0 ? gaps[t]! : Math.max(1, span / count);
    let kept: Mark[] = marks;
    while (kept.length > MAX_MARKS && count > 1) {
      gap *= 2;
      const before = kept.length;
      kept = spaced(marks, tier, gap);
      count -= before - kept.length;
    }
    // (One mark of the tier and nothing to space: no gap is set, so later marks are not spaced for nothing.)
    if (kept === marks) continue;
    gaps[t] = gap;
    b.thinnedGapMs = gaps;
    b.marks = kept;
    // The marks moved: what is known of the tiers before this one (none of their kinds
    // up to the old end) holds up to the new end; this tier and the later ones must be looked at again.
    for (let k = 0; k < free.length; k++) free[k] = k < t && free[k] === marks.length ? kept.length : 0;
  }
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
