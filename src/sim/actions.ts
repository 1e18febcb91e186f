/**
 * Every user action on a cluster as plain data. The worker receives these, the
 * time-travel and scenario work records them (with the simulated time and event
 * number at which they happened) and replays them through applyAction.
 */
import type { ServerId } from '../engine';
import type { RaftCluster, SubmitResult } from './api';
import type { NetworkSettings } from './options';

export type UserAction =
  | { type: 'crash'; server: ServerId }
  | { type: 'restart'; server: ServerId }
  | { type: 'timeout'; server: ServerId }
  | { type: 'disconnect'; server: ServerId }
  | { type: 'connect'; server: ServerId }
  | { type: 'setLink'; from: ServerId; to: ServerId; up: boolean }
  | { type: 'partition'; groups: ServerId[][] }
  | { type: 'heal' }
  | { type: 'setNetwork'; settings: Partial<NetworkSettings> }
  | { type: 'submit'; command: string; server?: ServerId }
  | { type: 'dropMessage'; message: number }
  | { type: 'duplicateMessage'; message: number }
  /** Manual mode: this pending event (by its queue seq) happens next. */
  | { type: 'processEvent'; seq: number }
  // Added with the Raft extensions (#5); older scenarios simply do not use them.
  /** §6: start a server and add it (learner first, then voter). */
  | { type: 'addServer' }
  | { type: 'removeServer'; server: ServerId }
  /** §6: joint consensus to exactly these voters. */
  | { type: 'changeMembership'; servers: ServerId[] }
  | { type: 'transferLeadership'; server: ServerId }
  /** §7: the server snapshots what it has applied. */
  | { type: 'snapshot'; server: ServerId }
  /** §8: a client sends a write (`command`) or a read of a key (`read`). */
  | { type: 'clientRequest'; client: number; command?: string; read?: string };

export type ActionType = UserAction['type'];

export interface ActionResult {
  submit?: SubmitResult;
  /** Id of the copy made by duplicateMessage. */
  copy?: number;
  /** Ids of servers started by addServer / changeMembership. */
  started?: ServerId[];
  /** The client request's sequence number. */
  seq?: number;
}

/** Carry out one action; throws (changing nothing) on bad arguments, like the API it calls. */
export function applyAction(c: RaftCluster, a: UserAction): ActionResult {
  switch (a.type) {
    case 'crash':
      c.crash(a.server);
      return {};
    case 'restart':
      c.restart(a.server);
      return {};
    case 'timeout':
      c.timeout(a.server);
      return {};
    case 'disconnect':
      c.disconnect(a.server);
      return {};
    case 'connect':
      c.connect(a.server);
      return {};
    case 'setLink':
      c.setLink(a.from, a.to, a.up);
      return {};
    case 'partition':
      c.partition(a.groups);
      return {};
    case 'heal':
      c.heal();
      return {};
    case 'setNetwork':
      c.setNetwork(a.settings);
      return {};
    case 'submit':
      return { submit: c.submit(a.command, a.server) };
    case 'dropMessage':
      c.dropMessage(a.message);
      return {};
    case 'duplicateMessage':
      return { copy: c.duplicateMessage(a.message) };
    case 'processEvent':
      c.processEvent(a.seq);
      return {};
    case 'addServer':
      return { started: [c.addServer()] };
    case 'removeServer':
      c.removeServer(a.server);
      return {};
    case 'changeMembership':
      return { started: c.changeMembership(a.servers) };
    case 'transferLeadership':
      c.transferLeadership(a.server);
      return {};
    case 'snapshot':
      c.snapshot(a.server);
      return {};
    case 'clientRequest':
      if (typeof a.read === 'string') return { seq: c.clientRead(a.client, a.read) };
      return { seq: c.clientWrite(a.client, a.command as string) };
    default: {
      const unknown: never = a;
      throw new TypeError(`unknown action ${JSON.stringify((unknown as { type?: unknown }).type)}`);
    }
  }
}
