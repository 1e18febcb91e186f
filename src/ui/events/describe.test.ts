/**
 * Event-log sentences, checked on real traces: every event of a range of
 * scenarios (elections, commits, crashes, partitions, catching up, clients,
 * user message faults, network changes, broken rules) gets a clean sentence in
 * both languages, and specific situations get specific sentences.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createCluster, type ClusterOptions, type RaftCluster, type TraceEvent, type Violation } from '../../sim';
import { clearMissingKeys, DICTS, missingKeys, type Lang } from '../i18n';
import {
  COMMAND_PREVIEW,
  describeEvent,
  describeViolation,
  EVENT_CATEGORIES,
  eventKindsFor,
  isRoutine,
  previewCommand,
  propertyName,
  SECTIONS,
  type EventDescription,
} from './describe';

const LANGS: Lang[] = ['en', 'zh'];

function elect(c: RaftCluster, id: number): void {
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

const SCRIPT = '<script>alert("x")</script>';
const LONG = 'k='.padEnd(100, 'v');
const BRACES = '{s} {term} {0}';

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
  extensions: () => {
    // The rest of Raft: PreVote, CheckQuorum, stickiness, snapshots and InstallSnapshot,
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

const runs: Record<string, Run> = {};

beforeAll(() => {
  clearMissingKeys();
  for (const [name, make] of Object.entries(scenarios)) runs[name] = make();
});

function trace(name: string): TraceEvent[] {
  return runs[name]!.c.trace();
}

function size(name: string): number {
  return runs[name]!.c.ids().length;
}

function texts(name: string, lang: Lang, withSize = true): string[] {
  return trace(name).map((e) => describeEvent(e, lang, withSize ? { servers: size(name) } : {}).text);
}

function first(name: string, pred: (e: TraceEvent) => boolean): TraceEvent {
  const e = trace(name).find(pred);
  expect(e, `no matching event in ${name}`).toBeDefined();
  return e!;
}

const hasNote = (kind: string) => (e: TraceEvent) => e.notes.some((n) => n.kind === kind);

const CJK = /[\u4e00-\u9fff]/;

function checkClean(d: EventDescription, lang: Lang, braces: boolean, where: string): void {
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

describe('describeEvent on real traces', () => {
  it('gives every event of every scenario a clean sentence in both languages', () => {
    let count = 0;
    for (const [name, run] of Object.entries(runs)) {
      expect(run.c.trace().length, name).toBeGreaterThan(5);
      for (const e of run.c.trace()) {
        const braces = run.braces === true && e.kind === 'submit';
        for (const lang of LANGS) {
          for (const ctx of [{}, { servers: run.c.ids().length }]) {
            const d = describeEvent(e, lang, ctx);
            checkClean(d, lang, braces, `${name} #${e.n} ${lang}: ${d.text}`);
            count++;
          }
        }
        const en = describeEvent(e, 'en').text;
        const zh = describeEvent(e, 'zh').text;
        // Where English names a term number, Chinese says 任期.
        if (/\bterm \d/.test(en)) expect(zh, `${name} #${e.n}: ${en} / ${zh}`).toContain('任期');
        if (/\bleader\b/.test(en)) expect(zh, `${name} #${e.n}: ${en} / ${zh}`).toContain('领导者');
        if (/\bvote\b/.test(en)) expect(zh, `${name} #${e.n}: ${en} / ${zh}`).toMatch(/投票|票/);
        if (/\bheartbeat/.test(en)) expect(zh, `${name} #${e.n}: ${en} / ${zh}`).toContain('心跳');
        // Same servers, same numbers, same citations in both languages.
        expect(zh.match(/S\d/g)?.sort(), `${name} #${e.n}`).toEqual(en.match(/S\d/g)?.sort());
        expect(zh.match(/§[\d.]+/g), `${name} #${e.n}`).toEqual(en.match(/§[\d.]+/g));
        const kinds = eventKindsFor(e);
        expect(kinds.length, `${name} #${e.n}`).toBeGreaterThan(0);
        expect(new Set(kinds).size).toBe(kinds.length);
        for (const k of kinds) expect(EVENT_CATEGORIES).toContain(k);
      }
    }
    expect(count).toBeGreaterThan(1_000);
    expect(missingKeys()).toEqual([]);
  });

  it('covers every note kind the engine emits in practice', () => {
    const kinds = new Set<string>();
    const traceKinds = new Set<string>();
    const failures = new Set<string>();
    for (const run of Object.values(runs)) {
      for (const e of run.c.trace()) {
        traceKinds.add(e.kind);
        if (e.failure) failures.add(e.failure);
        for (const n of e.notes) kinds.add(n.kind === 'ignored' ? `ignored:${n.what}` : n.kind);
      }
    }
    for (const k of [
      'roleChanged', 'termAdopted', 'voteGranted', 'voteRejected', 'voteReceived', 'appendRejected', 'entriesAppended',
      'logTruncated', 'commitAdvanced', 'nextIndexBackedOff', 'matchIndexAdvanced', 'proposalAppended', 'proposalRejected',
      'ignored:staleReply', 'ignored:duplicateLeader',
    ]) {
      expect(kinds, k).toContain(k);
    }
    for (const k of ['deliver', 'drop', 'electionTimeout', 'heartbeatTimeout', 'submit', 'crash', 'restart', 'network', 'dropMessage', 'duplicateMessage']) {
      expect(traceKinds, k).toContain(k);
    }
    for (const f of ['lost', 'link-cut', 'receiver-crashed', 'receiver-disconnected']) expect(failures, f).toContain(f);
  });
});

describe('elections', () => {
  it('a timeout starts an election', () => {
    const e = first('election', (x) => x.kind === 'electionTimeout' && x.notes.length > 0);
    const d = describeEvent(e, 'en');
    expect(d.text).toMatch(/^S\d timed out and started an election for term 1 \(§5\.2\)$/);
    expect(d.section).toBe('§5.2');
    expect(d.tone).toBe('role');
    expect(describeEvent(e, 'zh').text).toMatch(/^S\d 选举超时，发起了任期 1 的选举（§5\.2）$/);
  });

  it('a granted vote names voter, candidate and term', () => {
    const e = first('election', hasNote('voteGranted'));
    expect(describeEvent(e, 'en').text).toBe(`S${e.server} granted its vote to S${e.message!.from} for term 1 (§5.2)`);
    expect(describeEvent(e, 'zh').text).toBe(`S${e.server} 在任期 1 把票投给了 S${e.message!.from}（§5.2）`);
  });

  it('winning says how many votes out of how many, and the term', () => {
    const e = first('election', (x) => x.notes.some((n) => n.kind === 'roleChanged' && n.to === 'leader'));
    expect(describeEvent(e, 'en', { servers: 5 }).text).toBe(`S${e.server} won the election with 3 of 5 votes and is now leader of term 1 (§5.2)`);
    expect(describeEvent(e, 'en').text).toBe(`S${e.server} won the election with 3 votes, a majority, and is now leader of term 1 (§5.2)`);
    expect(describeEvent(e, 'zh', { servers: 5 }).text).toBe(`S${e.server} 获得 5 票中的 3 票，赢得选举，成为任期 1 的领导者（§5.2）`);
    expect(describeEvent(e, 'en').tone).toBe('role');
  });

  it('a vote counted toward the majority', () => {
    const e = first('election', (x) => x.notes.some((n) => n.kind === 'voteReceived' && n.granted && n.votes < n.needed));
    expect(describeEvent(e, 'en').text).toMatch(/^S\d received a vote from S\d for term 1: 2 of the 3 it needs \(§5\.2\)$/);
  });

  it('a refused vote because the candidate log is behind cites §5.4.1 with the candidate last entry', () => {
    // Figure 7 (d): S5's last term 7 beats the leader's last entry (index 10, term 6).
    const e = first('catchUp', (x) => x.server === 5 && hasNote('voteRejected')(x));
    const d = describeEvent(e, 'en');
    expect(d.text).toBe("S5 refused to vote for S1: its own log is more up to date than S1's, which ends at index 10, term 6 (§5.4.1)");
    expect(d.section).toBe('§5.4.1');
    expect(d.tone).toBe('reject');
    expect(describeEvent(e, 'zh').text).toBe('S5 拒绝投票给 S1：它自己的日志比 S1 的更新（对方的日志结束于索引 10、任期 6）（§5.4.1）');
    // The candidate hears why.
    const reply = first('catchUp', (x) => x.server === 1 && x.notes.some((n) => n.kind === 'voteReceived' && !n.granted));
    expect(describeEvent(reply, 'en').text).toMatch(/^S1 learned that S\d refused it a vote for term 8 \(S\d's log is more up to date\)/);
  });

  it('a refused vote because the server already voted', () => {
    const e = first('splitVotes', (x) => x.notes.some((n) => n.kind === 'voteRejected' && n.reason === 'already-voted'));
    expect(describeEvent(e, 'en').text).toMatch(/^S\d refused to vote for S\d in term \d+: it already voted for S\d \(§5\.2\)$/);
  });

  it('a split vote leads to a new election', () => {
    const e = first('splitVotes', (x) => x.notes.some((n) => n.kind === 'roleChanged' && n.from === 'candidate' && n.to === 'candidate'));
    expect(describeEvent(e, 'en').text).toMatch(/^S\d timed out again with no winner .* started a new election for term \d+ \(§5\.2\)$/);
  });

  it('a server that sees a higher term steps down, most important first', () => {
    const e = first('partitionWithDrops', (x) => x.notes.some((n) => n.kind === 'roleChanged' && n.from === 'leader' && n.to === 'follower'));
    const d = describeEvent(e, 'en');
    expect(d.text).toMatch(/^S\d saw term \d+ in an? (AppendEntries|RequestVote)( reply)? from S\d and stepped down from leader to follower/);
    expect(d.section).toBe('§5.1');
    expect(d.tone).toBe('role');
    expect(describeEvent(e, 'zh').text).toMatch(/^S\d 在来自 S\d 的 \w+ (请求|回复)中看到任期 \d+，从领导者退为跟随者/);
  });

  it('a single server elects itself at once and commits alone', () => {
    const t = texts('singleServer', 'en');
    expect(t).toContain('S1 timed out and started an election for term 1; it won at once with its own vote, the only one it needs, and is now leader of term 1 (§5.2)');
    expect(t).toContain('S1 appended client command "solo=1" at index 1, term 1; it committed entry 1: stored on a majority; it applied entry 1 to its state machine (§5.3, §5.4.2, Figure 2)');
    expect(t).toContain('S1 is the leader, so an election timeout has no effect on it (§5.2)');
  });
});

describe('replication and commitment', () => {
  it('a heartbeat is accepted', () => {
    const e = first('election', (x) => x.kind === 'deliver' && x.message?.type === 'AppendEntries' && x.notes.length === 0);
    expect(describeEvent(e, 'en').text).toBe(`S${e.server} accepted a heartbeat from S${e.message!.from} (§5.2)`);
    expect(describeEvent(e, 'zh').text).toBe(`S${e.server} 接受了来自 S${e.message!.from} 的心跳（§5.2）`);
    expect(isRoutine(e)).toBe(true);
  });

  it('the leader appends a client command', () => {
    const e = first('submitAndCommit', (x) => x.kind === 'submit' && x.detail === 'x=3');
    expect(describeEvent(e, 'en').text).toBe(`S${e.server} appended client command "x=3" at index 1, term 1 (§5.3)`);
    expect(describeEvent(e, 'zh').text).toBe(`S${e.server} 在索引 1（任期 1）追加了客户端命令“x=3”（§5.3）`);
    expect(eventKindsFor(e)).toEqual(['client']);
  });

  it('a leader commits once a majority stores the entries', () => {
    const e = first('submitAndCommit', (x) => x.message?.type === 'AppendEntriesReply' && hasNote('commitAdvanced')(x));
    const d = describeEvent(e, 'en');
    expect(d.text).toMatch(/^S\d committed entr(y \d+|ies \d+–\d+): stored on a majority; it learned that S\d's log matches its own up to index \d+; it applied entr(y \d+|ies \d+–\d+) to its state machine \(§5\.3, §5\.4\.2, Figure 2\)$/);
    expect(d.tone).toBe('commit');
    expect(describeEvent(e, 'zh').text).toMatch(/^S\d 提交了条目 [\d–]+：已存储在多数派服务器上，并得知 S\d 的日志直到索引 \d+ 都与自己的一致，并把条目 [\d–]+应用到状态机（§5\.3、§5\.4\.2、图 2）$/);
    expect(eventKindsFor(e).includes('commit')).toBe(true);
  });

  it('a follower learns the commit index from the leader', () => {
    const e = first('submitAndCommit', (x) => x.message?.type === 'AppendEntries' && hasNote('commitAdvanced')(x));
    expect(describeEvent(e, 'en').text).toMatch(/committed entr(y|ies) [\d–]+: leader S\d has committed up to index \d+/);
  });

  it('a follower missing entries rejects with the index and term it lacks', () => {
    // Figure 7 (a): S2 has 9 entries; the leader's first AppendEntries has prevLogIndex 10, prevLogTerm 6.
    const e = first('catchUp', (x) => x.server === 2 && x.notes.some((n) => n.kind === 'appendRejected' && n.reason === 'missing-entry'));
    const d = describeEvent(e, 'en');
    expect(d.text).toBe('S2 rejected AppendEntries from S1: it has no entry at index 10 with term 6, as its log ends at index 9 (§5.3)');
    expect(d.tone).toBe('reject');
    expect(d.section).toBe('§5.3');
    const zh = describeEvent(e, 'zh').text;
    expect(zh).toContain('索引 10');
    expect(zh).toContain('任期为 6');
  });

  it('a follower with a conflicting entry rejects, and the leader backs off', () => {
    // Figure 7 (f): S7 holds term 3 at index 10.
    const e = first('catchUp', (x) => x.server === 7 && x.notes.some((n) => n.kind === 'appendRejected' && n.reason === 'term-mismatch'));
    expect(describeEvent(e, 'en').text).toBe('S7 rejected AppendEntries from S1: it has no entry at index 10 with term 6, as its entry there is from term 3 (§5.3)');
    const back = first('catchUp', (x) => x.notes.some((n) => n.kind === 'nextIndexBackedOff' && n.peer === 7));
    expect(describeEvent(back, 'en').text).toBe('S1 learned that S7 has no entry at index 10 matching its own, so it moved nextIndex for S7 back from 11 to 10 and will retry (§5.3)');
    expect(describeEvent(back, 'zh').text).toContain('nextIndex 从 11 退回到 10');
    const fast = first('catchUpFast', (x) => x.notes.some((n) => n.kind === 'nextIndexBackedOff' && n.peer === 7));
    expect(describeEvent(fast, 'en').text).toMatch(/using the conflict hint, moved nextIndex for S7 back from 11 to \d+ in one step/);
  });

  it('a follower deletes conflicting entries and appends the leader’s', () => {
    // Figure 7 (f) after repair: S7 loses indexes 4–11.
    const e = first('catchUp', (x) => x.server === 7 && hasNote('logTruncated')(x));
    expect(describeEvent(e, 'en').text).toMatch(/^S7 deleted its conflicting entries 4–11 and appended entries 4–\d+ from S1 \(§5\.3\)$/);
    expect(describeEvent(e, 'zh').text).toMatch(/^S7 删除了自己有冲突的条目 4–11，改为追加来自 S1 的条目 4–\d+（§5\.3）$/);
  });

  it('an AppendEntries from an older term is rejected and cites §5.1', () => {
    const e = first('partitionWithDrops', (x) => x.notes.some((n) => n.kind === 'appendRejected' && n.reason === 'stale-term'));
    const d = describeEvent(e, 'en');
    expect(d.text).toMatch(/^S\d rejected AppendEntries from S\d: S\d's term \d+ is out of date, and the reply tells S\d the newer term \(§5\.1\)$/);
    expect(describeEvent(e, 'zh').text).toContain('任期');
  });

  it('late replies are ignored with a reason', () => {
    const e = first('election', (x) => x.message?.type === 'RequestVoteReply' && x.notes.some((n) => n.kind === 'ignored'));
    expect(describeEvent(e, 'en').text).toMatch(/^S\d ignored a late vote reply from S\d: it is no longer a candidate \(§5\.2\)$/);
  });

  it('two leaders in one term (a broken rule) is called out', () => {
    const e = first('twoLeaders', (x) => x.notes.some((n) => n.kind === 'ignored' && n.what === 'duplicateLeader'));
    expect(describeEvent(e, 'en').text).toMatch(/^S\d ignored AppendEntries from S\d, which also claims to lead term 1: two leaders in one term should be impossible \(§5\.2\)$/);
  });
});

describe('clients', () => {
  it('a follower redirects the client to the leader (§8)', () => {
    const e = first('clients', (x) => x.kind === 'submit' && x.detail === 'y=1');
    const leader = e.notes.find((n) => n.kind === 'proposalRejected')!;
    expect(leader.kind === 'proposalRejected' && leader.leaderHint).toBeTruthy();
    const hint = leader.kind === 'proposalRejected' ? leader.leaderHint : 0;
    const d = describeEvent(e, 'en');
    expect(d.text).toBe(`S${e.server} is not the leader and redirected the client (command "y=1") to S${hint} (§8)`);
    expect(d.section).toBe('§8');
    expect(describeEvent(e, 'zh').text).toBe(`S${e.server} 不是领导者，把客户端（命令“y=1”）重定向到了 S${hint}（§8）`);
  });

  it('no leader, or a crashed server, turns the client away', () => {
    const t = texts('clients', 'en');
    expect(t).toContain('No server is leader right now, so the client command "too-early" was not accepted (§8)');
    expect(t.some((s) => /^S\d is crashed, so the client command "to-a-crashed-server" was not accepted \(§8\)$/.test(s))).toBe(true);
  });

  it('commands are user text: kept verbatim, never interpolated, truncated when long', () => {
    const script = first('submitAndCommit', (x) => x.kind === 'submit' && x.detail === SCRIPT);
    expect(describeEvent(script, 'en').text).toContain(`"${SCRIPT}"`);
    expect(describeEvent(script, 'zh').text).toContain(`“${SCRIPT}”`);

    const braces = first('clients', (x) => x.kind === 'submit' && x.detail === BRACES);
    expect(describeEvent(braces, 'en').text).toContain(`"${BRACES}"`);
    expect(describeEvent(braces, 'zh').text).toContain(`“${BRACES}”`);

    const long = first('submitAndCommit', (x) => x.kind === 'submit' && x.detail === LONG);
    const shown = `${LONG.slice(0, COMMAND_PREVIEW)}…`;
    expect(describeEvent(long, 'en').text).toContain(`"${shown}"`);
    expect(describeEvent(long, 'en').text).not.toContain(LONG);

    const twoLines = first('submitAndCommit', (x) => x.kind === 'submit' && x.detail === 'line1\nline2');
    expect(describeEvent(twoLines, 'en').text).toContain('"line1 line2"');
  });

  it('previewCommand never splits a character', () => {
    const emoji = '😀'.repeat(50);
    const p = previewCommand(emoji);
    expect(Array.from(p)).toHaveLength(COMMAND_PREVIEW + 1);
    expect(p.endsWith('😀…')).toBe(true);
    expect(previewCommand('short')).toBe('short');
    expect(previewCommand('a'.repeat(COMMAND_PREVIEW))).toBe('a'.repeat(COMMAND_PREVIEW));
  });
});

describe('faults and the network', () => {
  it('a crash says what survives (Figure 2), and a restart', () => {
    const e = first('crashRestart', (x) => x.kind === 'crash');
    const d = describeEvent(e, 'en');
    expect(d.text).toBe(`S${e.server} crashed: it keeps currentTerm, votedFor and its log (Figure 2)`);
    expect(d.section).toBe('Figure 2');
    expect(d.tone).toBe('fault');
    expect(describeEvent(e, 'zh').text).toBe(`S${e.server} 崩溃：它保留 currentTerm、votedFor 和日志（图 2）`);
    expect(eventKindsFor(e)).toEqual(['fault']);
    const r = first('crashRestart', (x) => x.kind === 'restart');
    expect(describeEvent(r, 'en').text).toMatch(/^S\d restarted as a follower from its saved currentTerm, votedFor and log/);
  });

  it('a message to a crashed server is lost', () => {
    const e = first('crashRestart', (x) => x.kind === 'drop' && x.failure === 'receiver-crashed');
    const m = e.message!;
    expect(describeEvent(e, 'en').text).toMatch(new RegExp(`^(RequestVote|AppendEntries)( reply| heartbeat)? S${m.from}→S${m.to} lost: S${m.to} is crashed$`));
  });

  it('a message over a cut link is lost', () => {
    const e = first('partitionWithDrops', (x) => x.kind === 'drop' && x.failure === 'link-cut');
    const m = e.message!;
    const d = describeEvent(e, 'en');
    expect(d.text).toMatch(new RegExp(`^\\w+( reply| heartbeat)? S${m.from}→S${m.to} lost: the link S${m.from}→S${m.to} is cut$`));
    expect(d.section).toBeNull();
    expect(describeEvent(e, 'zh').text).toMatch(new RegExp(`^消息 .*（S${m.from}→S${m.to}）丢失：链路 S${m.from}→S${m.to} 已被切断$`));
    expect(eventKindsFor(e).includes('network')).toBe(true);
  });

  it('a message the network drops at random', () => {
    const e = first('partitionWithDrops', (x) => x.kind === 'drop' && x.failure === 'lost');
    expect(describeEvent(e, 'en').text).toMatch(/lost: the network dropped it$/);
  });

  it('the user drops and duplicates messages', () => {
    const drop = first('userMessageFaults', (x) => x.kind === 'dropMessage');
    const m = drop.message!;
    expect(describeEvent(drop, 'en').text).toMatch(new RegExp(`^You removed the .+ S${m.from}→S${m.to} from the network: it will never arrive$`));
    expect(eventKindsFor(drop)).toEqual([m.type.startsWith('Request') ? 'election' : 'replication', 'fault', 'network']);
    const dup = first('userMessageFaults', (x) => x.kind === 'duplicateMessage');
    expect(describeEvent(dup, 'en').text).toMatch(/^You duplicated the .+ S\d→S\d: a second copy is on its way/);
    const copy = first('userMessageFaults', (x) => x.kind === 'deliver' && x.message?.duplicate === true);
    expect(describeEvent(copy, 'en').text).toMatch(/; this was a duplicate copy( \(|$)/);
    expect(describeEvent(copy, 'zh').text).toContain('这是一份重复的副本');
  });

  it('network changes are described from their details', () => {
    const t = texts('network', 'en');
    const zh = texts('network', 'zh', true);
    expect(t.some((s) => /^S\d was taken off the network: no message reaches it or leaves it$/.test(s))).toBe(true);
    expect(t.some((s) => /^S\d was connected to the network again$/.test(s))).toBe(true);
    expect(t).toContain('The link S1→S2 was cut: messages from S1 to S2 are lost (the other direction is unaffected)');
    expect(t).toContain('The link S1→S2 was restored');
    expect(t).toContain('The network was partitioned into [S1, S2] and [S3]: only servers in the same group can talk; S4 and S5 are each cut off from everyone');
    expect(zh).toContain('网络被分区为 [S1、S2] 和 [S3]：只有同一组内的服务器才能通信，S4 和 S5 各自与所有服务器隔绝');
    expect(t).toContain('The network was healed: every link is up and every server is connected');
    expect(t).toContain('Network settings changed: each message now takes 5–40 ms, 10% are lost and 30% are duplicated');
    expect(zh).toContain('网络设置已更改：每条消息的延迟为 5–40 毫秒，丢失率 10%，重复率 30%');
    const partition = first('network', (x) => x.kind === 'network' && x.detail!.startsWith('partition'));
    expect(eventKindsFor(partition)).toEqual(['fault', 'network']);
    const heal = first('network', (x) => x.kind === 'network' && x.detail === 'heal');
    expect(eventKindsFor(heal)).toEqual(['network']);
    expect(describeEvent(heal, 'en').tone).toBe('info');
  });

  it('an unknown network detail is shown as it is', () => {
    const e: TraceEvent = { n: 1, time: 0, kind: 'network', server: null, notes: [], sent: [], detail: 'something new' };
    expect(describeEvent(e, 'en').text).toBe('Network change: something new');
    expect(describeEvent(e, 'zh').text).toBe('网络变化：something new');
  });
});

describe('describeViolation', () => {
  const unsafeRuns: Array<() => RaftCluster> = [
    () => runs.twoLeaders!.c,
    () => runs.brokenRules!.c,
    () => {
      const c = createCluster({
        seed: 'checker',
        servers: 3,
        unsafe: { skipConsistencyCheck: true },
        initial: [{ id: 1, log: [1, 2] }, { id: 2, log: [1, 2] }, { id: 3, log: [1, 1, 1] }],
      });
      elect(c, 1);
      c.submit('x=3', 1);
      c.runFor(200);
      return c;
    },
    () => {
      const c = createCluster({ seed: 'checker', servers: 3, unsafe: { skipUpToDateCheck: true } });
      elect(c, 1);
      c.disconnect(3);
      for (let i = 0; i < 3; i++) c.submit(`k${i}=${i}`, 1);
      c.runFor(300);
      c.crash(1);
      c.connect(3);
      elect(c, 3);
      c.submit('y=1', 3);
      c.runFor(500);
      return c;
    },
    () => {
      const c = createCluster({ seed: 'checker', servers: 3, unsafe: { acceptStaleTerms: true } });
      elect(c, 1);
      c.submit('a=1', 1);
      c.runFor(100);
      c.setNetwork({ latencyMs: [800, 800] });
      c.runFor(60);
      c.setNetwork({ latencyMs: [10, 20] });
      c.crash(1);
      c.runUntil((cc) => cc.leaderId() !== null, 2_000);
      c.submit('c=3');
      c.runFor(1_500);
      return c;
    },
    () => {
      const c = createCluster({ seed: 'checker', servers: 3, maxEntriesPerAppend: 1, unsafe: { commitToLeaderCommit: true } });
      elect(c, 1);
      c.disconnect(3);
      for (let i = 0; i < 5; i++) c.submit(`k${i}=${i}`, 1);
      c.runFor(300);
      c.connect(3);
      c.runFor(2_000);
      return c;
    },
  ];

  it('rebuilds every checker detail in both languages', () => {
    const seen = new Set<string>();
    for (const make of unsafeRuns) {
      const c = make();
      for (const v of c.violations()) {
        seen.add(v.property);
        const en = describeViolation(v, 'en');
        const zh = describeViolation(v, 'zh');
        // English is the checker's own sentence, rebuilt from its numbers.
        expect(en).toBe(`${v.property} violated: ${v.detail.replace(/\.$/, '')}`);
        expect(zh.startsWith(`违反${propertyName(v.property, 'zh')}：`)).toBe(true);
        const leftover = zh.replace(/currentTerm|commitIndex|S\d/g, '');
        expect(leftover, zh).not.toMatch(/[A-Za-z]{2,}/);
        expect(zh).not.toMatch(/\{|undefined/);
        // The numbers survive translation.
        expect(zh.match(/\d+/g)?.sort()).toEqual(en.match(/\d+/g)?.sort());
      }
      for (const e of c.trace()) for (const lang of LANGS) checkClean(describeEvent(e, lang), lang, false, `#${e.n}`);
    }
    for (const p of [
      'Election Safety',
      'Leader Append-Only',
      'Log Matching',
      'Leader Completeness',
      'State Machine Safety',
      'Term Monotonicity',
      'Commit Within Log',
      'Entry Term Bound',
    ]) {
      expect(seen, p).toContain(p);
    }
  });

  it('translates every property name', () => {
    expect(propertyName('Election Safety', 'zh')).toBe('选举安全性');
    expect(propertyName('Leader Append-Only', 'zh')).toBe('领导者只追加');
    expect(propertyName('Log Matching', 'zh')).toBe('日志匹配');
    expect(propertyName('Leader Completeness', 'zh')).toBe('领导者完整性');
    expect(propertyName('State Machine Safety', 'zh')).toBe('状态机安全性');
    expect(propertyName('Term Monotonicity', 'zh')).toBe('任期单调性');
    expect(propertyName('Commit Within Log', 'zh')).toBe('提交不超出日志');
    expect(propertyName('Entry Term Bound', 'zh')).toBe('条目任期上界');
    expect(propertyName('Log Matching', 'en')).toBe('Log Matching');
  });

  it('keeps a detail in an unknown shape, with the property translated', () => {
    const v: Violation = { property: 'Log Matching', time: 1, event: 2, servers: [1], detail: 'Something unforeseen.' };
    expect(describeViolation(v, 'en')).toBe('Log Matching violated: Something unforeseen');
    expect(describeViolation(v, 'zh')).toBe('违反日志匹配：Something unforeseen');
  });
});

describe('eventKindsFor and isRoutine', () => {
  it('files events under the right categories', () => {
    const timeout = first('election', (x) => x.kind === 'electionTimeout');
    expect(eventKindsFor(timeout)).toEqual(['election']);
    const hb = first('election', (x) => x.kind === 'heartbeatTimeout');
    expect(eventKindsFor(hb)).toEqual(['replication']);
    expect(isRoutine(hb)).toBe(true);
    const vote = first('election', hasNote('voteGranted'));
    expect(eventKindsFor(vote)).toEqual(['election']);
    expect(isRoutine(vote)).toBe(false);
    const append = first('submitAndCommit', hasNote('entriesAppended'));
    expect(eventKindsFor(append).includes('replication')).toBe(true);
  });

  it('every category occurs in the scenarios', () => {
    const all = new Set<string>();
    for (const run of Object.values(runs)) for (const e of run.c.trace()) for (const k of eventKindsFor(e)) all.add(k);
    expect([...all].sort()).toEqual([...EVENT_CATEGORIES].sort());
  });

  it('dictionary entries for the categories exist', () => {
    for (const k of EVENT_CATEGORIES) {
      expect(DICTS.en[`ev.cat.${k}`]).toBeTruthy();
      expect(DICTS.zh[`ev.cat.${k}`]).toBeTruthy();
    }
  });
});
