/**
 * Compatibility: links already shared replay user actions at recorded event
 * numbers, so a run with the options that existed before the #5 extensions
 * (snapshots, membership, PreVote, CheckQuorum, transfers, client sessions)
 * must produce exactly the same events as before. These hashes were taken from
 * the engine as it stood before those extensions; they must never change.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { referenceCluster } from './referenceRun';
import { createCluster, type ClusterOptions, type RaftCluster, type TraceEvent } from './index';
import { hashEvent } from './trace';
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

function scripted(o: Partial<ClusterOptions>): RaftCluster {
  const c = createCluster({ seed: 7, ...o });
  for (let i = 0; i < 30; i++) {
    c.runFor(300);
    c.submit(`a=${i}`);
    if (i % 5 === 1) c.crash(c.leaderId() ?? 1);
    if (i % 5 === 3) for (const id of c.ids()) c.restart(id);
  }
  return c;
}

/**
 * Where two runs diverge (issue 11): besides each run's final hash, the rolling
 * trace hash after every BLOCK-th event is pinned in compat.blocks.json. On a
 * mismatch the first block that differs holds the first differing event, and
 * the failure lists that block's events as this run has them.
 * `WRITE_COMPAT_BLOCKS=1 npx vitest run src/sim/compat.test.ts` writes the file,
 * only for runs whose final hash is the golden one.
 */
const BLOCK = 16;
const BLOCKS_FILE = new URL('./compat.blocks.json', import.meta.url);
const pinnedBlocks = JSON.parse(readFileSync(BLOCKS_FILE, 'utf8')) as Record<string, string[]>;
const writtenBlocks: Record<string, string[]> = {};

const hex = (h: number): string => (h >>> 0).toString(16).padStart(8, '0');

function blockHashes(events: readonly TraceEvent[]): string[] {
  let h = 0;
  const out: string[] = [];
  for (const e of events) {
    h = hashEvent(h, e);
    if (e.n % BLOCK === 0) out.push(hex(h));
  }
  return out;
}

function describeEventForDiff(e: TraceEvent): string {
  const msg = e.message ? ` ${e.message.type}#${e.message.id} S${e.message.from}→S${e.message.to} t${e.message.term}` : '';
  const notes = e.notes.map((n) => n.kind).join(',');
  return `  #${e.n} ${e.time.toFixed(3)} ms ${e.kind} S${e.server ?? '-'}${msg}${e.detail ? ` "${e.detail}"` : ''}${notes ? ` [${notes}]` : ''}${e.sent.length ? ` sent ${e.sent.join(',')}` : ''}`;
}

/** The run's final hash must be the golden one; when it is not, say where the runs part. */
function expectUnchanged(key: string, c: RaftCluster): void {
  const events = c.traceSince(0);
  const complete = events.length === c.eventCount;
  const golden = GOLDEN[key]!;
  const blocks = complete ? blockHashes(events) : [];
  if (c.traceHash() === golden) {
    if (complete) writtenBlocks[key] = blocks;
    return;
  }
  const pinned = pinnedBlocks[key];
  let where = `no per-block hashes are pinned for ${key}`;
  if (pinned && complete) {
    const k = pinned.findIndex((h, i) => blocks[i] !== h);
    if (k < 0) {
      where = `every pinned block (${pinned.length * BLOCK} events) matches: the runs part after event ${pinned.length * BLOCK}; this run has ${c.eventCount} events`;
    } else {
      const from = k * BLOCK + 1;
      const listed = events.filter((e) => e.n >= from && e.n <= from + BLOCK - 1).map(describeEventForDiff);
      where = `the first differing event is one of #${from}–#${from + BLOCK - 1} (events before #${from} are identical); this run has there:\n${listed.join('\n')}`;
    }
  }
  expect.fail(`${key}: trace hash ${c.traceHash()}, pinned ${golden}. ${where}`);
}

describe('runs recorded before the Raft extensions replay unchanged', () => {
  for (const seed of ['reference', 1, 2, 'x']) {
    it(`reference run, seed ${String(seed)}`, () => {
      expectUnchanged(`ref:${seed}`, referenceCluster(seed));
    });
  }
  for (const p of PRESETS) {
    const golden = GOLDEN[`preset:${p.id}`];
    if (golden === undefined) continue; // presets added later have no pre-extension hash
    it(`preset ${p.id}`, () => {
      expectUnchanged(`preset:${p.id}`, replayScenario(p.scenario));
    });
  }
  for (const o of [{ leaderNoop: true }, { fastBackup: true, dropRate: 0.1 }, { servers: 3, unsafe: { skipUpToDateCheck: true } }]) {
    it(`scripted run with ${JSON.stringify(o)}`, () => {
      expectUnchanged(`opt:${JSON.stringify(o)}`, scripted(o));
    });
  }

  it('the per-block hashes are pinned for every run (and are written only from runs that match)', () => {
    if (process.env.WRITE_COMPAT_BLOCKS === '1') writeFileSync(BLOCKS_FILE, `${JSON.stringify(writtenBlocks, null, 0).replace(/\],"/g, '],\n"')}\n`);
    for (const key of Object.keys(GOLDEN)) expect(pinnedBlocks[key], key).toBeDefined();
  });

  it('a changed run is reported with the block where it parts from the pinned one', () => {
    // A run that differs from ref:1 only from its 40th event on: the report names block #33–#48.
    const c = referenceCluster(1);
    const events = c.traceSince(0);
    const blocks = blockHashes(events);
    expect(blocks).toEqual(pinnedBlocks['ref:1']);
    const altered = events.map((e) => (e.n === 40 ? { ...e, time: e.time + 1 } : e));
    const changed = blockHashes(altered);
    expect(changed.findIndex((h, i) => h !== blocks[i])).toBe(2); // events 33–48
  });
});
