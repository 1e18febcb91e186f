/**
 * Copying the whole world for checkpoints, cheaply. Log entries, messages,
 * queued events and violations are never changed once made, so a copy shares
 * them and copies only the containers that change; the applied history is a
 * list of fixed-size chunks, so a copy shares every full chunk. Both taking a
 * checkpoint and resuming from one copy, so a checkpoint is never changed by
 * the run that resumes from it.
 */
import { copyStateMachine, type RaftState } from '../engine';
import { APPLIED_CHUNK, type AppliedHistory } from './applied';
import type { ServerSlot, WorldState } from './world';
import { checkerFromOlder, type CheckerState } from './invariants';
import { copyClient } from './clients';

function copyApplied(h: AppliedHistory): AppliedHistory {
  const chunks = h.chunks.slice();
  const n = chunks.length;
  if (n > 0 && chunks[n - 1]!.length < APPLIED_CHUNK) chunks[n - 1] = chunks[n - 1]!.slice();
  return { chunks, length: h.length };
}

function copyNode(s: RaftState): RaftState {
  const progress: RaftState['progress'] = {};
  for (const [peer, pr] of Object.entries(s.progress)) progress[Number(peer)] = { ...pr };
  // The configuration and the snapshot are never changed in place (each change makes a new one): shared.
  return {
    ...s,
    log: { ...s.log, entries: s.log.entries.slice() },
    votesGranted: s.votesGranted.slice(),
    votesRejected: s.votesRejected.slice(),
    progress,
    stateMachine: copyStateMachine(s.stateMachine),
    roundSentAt: s.roundSentAt.slice(),
    pendingReads: s.pendingReads.map((p) => ({ ...p })),
    incomingSnapshot: s.incomingSnapshot ? { ...s.incomingSnapshot } : null,
  };
}

function copySlot(slot: ServerSlot): ServerSlot {
  return { ...slot, node: copyNode(slot.node), applied: copyApplied(slot.applied) };
}

function copyChecker(older: CheckerState): CheckerState {
  const c = checkerFromOlder(older);
  const servers: CheckerState['servers'] = {};
  for (const [id, w] of Object.entries(c.servers)) servers[Number(id)] = { ...w, prefixHash: w.prefixHash.slice() };
  return {
    servers,
    leaderOfTerm: { ...c.leaderOfTerm },
    witnessTerm: c.witnessTerm.slice(),
    witnessPrefix: c.witnessPrefix.slice(),
    witnessOther: { ...c.witnessOther },
    committedTerm: c.committedTerm.slice(),
    committedHash: c.committedHash.slice(),
    reported: { ...c.reported },
    violations: c.violations.slice(),
  };
}

/** A copy of the world that shares every immutable part with the original. */
export function copyWorld(w: WorldState): WorldState {
  const servers: WorldState['servers'] = {};
  for (const [id, slot] of Object.entries(w.servers)) servers[Number(id)] = copySlot(slot);
  return {
    options: w.options,
    time: w.time,
    seq: w.seq,
    nextMessageId: w.nextMessageId,
    events: w.events,
    rng: w.rng.slice(),
    queue: w.queue.slice(),
    servers,
    network: {
      ...w.network,
      latencyMs: [w.network.latencyMs[0], w.network.latencyMs[1]],
      cut: { ...w.network.cut },
      disconnected: { ...w.network.disconnected },
    },
    clients: Object.fromEntries(Object.entries(w.clients ?? {}).map(([k, c]) => [k, copyClient(c)])),
    checker: copyChecker(w.checker),
    stats: {
      ...w.stats,
      byType: Object.fromEntries(Object.entries(w.stats.byType).map(([k, v]) => [k, { ...v }])),
    },
    traceHash: w.traceHash,
  };
}
