/**
 * Core Raft vocabulary (Figure 2 of "In Search of an Understandable Consensus
 * Algorithm"). Everything here is plain data so that the simulator can copy,
 * checkpoint and ship it across the worker boundary.
 */

export type ServerId = number;
export type Term = number;
export type LogIndex = number;

export type Role = 'follower' | 'candidate' | 'leader';

/**
 * One log entry. Entries are immutable once created: followers store the very
 * objects a leader sent, so "same object" also means "same entry".
 * `command` is null for a leader's no-op (§8).
 */
export interface Entry {
  readonly index: LogIndex;
  readonly term: Term;
  readonly command: string | null;
}

/**
 * The log, with its origin kept explicit so that log compaction (§7) can later
 * make it start after a snapshot without touching its callers: every access goes
 * through the functions in log.ts, never through `entries[i]` directly.
 */
export interface LogState {
  /** Index of the last entry folded into a snapshot (0: no snapshot yet). */
  snapshotIndex: LogIndex;
  /** Term of that entry (0 when there is none). */
  snapshotTerm: Term;
  /** entries[k] holds index snapshotIndex + 1 + k. */
  entries: Entry[];
}

/** Cluster membership as data (§6 will turn this into log entries). */
export interface Configuration {
  voters: ServerId[];
}

/** The replicated key-value state machine that committed entries are applied to. */
export interface StateMachineState {
  /** `key=value` commands set a key. */
  kv: Record<string, string>;
  /** Other commands are recorded as-is; only the most recent few are kept. */
  records: string[];
  /** How many commands (not no-ops) have been applied in total. */
  appliedCommands: number;
}

/**
 * The leader's view of one follower (Figure 2 "volatile state on leaders").
 * Invariant: 0 <= matchIndex < nextIndex.
 *  - 'probe': we do not know where the follower's log matches ours; send one
 *    AppendEntries at a time and back off on rejection (§5.3).
 *  - 'replicate': the follower's log matches up to matchIndex; stream new
 *    entries optimistically, advancing nextIndex as they are sent.
 */
export interface Progress {
  nextIndex: LogIndex;
  matchIndex: LogIndex;
  state: 'probe' | 'replicate';
  /** In 'probe': an AppendEntries is outstanding; wait for its reply or the next heartbeat. */
  probeSent: boolean;
}

/**
 * Deliberately broken rules, for teaching ("what if Raft skipped this check?")
 * and for proving that the safety checker fires. All default to false; none of
 * them is part of Raft.
 */
export interface UnsafeRules {
  /** §5.4.1 off: grant votes without checking that the candidate's log is up to date. */
  skipUpToDateCheck?: boolean;
  /** §5.4.2 off: commit entries of earlier terms by counting replicas (Figure 8). */
  commitPreviousTermByCounting?: boolean;
  /** §5.2 off: grant a vote to every candidate, even after voting in this term. */
  voteTwicePerTerm?: boolean;
  /** §5.3 off: on AppendEntries, delete everything after prevLogIndex even where nothing conflicts. */
  truncateWithoutConflict?: boolean;
  /** §5.3 off: accept AppendEntries whose prevLogTerm does not match the entry at prevLogIndex. */
  skipConsistencyCheck?: boolean;
  /** §5.1 off: accept AppendEntries from an older term and adopt that term. */
  acceptStaleTerms?: boolean;
  /** Figure 2 off: set commitIndex = leaderCommit, without min(…, index of last new entry). */
  commitToLeaderCommit?: boolean;
  /** Figure 2 off: a leader obeys AppendEntries from another leader of its own term. */
  leaderAcceptsAppendEntries?: boolean;
}

export interface EngineOptions {
  /** §8: a new leader appends a no-op entry so it can commit earlier entries quickly. */
  leaderNoop: boolean;
  /** §5.3 (end): rejections carry conflict term/index so nextIndex skips a whole term at once. */
  fastBackup: boolean;
  /** Most entries one AppendEntries carries. */
  maxEntriesPerAppend: number;
  /** Reserved for the PreVote extension (Ongaro's dissertation §9.6). Not yet active. */
  preVote: boolean;
  /** Reserved for the CheckQuorum extension (dissertation §6.2). Not yet active. */
  checkQuorum: boolean;
  unsafe: UnsafeRules;
}
