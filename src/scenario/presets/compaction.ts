/**
 * The preset about log compaction (§7): a follower that was away while the
 * others compacted their logs gets the leader's snapshot with InstallSnapshot,
 * in chunks. The script checks, at build time, that the run really shows what
 * its text says.
 */
import { check, followerOf, hasLeader, leaderOf, recordOnUse, type PresetRecording, type ScriptStep } from './build';

let away = 0;
const snapshotWrites = Array.from({ length: 30 }, (_, k): ScriptStep[] => [
  { do: { type: 'submit', command: `${['x', 'y', 'z'][k % 3]}=${k + 1}` } },
  { wait: 40 },
]).flat();

export const snapshotInstall: PresetRecording = recordOnUse(
  { servers: 5, seed: 'preset-snapshot-install', snapshotThreshold: 8, snapshotChunkBytes: 30 },
  [
    { until: hasLeader, maxMs: 2000, what: 'a leader' },
    { wait: 200 },
    { do: (c) => ({ type: 'crash', server: (away = followerOf(c, leaderOf(c))) }) },
    ...snapshotWrites,
    { wait: 300 },
    check((c) => c.server(leaderOf(c)).snapshotIndex === 24 && c.server(away).lastLogIndex === 0, 'the leader compacting its log while the follower is away'),
    { mark: true },
    { do: () => ({ type: 'restart', server: away }) },
    {
      until: (c) => {
        const s = c.server(away);
        return s.snapshotIndex > 0 && s.commitIndex === c.server(leaderOf(c)).commitIndex && s.lastApplied === s.commitIndex;
      },
      maxMs: 3000,
      what: 'the follower installing the snapshot',
    },
    { wait: 300 },
  ],
  {
    title: { en: 'Snapshot for a follower that was away', zh: '为离开过的跟随者发送快照' },
    description: {
      en: 'Every server snapshots its state machine once 8 applied entries pile up in its log (snapshotThreshold = 8) and discards those entries. One follower is crashed while 30 commands are committed, so when it restarts the entries it needs are gone from the leader’s log: the leader sends its snapshot instead with InstallSnapshot, in chunks of 30 bytes (snapshotChunkBytes), then continues with AppendEntries from the snapshot’s last included index.',
      zh: '每台服务器在日志中已应用的条目累积到 8 条时（snapshotThreshold = 8）为状态机做快照，并丢弃这些条目。一个跟随者在 30 条命令被提交期间处于崩溃状态，因此它重启时，所需的条目已经不在领导者的日志中：领导者改用 InstallSnapshot 发送快照，每块 30 字节（snapshotChunkBytes），之后再从快照的最后包含索引处继续发送 AppendEntries。',
    },
    suggestions: [
      {
        en: 'Before playing, select the leader: its log starts after index 24, the snapshot’s lastIncludedIndex. Then watch the InstallSnapshot chunks and their offsets reach the restarted follower.',
        zh: '播放之前选中领导者：它的日志从索引 24 之后开始，即快照的 lastIncludedIndex。然后观察 InstallSnapshot 分块及其 offset 如何到达重启的跟随者。',
      },
      {
        en: 'After the last chunk, compare the follower’s key-value store with the leader’s: it was loaded from the snapshot, not replayed entry by entry.',
        zh: '最后一块到达后，比较跟随者与领导者的键值存储：它是从快照载入的，而不是逐条重放日志得到的。',
      },
      {
        en: 'In the settings raise snapshotChunkBytes to 1000 and start again: the whole snapshot travels in one message.',
        zh: '在设置中把 snapshotChunkBytes 调到 1000 再开始：整个快照用一条消息就能发送完。',
      },
    ],
  },
);
