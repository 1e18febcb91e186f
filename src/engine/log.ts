/**
 * Log accessors. Indexes are 1-based as in the paper; index 0 is the empty
 * prefix with term 0. All access goes through here so that a log may later start
 * after a snapshot (§7): entries before `snapshotIndex` are simply gone.
 */
import type { Configuration, Entry, LogIndex, LogState, StateMachineState, Term } from './types';

/** An empty log whose bootstrap configuration is `config` (a new server joining starts with no voters). */
export function emptyLog(config: Configuration = { voters: [], learners: [] }): LogState {
  return { snapshotIndex: 0, snapshotTerm: 0, entries: [], snapshotConfig: config, snapshot: null };
}

/**
 * §7: discard the entries up to `index` (already applied), keeping the state
 * machine as of `index` and the configuration in effect there. The log then
 * starts at index + 1, after lastIncludedIndex/lastIncludedTerm.
 */
export function compactLog(log: LogState, index: LogIndex, term: Term, config: Configuration, stateMachine: StateMachineState): number {
  const removed = Math.min(index, lastIndex(log)) - log.snapshotIndex;
  log.entries = log.entries.slice(Math.max(0, removed));
  log.snapshotIndex = index;
  log.snapshotTerm = term;
  log.snapshotConfig = config;
  log.snapshot = stateMachine;
  return Math.max(0, removed);
}

export function firstIndex(log: LogState): LogIndex {
  return log.snapshotIndex + 1;
}

/** What the accessors read: a server's log, or a view of one with the same fields (the page's copy). */
export type LogView = Pick<LogState, 'snapshotIndex' | 'snapshotTerm' | 'entries'>;

export function lastIndex(log: LogView): LogIndex {
  return log.snapshotIndex + log.entries.length;
}

export function lastTerm(log: LogView): Term {
  const n = log.entries.length;
  return n === 0 ? log.snapshotTerm : log.entries[n - 1]!.term;
}

/**
 * Term of the entry at `index`, the snapshot's term at snapshotIndex, 0 at index
 * 0, or undefined when the log has no such entry (beyond the end, or compacted).
 */
export function termAt(log: LogView, index: LogIndex): Term | undefined {
  if (index === log.snapshotIndex) return log.snapshotTerm;
  if (index < log.snapshotIndex || index > lastIndex(log)) return undefined;
  return log.entries[index - log.snapshotIndex - 1]!.term;
}

export function entryAt(log: LogView, index: LogIndex): Entry | undefined {
  if (index <= log.snapshotIndex || index > lastIndex(log)) return undefined;
  return log.entries[index - log.snapshotIndex - 1];
}

/**
 * No entries: one shared, frozen list for every heartbeat (§5.2: an AppendEntries
 * with no entries), most of the AppendEntries a leader sends.
 */
const NO_ENTRIES: Entry[] = Object.freeze([]) as unknown as Entry[];

/** Entries from `from` to the end, at most `max` of them. */
export function entriesFrom(log: LogState, from: LogIndex, max: number): Entry[] {
  const start = Math.max(from, firstIndex(log)) - log.snapshotIndex - 1;
  if (start >= log.entries.length || max <= 0) return NO_ENTRIES;
  return log.entries.slice(start, start + max);
}

/** Delete the entry at `index` and all that follow it (§5.3). */
export function truncateFrom(log: LogState, index: LogIndex): void {
  const keep = Math.max(0, index - log.snapshotIndex - 1);
  if (keep < log.entries.length) log.entries.length = keep;
}

export function appendEntry(log: LogState, entry: Entry): void {
  log.entries.push(entry);
}

/**
 * §5.4.1: a log is more up-to-date if its last entry has a higher term, or the
 * same last term and it is at least as long.
 */
export function isUpToDate(log: LogState, candidateLastIndex: LogIndex, candidateLastTerm: Term): boolean {
  const myLastTerm = lastTerm(log);
  if (candidateLastTerm !== myLastTerm) return candidateLastTerm > myLastTerm;
  return candidateLastIndex >= lastIndex(log);
}

/** First index holding `term` in the run of that term ending at `index` (fastBackup hint). */
export function firstIndexOfTermAt(log: LogState, index: LogIndex): LogIndex {
  const term = termAt(log, index);
  let i = index;
  while (i - 1 > log.snapshotIndex && termAt(log, i - 1) === term) i--;
  return i;
}

/** Last index whose entry has `term`, or 0 when the log holds none (fastBackup on the leader). */
export function lastIndexOfTerm(log: LogState, term: Term): LogIndex {
  for (let i = lastIndex(log); i > log.snapshotIndex; i--) {
    const t = termAt(log, i)!;
    if (t === term) return i;
    if (t < term) break; // terms never decrease along a log
  }
  return 0;
}
