/**
 * Event-log sentences about consensus, checked on real traces: elections
 * (timeouts, granted and refused votes, winning, split votes, stepping down, a
 * single server) and replication and commitment (heartbeats, appends, commits,
 * rejections and backing off, conflicting entries, stale terms, late replies,
 * two leaders in one term), in English and Chinese.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../sim';
import { describeEvent, eventKindsFor, isRoutine } from './describe';
import { first, hasNote, runScenariosBeforeAll, texts } from './describeTestHelpers';

runScenariosBeforeAll();

describe('elections', () => {
  it('a timeout starts an election', () => {
    const e = first('election', (x) => x.kind === 'electionTimeout' && x.notes.length > 0);
    const d = describeEvent(e, 'en');
    expect(d.text).toMatch(/^S\d timed out and started an election for term 1 \(§5\.2\)$/);
    expect(d.section).toBe('§5.2');
    expect(d.tone).toBe('role');
    expect(describeEvent(e, 'zh').text).toMatch(/^S\d 选举超时，发起了任期 1 的选举（§5\.2）$/);
  });

  it('a granted vote names voter, candidate and term, and says why, as a refusal does (§5.2, §5.4.1)', () => {
    const e = first('election', hasNote('voteGranted'));
    const [v, c] = [`S${e.server}`, `S${e.message!.from}`];
    expect(describeEvent(e, 'en').text).toBe(
      `${v} granted its vote to ${c} for term 1: ${c}'s log is empty, and so is its own, so ${c}'s is at least as up to date, and it had not voted in term 1 yet (§5.2, §5.4.1)`,
    );
    expect(describeEvent(e, 'zh').text).toBe(
      `${v} 在任期 1 把票投给了 ${c}：${c} 的日志为空，它自己的也为空，所以 ${c} 的日志至少和它自己的一样新，并且它在任期 1 还没有投过票（§5.2、§5.4.1）`,
    );
    expect(describeEvent(e, 'en').section).toBe('§5.2');
  });

  it("a granted vote in Figure 7 names the candidate's last entry (§5.4.1)", () => {
    // S1 (last entry index 10, term 6) asks for term 8; followers (a), (b), (e) and (f) have older logs.
    const e = first('catchUp', (x) => x.notes.some((n) => n.kind === 'voteGranted' && n.candidate === 1));
    expect(describeEvent(e, 'en').text).toMatch(
      /^S[2367] granted its vote to S1 for term 8: S1's log, which ends at index 10, term 6, is at least as up to date as its own, and it had not voted in term 8 yet \(§5\.2, §5\.4\.1\)$/,
    );
    expect(describeEvent(e, 'zh').text).toMatch(/^S[2367] 在任期 8 把票投给了 S1：S1 的日志（结束于索引 10、任期 6）至少和它自己的一样新，并且它在任期 8 还没有投过票/);
  });

  it('a repeated RequestVote is granted again, and the sentence says it is a repeat (§5.2)', () => {
    const e = first('catchUp', (x) => x.notes.some((n) => n.kind === 'voteGranted' && n.candidate === 1));
    const again: TraceEvent = { ...e, notes: e.notes.map((n) => (n.kind === 'voteGranted' ? { ...n, votedBefore: 1 } : n)) };
    expect(describeEvent(again, 'en').text).toMatch(/and it had already voted for S1 in term 8 \(this request is a repeat, and the answer stays the same\) \(§5\.2, §5\.4\.1\)$/);
    expect(describeEvent(again, 'zh').text).toMatch(/并且它在任期 8 已经投票给了 S1（这是重复的请求，回答不变）/);
  });

  it('a vote granted through a broken rule names the rule instead of claiming the check passed', () => {
    // brokenRules: voteTwicePerTerm is on, so S3 grants a second vote in term 3.
    const e = first('brokenRules', (x) => x.notes.some((n) => n.kind === 'voteGranted' && n.votedBefore !== null && n.votedBefore !== n.candidate));
    expect(describeEvent(e, 'en').text).toMatch(/and it had already voted for S\d in term \d+, but the unsafe rule voteTwicePerTerm let it vote again/);
    const skipped: TraceEvent = { ...e, notes: e.notes.map((n) => (n.kind === 'voteGranted' ? { ...n, upToDate: false } : n)) };
    expect(describeEvent(skipped, 'en').text).toMatch(/is less up to date than its own, but the unsafe rule skipUpToDateCheck let the vote through/);
    expect(describeEvent(skipped, 'zh').text).toMatch(/不如它自己的新，但不安全规则“跳过日志新旧检查”让这张票照样投出/);
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
