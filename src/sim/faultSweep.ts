/**
 * A seeded fault sweep in the manner of TigerBeetle's VOPR: one seed picks the
 * cluster's options and a random schedule of faults (crashes, restarts,
 * partitions including one-directional ones, disconnects, drops, duplicates,
 * long delays, user-dropped messages) interleaved with client commands. Two
 * phases: a safety phase with faults on, then a liveness phase that heals
 * everything and demands that a leader is elected and every acknowledged
 * command is committed and applied on every server. The checker watches every
 * event throughout; any violation fails the seed.
 */
import type { ServerId } from '../engine';
import { RaftCluster } from './api';
import type { ClusterOptions } from './options';
import { Prng } from './prng';

export interface SweepConfig {
  /** Simulated ms of the safety phase. */
  faultPhaseMs: number;
  /** Upper bound on the liveness phase. */
  livenessBoundMs: number;
}

export const DEFAULT_SWEEP: SweepConfig = { faultPhaseMs: 20_000, livenessBoundMs: 30_000 };

export interface SweepResult {
  seed: number;
  ok: boolean;
  /** What failed, in words (empty when ok). */
  failures: string[];
  options: Partial<ClusterOptions>;
  events: number;
  traceHash: string;
  acknowledged: number;
  faults: number;
}

interface Submitted {
  command: string;
  server: ServerId;
  index: number;
  term: number;
}

/** The options a seed runs with: sizes 1–7, protocol variants and network faults all vary. */
export function sweepOptions(seed: number): Partial<ClusterOptions> {
  const r = Prng.fromSeed(`sweep-options:${seed}`);
  const latencyMin = r.int(1, 20);
  return {
    servers: r.int(1, 7),
    seed: `sweep:${seed}`,
    electionTimeoutMs: [150, 300],
    heartbeatMs: 50,
    latencyMs: [latencyMin, latencyMin + r.int(0, 40)],
    dropRate: r.chance(0.5) ? r.int(0, 20) / 100 : 0,
    duplicateRate: r.chance(0.5) ? r.int(0, 10) / 100 : 0,
    leaderNoop: r.chance(0.5),
    fastBackup: r.chance(0.5),
    maxEntriesPerAppend: r.chance(0.3) ? r.int(1, 4) : 64,
    traceLimit: 0,
  };
}

function randomGroups(r: Prng, ids: ServerId[]): ServerId[][] {
  const k = r.int(2, Math.max(2, Math.min(3, ids.length)));
  const groups: ServerId[][] = Array.from({ length: k }, () => []);
  for (const id of ids) groups[r.int(0, k - 1)]!.push(id);
  return groups.filter((g) => g.length > 0);
}

export function runSweepSeed(seed: number, config: SweepConfig = DEFAULT_SWEEP): SweepResult {
  const options = sweepOptions(seed);
  const c = new RaftCluster(options);
  const r = Prng.fromSeed(`sweep-faults:${seed}`);
  const ids = c.ids();
  const submitted: Submitted[] = [];
  const failures: string[] = [];
  let faults = 0;
  let commandNo = 0;

  const submit = (): void => {
    const command = r.chance(0.7) ? `k${r.int(0, 9)}=${commandNo++}` : `op-${commandNo++}`;
    const target = r.chance(0.8) ? undefined : ids[r.int(0, ids.length - 1)];
    const res = c.submit(command, target);
    if (res.ok) submitted.push({ command, server: target ?? c.leaderId()!, index: res.index!, term: res.term! });
  };

  // Safety phase: a fault or a command every 20–400 ms.
  const end = config.faultPhaseMs;
  while (c.now < end) {
    c.runFor(r.int(20, 400));
    const roll = r.int(0, 99);
    const id = ids[r.int(0, ids.length - 1)]!;
    if (roll < 45) {
      submit();
      continue;
    }
    faults++;
    if (roll < 55) c.crash(id);
    else if (roll < 67) c.restart(id);
    else if (roll < 72) c.partition(randomGroups(r, ids));
    else if (roll < 77 && ids.length > 1) {
      const to = ids[r.int(0, ids.length - 1)]!;
      if (to !== id) c.setLink(id, to, r.chance(0.3));
    } else if (roll < 82) c.heal();
    else if (roll < 85) c.disconnect(id);
    else if (roll < 88) c.connect(id);
    else if (roll < 91) c.setNetwork({ latencyMs: r.chance(0.5) ? [100, 600] : (options.latencyMs as [number, number]) });
    else if (roll < 95) {
      const inFlight = c.messages();
      if (inFlight.length > 0) c.dropMessage(inFlight[r.int(0, inFlight.length - 1)]!.id);
    } else if (roll < 98) {
      const inFlight = c.messages();
      if (inFlight.length > 0) c.duplicateMessage(inFlight[r.int(0, inFlight.length - 1)]!.id);
    } else if (c.server(id).alive && c.server(id).role !== 'leader') c.timeout(id);
  }

  // Liveness phase: heal everything; a leader must emerge and commit a fresh entry everywhere.
  c.heal();
  c.setNetwork({ latencyMs: [10, 20], dropRate: 0, duplicateRate: 0 });
  for (const id of ids) c.restart(id);
  const deadline = c.now + config.livenessBoundMs;
  let flushIndex = 0;
  while (c.now < deadline && flushIndex === 0) {
    if (!c.runUntil((cc) => cc.leaderId() !== null, deadline - c.now)) break;
    const res = c.submit(`flush-${seed}`);
    if (!res.ok) continue;
    const index = res.index!;
    const everywhere = (): boolean =>
      c.servers().every((v) => v.lastApplied >= index && v.log[index - 1]?.term === res.term);
    if (c.runUntil(everywhere, Math.min(5_000, deadline - c.now))) flushIndex = index;
  }
  if (flushIndex === 0) failures.push(`liveness: no leader committed a new entry on every server within ${config.livenessBoundMs} ms of healing`);

  // Acknowledged = applied by the leader that accepted it (the moment a real leader replies to its client).
  let acknowledged = 0;
  const finalServers = c.servers();
  for (const s of submitted) {
    const acked = c.applied(s.server).some((e) => e.index === s.index && e.term === s.term && e.command === s.command);
    if (!acked) continue;
    acknowledged++;
    for (const v of finalServers) {
      const e = v.log[s.index - 1];
      if (!e || e.term !== s.term || e.command !== s.command || v.lastApplied < s.index) {
        failures.push(`liveness: acknowledged command "${s.command}" (index ${s.index}, term ${s.term}) is not committed and applied on S${v.id}`);
        break;
      }
    }
  }
  for (const v of c.violations()) failures.push(`${v.property} at ${v.time} ms (event ${v.event}): ${v.detail}`);
  return {
    seed,
    ok: failures.length === 0,
    failures,
    options,
    events: c.eventCount,
    traceHash: c.traceHash(),
    acknowledged,
    faults,
  };
}

/** The one-line command that reproduces a seed. */
export function reproCommand(seed: number): string {
  return `npm run fuzz -- --seed ${seed} --verbose`;
}
