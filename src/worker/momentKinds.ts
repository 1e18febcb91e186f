/**
 * The kinds of teaching moment, as plain data the page can import without the
 * engine: where Next (N) stops, what the chooser lists, the paper's section
 * for each, and the sentence keys. Found in a run by ./moments.ts.
 */
import type { ServerId } from '../engine';

export type MomentKind =
  /** A server becomes follower, candidate or leader (§5.2). */
  | 'roleChange'
  /** A leader advances its commitIndex (§5.3). */
  | 'commit'
  /** A follower deletes conflicting entries and takes the leader's (§5.3). */
  | 'overwrite'
  /** A follower refuses AppendEntries: its log has no entry matching prevLogIndex/prevLogTerm (§5.3). */
  | 'appendRejected'
  /** The leader steps nextIndex back after such a refusal and tries again (§5.3). */
  | 'nextIndexBackoff'
  /** A vote (or pre-vote) refused because the candidate's log is less up to date (§5.4.1). */
  | 'voteRefused'
  /** An entry of an earlier term is on a majority, yet the leader does not commit it (§5.4.2, Figure 8). */
  | 'oldTermMajority'
  /** A follower installs a snapshot sent by the leader (§7). */
  | 'snapshotInstalled'
  /** A configuration entry is appended: a membership change starts or moves on (§6). */
  | 'configChange'
  /** The safety checker found a broken guarantee. */
  | 'violation';

/** Every kind, in the order the chooser lists them. */
export const MOMENT_KINDS: readonly MomentKind[] = [
  'roleChange',
  'commit',
  'appendRejected',
  'nextIndexBackoff',
  'overwrite',
  'voteRefused',
  'oldTermMajority',
  'snapshotInstalled',
  'configChange',
  'violation',
];

/** The paper's section for each kind (shown with its name and in every stop message). */
export const MOMENT_SECTION: Readonly<Record<MomentKind, string>> = {
  roleChange: '§5.2',
  commit: '§5.3',
  overwrite: '§5.3',
  appendRejected: '§5.3',
  nextIndexBackoff: '§5.3',
  voteRefused: '§5.4.1',
  oldTermMajority: '§5.4.2',
  snapshotInstalled: '§7',
  configChange: '§6',
  violation: '§5.4',
};

export function isMomentKind(x: unknown): x is MomentKind {
  return typeof x === 'string' && (MOMENT_KINDS as readonly string[]).includes(x);
}

/**
 * One teaching moment, as plain data (it crosses the worker boundary). The
 * sentence is `moment.<kind>` (or `moment.<kind>.<variant>`) in the UI
 * dictionaries, filled with `params`.
 */
export interface Moment {
  kind: MomentKind;
  /** The event it happened at. */
  n: number;
  time: number;
  server: ServerId | null;
  variant?: string;
  params: Record<string, string | number>;
}

/** The i18n key of a moment's sentence. */
export function momentKey(m: Pick<Moment, 'kind' | 'variant'>): string {
  return m.variant ? `moment.${m.kind}.${m.variant}` : `moment.${m.kind}`;
}

/** A moment in words, with the page's translator: "stopped: S2's entry at index 2 is overwritten … (§5.3)". */
export function describeMoment(m: Pick<Moment, 'kind' | 'variant' | 'params'>, t: (key: string, params?: Record<string, string | number>) => string): string {
  return t('moment.stopped', { what: t(momentKey(m), m.params) });
}
