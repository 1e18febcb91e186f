/**
 * The engine bench's workloads (engine.bench.ts, engine-ab.ts): a 5-server
 * cluster for 600 simulated seconds with a client command every 100 ms,
 * without and with a leader crash every 5 s (the crashed leader restarts 1 s
 * later), and with the extensions on and the commands sent by clients.
 */
import type { ClusterOptions } from '../src/sim';

export interface Workload {
  name: string;
  crashLeaderEveryMs: number | null;
  /** Options beyond the defaults (the extensions workload turns the #5 features on). */
  options?: Partial<ClusterOptions>;
  /** Send commands through simulated clients (§8: sessions, retries, a read every fifth request) instead of submit(). */
  clients?: boolean;
}

export const WORKLOADS: Workload[] = [
  { name: 'steady', crashLeaderEveryMs: null },
  { name: 'leader-crash-every-5s', crashLeaderEveryMs: 5_000 },
  {
    name: 'extensions-leader-crash-every-5s',
    crashLeaderEveryMs: 5_000,
    options: { preVote: true, checkQuorum: true, leaderStickiness: true, snapshotThreshold: 100, leaderNoop: true },
    clients: true,
  },
];

export const COMMAND_EVERY_MS = 100;
/** Simulated ms per run (BENCH_SIM_MS overrides: a shorter run to try the bench out). */
export const SIM_MS = Number(process.env.BENCH_SIM_MS ?? 600_000);

/** What a workload asks of a cluster: the headless API's calls it makes (any build of it: engine-ab.ts loads two). */
export interface BenchCluster {
  readonly now: number;
  runFor(ms: number): void;
  submit(command: string): unknown;
  clientWrite(client: number, command: string): number;
  clientRead(client: number, key: string): number;
  crash(id: number): void;
  restart(id: number): void;
  leaderId(): number | null;
}

/** A workload's progress through one run. */
export interface Driver {
  commands: number;
  crashed: number | null;
  nextCrash: number;
}

export function startDriver(w: Workload): Driver {
  return { commands: 0, crashed: null, nextCrash: w.crashLeaderEveryMs ?? Infinity };
}

/** One tick: COMMAND_EVERY_MS of simulated time, a command, and the crash or restart due. */
export function tick(c: BenchCluster, w: Workload, d: Driver): void {
  c.runFor(COMMAND_EVERY_MS);
  if (w.clients) {
    // Three clients take turns; one still waiting for an answer simply skips its turn.
    const client = (d.commands % 3) + 1;
    try {
      if (d.commands % 5 === 4) c.clientRead(client, `k${d.commands % 100}`);
      else c.clientWrite(client, `k${d.commands % 100}+=1`);
    } catch {
      // still waiting (one request at a time)
    }
  } else {
    c.submit(`k${d.commands % 100}=${d.commands}`);
  }
  d.commands++;
  if (d.crashed !== null && c.now >= d.nextCrash - (w.crashLeaderEveryMs ?? 0) + 1_000) {
    c.restart(d.crashed);
    d.crashed = null;
  }
  if (c.now >= d.nextCrash) {
    const leader = c.leaderId();
    if (leader !== null && d.crashed === null) {
      c.crash(leader);
      d.crashed = leader;
    }
    d.nextCrash += w.crashLeaderEveryMs!;
  }
}
