/**
 * Helpers shared by the simulator's tests by topic (compaction, membership,
 * elections, clients): a cluster with a settled leader, one of its followers,
 * and a run of client commands. Every such cluster uses leader no-ops, so a new
 * leader commits an entry of its own term at once (§5.4.2, §8).
 */
import { expect } from 'vitest';
import { createCluster, type ClusterOptions, type RaftCluster } from './index';

export function withLeader(o: Partial<ClusterOptions> = {}): RaftCluster {
  const c = createCluster({ seed: 'ext', leaderNoop: true, ...o });
  expect(c.runUntil((cc) => cc.leaderId() !== null, 5_000)).toBe(true);
  c.runFor(200);
  return c;
}

export function follower(c: RaftCluster): number {
  return c.ids().find((id) => id !== c.leaderId())!;
}

export function submitMany(c: RaftCluster, n: number, from = 0): void {
  for (let i = from; i < from + n; i++) {
    c.submit(`k${i % 4}=${i}`);
    c.runFor(20);
  }
}
