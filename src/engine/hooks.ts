/**
 * What the protocol's extensions do when replication moves on, registered by
 * the engine's assembly (node.ts) rather than imported by replication.ts.
 *
 * Replication (§5.3) and commitment (§5.4.2) come first in the engine's module
 * order; membership changes (§6), leadership transfer (dissertation §3.10) and
 * linearizable reads (§8, dissertation §6.4) are built on them and react to
 * what they learn: a new commitIndex, a follower holding more of the log, a
 * heartbeat round acknowledged. Registering those reactions here keeps every
 * import pointing down the order (no engine module imports one that imports
 * it back).
 */
import type { EngineOptions, ServerId } from './types';
import type { Ready } from './ready';
import type { RaftState } from './state';

export type LeaderHook = (s: RaftState, r: Ready, opts: EngineOptions) => void;
export type PeerHook = (s: RaftState, r: Ready, opts: EngineOptions, peer: ServerId) => void;

/** Each list runs in order, and only while the server is still leader: a step may end its leadership (§6). */
export interface LeaderHooks {
  /** commitIndex moved on the leader (Figure 2, §5.4.2). */
  commitAdvanced: readonly LeaderHook[];
  /** A follower's matchIndex moved (an AppendEntries reply, or a whole snapshot installed, §7), after commitIndex was updated. */
  matchAdvanced: readonly PeerHook[];
  /** A follower acknowledged a newer heartbeat round (ReadIndex and leases, dissertation §6.4). */
  roundAcknowledged: readonly LeaderHook[];
}

let registered: LeaderHooks | null = null;

/** Install the table (node.ts does, once, when the engine is loaded); a later call replaces it. */
export function registerLeaderHooks(hooks: LeaderHooks): void {
  registered = hooks;
}

export function leaderHooks(): LeaderHooks {
  if (!registered) throw new Error('engine hooks not registered: load the engine through node.ts (its index)');
  return registered;
}

export function runLeaderHooks(hooks: readonly LeaderHook[], s: RaftState, r: Ready, opts: EngineOptions): void {
  for (const hook of hooks) {
    if (s.role !== 'leader') return;
    hook(s, r, opts);
  }
}

export function runPeerHooks(hooks: readonly PeerHook[], s: RaftState, r: Ready, opts: EngineOptions, peer: ServerId): void {
  for (const hook of hooks) {
    if (s.role !== 'leader') return;
    hook(s, r, opts, peer);
  }
}
