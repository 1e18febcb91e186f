/**
 * Upper bounds that keep a run meaningful and the browser responsive. Every
 * check of untrusted input (options, API arguments, checkpoints, scenarios in
 * links and files) takes its bounds from here; see rules.ts.
 */
export const MAX_SERVERS = 9;

export const LIMITS = {
  /** Simulated ms: the longest a scenario runs, and the most one call (runFor, runUntil, runToEvent) moves the clock. */
  timeMs: 3_600_000,
  commandLength: 10_000,
  maxEntriesPerAppend: 10_000,
  traceLimit: 10_000_000,
  initialLogLength: 100_000,
  snapshotThreshold: 1_000_000,
  snapshotChunkBytes: 1_000_000,
  /** Highest server id (servers added by membership changes get the next free id). */
  serverId: 99,
  /** Clients are numbered 1..clients. */
  clients: 9,
} as const;
