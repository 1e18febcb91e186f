/** Lesson 8: log compaction (§7): snapshots, and InstallSnapshot to a follower the leader's log no longer reaches. */
import type { RaftCluster } from '../../sim';
import { snapshotInstall } from '../../scenario/presets/compaction';
import { atMark, buildLesson, committed, followers, leader, not, t, yesNo } from './build';

/** The server that was away while the others compacted (crashed at the preset's mark). */
const away = (c: RaftCluster): number => c.ids().find((id) => !c.server(id).alive)!;

// Servers picked in one step and named again in a later one (the builder plays the steps in order).
let restarted = 0;
let snapped = 0;

export const logCompaction = buildLesson(
  'log-compaction',
  t('Log compaction', '日志压缩'),
  t(
    'A log cannot grow forever. Each server snapshots its state machine and discards the log up to the snapshot (lastIncludedIndex, lastIncludedTerm). A follower that needs entries the leader has discarded gets the snapshot itself, with InstallSnapshot, in chunks (§7).',
    '日志不能无限增长。每台服务器对自己的状态机做快照，并丢弃快照之前的日志（lastIncludedIndex、lastIncludedTerm）。如果跟随者需要的条目已被领导者丢弃，领导者就用 InstallSnapshot 分块把快照本身发给它（§7）。',
  ),
  [
    {
      scenario: atMark(snapshotInstall.scenario),
      step: (c) => {
        const a = (restarted = away(c));
        return {
          narration: t(
            `Each server snapshots when 8 applied entries are in its log. While S${a} was down, the others committed 30 commands and compacted everything up to index 24: the leader’s log now starts at 25.`,
            `每台服务器在日志中累积 8 个已应用的条目时就做快照。S${a} 宕机期间，其他服务器提交了 30 条命令，并把索引 24 之前的内容全部压缩：领导者的日志现在从 25 开始。`,
          ),
          highlight: { servers: [a], messageType: 'InstallSnapshot', control: 'restart' },
          task: {
            text: t(`Restart S${a} and wait until it has a snapshot.`, `重启 S${a}，等待它获得快照。`),
            action: { type: 'restart', server: a },
            condition: { kind: 'snapshotAtLeast', server: a, index: 24 },
            limitMs: 3_000,
          },
          prediction: {
            question: t(`S${a}’s log is empty, and the leader no longer has entries 1–24. How does S${a} catch up?`, `S${a} 的日志为空，而领导者已不再有条目 1–24。S${a} 如何追上？`),
            choices: [
              { text: t('The leader sends its snapshot (InstallSnapshot)', '领导者发送它的快照（InstallSnapshot）'), condition: { kind: 'snapshotAtLeast', server: a, index: 24 } },
              { text: t('It cannot: it stays behind for ever', '无法追上：它永远落后'), condition: not(committed(30, [a])) },
            ],
            answer: 0,
            explanation: t(
              'nextIndex for it falls to the start of the leader’s log, which is compacted, so the leader sends the snapshot in chunks (30 bytes each here); the follower replaces its state with it and then receives entries 25–30 as usual.',
              '它的 nextIndex 回退到领导者日志的起点，而那部分已被压缩，于是领导者分块发送快照（这里每块 30 字节）；跟随者用快照替换自己的状态，然后照常接收条目 25–30。',
            ),
            observeMs: 500,
          },
          demo: [{ action: { type: 'restart', server: a } }],
        };
      },
    },
    {
      step: () => {
        const a = restarted;
        return {
          narration: t(
            'The snapshot holds the state machine (the key-value store) and the last included index and term, so the consistency check still works for the entry right after it.',
            '快照保存了状态机（键值存储）以及最后包含的索引和任期，因此紧随其后的条目仍然可以做一致性检查。',
          ),
          highlight: { servers: [a], control: 'logs' },
          // No task: every server has index 30 committed when the step starts; the question is what the snapshot carried.
          prediction: yesNo(
            t('The last write to x was x=28. Does the restarted server’s state machine have x = 28?', '对 x 的最后一次写入是 x=28。重启后的服务器的状态机中 x = 28 吗？'),
            t('Yes', '是'),
            t('No: entries before 25 are gone', '不是：25 之前的条目已经没了'),
            { kind: 'kvEquals', server: a, key: 'x', value: '28' },
            true,
            t('x=28 was at index 28, after the snapshot; earlier values came in with the snapshot’s state machine.', 'x=28 位于索引 28，在快照之后；更早的值则随快照中的状态机一起到来。'),
            0,
          ),
        };
      },
    },
    {
      step: (c) => {
        const f = (snapped = followers(c)[0]!);
        return {
          narration: t('A server can also snapshot whenever it likes — say, before its disk fills up.', '服务器也可以随时做快照——比如在磁盘写满之前。'),
          highlight: { servers: [f], control: 'snapshot' },
          task: {
            text: t(`Take a snapshot on S${f} now.`, `现在在 S${f} 上做一次快照。`),
            action: { type: 'snapshot', server: 'follower' },
            condition: { kind: 'snapshotAtLeast', server: f, index: 30 },
            limitMs: 0,
          },
          prediction: yesNo(
            t(`With its whole log compacted, can S${f} still accept and commit the next command?`, `整个日志都被压缩之后，S${f} 还能接受并提交下一条命令吗？`),
            t('Yes', '能'),
            t('No', '不能'),
            committed(31, [f]),
            true,
            t('The next AppendEntries has prevLogIndex 30, which the snapshot’s last included index and term answer: the check passes.', '下一个 AppendEntries 的 prevLogIndex 为 30，快照的最后包含索引和任期可以回答它：检查通过。'),
            300,
          ),
          demo: [{ action: { type: 'snapshot', server: f } }, { action: { type: 'submit', command: 'w=31', server: leader(c) } }],
        };
      },
    },
    {
      step: () => {
        const f = snapped;
        return {
          narration: t('Snapshots are persistent: a restart loads the snapshot, then the log after it.', '快照是持久化的：重启时先加载快照，再加载其后的日志。'),
          highlight: { servers: [f], control: 'restart' },
          task: { text: t(`Crash S${f} and restart it.`, `让 S${f} 崩溃并重启。`), action: { type: 'restart', server: f }, limitMs: 0 },
          prediction: yesNo(
            t(`Immediately after the restart, before any message, does S${f}’s state machine already have x = 28?`, `刚重启、尚未收到任何消息时，S${f} 的状态机中是否已经有 x = 28？`),
            t('Yes: it was loaded from the snapshot', '有：它从快照中加载'),
            t('No: it is empty until entries are re-applied', '没有：在重新应用条目之前它是空的'),
            { kind: 'kvEquals', server: f, key: 'x', value: '28' },
            true,
            t('Without a snapshot a restarted server re-applies its whole log; with one it starts from the snapshot’s state (§7).', '没有快照时，重启的服务器要重新应用整个日志；有快照时，它从快照的状态开始（§7）。'),
            0,
          ),
          demo: [{ action: { type: 'crash', server: f } }, { action: { type: 'restart', server: f } }],
        };
      },
    },
    {
      step: (c) => {
        const f = followers(c).find((id) => id !== snapped)!;
        return {
          narration: t(
            'Snapshots never lose committed entries: each holds only applied (so committed) entries, and the checker keeps comparing them with the committed history.',
            '快照从不丢失已提交的条目：快照中只有已应用（因此已提交）的条目，检查器也一直把它们与已提交的历史进行比较。',
          ),
          highlight: { servers: [f] },
          task: { text: t('Send one more command and wait until it is committed everywhere.', '再发送一条命令，等待它在所有服务器上提交。'), action: { type: 'submit' }, condition: committed(32, 'all'), limitMs: 2_000 },
          prediction: yesNo(
            t('After all this compacting, will the checker report anything?', '经过这么多压缩，检查器会报告问题吗？'),
            t('Yes', '会'),
            t('No', '不会'),
            { kind: 'violation' },
            false,
            t('No violation: compaction removes only what every snapshot already holds.', '没有违规：压缩只移除快照中已经包含的内容。'),
            0,
          ),
          demo: [{ action: { type: 'submit', command: 'v=32', server: leader(c) } }],
        };
      },
    },
  ],
);
