/**
 * The starting world for validated options: servers (with any initial logs
 * for presets such as the paper's figures), an empty network and checker.
 */
import { createNode, makeConfig, MESSAGE_TYPES, type EngineOptions, type Entry } from '../engine';
import type { Stats, TypeStats, WorldState } from './cluster';
import { createChecker, watchServer } from './invariants';
import { createNetwork } from './network';
import type { ClusterOptions } from './options';
import { emptyApplied } from './worldCopy';

export function emptyStats(): Stats {
  const byType: Record<string, TypeStats> = {};
  for (const t of MESSAGE_TYPES) byType[t] = { count: 0, bytes: 0 };
  return { messages: 0, bytes: 0, byType, delivered: 0, undelivered: 0, elections: 0 };
}

export function engineOptionsOf(o: ClusterOptions): EngineOptions {
  return {
    leaderNoop: o.leaderNoop,
    fastBackup: o.fastBackup,
    maxEntriesPerAppend: o.maxEntriesPerAppend,
    preVote: o.preVote,
    checkQuorum: o.checkQuorum,
    leaderStickiness: o.leaderStickiness,
    electionTimeoutMinMs: o.electionTimeoutMs[0],
    snapshotThreshold: o.snapshotThreshold,
    snapshotChunkBytes: o.snapshotChunkBytes,
    clientSessions: o.clientSessions,
    readLeases: o.readLeases,
    unsafe: { ...o.unsafe },
  };
}

/** Build the starting world for validated options: servers, initial logs, first election timers. */
export function initialWorld(options: ClusterOptions): WorldState {
  const ids = Array.from({ length: options.servers }, (_, k) => k + 1);
  const w: WorldState = {
    options,
    time: 0,
    seq: 0,
    nextMessageId: 1,
    events: 0,
    rng: [],
    queue: [],
    servers: {},
    network: createNetwork(options),
    clients: {},
    checker: createChecker(),
    stats: emptyStats(),
    traceHash: 0,
  };
  for (const id of ids) {
    const init = options.initial?.find((s) => s.id === id);
    const log = (init?.log ?? []).map((e, k): Entry => {
      const index = k + 1;
      if (typeof e === 'number') return { index, term: e, command: `t${e}#${index}` };
      return { index, term: e.term, command: e.command };
    });
    const lastTerm = log.length ? log[log.length - 1]!.term : 0;
    const config = makeConfig(ids);
    const node = createNode(id, config, {
      currentTerm: init?.currentTerm ?? lastTerm,
      votedFor: init?.votedFor ?? null,
      log: { snapshotIndex: 0, snapshotTerm: 0, entries: log, snapshotConfig: config, snapshot: null },
    });
    w.servers[id] = {
      node,
      alive: init?.crashed !== true,
      electionDeadline: null,
      electionSetAt: 0,
      electionGen: 0,
      heartbeatDeadline: null,
      heartbeatSetAt: 0,
      heartbeatGen: 0,
      applied: emptyApplied(),
    };
    watchServer(w.checker, node, { time: 0, event: 0, logChangedFrom: null, applied: [] });
  }
  return w;
}

