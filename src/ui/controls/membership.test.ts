/** The membership controls' reasons match the simulator's rules (§6, dissertation §3.10 and §4.1, §7). */
import { describe, expect, it } from 'vitest';
import { createCluster, type ServerSummary } from '../../sim';
import { changeBlocked, membershipView, newSlots, removeBlocked, snapshotBlocked, targetProblem, transferBlocked } from './membership';

function run(opts: { leaderNoop?: boolean } = {}) {
  const c = createCluster({ servers: 3, seed: 'membership-ui', ...opts });
  c.runUntil((x) => x.leaderId() !== null, 5_000);
  c.runFor(300);
  const view = () => {
    const servers: ServerSummary[] = c.servers().map(({ log: _log, ...rest }) => rest);
    const leader = c.leaderId();
    return { servers, leader, v: membershipView(servers, leader), log: leader === null ? undefined : c.server(leader).log };
  };
  return { c, view };
}

describe('membership controls', () => {
  it('without a leader nothing can change and the reason says so', () => {
    const c = createCluster({ servers: 3, seed: 'none' });
    const servers: ServerSummary[] = c.servers().map(({ log: _log, ...rest }) => rest);
    const v = membershipView(servers, null);
    expect(changeBlocked(v, undefined)).toBe('mem.why.noLeader');
    expect(transferBlocked(v, 2)).toBe('mem.why.noLeader');
    expect(removeBlocked(v, undefined, null)).toBe('mem.why.choose');
  });

  it('a new leader must commit an entry of its term first; then add is allowed, as in the simulator', () => {
    const { c, view } = run();
    let { v, log } = view();
    expect(changeBlocked(v, log)).toBe('mem.why.noCommitInTerm');
    expect(() => c.addServer()).toThrow(/not committed an entry of its own term/);
    c.submit('x=1');
    c.runFor(300);
    ({ v, log } = view());
    expect(changeBlocked(v, log)).toBeNull();
    c.addServer();
    ({ v, log } = view());
    expect(changeBlocked(v, log)).toBe('mem.why.pending');
  });

  it('transfer, remove and snapshot name what is wrong with the chosen server', () => {
    const { c, view } = run({ leaderNoop: true });
    const { v, log, leader, servers } = view();
    const follower = servers.find((s) => s.id !== leader)!.id;
    expect(transferBlocked(v, leader)).toBe('mem.why.alreadyLeader');
    expect(transferBlocked(v, follower)).toBeNull();
    expect(removeBlocked(v, log, follower)).toBeNull();
    expect(removeBlocked(v, log, 42)).toBe('mem.why.notMember');
    expect(snapshotBlocked(servers.find((s) => s.id === follower))).toBeNull();
    c.snapshot(follower);
    c.crash(leader!);
    const after = c.servers().map(({ log: _log, ...rest }) => rest);
    expect(snapshotBlocked(after.find((s) => s.id === follower))).toBe('mem.why.nothingApplied');
    expect(snapshotBlocked(after.find((s) => s.id === leader))).toBe('mem.why.crashed');
    expect(snapshotBlocked(undefined)).toBe('mem.why.choose');
  });

  it('offers new-server slots after the highest id and checks the target set', () => {
    expect(newSlots([1, 2, 5], 3, 99)).toEqual([6, 7, 8]);
    expect(newSlots([98], 3, 99)).toEqual([99]);
    const config = { voters: [1, 2, 3], learners: [] };
    expect(targetProblem([], config)).toBe('mem.dialog.err.empty');
    expect(targetProblem([3, 2, 1], config)).toBe('mem.dialog.err.same');
    expect(targetProblem([1, 2, 4], config)).toBeNull();
  });
});
