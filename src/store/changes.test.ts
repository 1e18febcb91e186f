/** What a step changed, as the screen marks it: previous frame vs current frame, with the old values kept. */
import { describe, expect, it } from 'vitest';
import { createCluster, type ServerSummary } from '../sim';
import { diffRecords, fieldChanges, NO_CHANGES, sameIdSet, serverChanges } from './changes';

function summaries(c: ReturnType<typeof createCluster>): ServerSummary[] {
  return c.servers().map(({ log: _log, ...rest }) => rest);
}

describe('serverChanges', () => {
  it('the same frame, or an identical one, changes nothing', () => {
    const c = createCluster({ servers: 3, seed: 'changes-none' });
    const a = summaries(c);
    expect(serverChanges(a, a)).toBe(NO_CHANGES);
    expect(serverChanges(a, summaries(c))).toBe(NO_CHANGES);
  });

  it('§5.2: a follower whose election timer fires shows its new term, role and vote, with the old ones', () => {
    const c = createCluster({ servers: 3, seed: 'changes-election' });
    const before = summaries(c);
    c.timeout(2);
    const changes = serverChanges(before, summaries(c));
    expect([...changes.keys()]).toEqual([2]);
    const s2 = changes.get(2)!;
    expect(s2.get('term')).toBe(0);
    expect(s2.get('role')).toBe('follower');
    expect(s2.get('votedFor')).toBeNull();
    // A candidate votes for itself (§5.2): the tally changed too.
    expect(s2.get('votesGranted')).toEqual([]);
    // Timers move with every step and are not "changes".
    expect(s2.has('electionDeadline')).toBe(false);
  });

  it('§5.3: a leader learning a follower holds its entries marks that peer’s matchIndex and nextIndex only', () => {
    const c = createCluster({ servers: 3, seed: 'changes-replication', leaderNoop: true });
    c.runUntil((x) => x.leaderId() !== null, 5_000);
    c.runFor(300);
    const leader = c.leaderId()!;
    c.submit('x=1');
    let prev = summaries(c);
    // Step event by event until the leader's matchIndex for some peer moves.
    for (let i = 0; i < 200; i++) {
      c.step();
      const next = summaries(c);
      const l = serverChanges(prev, next).get(leader);
      const moved = l ? [...l.keys()].find((k) => k.startsWith('matchIndex.')) : undefined;
      if (moved) {
        const peer = Number(moved.split('.')[1]);
        expect(l!.get(moved)).toBeLessThan(next.find((s) => s.id === leader)!.matchIndex[peer]!);
        // Other peers' entries are not marked.
        for (const k of l!.keys()) if (k.startsWith('matchIndex.')) expect(k).toBe(moved);
        return;
      }
      prev = next;
    }
    throw new Error('the leader never advanced a matchIndex');
  });

  it('a command applied marks the state machine key and the counters, with the values before', () => {
    const c = createCluster({ servers: 3, seed: 'changes-apply', leaderNoop: true });
    c.runUntil((x) => x.leaderId() !== null, 5_000);
    c.runFor(300);
    const leader = c.leaderId()!;
    const before = summaries(c);
    c.submit('x=1');
    c.runFor(300);
    const l = serverChanges(before, summaries(c)).get(leader)!;
    expect(l.has('kv.x')).toBe(true);
    expect(l.get('kv.x')).toBeUndefined();
    expect(l.get('commitIndex')).toBe(before.find((s) => s.id === leader)!.commitIndex);
    expect(l.has('appliedCommands')).toBe(true);
  });

  it('a server new in the current frame has no previous values and is not listed', () => {
    const c = createCluster({ servers: 3, seed: 'changes-added' });
    const all = summaries(c);
    expect(serverChanges(all.slice(0, 2), all)).toBe(NO_CHANGES);
  });
});

describe('helpers', () => {
  it('vote tallies compare as sets: order carries no meaning', () => {
    expect(sameIdSet([1, 2], [2, 1])).toBe(true);
    expect(sameIdSet([1, 2], [1, 3])).toBe(false);
    expect(sameIdSet([1], [1, 1])).toBe(false);
  });

  it('diffRecords keeps the old value and notices keys added or removed', () => {
    const out = new Map<string, unknown>();
    diffRecords({ a: 1, b: 2 }, { a: 1, b: 3, c: 4 }, 'r', out);
    expect([...out]).toEqual([
      ['r.b', 2],
      ['r.c', undefined],
    ]);
    const gone = new Map<string, unknown>();
    diffRecords({ a: 1 }, {}, 'r', gone);
    expect([...gone]).toEqual([['r.a', 1]]);
  });

  it('fieldChanges of a server with itself is empty', () => {
    const c = createCluster({ servers: 3, seed: 'changes-self' });
    const [s] = summaries(c);
    expect(fieldChanges(s!, s!).size).toBe(0);
  });
});
