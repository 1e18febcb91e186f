/** Lesson 4: repairing logs — the paper's Figure 7, the consistency check, nextIndex stepping back, fast backup (§5.3). */
import { figure7 } from '../../scenario/presets/paper';
import { buildLesson, committed, t, yesNo } from './build';

const matchesS1 = { kind: 'logsMatch', a: 7, b: 1, upTo: 10 } as const;

export const repairingLogs = buildLesson(
  'repairing-logs',
  t('Repairing logs (Figure 7)', '修复日志（图 7）'),
  t(
    'After crashes, followers’ logs can miss entries, have extra ones, or both. The leader never changes its own log; it finds, for each follower, the last index where their logs agree (the AppendEntries consistency check, walking nextIndex back) and overwrites everything after it. With fast backup a rejection says which term conflicts, so nextIndex skips a whole term at once (§5.3).',
    '经历崩溃之后，跟随者的日志可能缺少条目、多出条目，或者两者兼有。领导者从不修改自己的日志；它为每个跟随者找到双方日志一致的最后一个索引（AppendEntries 一致性检查，逐步回退 nextIndex），并覆盖其后的所有内容。使用快速回退时，拒绝消息会说明冲突的任期，nextIndex 可以一次跳过整个任期（§5.3）。',
  ),
  [
    {
      scenario: { options: figure7.options },
      step: {
        narration: t(
          'These are the logs of the paper’s Figure 7. S1 (log 1 1 1 4 4 5 5 6 6 6, term 7) is about to stand for term 8. S2–S7 are the followers (a)–(f): some miss entries, S4 (c) and S5 (d) have extra ones, S7 (f) has entries of terms 2 and 3 no one else has.',
          '这是论文图 7 中的日志。S1（日志 1 1 1 4 4 5 5 6 6 6，任期 7）即将参选任期 8。S2–S7 是跟随者 (a)–(f)：有的缺少条目，S4 (c) 和 S5 (d) 多出条目，S7 (f) 有别人都没有的任期 2 和 3 的条目。',
        ),
        highlight: { servers: [1], control: 'timeout' },
        task: { text: t('Force S1’s election timeout so it becomes leader of term 8.', '强制 S1 选举超时，使它成为任期 8 的领导者。'), action: { type: 'timeout', server: 1 }, condition: { kind: 'isLeader', server: 1 }, limitMs: 500 },
        prediction: yesNo(
          t('S4 (c) and S5 (d) have longer logs than S1. Can S1 still win term 8?', 'S4 (c) 和 S5 (d) 的日志比 S1 更长。S1 还能赢得任期 8 吗？'),
          t('Yes: four of the others vote for it', '能：其他服务器中有四台投票给它'),
          t('No: the longer logs block it', '不能：更长的日志会阻止它'),
          { kind: 'isLeader', server: 1 },
          true,
          t(
            'S4 and S5 refuse (their logs are more up to date), but S2, S3, S6 and S7 grant their votes: with its own that is 5 of 7.',
            'S4 和 S5 拒绝投票（它们的日志更新），但 S2、S3、S6 和 S7 都投了赞成票：加上自己的一票，共 7 票中的 5 票。',
          ),
          0,
        ),
        demo: [{ action: { type: 'timeout', server: 1 } }],
      },
    },
    {
      step: {
        narration: t(
          'The new leader sets every nextIndex to 11, just past its own log. Each AppendEntries names the entry before the new ones (prevLogIndex, prevLogTerm); a follower whose log has no such entry refuses, and the leader steps its nextIndex back by one and tries again.',
          '新领导者把每个 nextIndex 设为 11，即它自己日志的末尾之后。每个 AppendEntries 都指明新条目之前的那个条目（prevLogIndex、prevLogTerm）；如果跟随者的日志中没有这个条目，就拒绝，领导者把 nextIndex 回退一位再试。',
        ),
        highlight: { servers: [7], messageType: 'AppendEntries', entry: { server: 7, index: 4 } },
        task: { text: t('Play until S7 (f) agrees with the leader up to index 10.', '播放，直到 S7 (f) 与领导者在索引 10 之前完全一致。'), condition: matchesS1, limitMs: 3_000 },
        prediction: yesNo(
          t('What happens to S7’s entries of terms 2 and 3 (indexes 4–11)?', 'S7 上任期 2 和 3 的条目（索引 4–11）会怎样？'),
          t('They are deleted and replaced by the leader’s', '被删除，并替换为领导者的条目'),
          t('They are kept: a follower never loses entries', '被保留：跟随者从不丢失条目'),
          { kind: 'entryOverwritten', index: 4, server: 7 },
          true,
          t(
            'They were never committed, so deleting them is safe. It took S1 one rejected AppendEntries per index, walking back to index 3, where the logs agree.',
            '它们从未被提交，所以删除是安全的。S1 为每个索引都收到一次拒绝，一路回退到双方一致的索引 3。',
          ),
          0,
        ),
      },
    },
    {
      step: {
        narration: t(
          'S5 (d) still has two extra term-7 entries at indexes 11 and 12: the leader has nothing there to send, so the heartbeats leave them alone. Now a client sends x=8.',
          'S5 (d) 在索引 11 和 12 上仍有两个多出的任期 7 条目：领导者在那里没有可发送的内容，所以心跳不会动它们。现在客户端发送 x=8。',
        ),
        highlight: { entry: { server: 5, index: 11 }, control: 'commandBox' },
        task: {
          text: t('Send x=8 to S1 and wait until index 11 is committed everywhere.', '向 S1 发送 x=8，等待索引 11 在所有服务器上提交。'),
          action: { type: 'submit', command: 'x=8' },
          condition: committed(11, 'all'),
          limitMs: 3_000,
        },
        prediction: yesNo(
          t('x=8 goes to index 11. What happens to S5’s term-7 entries there?', 'x=8 位于索引 11。S5 在那里的任期 7 条目会怎样？'),
          t('They are overwritten: term 8 conflicts with term 7', '被覆盖：任期 8 与任期 7 冲突'),
          t('They stay after x=8', '保留在 x=8 之后'),
          { kind: 'entryOverwritten', index: 11, server: 5 },
          true,
          t('The entry at index 11 conflicts (term 8 vs 7), so S5 deletes it and everything after it, then appends x=8.', '索引 11 上的条目冲突（任期 8 对 7），所以 S5 删除它及其后的所有条目，然后追加 x=8。'),
          0,
        ),
        demo: [{ action: { type: 'submit', command: 'x=8', server: 1 } }],
      },
    },
    {
      scenario: { options: { ...figure7.options, fastBackup: true } },
      step: {
        narration: t(
          'The same logs, with fast backup on: a follower that refuses says the term of its conflicting entry and the first index of that term, and the leader skips the whole term at once.',
          '同样的日志，这次开启了快速回退：拒绝的跟随者会告诉领导者冲突条目的任期以及该任期的第一个索引，领导者一次跳过整个任期。',
        ),
        highlight: { servers: [7], messageType: 'AppendEntriesReply', control: 'settings' },
        task: { text: t('Make S1 leader of term 8 again.', '再次让 S1 成为任期 8 的领导者。'), action: { type: 'timeout', server: 1 }, condition: { kind: 'isLeader', server: 1 }, limitMs: 500 },
        prediction: yesNo(
          t('Without fast backup, S7 matched the leader about 220 ms after the election. With it, will S7 match within 100 ms?', '没有快速回退时，S7 在选举后大约 220 毫秒才与领导者一致。开启之后，S7 会在 100 毫秒内一致吗？'),
          t('Yes', '会'),
          t('No', '不会'),
          matchesS1,
          true,
          t('S7’s refusals name terms 3 and 2, so the leader jumps over each term in one round trip: three rejections instead of eleven.', 'S7 的拒绝指明了任期 3 和 2，领导者每个任期只需一个往返就能跳过：只有三次拒绝，而不是十一次。'),
          100,
        ),
        demo: [{ action: { type: 'timeout', server: 1 } }],
      },
    },
    {
      step: {
        narration: t(
          'All that deleting — was anything committed lost? The safety checker compares every log with the committed history after every event.',
          '删除了这么多条目——有已提交的条目丢失吗？安全检查器在每个事件之后都会把每个日志与已提交的历史进行比较。',
        ),
        highlight: { control: 'logs' },
        task: {
          text: t('Send x=8 to S1 and wait until every log is repaired (index 11 committed everywhere).', '向 S1 发送 x=8，等待所有日志修复完成（索引 11 在所有服务器上提交）。'),
          action: { type: 'submit', command: 'x=8' },
          condition: committed(11, 'all'),
          limitMs: 3_000,
        },
        prediction: yesNo(
          t('Will the checker report any lost committed entry?', '检查器会报告有已提交的条目丢失吗？'),
          t('Yes', '会'),
          t('No: only uncommitted entries were deleted', '不会：被删除的都是未提交的条目'),
          { kind: 'violation' },
          false,
          t(
            'Leader Completeness (§5.4): the leader holds every committed entry, and repair only deletes what differs from the leader. An entry that differs was never committed.',
            '领导者完整性（§5.4）：领导者拥有每一个已提交的条目，而修复只删除与领导者不同的条目。与领导者不同的条目从未被提交过。',
          ),
          200,
        ),
        demo: [{ action: { type: 'submit', command: 'x=8', server: 1 } }],
      },
    },
  ],
);
