/**
 * A seeded fault sweep in the manner of TigerBeetle's VOPR: one seed picks the
 * cluster's options and a random schedule of faults (crashes, restarts,
 * partitions including one-directional ones, disconnects, drops, duplicates,
 * long delays, user-dropped messages) interleaved with client commands. Two
 * phases: a safety phase with faults on, then a liveness phase that heals
 * everything and demands that a leader is elected and every acknowledged
 * command is committed and applied on every server. The checker watches every
 * event throughout; any violation fails the seed.
 *
 * The membership sweep (`removalRestarts`) adds servers often and removes a
 * server — the leader more often than not — and restarts it before the removal
 * can commit, the case dissertation §4.2.2 (Figure 4.6) warns about: a server
 * outside its latest configuration that the cluster still needs (fuzz seed 7703).
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
  /**
   * Also turn on, at random, the Raft extensions (snapshots, PreVote,
   * CheckQuorum, leader stickiness, client sessions, leases) and mix in
   * membership changes, leadership transfers, forced snapshots and client
   * requests. Off: exactly the original sweep (same options and schedule per seed).
   */
  extensions?: boolean;
  /**
   * With the extensions, also (from a stream of its own, so the extended sweep's
   * seeds keep their runs): start with 1–3 servers, add servers often, and remove
   * a server — often the leader — then restart it before the removal commits,
   * sometimes dropping the leader's messages that carry the new configuration.
   */
  removalRestarts?: boolean;
}

export const DEFAULT_SWEEP: SweepConfig = { faultPhaseMs: 20_000, livenessBoundMs: 30_000 };
export const EXTENDED_SWEEP: SweepConfig = { faultPhaseMs: 20_000, livenessBoundMs: 40_000, extensions: true };
export const MEMBERSHIP_SWEEP: SweepConfig = { ...EXTENDED_SWEEP, removalRestarts: true };

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
export function sweepOptions(seed: number, extensions = false, removalRestarts = false): Partial<ClusterOptions> {
  const r = Prng.fromSeed(`sweep-options:${seed}`);
  const latencyMin = r.int(1, 20);
  const base: Partial<ClusterOptions> = {
    servers: r.int(1, 7),
    seed: `sweep:${seed}`,
    electionTimeoutMs: [150, 300] as [number, number],
    heartbeatMs: 50,
    latencyMs: [latencyMin, latencyMin + r.int(0, 40)] as [number, number],
    dropRate: r.chance(0.5) ? r.int(0, 20) / 100 : 0,
    duplicateRate: r.chance(0.5) ? r.int(0, 10) / 100 : 0,
    leaderNoop: r.chance(0.5),
    fastBackup: r.chance(0.5),
    maxEntriesPerAppend: r.chance(0.3) ? r.int(1, 4) : 64,
    traceLimit: 0,
  };
  if (!extensions) return base;
  const x = Prng.fromSeed(`sweep-extensions:${seed}`);
  // Small clusters, so that servers added later often lead (seed 7703 began with one server).
  const membership = removalRestarts ? { seed: `sweep-m:${seed}`, servers: Prng.fromSeed(`sweep-membership-options:${seed}`).int(1, 3) } : {};
  return {
    ...base,
    seed: `sweep-x:${seed}`,
    preVote: x.chance(0.5),
    checkQuorum: x.chance(0.5),
    leaderStickiness: x.chance(0.5),
    snapshotThreshold: x.chance(0.7) ? x.int(3, 30) : 0,
    snapshotChunkBytes: x.int(8, 128),
    clientSessions: true,
    readLeases: x.chance(0.3),
    clientTimeoutMs: x.int(200, 800),
    ...membership,
  };
}

function randomGroups(r: Prng, ids: ServerId[]): ServerId[][] {
  const k = r.int(2, Math.max(2, Math.min(3, ids.length)));
  const groups: ServerId[][] = Array.from({ length: k }, () => []);
  for (const id of ids) groups[r.int(0, k - 1)]!.push(id);
  return groups.filter((g) => g.length > 0);
}

export function runSweepSeed(seed: number, config: SweepConfig = DEFAULT_SWEEP): SweepResult {
  const extended = config.extensions === true;
  const removalRestarts = extended && config.removalRestarts === true;
  const options = sweepOptions(seed, extended, removalRestarts);
  const c = new RaftCluster(options);
  const r = Prng.fromSeed(`sweep-faults:${seed}`);
  const x = Prng.fromSeed(`sweep-extension-faults:${seed}`);
  const m = Prng.fromSeed(`sweep-membership-faults:${seed}`);
  // Membership changes add servers: `ids` grows with them.
  const ids = c.ids();
  const clientWrites: Record<number, number> = {};
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
    if (removalRestarts && m.chance(0.3)) {
      membershipFault(c, m, ids);
      continue;
    }
    if (extended && x.chance(0.35)) {
      extensionFault(c, x, ids, clientWrites);
      continue;
    }
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
  let finalMembers: ServerId[] = ids;
  // §6: servers removed from the configuration can be shut down once a leader of the new one is known.
  const members = (): ServerId[] => {
    const leader = c.leaderId();
    return leader === null ? ids : [...new Set([...c.server(leader).config.voters, ...(c.server(leader).config.oldVoters ?? []), ...c.server(leader).config.learners])];
  };
  if (extended) retireRemovedServers(c, ids);
  while (c.now < deadline && flushIndex === 0) {
    if (!c.runUntil((cc) => cc.leaderId() !== null, Math.min(3_000, deadline - c.now))) {
      if (extended) retireRemovedServers(c, ids);
      continue;
    }
    if (extended) retireRemovedServers(c, ids);
    const res = c.submit(`flush-${seed}`);
    if (!res.ok) {
      // A leader can refuse (a leadership transfer is under way): let time pass before asking again.
      c.runFor(50);
      continue;
    }
    const index = res.index!;
    const everywhere = (): boolean =>
      members().every((id) => {
        const v = c.summary(id);
        return v.lastApplied >= index && (index <= v.snapshotIndex ? v.snapshotTerm >= res.term! : c.logEntries(id)[index - v.snapshotIndex - 1]?.term === res.term);
      });
    if (c.runUntil(everywhere, Math.min(5_000, deadline - c.now))) {
      flushIndex = index;
      finalMembers = members();
    }
  }
  if (flushIndex === 0) failures.push(`liveness: no leader committed a new entry on every server within ${config.livenessBoundMs} ms of healing`);
  if (extended) checkClients(c, failures, clientWrites, deadline);

  // Acknowledged = applied by the leader that accepted it (the moment a real leader replies to its client).
  let acknowledged = 0;
  const finalIds = extended ? finalMembers : ids;
  for (const s of submitted) {
    const acked = c.applied(s.server).some((e) => e.index === s.index && e.term === s.term && e.command === s.command);
    if (!acked) continue;
    acknowledged++;
    for (const id of finalIds) {
      const v = c.summary(id);
      // Folded into a snapshot (§7): the checker compared the snapshot with the committed history.
      if (s.index <= v.snapshotIndex && v.lastApplied >= s.index) continue;
      const e = c.logEntries(id)[s.index - v.snapshotIndex - 1];
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

/**
 * One fault from the extensions: a membership change, a transfer, a forced
 * snapshot or a client request. Calls the cluster refuses (no leader, a change
 * still pending, a client still waiting…) throw before changing anything and
 * are skipped.
 */
function extensionFault(c: RaftCluster, x: Prng, ids: ServerId[], clientWrites: Record<number, number>): void {
  const pick = (): ServerId => ids[x.int(0, ids.length - 1)]!;
  const roll = x.int(0, 99);
  try {
    if (roll < 40) {
      // Each client increments its own counter: with sessions each write lands exactly once.
      const client = x.int(1, 3);
      if (x.chance(0.7)) {
        c.clientWrite(client, `c${client}+=1`);
        clientWrites[client] = (clientWrites[client] ?? 0) + 1;
      } else {
        c.clientRead(client, `c${client}`);
      }
    } else if (roll < 55) {
      c.snapshot(pick());
    } else if (roll < 65) {
      c.transferLeadership(pick());
    } else if (roll < 75) {
      if (ids.length < 9) ids.push(c.addServer());
    } else if (roll < 85) {
      c.removeServer(pick());
    } else {
      const target = ids.filter(() => x.chance(0.6));
      if (target.length === 0) target.push(pick());
      if (ids.length < 9 && x.chance(0.3)) target.push(Math.max(...ids) + 1);
      for (const id of c.changeMembership(target)) ids.push(id);
    }
  } catch (e) {
    if (!(e instanceof RangeError || e instanceof TypeError)) throw e;
  }
}

/**
 * A membership fault of the removal sweep: add a server, or remove one (the
 * leader, more often than not) and restart it before the removal can commit.
 * Half the time the leader's in-flight AppendEntries are dropped first, so the
 * new configuration may reach no one but the leader. A restart loses commitIndex
 * (it is volatile, Figure 2): the restarted server no longer knows whether its
 * removal is committed, so whether it stands for election is decided by its log
 * alone (dissertation §4.2.2; seed 7703).
 */
function membershipFault(c: RaftCluster, m: Prng, ids: ServerId[]): void {
  const leader = c.leaderId();
  if (leader === null) return;
  const cfg = c.server(leader).config;
  const others = [...cfg.voters, ...cfg.learners].filter((id) => id !== leader);
  const victim = others.length === 0 || m.chance(0.6) ? leader : others[m.int(0, others.length - 1)]!;
  try {
    if (m.chance(0.35)) {
      if (ids.length < 9) ids.push(c.addServer());
      return;
    }
    c.removeServer(victim);
  } catch (e) {
    // Refused (a change still pending, no entry of the leader's term committed yet…): nothing changed.
    if (!(e instanceof RangeError || e instanceof TypeError)) throw e;
    return;
  }
  if (m.chance(0.5)) for (const msg of c.messages()) if (msg.from === leader && msg.type === 'AppendEntries') c.dropMessage(msg.id);
  c.runFor(m.int(0, 60));
  c.crash(victim);
  c.runFor(m.int(0, 300));
  if (m.chance(0.85)) c.restart(victim);
}

/**
 * What an operator does after a membership change (§6: "servers not in C_new can be
 * shut down"): keep running the servers of the latest configuration held by the
 * authority — the leader, or while there is none, the server with the most
 * up-to-date log (the one that can win) — and shut down the others, which
 * without the §6 rule would keep disrupting elections. Never the authority itself:
 * a removed leader manages the cluster until C_new commits.
 */
function retireRemovedServers(c: RaftCluster, ids: ServerId[]): void {
  const live = c.servers().filter((s) => s.alive);
  if (live.length === 0) return;
  const leaderId = c.leaderId();
  const authority = leaderId !== null
    ? c.summary(leaderId)
    : live.reduce((a, b) => (b.lastLogTerm > a.lastLogTerm || (b.lastLogTerm === a.lastLogTerm && b.lastLogIndex > a.lastLogIndex) ? b : a));
  const cfg = authority.config;
  const keep = new Set([...cfg.voters, ...(cfg.oldVoters ?? []), ...cfg.learners, authority.id]);
  for (const id of ids) {
    if (keep.has(id)) c.restart(id);
    else c.crash(id);
  }
}

/** §8 after healing: every client request finishes, and each client's counter counts each write exactly once. */
function checkClients(c: RaftCluster, failures: string[], clientWrites: Record<number, number>, deadline: number): void {
  const idle = (): boolean => c.clients().every((cl) => cl.pending === null);
  if (!c.runUntil(idle, Math.max(0, deadline - c.now) + 10_000)) {
    failures.push(`liveness: client requests still pending ${c.clients().filter((cl) => cl.pending).map((cl) => `C${cl.id} seq ${cl.pending!.seq}`).join(', ')} after healing`);
    return;
  }
  // A leader knows what is committed only after committing an entry of its own term: commit one.
  let applied = false;
  for (let tries = 0; tries < 20 && !applied; tries++) {
    const leader = c.leaderId();
    const res = leader === null ? null : c.submit('final-flush');
    if (!res?.ok) {
      c.runFor(200);
      continue;
    }
    applied = c.runUntil((cc) => cc.leaderId() === leader && cc.summary(leader!).lastApplied >= res.index!, 3_000);
  }
  if (!applied) return;
  const kv = c.server(c.leaderId()!).stateMachine.kv;
  for (const [client, writes] of Object.entries(clientWrites)) {
    const got = Number(kv[`c${client}`] ?? '0');
    if (got !== writes) failures.push(`§8 sessions: client ${client} wrote c${client}+=1 ${writes} times but the counter is ${got}`);
  }
}

/** The one-line command that reproduces a seed. */
export function reproCommand(seed: number, extensions = false, removalRestarts = false): string {
  return `npm run fuzz -- --seed ${seed}${extensions ? ' --extensions' : ''}${removalRestarts ? ' --removal-restarts' : ''} --verbose`;
}
