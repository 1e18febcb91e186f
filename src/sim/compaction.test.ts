/**
 * Log compaction (§7) through the headless API: snapshots at a threshold and
 * on demand, InstallSnapshot in chunks, restart from a snapshot, and the bound
 * on persisted state. Every test also demands zero safety violations.
 */
import { describe, expect, it } from 'vitest';
import { follower, submitMany, withLeader } from './clusterTestHelpers';

describe('§7 log compaction and InstallSnapshot', () => {
  it('each server snapshots when snapshotThreshold applied entries pile up; the log then starts after lastIncludedIndex', () => {
    const c = withLeader({ snapshotThreshold: 10 });
    submitMany(c, 35);
    c.runFor(500);
    for (const s of c.servers()) {
      expect(s.snapshotIndex).toBeGreaterThanOrEqual(30);
      expect(s.log.length).toBeLessThan(10);
      expect(s.log[0]?.index ?? s.lastLogIndex + 1).toBe(s.snapshotIndex + 1);
      expect(s.snapshot?.kv).toBeDefined();
    }
    expect(c.violations()).toEqual([]);
  });

  it('c.snapshot(id) forces one on demand, covering everything applied', () => {
    const c = withLeader();
    submitMany(c, 5);
    c.runFor(300);
    const id = follower(c);
    const applied = c.server(id).lastApplied;
    expect(c.snapshot(id)).toBe(applied);
    expect(c.server(id).snapshotIndex).toBe(applied);
    expect(c.server(id).log).toEqual([]);
    expect(c.server(id).snapshot!.kv).toEqual(c.server(id).stateMachine.kv);
  });

  it('a follower that missed compacted entries receives the snapshot in chunks (offset, done) and ends with the same state', () => {
    const c = withLeader({ snapshotThreshold: 8, snapshotChunkBytes: 16 });
    const f = follower(c);
    c.crash(f);
    submitMany(c, 30);
    c.restart(f);
    c.runFor(2_000);
    const chunks = c.trace().filter((e) => e.kind === 'deliver' && e.message?.type === 'InstallSnapshot' && e.server === f);
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.some((e) => e.message!.type === 'InstallSnapshot' && e.message!.offset > 0)).toBe(true);
    expect(chunks.some((e) => e.notes.some((n) => n.kind === 'snapshotInstalled'))).toBe(true);
    expect(c.server(f).stateMachine.kv).toEqual(c.server(c.leaderId()!).stateMachine.kv);
    expect(c.stats().byType.InstallSnapshot!.count).toBeGreaterThan(0);
    expect(c.violations()).toEqual([]);
  });

  it('a restart loads the snapshot, then re-applies only the log after it', () => {
    const c = withLeader({ snapshotThreshold: 5 });
    submitMany(c, 12);
    c.runFor(300);
    const id = follower(c);
    const before = c.server(id);
    c.crash(id);
    const down = c.server(id);
    expect(down.snapshotIndex).toBe(before.snapshotIndex); // persistent
    expect(down.lastApplied).toBe(before.snapshotIndex); // state machine = the snapshot
    expect(down.stateMachine.kv).toEqual(before.snapshot!.kv);
    c.restart(id);
    c.runFor(500);
    expect(c.server(id).stateMachine.kv).toEqual(c.server(c.leaderId()!).stateMachine.kv);
    expect(c.violations()).toEqual([]);
  });

  it('persistent state stays small: with compaction, 3,000 commands leave each log under threshold + one append batch', () => {
    const threshold = 50;
    const c = withLeader({ snapshotThreshold: threshold });
    for (let i = 0; i < 3_000; i++) {
      c.submit(`k${i % 10}=${i}`);
      if (i % 5 === 0) c.runFor(10);
    }
    c.runFor(1_000);
    for (const s of c.servers()) {
      // Persisted: currentTerm, votedFor, the log after the snapshot, and the snapshot itself.
      expect(s.log.length).toBeLessThan(threshold + 64);
      const logBytes = s.log.reduce((n, e) => n + 16 + (e.command?.length ?? 0), 0);
      expect(logBytes + s.snapshot!.bytes).toBeLessThan(8 * 1024);
      expect(s.stateMachine.appliedCommands).toBe(3_000);
    }
    expect(c.violations()).toEqual([]);
  });
});
