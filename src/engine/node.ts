/**
 * The core's single entry point: feed it a timer firing, a message or a user
 * request; it changes the server's state in place and returns a Ready. It has
 * no clock, no randomness and no I/O: the simulator decides when timers fire
 * (drawing randomized timeouts from its seeded PRNG), carries messages, and
 * says what time it is (`now`), which PreVote, stickiness and leases compare.
 */
import type { EngineOptions, ServerId } from './types';
import type { Message } from './messages';
import { clientAddress } from './messages';
import { entryAt } from './log';
import { clearReady, newReady, type Ready } from './ready';
import { campaign, shouldIgnoreVote } from './election';
import { broadcastAppend, propose } from './replication';
import { becomeFollower } from './roles';
import { STEP_BY_ROLE } from './stepByRole';
import { applyEntry } from './stateMachine';
import { isMajority, majoritySize } from './quorum';
import { afterCommitAdvanced, maybeProgressMembership, proposeConfigChange, type ConfigChange } from './membership';
import { maybeSendTimeoutNow, startTransfer } from './transfer';
import { maybeCompact } from './snapshot';
import { confirmReads, serveReads } from './reads';
import { registerLeaderHooks } from './hooks';
import type { RaftState } from './state';
import { clearRecentActive } from './progress';

/**
 * The extensions' reactions to replication, in the order they run (hooks.ts):
 *  - commit advanced: §6, a leader not in a committed C_new steps down, else the
 *    membership change moves on (C_old,new → C_new);
 *  - a follower's matchIndex advanced: §6, a learner that caught up is promoted;
 *    dissertation §3.10, a transfer target that caught up gets TimeoutNow;
 *  - a heartbeat round acknowledged: dissertation §6.4, waiting reads are
 *    confirmed and the lease extended.
 */
registerLeaderHooks({
  commitAdvanced: [afterCommitAdvanced],
  matchAdvanced: [(s, r, opts) => maybeProgressMembership(s, r, opts), (s, r, _opts, peer) => maybeSendTimeoutNow(s, r, peer)],
  roundAcknowledged: [confirmReads],
});

export type Input =
  | { type: 'electionTimeout' }
  | { type: 'heartbeatTimeout' }
  | { type: 'message'; message: Message }
  | { type: 'propose'; command: string }
  /** §6: a membership change, on the leader. */
  | { type: 'changeConfig'; change: ConfigChange }
  /** Dissertation §3.10: hand leadership to `to`. */
  | { type: 'transferLeadership'; to: ServerId }
  /** §7: take a snapshot now, covering everything applied. */
  | { type: 'snapshot' };

/**
 * `into`, when given, is a Ready from an earlier step that the caller no longer
 * needs: it is emptied and filled again instead of allocating a new one.
 */
export function step(s: RaftState, input: Input, opts: EngineOptions, now: number = s.clock, into?: Ready): Ready {
  const r = into ? clearReady(into) : newReady();
  s.clock = now;
  switch (input.type) {
    case 'electionTimeout':
      if (s.role === 'leader') leaderElectionTimeout(s, r, opts);
      else campaign(s, r, opts); // Figure 2: followers and candidates start a (new) election
      break;
    case 'heartbeatTimeout':
      if (s.role === 'leader') {
        broadcastAppend(s, r, opts);
        r.heartbeat = 'reset';
      }
      break;
    case 'message':
      stepMessage(s, r, opts, input.message);
      break;
    case 'propose':
      propose(s, r, opts, input.command);
      break;
    case 'changeConfig':
      proposeConfigChange(s, r, opts, input.change);
      break;
    case 'transferLeadership':
      startTransfer(s, r, opts, input.to);
      break;
    case 'snapshot':
      break; // below, once everything committed is applied
  }
  applyCommitted(s, r, opts);
  maybeCompact(s, r, opts, input.type === 'snapshot');
  return r;
}

/** Whether a message's term takes part in Figure 2's "if T > currentTerm, adopt it" rule. */
function carriesTerm(m: Message): boolean {
  switch (m.type) {
    case 'PreVote':
      return false; // the term a pre-candidate would use, not one anyone is in (§9.6)
    case 'PreVoteReply':
      return !m.voteGranted; // a grant echoes the asked-for term; a refusal carries the voter's own
    case 'ClientRequest':
    case 'ClientReply':
      return false; // clients have no term
    default:
      return true;
  }
}

function stepMessage(s: RaftState, r: Ready, opts: EngineOptions, m: Message): void {
  if (m.type === 'RequestVote' && shouldIgnoreVote(s, opts, m)) {
    r.notes.push({ kind: 'voteIgnored', candidate: m.candidateId, term: m.term, leaderId: s.role === 'leader' ? s.id : s.leaderId });
    return;
  }
  // Figure 2, all servers: "If RPC request or response contains term T >
  // currentTerm: set currentTerm = T, convert to follower" (§5.1).
  if (carriesTerm(m) && m.term > s.currentTerm) {
    r.notes.push({ kind: 'termAdopted', from: s.currentTerm, to: m.term, via: m.type, sender: m.from });
    const leader = m.type === 'AppendEntries' || m.type === 'InstallSnapshot' ? m.leaderId : null;
    becomeFollower(s, r, m.term, leader, 'higherTerm');
  }
  STEP_BY_ROLE[s.role](s, r, opts, m);
}

/**
 * The leader's election timer runs only for CheckQuorum or a leadership
 * transfer. Dissertation §6.2: step down if no majority was heard from during
 * the last election timeout; §3.10: give up a transfer that has not finished.
 */
function leaderElectionTimeout(s: RaftState, r: Ready, opts: EngineOptions): void {
  if (s.transferee !== null) {
    r.notes.push({ kind: 'transferAborted', to: s.transferee });
    s.transferee = null;
  }
  if (opts.checkQuorum) {
    const active = (id: ServerId): boolean => id === s.id || s.progress[id]?.recentActive === true;
    if (!isMajority(s.config, active)) {
      const heard = Object.keys(s.progress).map(Number).filter(active);
      r.notes.push({ kind: 'checkQuorumFailed', active: [s.id, ...heard], needed: majoritySize(s.config) });
      becomeFollower(s, r, s.currentTerm, null, 'checkQuorum');
      return;
    }
    for (const pr of Object.values(s.progress)) clearRecentActive(pr);
  }
  r.election = opts.checkQuorum ? 'reset' : 'stop';
}

/**
 * Figure 2, all servers: "If commitIndex > lastApplied: increment lastApplied,
 * apply log[lastApplied]". The leader answers the clients whose writes it
 * applies (§8) and serves reads that were waiting for the state machine.
 */
function applyCommitted(s: RaftState, r: Ready, opts: EngineOptions): void {
  const from = s.lastApplied + 1;
  while (s.lastApplied < s.commitIndex) {
    const e = entryAt(s.log, s.lastApplied + 1);
    if (!e) break;
    s.lastApplied = e.index;
    const outcome = applyEntry(s.stateMachine, e, opts.clientSessions);
    r.applied.push(e);
    if (e.client) {
      if (outcome.kind === 'duplicate') {
        r.notes.push({ kind: 'duplicateSuppressed', client: e.client.client, seq: e.client.seq, index: e.index, firstIndex: outcome.firstIndex });
      } else if (outcome.kind === 'appliedTwice') {
        r.notes.push({ kind: 'appliedTwice', client: e.client.client, seq: e.client.seq, index: e.index });
      }
      if (s.role === 'leader') {
        r.messages.push({
          type: 'ClientReply',
          from: s.id,
          to: clientAddress(e.client.client),
          term: s.currentTerm,
          client: e.client.client,
          seq: e.client.seq,
          ok: true,
          index: outcome.kind === 'duplicate' ? outcome.firstIndex : e.index,
          alreadyApplied: outcome.kind === 'duplicate',
        });
      }
    }
  }
  if (s.lastApplied >= from) {
    r.notes.push({ kind: 'entriesApplied', from, to: s.lastApplied });
    serveReads(s, r);
  }
}
