/** The compaction preset (§7) replays to the behaviour it is about. */
import { describe, expect, it } from 'vitest';
import { replayScenario } from '..';
import { action, delivered, expectRegistered, notesOf, preset } from './presetTestHelpers';

const IDS = ['snapshot-install'] as const;

describe('the compaction preset', () => {
  it('are registered, with texts in both languages, and replay without a safety violation', () => {
    expectRegistered(IDS);
    for (const id of IDS) expect(replayScenario(preset(id)).violations(), id).toEqual([]);
  });

  it('snapshot: the restarted follower gets the snapshot in several chunks and ends with the leader’s state', () => {
    const s = preset('snapshot-install');
    const away = action(s, 'crash').action.server;
    const restart = action(s, 'restart');
    const c = replayScenario(s);
    const leader = c.leaderId()!;
    const chunks = delivered(c, 'InstallSnapshot', restart.n).filter((e) => e.server === away);
    const offsets = new Set(chunks.map((e) => (e.message as unknown as { offset: number }).offset));
    expect(offsets.size).toBeGreaterThanOrEqual(4);
    const installed = notesOf(c, 'snapshotInstalled', restart.n).filter(({ e }) => e.server === away);
    expect(installed).toHaveLength(1);
    const f = c.server(away);
    const l = c.server(leader);
    expect(f.snapshotIndex).toBeGreaterThan(0);
    expect(f.snapshotIndex).toBe(installed[0]!.note.index);
    expect(l.snapshotIndex).toBeGreaterThan(0);
    expect(f.commitIndex).toBe(30);
    expect(f.lastApplied).toBe(l.lastApplied);
    expect(f.stateMachine.kv).toEqual(l.stateMachine.kv);
    expect(l.stateMachine.kv).toEqual({ x: '28', y: '29', z: '30' });
  });
});
