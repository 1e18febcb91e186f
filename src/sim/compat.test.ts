/**
 * Compatibility: links already shared replay user actions at recorded event
 * numbers, so a run with the options that existed before the #5 extensions
 * (snapshots, membership, PreVote, CheckQuorum, transfers, client sessions)
 * must produce exactly the same events as before. These hashes were taken from
 * the engine as it stood before those extensions; they must never change.
 */
import { describe, expect, it } from 'vitest';
import { referenceRun } from './referenceRun';
import { createCluster, type ClusterOptions } from './index';
import { PRESETS } from '../scenario/presets';
import { replayScenario } from '../scenario/replay';

const GOLDEN: Record<string, string> = {
  'ref:reference': '76b3fa20',
  'ref:1': 'b566d33e',
  'ref:2': 'be358387',
  'ref:x': '66671fda',
  'preset:first-election': '47862306',
  'preset:split-vote': '53990531',
  'preset:leader-crash': '5154c7e9',
  'preset:figure-7': '272fa749',
  'preset:figure-8d': '77a521de',
  'preset:figure-8e': '5bb66490',
  'preset:partitioned-leader': 'da7b4839',
  'preset:minority-partition': '80d77a27',
  'preset:catch-up': '48256c6b',
  'preset:catch-up-fast': '1591c08a',
  'preset:one-way-link': 'ae617abf',
  'opt:{"leaderNoop":true}': '03af2679',
  'opt:{"fastBackup":true,"dropRate":0.1}': 'c8e486a7',
  'opt:{"servers":3,"unsafe":{"skipUpToDateCheck":true}}': '1268f7f2',
};

function scripted(o: Partial<ClusterOptions>): string {
  const c = createCluster({ seed: 7, ...o });
  for (let i = 0; i < 30; i++) {
    c.runFor(300);
    c.submit(`a=${i}`);
    if (i % 5 === 1) c.crash(c.leaderId() ?? 1);
    if (i % 5 === 3) for (const id of c.ids()) c.restart(id);
  }
  return c.traceHash();
}

describe('runs recorded before the Raft extensions replay unchanged', () => {
  for (const seed of ['reference', 1, 2, 'x']) {
    it(`reference run, seed ${String(seed)}`, () => {
      expect(referenceRun(seed).traceHash).toBe(GOLDEN[`ref:${seed}`]);
    });
  }
  for (const p of PRESETS) {
    const golden = GOLDEN[`preset:${p.id}`];
    if (golden === undefined) continue; // presets added later have no pre-extension hash
    it(`preset ${p.id}`, () => {
      expect(replayScenario(p.scenario).traceHash()).toBe(golden);
    });
  }
  for (const o of [{ leaderNoop: true }, { fastBackup: true, dropRate: 0.1 }, { servers: 3, unsafe: { skipUpToDateCheck: true } }]) {
    it(`scripted run with ${JSON.stringify(o)}`, () => {
      expect(scripted(o)).toBe(GOLDEN[`opt:${JSON.stringify(o)}`]);
    });
  }
});
