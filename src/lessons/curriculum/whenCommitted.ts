/** Lesson 6: when an entry is committed (§5.4.2) — the paper's Figure 8, both endings, and the rule that separates them. */
import { figure8d, figure8e } from '../../scenario/presets/paper';
import { buildLesson, committed, leader, t, yesNo } from './build';

/** Figure 8 (b) by hand: S1 had led term 2 with index 2 on S2 only; S5 led term 3 alone and is down. All are in term 3. */
const beforeFigure8c = [
  { id: 1, currentTerm: 3, log: [1, 2] },
  { id: 2, currentTerm: 3, log: [1, 2] },
  { id: 3, currentTerm: 3, log: [1] },
  { id: 4, currentTerm: 3, log: [1] },
  { id: 5, currentTerm: 3, log: [1, 3], crashed: true },
];

export const whenCommitted = buildLesson(
  'when-committed',
  t('When is an entry committed?', '条目何时算已提交？'),
  t(
    'An entry on a majority is not always safe: the paper’s Figure 8 shows a term-2 entry on three of five servers overwritten by a later leader. So a leader commits by counting replicas only entries of its own term; earlier entries are committed with them (§5.4.2). Both endings of Figure 8, and the checker firing when the rule is broken.',
    '在多数派上的条目并不总是安全的：论文图 8 展示了一个已在五台中三台上的任期 2 条目被之后的领导者覆盖。因此领导者只通过统计副本数来提交自己任期的条目；更早的条目随之一起提交（§5.4.2）。本课展示图 8 的两种结局，以及破坏这条规则时检查器如何报警。',
  ),
  [
    {
      scenario: { options: figure8d.options },
      step: {
        narration: t(
          'Figure 8 (c): S1, leader of term 4, copied its term-2 entry at index 2 to S2 and S3 — a majority — and crashed before committing it. S5’s log ends with an entry of term 3.',
          '图 8 (c)：任期 4 的领导者 S1 已把索引 2 上任期 2 的条目复制到 S2 和 S3——构成多数派——但在提交之前崩溃了。S5 的日志以任期 3 的条目结尾。',
        ),
        highlight: { servers: [5], entry: { server: 2, index: 2 } },
        task: { text: t('Force S5’s election timeout (twice) until it leads.', '强制 S5 选举超时（两次），直到它成为领导者。'), action: { type: 'timeout', server: 5 }, condition: { kind: 'isLeader', server: 5 }, limitMs: 300 },
        prediction: yesNo(
          t('Index 2 is on a majority. Can S5, which lacks it, still win?', '索引 2 已经在多数派上。没有它的 S5 还能当选吗？'),
          t('Yes: its last term 3 beats term 2', '能：它的最后任期 3 大于 2'),
          t('No: the majority with index 2 refuses', '不能：拥有索引 2 的多数派会拒绝'),
          { kind: 'isLeader', server: 5 },
          true,
          t('S2, S3 and S4 find S5’s log more up to date (last term 3 > 2) and vote for it: the up-to-date check looks at terms, not at how many servers hold an entry.', 'S2、S3 和 S4 认为 S5 的日志更新（最后任期 3 > 2），于是投票给它：“足够新”的检查看的是任期，而不是有多少服务器拥有某个条目。'),
          0,
        ),
        demo: [{ action: { type: 'timeout', server: 5 } }, { waitMs: 40, action: { type: 'timeout', server: 5 } }],
      },
    },
    {
      step: {
        narration: t('Figure 8 (d): the new leader S5 replicates its log.', '图 8 (d)：新领导者 S5 复制它的日志。'),
        highlight: { entry: { server: 3, index: 2 }, messageType: 'AppendEntries' },
        task: { text: t('Play until S2 agrees with S5 up to index 2.', '播放，直到 S2 与 S5 在索引 2 之前一致。'), condition: { kind: 'logsMatch', a: 2, b: 5, upTo: 2 }, limitMs: 1_000 },
        prediction: yesNo(
          t('What happens to the term-2 entry at index 2 on S2 and S3?', 'S2 和 S3 上索引 2 的任期 2 条目会怎样？'),
          t('It is overwritten by S5’s term-3 entry', '被 S5 的任期 3 条目覆盖'),
          t('It survives: it was on a majority', '保留下来：它已在多数派上'),
          { kind: 'entryOverwritten', index: 2, server: 2 },
          true,
          t(
            'It is overwritten. Had S1 counted its three copies and called index 2 committed, a committed entry would now be lost. That is why a leader never commits an entry of an earlier term by counting replicas.',
            '它被覆盖了。如果 S1 当初统计了三个副本就宣布索引 2 已提交，那么现在一个已提交的条目就丢失了。这就是领导者绝不通过统计副本数来提交以前任期条目的原因。',
          ),
          0,
        ),
      },
    },
    {
      scenario: { options: { servers: 5, seed: 'lesson-figure-8-counting', initial: beforeFigure8c, unsafe: { commitPreviousTermByCounting: true } } },
      step: {
        narration: t(
          'Now break the rule (Settings → Break a rule → commit earlier-term entries by counting). Figure 8 (b): S1 holds the term-2 entry at index 2 and is about to lead term 4; S5, down for now, ends with term 3.',
          '现在破坏这条规则（设置 → 破坏规则 → 按副本数提交以前任期的条目）。图 8 (b)：S1 拥有索引 2 上的任期 2 条目，即将成为任期 4 的领导者；暂时宕机的 S5 以任期 3 的条目结尾。',
        ),
        highlight: { servers: [1], control: 'settings' },
        counterexample: { unsafe: 'commitPreviousTermByCounting' },
        task: {
          text: t('Make S1 leader and play until it has committed index 2.', '让 S1 成为领导者，播放直到它提交索引 2。'),
          action: { type: 'timeout', server: 1 },
          condition: committed(2, [1]),
          limitMs: 500,
        },
        prediction: yesNo(
          t('S1 leads term 4 and copies the term-2 entry at index 2 to a majority. With the rule broken, will it commit index 2 before it has any entry of term 4?', 'S1 成为任期 4 的领导者，并把索引 2 上任期 2 的条目复制到多数派。规则被破坏后，它会在拥有任何任期 4 条目之前就提交索引 2 吗？'),
          t('Yes: it counts three copies', '会：它统计到了三个副本'),
          t('No', '不会'),
          committed(2, [1]),
          true,
          t('It counts replicas of an entry from an earlier term — exactly what §5.4.2 forbids. Nothing in S1’s term protects index 2: S5, which is down, still ends with term 3, which beats term 2.', '它统计了以前任期条目的副本数——这正是 §5.4.2 所禁止的。S1 的任期中没有任何东西保护索引 2：宕机的 S5 的最后任期仍是 3，大于 2。'),
          0,
        ),
        demo: [{ action: { type: 'timeout', server: 1 } }],
      },
    },
    {
      step: {
        narration: t('As in Figure 8, S1 crashes and S5 comes back and stands for election.', '和图 8 一样，S1 崩溃，S5 恢复并参加选举。'),
        highlight: { servers: [1, 5], control: 'crash' },
        task: {
          text: t('Crash S1, restart S5, force its timeout (twice) and wait until it leads.', '让 S1 崩溃，重启 S5，强制它超时（两次），等待它成为领导者。'),
          action: { type: 'crash', server: 1 },
          condition: { kind: 'isLeader', server: 5 },
          limitMs: 500,
        },
        prediction: yesNo(
          t('Will the checker report a committed entry lost?', '检查器会报告已提交的条目丢失吗？'),
          t('Yes', '会'),
          t('No', '不会'),
          { kind: 'violation' },
          true,
          t('S5 wins and its log lacks the entry S1 committed: Leader Completeness is broken, and S5 overwrites index 2 on the others.', 'S5 当选，而它的日志中没有 S1 已提交的条目：领导者完整性被破坏，S5 还会覆盖其他服务器上的索引 2。'),
          300,
        ),
        demo: [{ action: { type: 'crash', server: 1 } }, { action: { type: 'restart', server: 5 } }, { action: { type: 'timeout', server: 5 } }, { waitMs: 40, action: { type: 'timeout', server: 5 } }],
      },
    },
    {
      scenario: { options: figure8e.options },
      step: {
        narration: t(
          'The other ending, Figure 8 (e): before crashing, S1 also copied its term-4 entry at index 3 to S2 and S3. S5 times out again.',
          '另一种结局，图 8 (e)：S1 在崩溃前还把索引 3 上任期 4 的条目复制到了 S2 和 S3。S5 再次超时。',
        ),
        highlight: { entry: { server: 2, index: 3 } },
        task: { text: t('Force S5’s timeout (twice) and wait for a leader.', '强制 S5 超时（两次），等待选出领导者。'), action: { type: 'timeout', server: 5 }, condition: { kind: 'leaderExists' }, limitMs: 3_000 },
        prediction: yesNo(
          t('The new leader (S2 or S3) holds index 3, of term 4, on a majority. Will index 3 be committed before the new leader has an entry of its own term?', '新领导者（S2 或 S3）拥有任期 4 的索引 3，且它在多数派上。在新领导者拥有自己任期的条目之前，索引 3 会被提交吗？'),
          t('Yes', '会'),
          t('No: only entries of the current term are committed by counting', '不会：只有当前任期的条目才通过统计副本数提交'),
          committed(3),
          false,
          t('Term 4 is not the new leader’s term, so it does not count replicas for index 3. It waits for an entry of its own term.', '任期 4 不是新领导者的任期，所以它不会为索引 3 统计副本数。它要等待一条自己任期的条目。'),
          500,
        ),
        demo: [{ action: { type: 'timeout', server: 5 } }, { waitMs: 40, action: { type: 'timeout', server: 5 } }],
      },
    },
    {
      step: (c) => ({
        narration: t('A client sends a command to the new leader: an entry of its own term, at index 4.', '客户端向新领导者发送一条命令：这是它自己任期的条目，位于索引 4。'),
        highlight: { servers: [leader(c)], control: 'commandBox' },
        task: {
          text: t('Send x=6 to the leader and wait until index 4 is committed on every running server.', '向领导者发送 x=6，等待索引 4 在所有运行中的服务器上提交。'),
          action: { type: 'submit', command: 'x=6' },
          condition: committed(4, 'all'),
          limitMs: 2_000,
        },
        prediction: yesNo(
          t('Once index 4 is committed, are indexes 2 and 3 committed too?', '索引 4 提交之后，索引 2 和 3 也提交了吗？'),
          t('Yes: committing an entry commits all before it', '是的：提交一个条目也就提交了它之前的所有条目'),
          t('No: each needs its own majority count', '没有：每个条目都需要单独统计多数'),
          committed(3, 'all'),
          true,
          t(
            'Log Matching: whoever has index 4 of this term has the same entries before it. Committing index 4 commits 2 and 3 with it — and now no server lacking them can win an election.',
            '日志匹配：拥有这个任期的索引 4 的服务器，在它之前的条目也完全相同。提交索引 4 就同时提交了索引 2 和 3——现在任何缺少它们的服务器都不可能赢得选举。',
          ),
          0,
        ),
        demo: [{ action: { type: 'submit', command: 'x=6', server: leader(c) } }],
      }),
    },
  ],
);
