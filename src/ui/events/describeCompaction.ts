/**
 * Event-log sentences about log compaction (§7): snapshots taken, sent in
 * chunks with InstallSnapshot, installed or skipped. describe.ts hands these
 * notes and trace kinds to this file.
 */
import type { InFlightMessage, TraceEvent } from '../../sim';
import { translate, type Lang } from '../i18n';
import { clause, find, nodeName, serverName, type Clause, type NoteOf, type Section } from './clauses';

const COMPACTION: Section[] = ['§7'];

/** The note kinds described here. */
export const COMPACTION_NOTES = ['snapshotTaken', 'snapshotChunk', 'snapshotInstalled', 'snapshotSkipped', 'snapshotSendStarted', 'snapshotSendDone'] as const;
export type CompactionNote = NoteOf<(typeof COMPACTION_NOTES)[number]>;

/** "12 log entries" / "1 log entry". */
function entries(lang: Lang, n: number): string {
  return translate(lang, n === 1 ? 'ev.snap.entryOne' : 'ev.snap.entries', { n });
}

/** The sender of the message that triggered the event, or "the leader" when there is none. */
function sender(lang: Lang, m: InFlightMessage | undefined): string {
  return m ? nodeName(lang, m.from) : translate(lang, 'ev.theLeader');
}

/** The clauses for one note about compaction (empty: another note of the same step says it). */
export function compactionClauses(lang: Lang, n: CompactionNote, e: TraceEvent): Clause[] {
  const m = e.message;
  const notes = e.notes;
  switch (n.kind) {
    case 'snapshotTaken':
      return [
        clause(n.forced ? 'ev.snap.takenForced' : 'ev.snap.taken', { index: n.index, term: n.term, entries: entries(lang, n.removed) }, COMPACTION, 'info', 6),
      ];
    case 'snapshotChunk': {
      if (n.done && find(notes, 'snapshotInstalled')) return []; // "installed" says it
      const have = n.offset + n.bytes;
      return [clause('ev.snap.chunk', { from: serverName(n.leader), index: n.index, bytes: n.bytes, have, size: n.size }, COMPACTION, 'info', 1)];
    }
    case 'snapshotInstalled': {
      const p = { from: sender(lang, m), index: n.index, term: n.term };
      if (n.keptEntries > 0) return [clause('ev.snap.installed.kept', { ...p, entries: entries(lang, n.keptEntries) }, COMPACTION, 'commit', 1)];
      return [clause('ev.snap.installed.replaced', p, COMPACTION, 'commit', 1)];
    }
    case 'snapshotSkipped': {
      const from = sender(lang, m);
      if (n.reason === 'have-it') return [clause('ev.snap.skipped.have-it', { from, index: n.index }, COMPACTION, 'info', 1)];
      const offset = m?.type === 'InstallSnapshot' ? m.offset : 0;
      return [clause('ev.snap.skipped.offset-mismatch', { from, offset }, COMPACTION, 'reject', 1)];
    }
    case 'snapshotSendStarted':
      return [clause('ev.snap.sendStarted', { peer: serverName(n.peer), index: n.index, size: n.size }, COMPACTION, 'info', 2)];
    case 'snapshotSendDone':
      return [clause('ev.snap.sendDone', { peer: serverName(n.peer), index: n.index, next: n.index + 1 }, COMPACTION, 'info', 1)];

    default: {
      const unknown: never = n;
      void unknown;
      return [];
    }
  }
}

/** An InstallSnapshotReply that left no note: an acknowledged chunk, or a reply that came too late. */
export function quietSnapshotReply(lang: Lang, e: TraceEvent, m: InFlightMessage & { type: 'InstallSnapshotReply' }): Clause {
  const from = nodeName(lang, m.from);
  if (e.sent.length > 0 && !m.done) return clause('ev.snap.ack', { from, offset: m.offset }, COMPACTION, 'info', 1);
  return clause('ev.snap.lateReply', { from }, COMPACTION, 'info', 1);
}

/** A snapshot the user asked for: what the server did, or why nothing happened. */
export function snapshotEventClauses(e: TraceEvent, notes: Clause[]): Clause[] {
  if (notes.length > 0) return notes;
  if (e.server === null) return [clause('ev.snap.noServer', {}, COMPACTION, 'info', 1)];
  return [clause('ev.snap.none', {}, COMPACTION, 'info', 1)];
}
