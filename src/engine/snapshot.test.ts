/**
 * Log compaction (§7), one step at a time (no simulator): Figure 13's
 * InstallSnapshot receiver, rule by rule.
 */
import { describe, expect, it } from 'vitest';
import { step } from './node';
import { makeConfig } from './config';
import { serializeStateMachine, emptyStateMachine, applyCommand } from './stateMachine';
import type { InstallSnapshot, InstallSnapshotReply } from './messages';
import type { Ready } from './ready';
import type { RaftState } from './state';
import { engineOptions, makeNode } from './testing';

const opts = engineOptions();

function deliver(s: RaftState, message: Parameters<typeof step>[1] extends infer I ? (I extends { type: 'message'; message: infer M } ? M : never) : never, now = 0): Ready {
  return step(s, { type: 'message', message }, opts, now);
}

function snapshotData(kv: Record<string, string>): string {
  const sm = emptyStateMachine();
  for (const [k, v] of Object.entries(kv)) applyCommand(sm, `${k}=${v}`);
  return serializeStateMachine(sm);
}

function chunk(f: Partial<InstallSnapshot> & Pick<InstallSnapshot, 'offset' | 'data' | 'done' | 'size'>): InstallSnapshot {
  return { type: 'InstallSnapshot', from: 1, to: 2, term: 3, leaderId: 1, lastIncludedIndex: 4, lastIncludedTerm: 2, config: makeConfig([1, 2, 3]), ...f };
}

function snapReply(r: Ready): InstallSnapshotReply {
  const m = r.messages.find((x): x is InstallSnapshotReply => x.type === 'InstallSnapshotReply');
  if (!m) throw new Error('no InstallSnapshotReply');
  return m;
}

describe('§7 Figure 13: InstallSnapshot receiver', () => {
  const data = snapshotData({ x: '1', y: '2' });
  const half = Math.ceil(data.length / 2);

  it('1. replies immediately if term < currentTerm, changing nothing', () => {
    const s = makeNode({ id: 2, term: 5, log: [1, 2] }, [1, 2, 3]);
    const r = deliver(s, chunk({ offset: 0, data, done: true, size: data.length }));
    expect(snapReply(r)).toMatchObject({ term: 5, done: false });
    expect(s.log.snapshotIndex).toBe(0);
    expect(s.log.entries).toHaveLength(2);
  });

  it('2–5. chunks are written at their offset; done installs; the state machine and configuration come from the snapshot', () => {
    const s = makeNode({ id: 2, term: 3, log: [1] }, [1, 2, 3]);
    const first = snapReply(deliver(s, chunk({ offset: 0, data: data.slice(0, half), done: false, size: data.length })));
    expect(first).toMatchObject({ offset: half, done: false });
    expect(s.incomingSnapshot?.data).toBe(data.slice(0, half));
    const last = snapReply(deliver(s, chunk({ offset: half, data: data.slice(half), done: true, size: data.length })));
    expect(last).toMatchObject({ done: true, lastIncludedIndex: 4 });
    expect(s.log).toMatchObject({ snapshotIndex: 4, snapshotTerm: 2, entries: [] });
    expect(s.stateMachine.kv).toEqual({ x: '1', y: '2' });
    expect(s.commitIndex).toBe(4);
    expect(s.lastApplied).toBe(4);
    expect(s.config.voters).toEqual([1, 2, 3]);
  });

  it('a chunk that does not fit (lost predecessor) is refused with the offset the follower holds', () => {
    const s = makeNode({ id: 2, term: 3, log: [] }, [1, 2, 3]);
    const r = snapReply(deliver(s, chunk({ offset: half, data: data.slice(half), done: true, size: data.length })));
    expect(r).toMatchObject({ offset: 0, done: false });
    expect(s.log.snapshotIndex).toBe(0);
  });

  it('a repeated chunk keeps the partial snapshot (a heartbeat resend or a duplicate)', () => {
    const s = makeNode({ id: 2, term: 3, log: [] }, [1, 2, 3]);
    deliver(s, chunk({ offset: 0, data: data.slice(0, half), done: false, size: data.length }));
    const again = snapReply(deliver(s, chunk({ offset: 0, data: data.slice(0, half), done: false, size: data.length })));
    expect(again.offset).toBe(half);
    expect(s.incomingSnapshot?.data).toBe(data.slice(0, half));
  });

  it('6. if an existing entry has the snapshot’s last index and term, the entries after it are kept', () => {
    const s = makeNode({ id: 2, term: 3, log: [1, 1, 2, 2, 3, 3] }, [1, 2, 3]);
    deliver(s, chunk({ offset: 0, data, done: true, size: data.length }));
    expect(s.log.snapshotIndex).toBe(4);
    expect(s.log.entries.map((e) => e.index)).toEqual([5, 6]);
  });

  it('7. otherwise the entire log is discarded', () => {
    const s = makeNode({ id: 2, term: 3, log: [1, 1, 1, 1, 1, 1] }, [1, 2, 3]);
    deliver(s, chunk({ offset: 0, data, done: true, size: data.length }));
    expect(s.log).toMatchObject({ snapshotIndex: 4, entries: [] });
  });

  it('a snapshot the follower already covers is acknowledged without installing', () => {
    const s = makeNode({ id: 2, term: 3, log: [1, 1, 2, 2] }, [1, 2, 3]);
    s.commitIndex = 4;
    step(s, { type: 'snapshot' }, opts);
    // lastApplied catches up with commitIndex before the snapshot is taken.
    expect(s.log.snapshotIndex).toBe(4);
    const r = snapReply(deliver(s, chunk({ offset: 0, data: data.slice(0, 3), done: false, size: data.length })));
    expect(r.done).toBe(true);
  });
});
