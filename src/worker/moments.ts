/**
 * Teaching moments: the events a lesson on Raft is about, where Next (N) stops
 * and the timeline puts a mark. Each kind is found in the notes the engine
 * wrote for one event, except §5.4.2's "older-term entry on a majority but not
 * committed", which no single note says: it is derived from the leader's state
 * right after the event (its matchIndex, commitIndex and log), with the
 * engine's own quorum rule. Pure: no DOM, no clock; runs in the worker and in
 * Node tests.
 */
import { committedIndex, type LogIndex, type Note, type ServerId, type Term } from '../engine';
import type { RaftCluster, TraceEvent } from '../sim';
import { MOMENT_SECTION, type Moment, type MomentKind } from './momentKinds';

export { describeMoment, isMomentKind, MOMENT_KINDS, MOMENT_SECTION, momentKey, type Moment, type MomentKind } from './momentKinds';

function moment(e: TraceEvent, kind: MomentKind, params: Record<string, string | number>, variant?: string): Moment {
  const m: Moment = { kind, n: e.n, time: e.time, server: e.server, params: { server: e.server ?? 0, section: MOMENT_SECTION[kind], ...params } };
  if (variant !== undefined) m.variant = variant;
  return m;
}

/**
 * The moments one event's notes show, in the order the notes were written.
 * Commits are reported wherever the note appears (followers too); callers that
 * want only a leader's commit check the role.
 */
export function noteMoments(e: TraceEvent): Moment[] {
  const out: Moment[] = [];
  for (const note of e.notes) {
    const m = noteMoment(e, note);
    if (m) out.push(m);
  }
  return out;
}

function noteMoment(e: TraceEvent, note: Note): Moment | null {
  switch (note.kind) {
    case 'roleChanged':
      return moment(e, 'roleChange', { term: note.term }, note.to);
    case 'commitAdvanced':
      return moment(e, 'commit', { index: note.to, term: note.term });
    case 'logTruncated':
      // §5.3 step 3: "delete the existing entry and all that follow it".
      return note.removed === 1
        ? moment(e, 'overwrite', { index: note.from }, 'one')
        : moment(e, 'overwrite', { from: note.from, to: note.from + note.removed - 1, count: note.removed }, 'many');
    case 'appendRejected':
      // A stale term is §5.1's rule, not the log-matching check this lesson is about.
      if (note.reason === 'stale-term') return null;
      return moment(e, 'appendRejected', { leader: note.leader, index: note.prevLogIndex, term: note.prevLogTerm }, note.reason);
    case 'nextIndexBackedOff':
      return moment(e, 'nextIndexBackoff', { peer: note.peer, from: note.from, to: note.to });
    case 'voteRejected':
    case 'preVoteRejected':
      if (note.reason !== 'log-not-up-to-date') return null;
      return moment(
        e,
        'voteRefused',
        { candidate: note.candidate, term: note.term, lastLogIndex: note.lastLogIndex, lastLogTerm: note.lastLogTerm },
        note.kind === 'preVoteRejected' ? 'pre' : undefined,
      );
    case 'snapshotInstalled':
      return moment(e, 'snapshotInstalled', { index: note.index, term: note.term });
    case 'configAppended':
      return moment(e, 'configChange', { index: note.index, term: note.term, servers: note.servers.map((s) => `S${s}`).join(', ') }, note.change);
    default:
      return null;
  }
}

/**
 * §5.4.2 watched event by event: reports when the highest entry of an earlier
 * term that a leader knows to be on a majority (its matchIndex, counted by the
 * engine's quorum rule) rises above what was reported for that leader and term,
 * while the leader's commitIndex stays below it. Must see the cluster right
 * after each event. State is per (leader, term), with the event each report
 * came from, so a branch can forget what happened after its fork.
 */
export class OldTermMajorityWatch {
  /** `${leader}:${term}` → reports so far (index rising), each with its event. */
  private reported = new Map<string, Array<{ n: number; index: LogIndex }>>();
  /** Leader terms whose older-term entries are all committed: nothing more to watch. */
  private done = new Set<string>();

  /** Take what holds now as already known (so a fresh watch reports only what changes from here). */
  prime(c: RaftCluster): void {
    for (const id of c.ids()) {
      const found = this.measure(c, id);
      if (found && found.index > found.commitIndex) this.reported.set(`${id}:${found.term}`, [{ n: c.eventCount, index: found.index }]);
    }
  }

  /** The moment event `e` brought, if any (call right after it happened). */
  check(e: TraceEvent, c: RaftCluster): Moment | null {
    if (e.server === null || e.message === undefined) return null;
    if (!e.notes.some((n) => n.kind === 'matchIndexAdvanced')) return null;
    // matchIndex advances only on a reply of the leader's own term.
    const key = `${e.server}:${e.message.term}`;
    if (this.done.has(key)) return null;
    const found = this.measure(c, e.server);
    if (!found || found.term !== e.message.term) return null;
    if (found.oldEnd <= found.commitIndex) {
      this.done.add(key);
      return null;
    }
    if (found.index <= found.commitIndex) return null;
    const list = this.reported.get(key) ?? [];
    if (list.length > 0 && list[list.length - 1]!.index >= found.index) return null;
    list.push({ n: e.n, index: found.index });
    this.reported.set(key, list);
    return moment(e, 'oldTermMajority', { index: found.index, term: found.entryTerm, currentTerm: found.term, commitIndex: found.commitIndex });
  }

  /** Forget reports made after event n (a fork at n: its future is another branch's). */
  forgetAfter(n: number): void {
    for (const [key, list] of this.reported) {
      const kept = list.filter((r) => r.n <= n);
      if (kept.length === 0) this.reported.delete(key);
      else this.reported.set(key, kept);
    }
    // "All committed" may have become true after n: watch again (it is only a shortcut).
    this.done.clear();
  }

  copy(): OldTermMajorityWatch {
    const w = new OldTermMajorityWatch();
    for (const [key, list] of this.reported) w.reported.set(key, list.slice());
    for (const key of this.done) w.done.add(key);
    return w;
  }

  /**
   * For a live leader: its term, commitIndex, the last index holding an entry
   * of an earlier term (oldEnd), and the highest such index on a majority.
   */
  private measure(c: RaftCluster, id: ServerId): { term: Term; commitIndex: LogIndex; oldEnd: LogIndex; index: LogIndex; entryTerm: Term } | null {
    const s = c.summary(id);
    if (!s.alive || s.role !== 'leader') return null;
    const log = c.logEntries(id);
    const start = c.logStart(id);
    // Terms never decrease along a log: the older-term entries are a prefix.
    let lo = 0;
    let hi = log.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (log[mid]!.term < s.term) lo = mid + 1;
      else hi = mid;
    }
    const oldEnd = lo === 0 ? start : log[lo - 1]!.index;
    const majority = committedIndex(s.config, (p) => (p === id ? s.lastLogIndex : (s.matchIndex[p] ?? 0)));
    const index = Math.min(majority, oldEnd);
    const entryTerm = index > start ? log[index - start - 1]!.term : s.snapshotTerm;
    return { term: s.term, commitIndex: s.commitIndex, oldEnd, index, entryTerm };
  }
}

/** What Next may stop at, given the kinds the user chose. */
export interface StopFilter {
  has(kind: MomentKind): boolean;
}

/**
 * Finds the first chosen moment after each event, for Next. Commits count only
 * on a leader (a follower learning of a commit is not news), and a violation is
 * a new entry in the checker's list.
 */
export class MomentDetector {
  private readonly watch = new OldTermMajorityWatch();
  private violations: number;

  constructor(
    c: RaftCluster,
    private readonly stops: ReadonlySet<MomentKind>,
  ) {
    this.violations = c.violations().length;
    if (stops.has('oldTermMajority')) this.watch.prime(c);
  }

  /** The moment to stop at after event `e` (the cluster as it is right after it), or null. */
  after(e: TraceEvent, c: RaftCluster): Moment | null {
    if (this.stops.has('violation')) {
      const v = c.violations();
      if (v.length > this.violations) {
        const first = v[this.violations]!;
        this.violations = v.length;
        return moment(e, 'violation', { property: first.property, servers: first.servers.map((s) => `S${s}`).join(', ') });
      }
    }
    for (const m of noteMoments(e)) {
      if (!this.stops.has(m.kind)) continue;
      if (m.kind === 'commit' && (e.server === null || c.summary(e.server).role !== 'leader')) continue;
      if (m.kind === 'overwrite') {
        // The entry that took the conflicting one's place (§5.3 step 4).
        const at = Number(m.params.index ?? m.params.from);
        const start = e.server === null ? 0 : c.logStart(e.server);
        const entry = e.server === null ? undefined : c.logEntries(e.server)[at - start - 1];
        m.params.newTerm = entry?.term ?? 0;
      }
      return m;
    }
    if (this.stops.has('oldTermMajority')) return this.watch.check(e, c);
    return null;
  }
}
