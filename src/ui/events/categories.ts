/** The event log's filter categories for an event, and which events are routine traffic. */
import type { MessageType, Note } from '../../engine';
import type { TraceEvent } from '../../sim';

/**
 * The event log's filters. Membership changes (§6) and snapshots (§7) have
 * their own; PreVote, CheckQuorum and leadership transfer file under
 * 'election', client sessions and reads under 'client'.
 */
export type EventCategory = 'election' | 'replication' | 'client' | 'fault' | 'network' | 'commit' | 'membership' | 'snapshot';
export const EVENT_CATEGORIES: readonly EventCategory[] = ['election', 'replication', 'client', 'commit', 'membership', 'snapshot', 'fault', 'network'];

const NOTE_CATEGORY: Record<Note['kind'], EventCategory | null> = {
  roleChanged: 'election',
  termAdopted: 'election',
  voteGranted: 'election',
  voteRejected: 'election',
  voteReceived: 'election',
  appendRejected: 'replication',
  entriesAppended: 'replication',
  logTruncated: 'replication',
  commitAdvanced: 'commit',
  nextIndexBackedOff: 'replication',
  matchIndexAdvanced: 'replication',
  proposalAppended: 'client',
  proposalRejected: 'client',
  noopAppended: 'replication',
  entriesApplied: 'commit',
  ignored: null,
  preVoteGranted: 'election',
  preVoteRejected: 'election',
  preVoteReceived: 'election',
  voteIgnored: 'election',
  notVoter: 'election',
  checkQuorumFailed: 'election',
  snapshotTaken: 'snapshot',
  snapshotChunk: 'snapshot',
  snapshotInstalled: 'snapshot',
  snapshotSkipped: 'snapshot',
  snapshotSendStarted: 'snapshot',
  snapshotSendDone: 'snapshot',
  configAppended: 'membership',
  configRejected: 'membership',
  transferStarted: 'election',
  timeoutNowSent: 'election',
  transferAborted: 'election',
  transferRejected: 'election',
  timeoutNowReceived: 'election',
  clientAppended: 'client',
  clientRedirected: 'client',
  clientDuplicateAnswered: 'client',
  duplicateSuppressed: 'client',
  appliedTwice: 'client',
  readStarted: 'client',
  readServed: 'client',
};

const MESSAGE_CATEGORY: Record<MessageType, EventCategory> = {
  RequestVote: 'election',
  RequestVoteReply: 'election',
  PreVote: 'election',
  PreVoteReply: 'election',
  TimeoutNow: 'election',
  AppendEntries: 'replication',
  AppendEntriesReply: 'replication',
  InstallSnapshot: 'snapshot',
  InstallSnapshotReply: 'snapshot',
  ClientRequest: 'client',
  ClientReply: 'client',
};

/** Categories of the trace kinds of membership, snapshots, transfer and clients (matched by kind string). */
const ACTION_KIND_CATEGORY: Readonly<Record<string, EventCategory>> = {
  addServer: 'membership',
  removeServer: 'membership',
  changeMembership: 'membership',
  transferLeadership: 'election',
  snapshot: 'snapshot',
  clientRequest: 'client',
  clientTimeout: 'client',
};

/**
 * The event log filter's categories for an event: election (timeouts, votes,
 * role and term changes), replication (AppendEntries traffic and log changes),
 * client (submissions, client requests, sessions and reads), commit
 * (commitIndex moved), membership (configuration changes), snapshot (log
 * compaction and InstallSnapshot), fault (crashes, restarts,
 * cut links, partitions, messages the user dropped or duplicated) and network
 * (every network change and every message that was not delivered).
 * Each category at most once, in EVENT_CATEGORIES order.
 */
export function eventKindsFor(e: TraceEvent): EventCategory[] {
  const out = new Set<EventCategory>();
  const m = e.message;
  if (m) out.add(MESSAGE_CATEGORY[m.type] ?? 'replication');
  const byKind = ACTION_KIND_CATEGORY[e.kind];
  if (byKind) out.add(byKind);
  switch (e.kind) {
    case 'electionTimeout':
      out.add('election');
      break;
    case 'heartbeatTimeout':
      out.add('replication');
      break;
    case 'submit':
      out.add('client');
      break;
    case 'crash':
    case 'restart':
      out.add('fault');
      break;
    case 'drop':
      out.add('network');
      if (e.failure === 'receiver-crashed') out.add('fault');
      break;
    case 'dropMessage':
    case 'duplicateMessage':
      out.add('network');
      out.add('fault');
      break;
    case 'network': {
      out.add('network');
      const a = e.action;
      const d = e.detail ?? '';
      const fault = a
        ? a.type === 'disconnect' || a.type === 'partition' || (a.type === 'setLink' && !a.up)
        : d.startsWith('disconnect ') || d.startsWith('partition ') || / down$/.test(d);
      if (fault) out.add('fault');
      break;
    }
    case 'deliver':
      break;
  }
  for (const n of e.notes) {
    const c = NOTE_CATEGORY[n.kind];
    if (c) out.add(c);
  }
  return EVENT_CATEGORIES.filter((c) => out.has(c));
}

/**
 * Routine traffic that changes nothing: heartbeat rounds, accepted heartbeats
 * and their acknowledgements. The event log may fold these away.
 */
export function isRoutine(e: TraceEvent): boolean {
  if (e.notes.length > 0) return false;
  if (e.kind === 'heartbeatTimeout') return true;
  const m = e.message;
  if (e.kind !== 'deliver' || !m || m.duplicate) return false;
  if (m.type === 'AppendEntries') return m.entries.length === 0;
  if (m.type === 'AppendEntriesReply') return m.success;
  return false;
}

