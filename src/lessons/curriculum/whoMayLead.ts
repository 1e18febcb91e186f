/** Lesson 5: who may lead — the election restriction (§5.4.1), and what breaks without it. */
import type { ClusterOptions } from '../../sim';
import { followerOf, leaderOf } from '../../scenario/presets/build';
import { figure8e } from '../../scenario/presets/paper';
import { buildLesson, committed, elected, t, yesNo, type StepDraft } from './build';

/**
 * Three servers; S3 is cut off while x=1 is committed by the other two, so S3's
 * log lacks a committed entry. The same start with and without the rule.
 */
function lagging(options: Partial<ClusterOptions>): NonNullable<StepDraft['scenario']> {
  return elected(
    { servers: 3, seed: 'lesson-up-to-date', ...options },
    { do: (c) => ({ type: 'disconnect', server: followerOf(c, leaderOf(c)) }) },
    { do: (c) => ({ type: 'submit', command: 'x=1', server: leaderOf(c) }) },
    { until: (c) => c.servers().filter((s) => s.commitIndex >= 1).length === 2, maxMs: 1_000, what: 'x=1 committed by two' },
    { wait: 100 },
  );
}

/** The leader L, the server that has x=1 (o) and the one that does not (f). */
function roles(c: Parameters<typeof leaderOf>[0]): { l: number; o: number; f: number } {
  const l = leaderOf(c);
  const f = c.ids().find((id) => !c.server(id).connected)!;
  return { l, f, o: c.ids().find((id) => id !== l && id !== f)! };
}

export const whoMayLead = buildLesson(
  'who-may-lead',
  t('Who may lead', '谁可以成为领导者'),
  t(
    'A leader must hold every committed entry, because it never deletes from its own log. So a server votes only for a candidate whose log is at least as up to date as its own: a later last term, or the same last term and at least as long (§5.4.1). Break that rule and the checker shows a committed entry lost.',
    '领导者必须拥有每一个已提交的条目，因为它从不删除自己日志中的内容。因此服务器只投票给日志至少和自己一样新的候选人：最后一个条目的任期更大，或者任期相同但日志至少一样长（§5.4.1）。破坏这条规则，检查器就会显示已提交的条目丢失。',
  ),
  [
    {
      scenario: lagging({}),
      step: (c) => {
        const { l, o, f } = roles(c);
        return {
          narration: t(
            `S${f} was cut off while S${l} and S${o} committed x=1 at index 1 (2 of 3 is a majority). S${f}’s log is empty.`,
            `S${f} 被隔离期间，S${l} 和 S${o} 在索引 1 提交了 x=1（3 台中的 2 台是多数）。S${f} 的日志是空的。`,
          ),
          highlight: { servers: [f], entry: { server: o, index: 1 } },
          task: {
            text: t(`Crash the leader S${l}, reconnect S${f} and force its election timeout.`, `让领导者 S${l} 崩溃，重新连接 S${f}，并强制它选举超时。`),
            action: { type: 'timeout', server: f },
            limitMs: 0,
          },
          prediction: {
            question: t(`S${f} asks S${o} for its vote. Who becomes leader?`, `S${f} 向 S${o} 请求投票。谁会成为领导者？`),
            choices: [
              { text: t(`S${f}: it asked first`, `S${f}：它先请求的`), condition: { kind: 'isLeader', server: f } },
              { text: t(`S${o}: the only server that can`, `S${o}：只有它可以`), condition: { kind: 'isLeader', server: o } },
            ],
            answer: 1,
            explanation: t(
              `S${o} refuses: its log ends with a term-${c.server(o).log[0]!.term} entry and S${f}’s is empty, so S${f}’s log is not up to date. S${f} can never collect a majority; S${o} times out later and S${f} votes for it.`,
              `S${o} 拒绝投票：它的日志以任期 ${c.server(o).log[0]!.term} 的条目结尾，而 S${f} 的日志为空，所以 S${f} 的日志不够新。S${f} 永远得不到多数票；之后 S${o} 超时，S${f} 投票给它。`,
            ),
            observeMs: 1_000,
          },
          demo: [{ action: { type: 'crash', server: l } }, { action: { type: 'connect', server: f } }, { action: { type: 'timeout', server: f } }],
        };
      },
    },
    {
      step: (c) => {
        const o = c.leaderId()!;
        const f = c.ids().find((id) => c.server(id).alive && id !== o)!;
        return {
          narration: t(
            `The up-to-date check compares last entries: a later term wins; with equal terms, the longer log. A majority that elects a leader overlaps the majority that committed an entry, and a voter in both refuses a candidate without it. S${f} now has x=1 too.`,
            `“足够新”的检查比较最后一个条目：任期更大的更新；任期相同时，日志更长的更新。选出领导者的多数派与提交条目的多数派必有交集，交集中的投票者会拒绝缺少该条目的候选人。现在 S${f} 也有了 x=1。`,
          ),
          highlight: { servers: [f], control: 'logs' },
          // Not "play until S3 has x=1": it already has it when the step starts. The same election as step 1, now won.
          task: {
            text: t(`Force S${f}’s election timeout again and play until it leads.`, `再次强制 S${f} 选举超时，播放直到它成为领导者。`),
            action: { type: 'timeout', server: f },
            condition: { kind: 'isLeader', server: f },
            limitMs: 1_000,
          },
          demo: [{ action: { type: 'timeout', server: f } }],
        };
      },
    },
    {
      scenario: lagging({ unsafe: { skipUpToDateCheck: true } }),
      step: (c) => {
        const { l, f } = roles(c);
        return {
          narration: t(
            'The same start, with one rule broken (Settings → Break a rule → skip the up-to-date check): servers now vote for any candidate of a newer term.',
            '同样的开局，但破坏了一条规则（设置 → 破坏规则 → 跳过“足够新”检查）：服务器现在会投票给任何任期更新的候选人。',
          ),
          highlight: { servers: [f], control: 'settings' },
          counterexample: { unsafe: 'skipUpToDateCheck' },
          task: {
            text: t(`Again: crash S${l}, reconnect S${f} and force its timeout.`, `再做一次：让 S${l} 崩溃，重新连接 S${f}，并强制它超时。`),
            action: { type: 'timeout', server: f },
            condition: { kind: 'isLeader', server: f },
            limitMs: 500,
          },
          prediction: yesNo(
            t(`S${f} leads without x=1. Will the safety checker report a problem?`, `S${f} 在没有 x=1 的情况下成为领导者。安全检查器会报告问题吗？`),
            t('Yes: a leader lacks a committed entry', '会：领导者缺少一个已提交的条目'),
            t('No: nothing has been overwritten yet', '不会：还没有任何条目被覆盖'),
            { kind: 'violation', property: 'Leader Completeness' },
            true,
            t(`Leader Completeness says every leader holds every committed entry. S${f} does not, and anything it appends will replace x=1.`, `领导者完整性要求每个领导者都拥有所有已提交的条目。S${f} 没有，它追加的任何条目都会替换 x=1。`),
            100,
          ),
          demo: [{ action: { type: 'crash', server: l } }, { action: { type: 'connect', server: f } }, { action: { type: 'timeout', server: f } }],
        };
      },
    },
    {
      step: (c) => {
        const f = leaderOf(c);
        const o = c.ids().find((id) => id !== f && c.server(id).alive)!;
        return {
          narration: t(`S${f} is leader. A client now sends y=2 to it.`, `S${f} 是领导者。现在客户端向它发送 y=2。`),
          highlight: { entry: { server: o, index: 1 } },
          task: {
            text: t(`Send y=2 to S${f} and wait until it is committed.`, `向 S${f} 发送 y=2，并等待它被提交。`),
            action: { type: 'submit', command: 'y=2' },
            condition: committed(1, [f]),
            limitMs: 1_000,
          },
          prediction: yesNo(
            t(`Will S${o}’s committed x=1 at index 1 be overwritten by y=2?`, `S${o} 在索引 1 上已提交的 x=1 会被 y=2 覆盖吗？`),
            t('Yes', '会'),
            t('No', '不会'),
            { kind: 'entryOverwritten', index: 1, server: o },
            true,
            t(
              `y=2 lands at index 1 in a newer term, so S${o} deletes x=1 — an entry it had committed and applied. Two servers have now applied different commands at index 1: the checker reports State Machine Safety too.`,
              `y=2 以更新的任期落在索引 1，于是 S${o} 删除了 x=1——一个它已经提交并应用过的条目。现在两台服务器在索引 1 上应用了不同的命令：检查器还会报告违反状态机安全性。`,
            ),
            200,
          ),
          demo: [{ action: { type: 'submit', command: 'y=2', server: f } }],
        };
      },
    },
    {
      scenario: { options: figure8e.options },
      step: {
        narration: t(
          'With the rule kept, the paper’s Figure 8 (e): S1 is down; S2 and S3 end with a term-4 entry, S4 has only index 1, S5 ends with term 3.',
          '保留这条规则，看论文图 8 (e)：S1 宕机；S2 和 S3 的最后一个条目任期为 4，S4 只有索引 1，S5 的最后一个条目任期为 3。',
        ),
        highlight: { servers: [5], control: 'timeout' },
        task: { text: t('Force S5’s election timeout (twice), then wait for a leader.', '强制 S5 选举超时（两次），然后等待选出领导者。'), action: { type: 'timeout', server: 5 }, condition: { kind: 'leaderExists' }, limitMs: 3_000 },
        prediction: {
          question: t('Who can win?', '谁能当选？'),
          choices: [
            { text: t('S5: it asked first', 'S5：它先请求的'), condition: { kind: 'isLeader', server: 5 } },
            { text: t('S2 or S3', 'S2 或 S3'), condition: { kind: 'any', of: [{ kind: 'isLeader', server: 2 }, { kind: 'isLeader', server: 3 }] } },
            { text: t('S4', 'S4'), condition: { kind: 'isLeader', server: 4 } },
          ],
          answer: 1,
          explanation: t(
            'S2 and S3 refuse S5 (their last term 4 beats its 3); S4 alone is not enough. Only S2 or S3 can collect 3 votes: S4, S5 and each other all find their logs up to date.',
            'S2 和 S3 拒绝 S5（它们的最后任期 4 大于 S5 的 3）；只有 S4 的一票不够。只有 S2 或 S3 能拿到 3 票：S4、S5 以及彼此都认为它们的日志足够新。',
          ),
          observeMs: 200,
        },
        demo: [{ action: { type: 'timeout', server: 5 } }, { waitMs: 40, action: { type: 'timeout', server: 5 } }],
      },
    },
  ],
);
