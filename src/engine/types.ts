/**
 * Core Raft vocabulary (Figure 2 of "In Search of an Understandable Consensus
 * Algorithm"). Everything here is plain data so that the simulator can copy,
 * checkpoint and ship it across the worker boundary.
 */

export type ServerId = number;
export type Term = number;
export type LogIndex = number;

/**
 * 'precandidate': a follower whose election timer fired while PreVote is on
 * (dissertation §9.6). It asks whether it could win before raising its term.
 */
export type Role = 'follower' | 'precandidate' | 'candidate' | 'leader';

/** §8: a client's id and the sequence number of one of its requests. */
export interface ClientTag {
  client: number;
  seq: number;
}

/**
 * One log entry. Entries are immutable once created: followers store the very
 * objects a leader sent, so "same object" also means "same entry".
 * `command` is null for a leader's no-op (§8).
 */
export interface Entry {
  readonly index: LogIndex;
  readonly term: Term;
  readonly command: string | null;
  /** A configuration entry (§6): from the moment it is in a server's log, that server uses it. */
  readonly config?: Configuration;
  /** §8: which client request this is, so a retried command is applied once. */
  readonly client?: ClientTag;
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
  /**
   * The configuration in effect at snapshotIndex (§7: the snapshot keeps the
   * latest configuration it covers). With no snapshot it is the bootstrap
   * configuration the server was started with.
   */
  snapshotConfig: Configuration;
  /** The state machine as of snapshotIndex (§7); null while snapshotIndex is 0. Never changed once made. */
  snapshot: StateMachineState | null;
}

/**
 * Cluster membership as data (§6). Configurations are log entries; a server
 * uses the latest one in its log, committed or not.
 *  - voters: C_new (or the only configuration when not in transition);
 *  - oldVoters: C_old while in joint consensus C_old,new, when agreement needs a
 *    majority of each; absent otherwise;
 *  - learners: non-voting members catching up before they join (dissertation §4.2.1);
 *  - target: the voter set a joint change is heading for, while its new servers
 *    are still learners; when they have caught up the leader enters C_old,new.
 */
export interface Configuration {
  voters: ServerId[];
  learners: ServerId[];
  oldVoters?: ServerId[];
  target?: ServerId[];
}

/** §8: what the state machine remembers per client to apply each request once. */
export interface ClientSession {
  /** Highest sequence number applied for this client. */
  seq: number;
  /** Log index where it was applied. */
  index: LogIndex;
}

/** The replicated key-value state machine that committed entries are applied to. */
export interface StateMachineState {
  /** `key=value` commands set a key. */
  kv: Record<string, string>;
  /** Other commands are recorded as-is; only the most recent few are kept. */
  records: string[];
  /** How many commands (not no-ops) have been applied in total. */
  appliedCommands: number;
  /** §8 client sessions: latest applied request per client. */
  sessions: Record<number, ClientSession>;
  /** Retried requests recognised as already applied and skipped. */
  duplicatesSuppressed: number;
}

/**
 * Deliberately broken rules, for teaching ("what if Raft skipped this check?")
 * and for proving that the safety checker fires. All default to false; none of
 * them is part of Raft.
 */
/**
 * How a leader made a read safe (§8): a ReadIndex round to a majority
 * (dissertation §6.4), a lease (§6.4.1), or, with the unsafe rule
 * readWithoutQuorum, not at all.
 */
export type ReadVia = 'readIndex' | 'lease' | 'unconfirmed';

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
  /**
   * §8 off: a leader answers a read from its own state machine at once, with
   * no heartbeat round to a majority (ReadIndex) and no lease confirming it is
   * still the leader. A deposed leader cut off in a minority then serves stale
   * reads: not linearizable.
   */
  readWithoutQuorum?: boolean;
  /**
   * Figure 2 off: votedFor is kept in memory only, so a restart forgets it.
   * A server that voted, crashed and restarted in the same term votes again:
   * two candidates can each win a majority in one term (Election Safety, §5.2).
   */
  forgetVotedForOnRestart?: boolean;
}

export interface EngineOptions {
  /** §8: a new leader appends a no-op entry so it can commit earlier entries quickly. */
  leaderNoop: boolean;
  /** §5.3 (end): rejections carry conflict term/index so nextIndex skips a whole term at once. */
  fastBackup: boolean;
  /** Most entries one AppendEntries carries. */
  maxEntriesPerAppend: number;
  /** Dissertation §9.6: ask for pre-votes (without raising the term) before a real election. */
  preVote: boolean;
  /** Dissertation §6.2: a leader steps down when it has not heard from a majority for an election timeout. */
  checkQuorum: boolean;
  /**
   * §6: "servers disregard RequestVote RPCs when they believe a current leader
   * exists" (heard from one within the minimum election timeout). Keeps removed
   * servers from disrupting the cluster.
   */
  leaderStickiness: boolean;
  /** The minimum election timeout (ms): the window for stickiness, PreVote and leases. */
  electionTimeoutMinMs: number;
  /** §7: take a snapshot when this many applied entries are in the log (0: only on demand). */
  snapshotThreshold: number;
  /** §7: bytes of snapshot data per InstallSnapshot chunk. */
  snapshotChunkBytes: number;
  /** §8: client sessions: a retried request (same client and seq) is applied once. */
  clientSessions: boolean;
  /** §8 / dissertation §6.4.1: serve reads under a leader lease (bounded clock drift) instead of a ReadIndex round. */
  readLeases: boolean;
  unsafe: UnsafeRules;
}
