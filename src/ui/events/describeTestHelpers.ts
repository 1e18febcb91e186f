/**
 * Shared fixtures for the event-log sentence tests (describe.consensus,
 * describe.clientsFaults and describe.traces): a range of scenarios run on the
 * real simulator (elections, commits, crashes, partitions, catching up after
 * Figure 7, clients, user message faults, network changes, broken rules, and
 * one run with every option on), helpers to find their events, and
 * checkClean, the checks every sentence must pass. Not a test file.
 */
import { beforeAll, expect } from 'vitest';
import { createCluster, type ClusterOptions, type RaftCluster, type TraceEvent } from '../../sim';
import { clearMissingKeys, type Lang } from '../i18n';
import { describeEvent, SECTIONS, type EventDescription } from './describe';

export const LANGS: Lang[] = ['en', 'zh'];

export function elect(c: RaftCluster, id: number): void {
  c.timeout(id);
  expect(c.runUntil((cc) => cc.server(id).role === 'leader', 3_000)).toBe(true);
}

function leaderOf(c: RaftCluster): number {
  expect(c.runUntil((cc) => cc.leaderId() !== null, 5_000)).toBe(true);
  return c.leaderId()!;
}

/** Figure 7 of the paper: S1 is about to lead term 8; S2..S7 are followers (a)..(f). */
const FIGURE_7: NonNullable<ClusterOptions['initial']> = [
  { id: 1, log: [1, 1, 1, 4, 4, 5, 5, 6, 6, 6], currentTerm: 7 },
  { id: 2, log: [1, 1, 1, 4, 4, 5, 5, 6, 6] },
  { id: 3, log: [1, 1, 1, 4] },
  { id: 4, log: [1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 6] },
  { id: 5, log: [1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 7, 7] },
  { id: 6, log: [1, 1, 1, 4, 4, 4, 4] },
  { id: 7, log: [1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3] },
];

export const SCRIPT = '<script>alert("x")</script>';
export const LONG = 'k='.padEnd(100, 'v');
export const BRACES = '{s} {term} {0}';

interface Run {
  c: RaftCluster;
  /** The commands contain braces: skip the leftover-placeholder check on those events. */
  braces?: boolean;
}

const scenarios: Record<string, () => Run> = {
  election: () => {
    const c = createCluster({ servers: 5, seed: 'describe-election' });
    leaderOf(c);
    c.runFor(200);
    return { c };
  },
  submitAndCommit: () => {
    const c = createCluster({ servers: 5, seed: 'describe-commit' });
    const l = leaderOf(c);
    c.submit('x=3', l);
    c.submit(SCRIPT, l);
    c.submit(LONG, l);
    c.submit('line1\nline2', l);
    c.runFor(300);
    return { c };
  },
  crashRestart: () => {
    const c = createCluster({ servers: 5, seed: 'describe-crash' });
    const l = leaderOf(c);
    c.submit('a=1', l);
    c.runFor(200);
    c.crash(l);
    c.submit('while-down', l);
    c.runUntil((cc) => cc.leaderId() !== null, 5_000);
    c.restart(l);
    c.runFor(500);
    return { c };
  },
  partitionWithDrops: () => {
    const c = createCluster({ servers: 5, seed: 'describe-partition' });
    const l = leaderOf(c);
    const peer = l === 1 ? 2 : 1;
    const rest = [1, 2, 3, 4, 5].filter((id) => id !== l && id !== peer);
    c.partition([[l, peer], rest]);
    c.submit('lost=1', l);
    c.runFor(1_000);
    c.setNetwork({ dropRate: 0.3 });
    c.heal();
    c.runFor(1_000);
    c.setNetwork({ dropRate: 0 });
    c.runFor(500);
    return { c };
  },
  catchUp: () => {
    const c = createCluster({ servers: 7, seed: 'describe-fig7', initial: FIGURE_7 });
    elect(c, 1);
    c.runFor(600);
    c.submit('z=9', 1);
    c.runFor(300);
    return { c };
  },
  catchUpFast: () => {
    const c = createCluster({ servers: 7, seed: 'describe-fig7', initial: FIGURE_7, fastBackup: true });
    elect(c, 1);
    c.runFor(600);
    return { c };
  },
  clients: () => {
    const c = createCluster({ servers: 3, seed: 'describe-clients' });
    c.submit('too-early'); // nobody leads yet
    const l = leaderOf(c);
    c.runFor(100);
    const follower = l === 1 ? 2 : 1;
    c.submit('y=1', follower);
    c.submit(BRACES, l);
    c.crash(follower);
    c.submit('to-a-crashed-server', follower);
    c.runFor(200);
    return { c, braces: true };
  },
  userMessageFaults: () => {
    const c = createCluster({ servers: 3, seed: 'describe-user' });
    leaderOf(c);
    const onWire = (n: number) => expect(c.runUntil((cc) => cc.messages().length >= n, 1_000)).toBe(true);
    onWire(2);
    let m = c.messages();
    c.dropMessage(m[0]!.id);
    c.duplicateMessage(m[1]!.id);
    c.runFor(30);
    onWire(1);
    m = c.messages();
    c.duplicateMessage(m[0]!.id);
    c.runFor(200);
    return { c };
  },
  network: () => {
    const c = createCluster({ servers: 5, seed: 'describe-network' });
    const l = leaderOf(c);
    const f = l === 1 ? 2 : 1;
    c.disconnect(f);
    c.submit('q=1', l);
    c.runFor(1_200);
    c.connect(f);
    c.runFor(800);
    c.setLink(1, 2, false);
    c.runFor(300);
    c.setLink(1, 2, true);
    c.partition([[1, 2], [3]]); // S4 and S5 are each cut off
    c.runFor(800);
    c.heal();
    c.setNetwork({ latencyMs: [5, 40], duplicateRate: 0.3, dropRate: 0.1 });
    c.runFor(800);
    return { c };
  },
  singleServer: () => {
    const c = createCluster({ servers: 1, seed: 'describe-one' });
    c.runFor(400);
    c.submit('solo=1');
    c.timeout(1);
    c.runFor(100);
    return { c };
  },
  splitVotes: () => {
    const c = createCluster({ servers: 4, seed: 'describe-split', electionTimeoutMs: [150, 152] });
    c.runFor(3_000);
    return { c };
  },
  brokenRules: () => {
    // Two leaders in one term (votes granted twice) and a leader obeying the other.
    const c = createCluster({
      servers: 3,
      seed: 'checker',
      unsafe: { voteTwicePerTerm: true, leaderAcceptsAppendEntries: true },
      initial: [
        { id: 1, currentTerm: 2, log: [1, 1] },
        { id: 2, currentTerm: 2, log: [1, 2] },
        { id: 3, currentTerm: 2, log: [1] },
      ],
    });
    c.timeout(1);
    c.timeout(2);
    c.runFor(300);
    return { c };
  },
  twoLeaders: () => {
    // Votes granted twice and identical timeouts: two leaders in term 1.
    const c = createCluster({ seed: 'checker', servers: 3, electionTimeoutMs: [150, 150], unsafe: { voteTwicePerTerm: true } });
    c.runFor(400);
    return { c };
  },
  allFeatures: () => {
    // PreVote, CheckQuorum, stickiness, snapshots and InstallSnapshot,
    // membership changes, leadership transfer, clients with sessions and reads.
    const c = createCluster({ servers: 3, seed: 'describe-extensions', preVote: true, checkQuorum: true, leaderStickiness: true, snapshotChunkBytes: 16 });
    const l = leaderOf(c);
    const [f1, f2] = c.ids().filter((id) => id !== l) as [number, number];
    c.clientWrite(1, 'a=1');
    c.runFor(300);
    c.clientRead(1, 'a');
    c.runFor(300);
    c.crash(f1);
    for (let i = 0; i < 4; i++) {
      c.clientWrite(2 + i, `b=${i}`);
      c.runFor(150);
    }
    c.snapshot(l);
    c.restart(f1);
    c.runFor(1_000);
    c.addServer();
    c.runFor(1_500);
    c.transferLeadership(f2);
    c.runFor(800);
    const l2 = leaderOf(c);
    c.partition([[l2], c.ids().filter((id) => id !== l2)]);
    c.runFor(1_500);
    c.heal();
    c.runFor(1_000);
    return { c };
  },
  truncateWithoutConflict: () => {
    const c = createCluster({ seed: 'checker', servers: 3, unsafe: { truncateWithoutConflict: true } });
    elect(c, 1);
    c.setNetwork({ duplicateRate: 1, latencyMs: [5, 60] });
    for (let i = 0; i < 20; i++) {
      c.submit(`k=${i}`, 1);
      c.runFor(7);
    }
    c.setNetwork({ duplicateRate: 0, latencyMs: [10, 20] });
    c.runFor(1_000);
    return { c };
  },
};

export const runs: Record<string, Run> = {};

/** Registers, in the calling test file, the runs of every scenario (after clearing the missing-key record). */
export function runScenariosBeforeAll(): void {
  beforeAll(() => {
    clearMissingKeys();
    for (const [name, make] of Object.entries(scenarios)) runs[name] = make();
  });
}

function trace(name: string): TraceEvent[] {
  return runs[name]!.c.trace();
}

function size(name: string): number {
  return runs[name]!.c.ids().length;
}

export function texts(name: string, lang: Lang, withSize = true): string[] {
  return trace(name).map((e) => describeEvent(e, lang, withSize ? { servers: size(name) } : {}).text);
}

export function first(name: string, pred: (e: TraceEvent) => boolean): TraceEvent {
  const e = trace(name).find(pred);
  expect(e, `no matching event in ${name}`).toBeDefined();
  return e!;
}

export const hasNote = (kind: string) => (e: TraceEvent) => e.notes.some((n) => n.kind === kind);

const CJK = /[\u4e00-\u9fff]/;

export function checkClean(d: EventDescription, lang: Lang, braces: boolean, where: string): void {
  expect(d.text.trim().length, where).toBeGreaterThan(0);
  expect(d.text, where).not.toMatch(/undefined|NaN|null|\[object/);
  if (!braces) expect(d.text, where).not.toMatch(/[{}]/);
  // A leftover placeholder (commands with braces are exempt from the stricter check above).
  expect(d.text.replace(/[“"][^”"]*[”"]/g, ''), where).not.toMatch(/\{[A-Za-z0-9_]+\}/);
  expect(d.text, where).not.toMatch(/\bev\.[a-z]/i); // a raw key
  expect(d.text, where).not.toContain('\u0001');
  expect(d.text, where).not.toMatch(/\s$|^\s| {2}/);
  expect(d.text.startsWith(d.plain), where).toBe(true);
  if (d.section === null) expect(d.plain, where).toBe(d.text);
  expect(d.section === null || (SECTIONS as readonly string[]).includes(d.section), where).toBe(true);
  expect(['info', 'role', 'commit', 'fault', 'reject', 'violation']).toContain(d.tone);
  if (lang === 'zh') {
    expect(d.text, where).toMatch(CJK);
    // English words other than RPC and Figure 2 names must not leak into Chinese.
    const leftover = d.text
      .replace(/“[^”]*”/g, '') // user commands
      .replace(/RequestVote|AppendEntries|PreVote|InstallSnapshot|TimeoutNow|CheckQuorum|C_old,new|C_new|currentTerm|votedFor|nextIndex|commitIndex|Raft|S\d/g, '');
    expect(leftover, where).not.toMatch(/[A-Za-z]{2,}/);
  }
}
