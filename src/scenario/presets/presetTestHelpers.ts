/**
 * Shared by the preset outcome tests (compaction, membership, leadership,
 * clients): find a preset, its recorded actions, and the notes and deliveries
 * of its replay. Not a test file.
 */
import { expect } from 'vitest';
import type { Note } from '../../engine';
import type { RaftCluster, TraceEvent, UserAction } from '../../sim';
import type { Scenario } from '..';
import { PRESETS } from '.';

export function preset(id: string): Scenario {
  const p = PRESETS.find((x) => x.id === id);
  if (!p) throw new Error(`no preset ${id}`);
  return p.scenario;
}

/** The presets `ids` are registered, with English and Chinese texts, and open at a marked moment. */
export function expectRegistered(ids: readonly string[]): void {
  for (const id of ids) {
    const s = preset(id);
    for (const text of [s.title, s.description, ...(s.suggestions ?? [])]) {
      expect(text?.en.trim(), id).toBeTruthy();
      expect(text?.zh, id).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(s.view?.n, id).toBeGreaterThan(0);
  }
}

/** The k-th recorded action of a type (its event number and the action). */
export function action<T extends UserAction['type']>(s: Scenario, type: T, k = 0): { n: number; at: number; action: Extract<UserAction, { type: T }> } {
  const found = s.actions.filter((a) => a.action.type === type)[k];
  if (!found) throw new Error(`no ${type} action #${k}`);
  return found as { n: number; at: number; action: Extract<UserAction, { type: T }> };
}

/** Every note of a kind, with the event it belongs to. */
export function notesOf<K extends Note['kind']>(c: RaftCluster, kind: K, after = 0): Array<{ e: TraceEvent; note: Extract<Note, { kind: K }> }> {
  const out: Array<{ e: TraceEvent; note: Extract<Note, { kind: K }> }> = [];
  for (const e of c.trace()) if (e.n > after) for (const note of e.notes) if (note.kind === kind) out.push({ e, note: note as Extract<Note, { kind: K }> });
  return out;
}

export const delivered = (c: RaftCluster, type: string, after = 0): TraceEvent[] => c.trace().filter((e) => e.n > after && e.kind === 'deliver' && e.message?.type === type);
export const terms = (c: RaftCluster, ids: number[]): number[] => ids.map((id) => c.server(id).term);
