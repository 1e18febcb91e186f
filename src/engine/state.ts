/**
 * One server's state, exactly the fields of Figure 2 plus what the simulator and
 * the UI need to show (leaderId, votes, configuration, state machine).
 */
import { emptyLog } from './log';
import { emptyStateMachine } from './stateMachine';
import type {
  Configuration,
  LogIndex,
  LogState,
  Progress,
  Role,
  ServerId,
  StateMachineState,
  Term,
} from './types';

/** Figure 2 "persistent state on all servers": survives a crash. */
export interface PersistentState {
  currentTerm: Term;
  votedFor: ServerId | null;
  log: LogState;
}

export interface RaftState extends PersistentState {
  id: ServerId;
  // Volatile state on all servers (Figure 2).
  role: Role;
  commitIndex: LogIndex;
  lastApplied: LogIndex;
  /** Who this server believes leads currentTerm (for redirects, §8). */
  leaderId: ServerId | null;
  /** Candidates: who granted / refused a vote in currentTerm. */
  votesGranted: ServerId[];
  votesRejected: ServerId[];
  /** Leaders: nextIndex[] and matchIndex[] per peer (Figure 2 "volatile state on leaders"). */
  progress: Record<ServerId, Progress>;
  config: Configuration;
  stateMachine: StateMachineState;
}

export function createNode(id: ServerId, config: Configuration, persistent?: PersistentState): RaftState {
  return {
    id,
    currentTerm: persistent?.currentTerm ?? 0,
    votedFor: persistent?.votedFor ?? null,
    log: persistent?.log ?? emptyLog(),
    role: 'follower',
    commitIndex: 0,
    lastApplied: 0,
    leaderId: null,
    votesGranted: [],
    votesRejected: [],
    progress: {},
    config: { voters: [...config.voters] },
    stateMachine: emptyStateMachine(),
  };
}

/** What a crash keeps: currentTerm, votedFor and the log (Figure 2). */
export function persistentPart(s: RaftState): PersistentState {
  return { currentTerm: s.currentTerm, votedFor: s.votedFor, log: s.log };
}

/** A restart rebuilds everything volatile; the state machine is re-applied as commitIndex is relearned. */
export function restartNode(s: RaftState): RaftState {
  return createNode(s.id, s.config, persistentPart(s));
}

export function peersOf(s: RaftState): ServerId[] {
  return s.config.voters.filter((id) => id !== s.id);
}
