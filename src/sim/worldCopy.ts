/**
 * Copying the whole world for checkpoints, cheaply. Log entries, messages,
 * queued events and violations are never changed once made, so a copy shares
 * them and copies only the containers that change; the applied history is
 * stored in fixed-size chunks, so a copy shares every full chunk (applied.ts).
 * Both taking a checkpoint and resuming from one copy, so a checkpoint is
 * never changed by the run that resumes from it.
 */
import { copyStateMachine, type RaftState } from '../engine';
import { copyApplied } from './applied';
import type { ServerSlot, WorldState } from './world';
import { checkerFromOlder, type CheckerState } from './invariants';
import { copyClient } from './clients';

/*
 * The copies below are object literals with the keys in the order the engine's
 * and the world's own factories (createNode, emptyLog, newProgress, newSlot)
 * write them, not spreads: a literal of the same keys in the same order gets
 * the same hidden class, so a resumed world's servers look to the engine's
 * compiled code like the ones it was compiled for. With spreads, a replay from
 * a checkpoint (traceReplay.ts) left the engine's functions polymorphic and
 * the runs after it in the same process a third slower.
 */
/** How many keys the literals below write: an object with more (optional fields set) is copied key for key instead. */
const PROGRESS_KEYS = 6;
const LOG_KEYS = 5;
const NODE_KEYS = 22;

/** Whether `o` has exactly `n` own keys (counted without allocating: checkpoints copy every server). */
function hasKeys(o: object, n: number): boolean {
  let k = 0;
  for (const key in o) if (Object.hasOwn(o, key)) k++;
  return k === n;
}

function copyProgress(pr: RaftState['progress'][number]): RaftState['progress'][number] {
  if (!hasKeys(pr, PROGRESS_KEYS)) return { ...pr };
  return { nextIndex: pr.nextIndex, matchIndex: pr.matchIndex, state: pr.state, probeSent: pr.probeSent, ackedRound: pr.ackedRound, recentActive: pr.recentActive };
}

function copyLog(log: RaftState['log']): RaftState['log'] {
  if (!hasKeys(log, LOG_KEYS)) return { ...log, entries: log.entries.slice() };
  return { snapshotIndex: log.snapshotIndex, snapshotTerm: log.snapshotTerm, entries: log.entries.slice(), snapshotConfig: log.snapshotConfig, snapshot: log.snapshot };
}

function copyNode(s: RaftState): RaftState {
  const progress: RaftState['progress'] = {};
  for (const [peer, pr] of Object.entries(s.progress)) progress[Number(peer)] = copyProgress(pr);
  const log = copyLog(s.log);
  // The configuration and the snapshot are never changed in place (each change makes a new one): shared.
  if (!hasKeys(s, NODE_KEYS)) {
    return { ...s, log, votesGranted: s.votesGranted.slice(), votesRejected: s.votesRejected.slice(), progress, stateMachine: copyStateMachine(s.stateMachine), roundSentAt: s.roundSentAt.slice(), pendingReads: s.pendingReads.map((p) => ({ ...p })), incomingSnapshot: s.incomingSnapshot ? { ...s.incomingSnapshot } : null };
  }
  return {
    id: s.id,
    currentTerm: s.currentTerm,
    votedFor: s.votedFor,
    log,
    role: s.role,
    commitIndex: s.commitIndex,
    lastApplied: s.lastApplied,
    leaderId: s.leaderId,
    votesGranted: s.votesGranted.slice(),
    votesRejected: s.votesRejected.slice(),
    progress,
    config: s.config,
    configIndex: s.configIndex,
    stateMachine: copyStateMachine(s.stateMachine),
    clock: s.clock,
    lastLeaderContact: s.lastLeaderContact,
    round: s.round,
    roundSentAt: s.roundSentAt.slice(),
    leaseUntil: s.leaseUntil,
    transferee: s.transferee,
    pendingReads: s.pendingReads.map((p) => ({ ...p })),
    incomingSnapshot: s.incomingSnapshot ? { ...s.incomingSnapshot } : null,
  };
}

function copySlot(slot: ServerSlot): ServerSlot {
  return {
    node: copyNode(slot.node),
    alive: slot.alive,
    electionDeadline: slot.electionDeadline,
    electionSetAt: slot.electionSetAt,
    electionGen: slot.electionGen,
    heartbeatDeadline: slot.heartbeatDeadline,
    heartbeatSetAt: slot.heartbeatSetAt,
    heartbeatGen: slot.heartbeatGen,
    applied: copyApplied(slot.applied),
  };
}

function copyChecker(older: CheckerState): CheckerState {
  const c = checkerFromOlder(older);
  const servers: CheckerState['servers'] = {};
  // (A literal in watchServer's key order, for the hidden class: see above.)
  for (const [id, w] of Object.entries(c.servers)) {
    servers[Number(id)] = { prefixHash: w.prefixHash.slice(), term: w.term, leaderTerm: w.leaderTerm, leaderLastIndex: w.leaderLastIndex, commitSeen: w.commitSeen, appliedSeen: w.appliedSeen, termBoundBroken: w.termBoundBroken };
  }
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
      messages: w.stats.messages,
      bytes: w.stats.bytes,
      byType: Object.fromEntries(Object.entries(w.stats.byType).map(([k, v]) => [k, { count: v.count, bytes: v.bytes }])),
      delivered: w.stats.delivered,
      undelivered: w.stats.undelivered,
      elections: w.stats.elections,
    },
    traceHash: w.traceHash,
  };
}
