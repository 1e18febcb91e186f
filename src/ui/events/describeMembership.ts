/**
 * Event-log sentences about membership changes (§6): configuration entries
 * appended (one server at a time, or through joint consensus) and changes
 * refused. describe.ts hands these notes and trace kinds to this file.
 */
import type { TraceEvent } from '../../sim';
import type { Lang, Params } from '../i18n';
import { clause, servers, type Clause, type NoteOf, type Section } from './clauses';

export const MEMBERSHIP: Section[] = ['§6'];

/** The note kinds described here. */
export const MEMBERSHIP_NOTES = ['configAppended', 'configRejected'] as const;
export type MembershipNote = NoteOf<(typeof MEMBERSHIP_NOTES)[number]>;

/** The clauses for one note about a membership change. */
export function membershipClauses(lang: Lang, n: MembershipNote): Clause[] {
  switch (n.kind) {
    case 'configAppended': {
      const c = n.config;
      const p: Params = { index: n.index, servers: servers(lang, n.servers), voters: servers(lang, c.voters) };
      switch (n.change) {
        case 'addLearner':
          if (c.target) return [clause('ev.config.addLearnerJoint', { ...p, target: servers(lang, c.target) }, MEMBERSHIP, 'info', 4)];
          return [clause(n.servers.length === 1 ? 'ev.config.addLearnerOne' : 'ev.config.addLearner', p, MEMBERSHIP, 'info', 4)];
        case 'promote':
          return [clause('ev.config.promote', p, MEMBERSHIP, 'info', 4)];
        case 'remove':
          return [clause('ev.config.remove', p, MEMBERSHIP, 'info', 4)];
        case 'enterJoint':
          return [clause('ev.config.enterJoint', { ...p, old: servers(lang, c.oldVoters ?? []) }, MEMBERSHIP, 'info', 4)];
        case 'leaveJoint':
          return [clause('ev.config.leaveJoint', p, MEMBERSHIP, 'info', 4)];
        default:
          return [clause('ev.config.other', p, MEMBERSHIP, 'info', 4)];
      }
    }
    case 'configRejected':
      return [clause(`ev.config.rejected.${n.reason}`, {}, MEMBERSHIP, 'reject', 1)];

    default: {
      const unknown: never = n;
      void unknown;
      return [];
    }
  }
}

/** A membership change the user asked for: what the leader did, or why nothing happened. */
export function membershipEventClauses(e: TraceEvent, notes: Clause[]): Clause[] {
  if (notes.length > 0) return notes;
  if (e.server === null) return [clause('ev.member.noLeader', {}, MEMBERSHIP, 'reject', 1)];
  return [clause('ev.member.crashed', {}, MEMBERSHIP, 'fault', 1)];
}
