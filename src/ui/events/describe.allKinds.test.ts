/**
 * Every note kind, role-change reason, role, message type and trace kind gets
 * a sentence in both languages. SAMPLES is typed by Note['kind'], so a new note
 * kind without a sample fails the typecheck, and a sample whose sentence is
 * missing (or falls back to "Event n: kind") fails here.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { clientAddress, makeConfig, MESSAGE_TYPES, type Message, type Note, type RoleChangeReason } from '../../engine';
import type { InFlightMessage } from '../../sim/network';
import type { TraceEvent, TraceKind } from '../../sim/trace';
import { clearMissingKeys, missingKeys, type Lang } from '../i18n';
import { describeEvent, EVENT_CATEGORIES, eventKindsFor, sectionLabel, SECTIONS, type EventDescription } from './describe';

type Samples = { [K in Note['kind']]: Array<Extract<Note, { kind: K }>> };

const SAMPLES: Samples = {
  roleChanged: [
    { kind: 'roleChanged', from: 'follower', to: 'candidate', term: 2, reason: 'electionTimeout' },
    { kind: 'roleChanged', from: 'follower', to: 'precandidate', term: 2, reason: 'electionTimeout' },
    { kind: 'roleChanged', from: 'precandidate', to: 'candidate', term: 3, reason: 'preVoteWon' },
    { kind: 'roleChanged', from: 'leader', to: 'follower', term: 2, reason: 'checkQuorum' },
    { kind: 'roleChanged', from: 'leader', to: 'follower', term: 2, reason: 'removedFromConfig' },
    { kind: 'roleChanged', from: 'follower', to: 'candidate', term: 3, reason: 'timeoutNow' },
  ],
  termAdopted: [{ kind: 'termAdopted', from: 1, to: 2, via: 'InstallSnapshot', sender: 2 }],
  voteGranted: [
    { kind: 'voteGranted', candidate: 2, term: 3, votedBefore: null, upToDate: true },
    { kind: 'voteGranted', candidate: 2, term: 3, votedBefore: 2, upToDate: true },
    { kind: 'voteGranted', candidate: 2, term: 3, votedBefore: 4, upToDate: false },
  ],
  voteRejected: [
    { kind: 'voteRejected', candidate: 2, term: 3, reason: 'already-voted', currentTerm: 3, votedFor: 4, lastLogIndex: 5, lastLogTerm: 2 },
    { kind: 'voteRejected', candidate: 2, term: 3, reason: 'not-voter', currentTerm: 3, votedFor: null, lastLogIndex: 5, lastLogTerm: 2 },
  ],
  voteReceived: [{ kind: 'voteReceived', voter: 3, granted: true, votes: 2, needed: 3 }],
  appendRejected: [{ kind: 'appendRejected', leader: 1, prevLogIndex: 4, prevLogTerm: 2, reason: 'missing-entry', lastLogIndex: 2 }],
  entriesAppended: [{ kind: 'entriesAppended', from: 3, to: 4 }],
  logTruncated: [{ kind: 'logTruncated', from: 3, removed: 2 }],
  commitAdvanced: [{ kind: 'commitAdvanced', from: 2, to: 4, term: 2 }],
  entriesApplied: [{ kind: 'entriesApplied', from: 3, to: 4 }],
  noopAppended: [{ kind: 'noopAppended', index: 5, term: 3 }],
  nextIndexBackedOff: [{ kind: 'nextIndexBackedOff', peer: 2, from: 5, to: 4, fast: false }],
  matchIndexAdvanced: [{ kind: 'matchIndexAdvanced', peer: 2, to: 4 }],
  proposalAppended: [{ kind: 'proposalAppended', index: 5, term: 2 }],
  proposalRejected: [{ kind: 'proposalRejected', leaderHint: 2, reason: 'not-leader' }],
  ignored: [{ kind: 'ignored', what: 'staleReply' }],
  preVoteGranted: [{ kind: 'preVoteGranted', candidate: 5, term: 3 }],
  preVoteRejected: [
    { kind: 'preVoteRejected', candidate: 5, term: 2, reason: 'stale-term', leaderId: null, currentTerm: 2, lastLogIndex: 7, lastLogTerm: 2 },
    { kind: 'preVoteRejected', candidate: 5, term: 3, reason: 'leader-known', leaderId: null, currentTerm: 2, lastLogIndex: 7, lastLogTerm: 2 },
    { kind: 'preVoteRejected', candidate: 5, term: 3, reason: 'leader-known', leaderId: 1, currentTerm: 2, lastLogIndex: 7, lastLogTerm: 2 },
    { kind: 'preVoteRejected', candidate: 5, term: 3, reason: 'log-not-up-to-date', leaderId: null, currentTerm: 2, lastLogIndex: 7, lastLogTerm: 2 },
    { kind: 'preVoteRejected', candidate: 5, term: 3, reason: 'not-voter', leaderId: null, currentTerm: 2, lastLogIndex: 7, lastLogTerm: 2 },
  ],
  preVoteReceived: [
    { kind: 'preVoteReceived', voter: 3, granted: true, votes: 2, needed: 3 },
    { kind: 'preVoteReceived', voter: 3, granted: false, votes: 1, needed: 3 },
  ],
  voteIgnored: [
    { kind: 'voteIgnored', candidate: 5, term: 4, leaderId: 1 },
    { kind: 'voteIgnored', candidate: 5, term: 4, leaderId: 2 },
    { kind: 'voteIgnored', candidate: 5, term: 4, leaderId: null },
  ],
  notVoter: [{ kind: 'notVoter' }],
  checkQuorumFailed: [{ kind: 'checkQuorumFailed', active: [1, 2], needed: 3 }],
  snapshotTaken: [
    { kind: 'snapshotTaken', index: 40, term: 2, removed: 40, forced: false },
    { kind: 'snapshotTaken', index: 41, term: 2, removed: 1, forced: true },
  ],
  snapshotChunk: [{ kind: 'snapshotChunk', leader: 2, index: 40, offset: 64, bytes: 64, size: 300, done: false }],
  snapshotInstalled: [
    { kind: 'snapshotInstalled', index: 40, term: 2, keptEntries: 0 },
    { kind: 'snapshotInstalled', index: 40, term: 2, keptEntries: 3 },
  ],
  snapshotSkipped: [
    { kind: 'snapshotSkipped', index: 40, reason: 'have-it' },
    { kind: 'snapshotSkipped', index: 40, reason: 'offset-mismatch' },
  ],
  snapshotSendStarted: [{ kind: 'snapshotSendStarted', peer: 3, index: 40, size: 300 }],
  snapshotSendDone: [{ kind: 'snapshotSendDone', peer: 3, index: 40 }],
  configAppended: [
    { kind: 'configAppended', index: 9, term: 2, change: 'addLearner', servers: [6], config: makeConfig([1, 2, 3], [6]) },
    { kind: 'configAppended', index: 9, term: 2, change: 'addLearner', servers: [6, 7], config: { ...makeConfig([1, 2, 3], [6, 7]), target: [1, 6, 7] } },
    { kind: 'configAppended', index: 10, term: 2, change: 'promote', servers: [6], config: makeConfig([1, 2, 3, 6]) },
    { kind: 'configAppended', index: 11, term: 2, change: 'remove', servers: [3], config: makeConfig([1, 2, 6]) },
    { kind: 'configAppended', index: 12, term: 2, change: 'enterJoint', servers: [1, 6, 7], config: { ...makeConfig([1, 6, 7]), oldVoters: [1, 2, 3] } },
    { kind: 'configAppended', index: 13, term: 2, change: 'leaveJoint', servers: [1, 6, 7], config: makeConfig([1, 6, 7]) },
  ],
  configRejected: (['not-leader', 'change-pending', 'no-commit-in-term', 'no-change', 'would-be-empty', 'transferring'] as const).map((reason) => ({
    kind: 'configRejected' as const,
    reason,
  })),
  transferStarted: [
    { kind: 'transferStarted', to: 3, upToDate: true },
    { kind: 'transferStarted', to: 3, upToDate: false },
  ],
  timeoutNowSent: [{ kind: 'timeoutNowSent', to: 3 }],
  transferAborted: [{ kind: 'transferAborted', to: 3 }],
  transferRejected: (['not-leader', 'not-voter', 'self', 'transferring'] as const).map((reason) => ({ kind: 'transferRejected' as const, to: 3, reason })),
  timeoutNowReceived: [{ kind: 'timeoutNowReceived', leader: 1 }],
  clientAppended: [{ kind: 'clientAppended', client: 1, seq: 4, index: 12 }],
  clientRedirected: [
    { kind: 'clientRedirected', client: 1, seq: 4, leaderHint: 2, reason: 'not-leader' },
    { kind: 'clientRedirected', client: 1, seq: 4, leaderHint: null, reason: 'not-leader' },
    { kind: 'clientRedirected', client: 1, seq: 4, leaderHint: null, reason: 'transferring' },
  ],
  clientDuplicateAnswered: [{ kind: 'clientDuplicateAnswered', client: 1, seq: 4, index: 12 }],
  duplicateSuppressed: [{ kind: 'duplicateSuppressed', client: 1, seq: 4, index: 14, firstIndex: 12 }],
  appliedTwice: [{ kind: 'appliedTwice', client: 1, seq: 4, index: 14 }],
  readStarted: [
    { kind: 'readStarted', client: 2, seq: 1, key: 'x', readIndex: 12, round: 7, via: 'readIndex', waitingForTermCommit: false },
    { kind: 'readStarted', client: 2, seq: 1, key: 'x', readIndex: -1, round: 7, via: 'readIndex', waitingForTermCommit: true },
    { kind: 'readStarted', client: 2, seq: 1, key: 'x', readIndex: 12, round: 0, via: 'lease', waitingForTermCommit: false },
  ],
  readServed: [
    { kind: 'readServed', client: 2, seq: 1, key: 'x', value: '3', readIndex: 12, round: 7, via: 'readIndex' },
    { kind: 'readServed', client: 2, seq: 1, key: 'x', value: null, readIndex: 12, round: 0, via: 'lease' },
  ],
};

const LANGS: Lang[] = ['en', 'zh'];
/** Names that stay in Latin script in Chinese: RPCs, Figure 2 variables, CheckQuorum, the paper's C_old,new. */
const LATIN_NAMES = /RequestVote|AppendEntries|PreVote|InstallSnapshot|TimeoutNow|CheckQuorum|C_old,new|C_new|currentTerm|votedFor|nextIndex|commitIndex|Raft|S\d+/g;
const CJK = /[\u4e00-\u9fff]/;

function event(kind: TraceKind, notes: Note[], extra: Partial<TraceEvent> = {}): TraceEvent {
  return { n: 7, time: 1_000, kind, server: 1, notes, sent: [], ...extra };
}

function inFlight(m: Message): InFlightMessage {
  return { ...m, id: 99, sentAt: 900, deliverAt: 1_000, lost: false, duplicate: false };
}

/** A message of `type` with the fields the sentences read. */
function bare(type: Message['type'], from: number, to: number, term: number): Message {
  return { type, from, to, term, entries: [], leaderId: from, client: 1, seq: 1, ok: true, offset: 0, done: false } as unknown as Message;
}

function checkClean(d: EventDescription, lang: Lang, where: string): void {
  expect(d.text.trim().length, where).toBeGreaterThan(0);
  expect(d.text, where).not.toMatch(/undefined|NaN|null|\[object/);
  expect(d.text, where).not.toMatch(/[{}]/); // a leftover placeholder
  expect(d.text, where).not.toMatch(/\bev\.[a-z]/i); // a raw key
  expect(d.text, where).not.toMatch(/^Event \d+|^事件 \d+/); // the fallback
  expect(d.text, where).not.toMatch(/\s$|^\s| {2}/);
  expect(d.text.startsWith(d.plain), where).toBe(true);
  expect(d.section === null || (SECTIONS as readonly string[]).includes(d.section), where).toBe(true);
  if (lang === 'zh') {
    expect(d.text, where).toMatch(CJK);
    const leftover = d.text.replace(/“[^”]*”/g, '').replace(LATIN_NAMES, '');
    expect(leftover, where).not.toMatch(/[A-Za-z]{2,}/);
  }
}

afterEach(() => clearMissingKeys());

describe('every note kind has a sentence in both languages', () => {
  const all = Object.values(SAMPLES).flat() as Note[];

  it('has samples for each kind', () => {
    for (const [kind, samples] of Object.entries(SAMPLES)) {
      expect(samples.length, kind).toBeGreaterThan(0);
      for (const n of samples) expect(n.kind).toBe(kind);
    }
  });

  it.each(all.map((n) => [JSON.stringify(n), n] as const))('%s', (_name, note) => {
    clearMissingKeys();
    // An "ignored" note always answers a message: here a TimeoutNow from an old term.
    const message = note.kind === 'ignored' ? inFlight({ type: 'TimeoutNow', from: 2, to: 1, term: 1, leaderId: 2 }) : undefined;
    const e = event('deliver', [note], message ? { message } : {});
    const texts: Record<Lang, string> = { en: '', zh: '' };
    for (const lang of LANGS) {
      const d = describeEvent(e, lang, { servers: 5 });
      checkClean(d, lang, `${lang}: ${d.text}`);
      texts[lang] = d.text;
    }
    expect(missingKeys()).toEqual([]);
    // The same servers and the same sections in both languages.
    expect(texts.zh.match(/S\d+/g)?.sort()).toEqual(texts.en.match(/S\d+/g)?.sort());
    expect(texts.zh.match(/§[\d.]+/g)).toEqual(texts.en.match(/§[\d.]+/g));
    // Every note kind is filed under some category.
    expect(eventKindsFor(e).length).toBeGreaterThan(0);
  });

  it('gives each role-change reason and each role its own words', () => {
    const reasons: RoleChangeReason[] = ['electionTimeout', 'higherTerm', 'wonElection', 'leaderDiscovered', 'restart', 'preVoteWon', 'checkQuorum', 'removedFromConfig', 'timeoutNow'];
    const seen = new Set<string>();
    for (const reason of reasons) {
      const note: Note = { kind: 'roleChanged', from: 'follower', to: reason === 'wonElection' ? 'leader' : reason === 'checkQuorum' || reason === 'removedFromConfig' ? 'follower' : 'candidate', term: 3, reason };
      const text = describeEvent(event('deliver', [note]), 'en').text;
      seen.add(text);
    }
    expect(seen.size).toBeGreaterThanOrEqual(6);
    for (const lang of LANGS) {
      const d = describeEvent(event('electionTimeout', [{ kind: 'roleChanged', from: 'follower', to: 'precandidate', term: 2, reason: 'electionTimeout' }]), lang);
      expect(d.text).toMatch(lang === 'en' ? /pre-candidate/ : /预候选人/);
    }
  });
});

describe('specific sentences', () => {
  const en = (e: TraceEvent): string => describeEvent(e, 'en').text;
  const zh = (e: TraceEvent): string => describeEvent(e, 'zh').text;

  it('a snapshot says how far it reaches and how much log it discarded (§7)', () => {
    const e = event('snapshot', [{ kind: 'snapshotTaken', index: 40, term: 2, removed: 40, forced: false }], { server: 3 });
    expect(en(e)).toBe('S3 took a snapshot up to index 40 (term 2) and discarded 40 log entries (§7)');
    expect(zh(e)).toBe('S3 生成了截至索引 40（任期 2）的快照，并丢弃了 40 个日志条目（§7）');
    expect(eventKindsFor(e)).toEqual(['snapshot']);
  });

  it('a refused pre-vote names the reason and the dissertation section (§9.6)', () => {
    const leader = event('deliver', [{ kind: 'preVoteRejected', candidate: 5, term: 3, reason: 'leader-known', leaderId: null, currentTerm: 2, lastLogIndex: 7, lastLogTerm: 2 }], { server: 2 });
    expect(en(leader)).toBe("S2 refused S5's pre-vote: it heard from a leader less than an election timeout ago, so no election is needed (dissertation §9.6)");
    expect(zh(leader)).toContain('博士论文 §9.6');
    const named = event('deliver', [{ kind: 'preVoteRejected', candidate: 5, term: 3, reason: 'leader-known', leaderId: 1, currentTerm: 2, lastLogIndex: 7, lastLogTerm: 2 }], { server: 2 });
    expect(en(named)).toContain('S1');
    const log = event('deliver', [{ kind: 'preVoteRejected', candidate: 5, term: 3, reason: 'log-not-up-to-date', leaderId: null, currentTerm: 2, lastLogIndex: 7, lastLogTerm: 2 }], { server: 2 });
    expect(en(log)).toBe("S2 refused S5's pre-vote: its own log, which ends at index 7, term 2, is more up to date (§5.4.1, dissertation §9.6)");
  });

  it('CheckQuorum: the step-down names whom the leader heard from and how many it needs', () => {
    const e = event('electionTimeout', [
      { kind: 'checkQuorumFailed', active: [1, 2], needed: 3 },
      { kind: 'roleChanged', from: 'leader', to: 'follower', term: 4, reason: 'checkQuorum' },
    ]);
    expect(en(e)).toBe(
      'S1 stepped down to follower (CheckQuorum): in the last election timeout it was in touch only with S1 and S2 (itself included), fewer than the 3 servers it needs (dissertation §6.2)',
    );
    expect(zh(e)).toBe('S1 退为跟随者（CheckQuorum）：在上一个选举超时周期内，它只与 S1 和 S2（包括它自己）保持联系，不足所需的 3 台（博士论文 §6.2）');
    expect(describeEvent(e, 'en').section).toBe('diss. §6.2');
    expect(sectionLabel('en', 'diss. §6.2')).toBe('dissertation §6.2');
  });

  it('client sessions: a retry already applied is answered, not appended again (§8)', () => {
    const m = inFlight({ type: 'ClientRequest', from: clientAddress(1), to: 1, term: 0, client: 1, seq: 4, command: 'x=1' });
    const e = event('deliver', [{ kind: 'clientDuplicateAnswered', client: 1, seq: 4, index: 12 }], { message: m });
    expect(en(e)).toBe("Client C1's retry (seq 4) was already applied at index 12; S1 answered it from its session table without appending it again (§8)");
    expect(zh(e)).toBe('S1 发现客户端 C1 的重试请求（序号 4）已在索引 12 应用过，于是直接按会话表回复，不再追加（§8）');
    const applied = event('deliver', [{ kind: 'duplicateSuppressed', client: 1, seq: 4, index: 14, firstIndex: 12 }]);
    expect(en(applied)).toMatch(/^S1 skipped entry 14: it repeats Client C1's request seq 4, already applied at index 12/);
  });

  it('leadership transfer folds TimeoutNow into the election it starts (§3.10)', () => {
    const m = inFlight({ type: 'TimeoutNow', from: 1, to: 3, term: 2, leaderId: 1 });
    const e = event(
      'deliver',
      [
        { kind: 'timeoutNowReceived', leader: 1 },
        { kind: 'roleChanged', from: 'follower', to: 'candidate', term: 3, reason: 'timeoutNow' },
      ],
      { server: 3, message: m },
    );
    expect(en(e)).toBe('S3 received TimeoutNow from leader S1 and started an election for term 3 at once, without waiting for its election timer (dissertation §3.10)');
  });

  it('joint consensus names both majorities (§6)', () => {
    const e = event('changeMembership', [
      { kind: 'configAppended', index: 12, term: 2, change: 'enterJoint', servers: [1, 6, 7], config: { ...makeConfig([1, 6, 7]), oldVoters: [1, 2, 3] } },
    ]);
    expect(en(e)).toBe(
      'S1 appended the joint configuration C_old,new at index 12: until C_new is committed, every election and every commitment needs a majority of the old voters S1, S2 and S3 and a majority of the new voters S1, S6 and S7 (§6)',
    );
    expect(eventKindsFor(e)).toEqual(['membership']);
  });

  it('user text in reads and writes is quoted verbatim and never interpolated', () => {
    const tricky = '<b>{s}</b>';
    const e = event('deliver', [{ kind: 'readServed', client: 2, seq: 1, key: tricky, value: '{term}', readIndex: 3, round: 1, via: 'readIndex' }]);
    expect(en(e)).toContain('"<b>{s}</b>"');
    expect(en(e)).toContain('"{term}"');
  });
});

describe('message types and trace kinds', () => {
  it('every message type has a name and a "via" phrase in both languages', () => {
    for (const type of MESSAGE_TYPES) {
      for (const lang of LANGS) {
        clearMissingKeys();
        const e = event('drop', [], { server: null, message: inFlight(bare(type, 1, 2, 1)), failure: 'lost' });
        checkClean(describeEvent(e, lang), lang, `${type} ${lang}`);
        const adopted = event('deliver', [{ kind: 'termAdopted', from: 1, to: 2, via: type, sender: 2 }], { message: inFlight(bare(type, 2, 1, 2)) });
        checkClean(describeEvent(adopted, lang), lang, `${type} via ${lang}`);
        expect(missingKeys(), type).toEqual([]);
      }
    }
  });

  it('a message to or from a client names the client', () => {
    const m = inFlight({ type: 'ClientReply', from: 2, to: clientAddress(3), term: 1, client: 3, seq: 2, ok: true, index: 9 });
    const e = event('deliver', [], { server: null, message: m, client: 3, clientOutcome: { kind: 'completed', seq: 2, from: 2 } });
    expect(describeEvent(e, 'en').text).toBe('Client C3 learned from S2 that its request seq 2 was applied at index 9 (§8)');
    const lost = event('drop', [], { server: null, message: m, failure: 'lost', client: 3 });
    expect(describeEvent(lost, 'en').text).toBe('ClientReply S2→Client C3 lost: the network dropped it');
    expect(describeEvent(lost, 'zh').text).toBe('消息 客户端回复（S2→客户端 C3）丢失：网络丢弃了它');
  });

  it('the trace kinds of membership, transfer, snapshots and clients have sentences, with or without notes', () => {
    const kinds: TraceKind[] = ['clientTimeout', 'addServer', 'removeServer', 'changeMembership', 'transferLeadership', 'snapshot', 'clientRequest'];
    for (const kind of kinds) {
      for (const lang of LANGS) {
        for (const server of [null, 2]) {
          clearMissingKeys();
          const e = event(kind, [], { server, client: 1, clientOutcome: kind === 'clientRequest' ? { kind: 'sent', seq: 1, to: 2 } : { kind: 'retried', seq: 1, to: 3 } });
          const d = describeEvent(e, lang);
          checkClean(d, lang, `${kind} ${lang}: ${d.text}`);
          expect(missingKeys()).toEqual([]);
          expect(eventKindsFor(e).length).toBeGreaterThan(0);
        }
      }
    }
    const retry = event('clientTimeout', [], { server: null, client: 1, clientOutcome: { kind: 'retried', seq: 4, to: 3 } });
    expect(describeEvent(retry, 'en').text).toBe('Client C1 heard nothing back for its request seq 4 in time and sent it again, to S3 (§8)');
  });

  it('membership and snapshots have their own categories', () => {
    expect(EVENT_CATEGORIES).toContain('membership');
    expect(EVENT_CATEGORIES).toContain('snapshot');
  });
});
