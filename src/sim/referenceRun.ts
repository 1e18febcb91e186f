/**
 * A fixed, fault-heavy scripted run used to compare environments: the same
 * script must give the same trace hash in Node and in the browser (e2e), and on
 * every machine.
 */
import { createCluster, type RaftCluster } from './index';

export interface ReferenceResult {
  traceHash: string;
  events: number;
  now: number;
  logs: string;
  violations: number;
}

export function referenceRun(seed: string | number = 'reference'): ReferenceResult {
  const c = referenceCluster(seed);
  return {
    traceHash: c.traceHash(),
    events: c.eventCount,
    now: c.now,
    logs: c.servers().map((s) => `S${s.id}:${s.log.map((e) => e.term).join(',')}`).join(' '),
    violations: c.violations().length,
  };
}

/** The reference run's cluster itself (for tests that look at its trace). */
export function referenceCluster(seed: string | number = 'reference'): RaftCluster {
  const c = createCluster({ seed, servers: 5, dropRate: 0.05, duplicateRate: 0.05, latencyMs: [5, 40], fastBackup: true });
  for (let round = 0; round < 40; round++) {
    c.runFor(250);
    c.submit(`k${round % 7}=${round}`);
    const ids = c.ids();
    const id = ids[round % ids.length]!;
    if (round % 9 === 2) c.crash(id);
    if (round % 9 === 6) c.restart(id);
    if (round % 13 === 4) c.partition([[1, 2], [3, 4, 5]]);
    if (round % 13 === 9) c.heal();
    if (round % 17 === 5) c.setLink(id, ids[(round + 1) % ids.length]!, false);
  }
  c.heal();
  for (const id of c.ids()) c.restart(id);
  c.runFor(3_000);
  return c;
}
