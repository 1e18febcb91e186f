/**
 * Event-log sentences about clients, faults and the network, checked on real
 * traces: redirects and refused client commands (§8), user commands kept
 * verbatim, never interpolated and truncated when long; crashes, restarts,
 * lost messages, user-dropped and duplicated messages, and network changes, in
 * English and Chinese.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../sim';
import { COMMAND_PREVIEW, describeEvent, eventKindsFor, previewCommand } from './describe';
import { BRACES, first, LONG, runs, runScenariosBeforeAll, SCRIPT, texts } from './describeTestHelpers';

runScenariosBeforeAll();

describe('clients', () => {
  it('a follower redirects the client to the leader (§8)', () => {
    const e = first('clients', (x) => x.kind === 'submit' && x.detail === 'y=1');
    // The hint is the server that really led at that moment (the last one the trace saw win), not the follower itself.
    const elected = runs['clients']!.c
      .trace()
      .filter((x) => x.n < e.n && x.notes.some((n) => n.kind === 'roleChanged' && n.to === 'leader'))
      .at(-1)!;
    const hint = elected.server!;
    expect(hint).not.toBe(e.server);
    const rejected = e.notes.find((n) => n.kind === 'proposalRejected')!;
    expect(rejected.kind === 'proposalRejected' && rejected.leaderHint).toBe(hint);
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
