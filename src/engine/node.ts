/**
 * The core's single entry point: feed it a timer firing, a message or a client
 * proposal; it changes the server's state in place and returns a Ready. It has
 * no clock, no randomness and no I/O: the simulator decides when timers fire
 * (drawing randomized timeouts from its seeded PRNG) and carries messages.
 */
import type { EngineOptions } from './types';
import type { Message } from './messages';
import { entryAt } from './log';
import { newReady, type Ready } from './ready';
import { becomeCandidate } from './election';
import { broadcastAppend, propose } from './replication';
import { becomeFollower, STEP_BY_ROLE } from './roles';
import { applyCommand } from './stateMachine';
import type { RaftState } from './state';

export type Input =
  | { type: 'electionTimeout' }
  | { type: 'heartbeatTimeout' }
  | { type: 'message'; message: Message }
  | { type: 'propose'; command: string };

export function step(s: RaftState, input: Input, opts: EngineOptions): Ready {
  const r = newReady();
  switch (input.type) {
    case 'electionTimeout':
      // Figure 2: followers and candidates start a (new) election. Leaders have no election timer.
      if (s.role !== 'leader') becomeCandidate(s, r, opts);
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
  }
  applyCommitted(s, r);
  return r;
}

function stepMessage(s: RaftState, r: Ready, opts: EngineOptions, m: Message): void {
  // Figure 2, all servers: "If RPC request or response contains term T >
  // currentTerm: set currentTerm = T, convert to follower" (§5.1).
  if (m.term > s.currentTerm) {
    r.notes.push({ kind: 'termAdopted', from: s.currentTerm, to: m.term, via: m.type, sender: m.from });
    becomeFollower(s, r, m.term, m.type === 'AppendEntries' ? m.leaderId : null, 'higherTerm');
  }
  STEP_BY_ROLE[s.role](s, r, opts, m);
}

/** Figure 2, all servers: "If commitIndex > lastApplied: increment lastApplied, apply log[lastApplied]". */
function applyCommitted(s: RaftState, r: Ready): void {
  const from = s.lastApplied + 1;
  while (s.lastApplied < s.commitIndex) {
    const e = entryAt(s.log, s.lastApplied + 1);
    if (!e) break;
    s.lastApplied = e.index;
    applyCommand(s.stateMachine, e.command);
    r.applied.push(e);
  }
  if (s.lastApplied >= from) r.notes.push({ kind: 'entriesApplied', from, to: s.lastApplied });
}
