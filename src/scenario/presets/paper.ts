/** Presets from the Raft paper's Figures 7 and 8 (see ../../../../shared/reference/raft-paper-figures.md). */
import { recordOnUse, type PresetRecording } from './build';

/** Figure 7: the term-8 leader S1 and followers (a)–(f) on S2–S7. */
export const figure7: PresetRecording = recordOnUse(
  {
    servers: 7,
    seed: 'preset-figure-7',
    initial: [
      { id: 1, currentTerm: 7, log: [1, 1, 1, 4, 4, 5, 5, 6, 6, 6] },
      { id: 2, log: [1, 1, 1, 4, 4, 5, 5, 6, 6] },
      { id: 3, log: [1, 1, 1, 4] },
      { id: 4, log: [1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 6] },
      { id: 5, log: [1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 7, 7] },
      { id: 6, log: [1, 1, 1, 4, 4, 4, 4] },
      { id: 7, log: [1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3] },
    ],
  },
  [
    { do: { type: 'timeout', server: 1 } },
    { until: (c) => c.leaderId() === 1, maxMs: 500, what: 'S1 winning term 8' },
    { mark: true },
    { wait: 600 },
    { do: { type: 'submit', command: 'x=8', server: 1 } },
    { until: (c) => c.servers().every((s) => s.commitIndex === 11 && s.lastLogIndex === 11), maxMs: 3000, what: 'every log repaired' },
    { wait: 200 },
  ],
  {
    title: { en: 'Figure 7: a new leader repairs follower logs', zh: '图 7：新领导者修复跟随者的日志' },
    description: {
      en: 'The logs of the Raft paper’s Figure 7: S1 (log 1 1 1 4 4 5 5 6 6 6) wins term 8 with votes from (a), (b), (e) and (f) on S2, S3, S6 and S7; (c) on S4 and (d) on S5 refuse, because their logs are more up to date. The leader then walks each follower’s nextIndex back until the logs match and overwrites every conflicting entry. The view opens just after the election: play to watch the repair.',
      zh: '这是 Raft 论文图 7 中的日志：S1（日志 1 1 1 4 4 5 5 6 6 6）在任期 8 当选，投票来自 S2、S3、S6、S7 上的 (a)、(b)、(e)、(f)；S4 上的 (c) 和 S5 上的 (d) 拒绝投票，因为它们的日志更新。随后领导者把每个跟随者的 nextIndex 逐步回退，直到日志一致，并覆盖所有冲突的条目。视图停在选举刚结束时：播放即可观看修复过程。',
    },
    suggestions: [
      {
        en: 'Select S7 (follower f) and count the rejected AppendEntries before the first accepted one (the paper’s answer: 7).',
        zh: '选中 S7（跟随者 f），数一数第一次被接受之前有多少次 AppendEntries 被拒绝（论文给出的答案是 7 次）。',
      },
      {
        en: 'S4 (c) and S5 (d) keep their extra entries until the leader sends a new entry at index 11: watch them disappear after the command x=8.',
        zh: 'S4 (c) 和 S5 (d) 多出的条目会一直保留，直到领导者在索引 11 发送新条目：观察命令 x=8 之后它们如何消失。',
      },
      {
        en: 'Turn on fastBackup in the settings and replay: the leader finds the matching index in far fewer round trips.',
        zh: '在设置中打开 fastBackup 再运行一次：领导者用少得多的往返就能找到匹配的索引。',
      },
    ],
  },
);

/** Figure 8 panel (c), the moment after S1 crashed again (see the panels in the reference). */
function figure8Initial(s2s3: number[]) {
  return [
    { id: 1, currentTerm: 4, log: [1, 2, 4], crashed: true },
    { id: 2, currentTerm: 4, votedFor: 1, log: s2s3 },
    { id: 3, currentTerm: 4, votedFor: 1, log: s2s3 },
    { id: 4, currentTerm: 4, votedFor: 1, log: [1] },
    { id: 5, currentTerm: 3, log: [1, 3] },
  ];
}

/** Figure 8 (c)→(d): the term-2 entry on a majority is still overwritten. */
export const figure8d: PresetRecording = recordOnUse(
  { servers: 5, seed: 'preset-figure-8d', initial: figure8Initial([1, 2]) },
  [
    { do: { type: 'timeout', server: 5 } },
    { wait: 40 },
    { do: { type: 'timeout', server: 5 } },
    { until: (c) => c.leaderId() === 5, maxMs: 300, what: 'S5 winning term 5' },
    { mark: true },
    { wait: 200 },
    { do: { type: 'restart', server: 1 } },
    { wait: 300 },
    { do: { type: 'submit', command: 'x=5', server: 5 } },
    { until: (c) => c.servers().every((s) => s.commitIndex === 3), maxMs: 2000, what: 'index 3 committed everywhere' },
    { wait: 200 },
  ],
  {
    title: { en: 'Figure 8 (d): an old-term entry on a majority is overwritten', zh: '图 8 (d)：已在多数派上的旧任期条目被覆盖' },
    description: {
      en: 'Figure 8 (c) of the Raft paper: S1, leader of term 4, had copied its term-2 entry at index 2 to S2 and S3, a majority, but it was not committed, and S1 crashed. S5 (log 1 3) wins term 5 with votes from S2, S3 and S4, because its last term 3 is higher than 2, and overwrites index 2 everywhere. This is why a leader never commits an entry from an earlier term by counting replicas.',
      zh: 'Raft 论文图 8 (c)：任期 4 的领导者 S1 已把索引 2 上任期 2 的条目复制到 S2 和 S3（构成多数派），但该条目尚未提交，随后 S1 崩溃。S5（日志 1 3）的最后任期 3 高于 2，因此获得 S2、S3、S4 的投票，在任期 5 当选，并在所有服务器上覆盖索引 2。这就是领导者绝不通过统计副本数来提交以前任期条目的原因。',
    },
    suggestions: [
      {
        en: 'Step back to the start and look at index 2 on S1, S2 and S3: on a majority, yet replaced by term 3.',
        zh: '回到开头，查看 S1、S2、S3 上的索引 2：它已在多数派上，却仍被任期 3 的条目替换。',
      },
      {
        en: 'Compare with the preset “Figure 8 (e)”, where the term-4 entry reached a majority before S1 crashed.',
        zh: '与预设“图 8 (e)”比较：那里任期 4 的条目在 S1 崩溃前已到达多数派。',
      },
      {
        en: 'Turn on the unsafe rule commitPreviousTermByCounting and build this yourself: the checker reports the lost committed entry.',
        zh: '打开不安全规则 commitPreviousTermByCounting 并自己构造这一过程：检查器会报告已提交条目丢失。',
      },
    ],
  },
);

/** Figure 8 (e): the term-4 entry is on a majority, so S5 cannot win. */
export const figure8e: PresetRecording = recordOnUse(
  { servers: 5, seed: 'preset-figure-8e', initial: figure8Initial([1, 2, 4]) },
  [
    { do: { type: 'timeout', server: 5 } },
    { wait: 40 },
    { do: { type: 'timeout', server: 5 } },
    { wait: 60 },
    { mark: true },
    { until: (c) => c.leaderId() !== null, maxMs: 3000, what: 'a leader' },
    { wait: 100 },
    { do: { type: 'restart', server: 1 } },
    { wait: 300 },
    { do: (c) => ({ type: 'submit', command: 'x=6', server: c.leaderId() ?? 2 }) },
    { until: (c) => c.servers().every((s) => s.commitIndex === 4), maxMs: 2000, what: 'index 4 committed everywhere' },
    { wait: 200 },
  ],
  {
    title: { en: 'Figure 8 (e): once the term-4 entry is on a majority, S5 cannot win', zh: '图 8 (e)：任期 4 的条目到达多数派后，S5 无法当选' },
    description: {
      en: 'The other ending of the Raft paper’s Figure 8: before crashing, S1 copied its term-4 entry at index 3 to S2 and S3. S5 (log 1 3) times out, but S2 and S3 refuse their votes because their last term 4 is higher than 3; only S4 agrees. S2 or S3 becomes leader, and once it commits an entry of its own term, indexes 2 and 3 are committed with it.',
      zh: 'Raft 论文图 8 的另一种结局：S1 在崩溃前已把索引 3 上任期 4 的条目复制到 S2 和 S3。S5（日志 1 3）超时发起选举，但 S2 和 S3 的最后任期 4 高于 3，因此拒绝投票，只有 S4 同意。S2 或 S3 成为领导者，当它提交一条自己任期的条目后，索引 2 和 3 也随之提交。',
    },
    suggestions: [
      {
        en: 'Select S5 and read its votesRejected: S2 and S3 refuse because their logs are more up to date.',
        zh: '选中 S5 查看 votesRejected：S2 和 S3 因为日志更新而拒绝投票。',
      },
      {
        en: 'Watch when index 3 becomes committed: only after the new leader replicates an entry of its own term.',
        zh: '观察索引 3 何时提交：只有在新领导者复制了一条自己任期的条目之后。',
      },
    ],
  },
);
