/**
 * The presets about membership changes (§6): two servers added one at a time
 * (each a learner first, then promoted), and joint consensus replacing the
 * leader. Each script checks, at build time, that the run really shows what its
 * text says.
 */
import type { RaftCluster, UserAction } from '../../sim';
import { check, configCommitted, hasLeader, leaderOf, recordOnUse, type PresetRecording } from './build';

const promoted = (id: () => number) => (c: RaftCluster): boolean => configCommitted(c) && c.server(leaderOf(c)).config.voters.includes(id());
let firstAdded = 0;
let secondAdded = 0;
export const addTwoServers: PresetRecording = recordOnUse(
  { servers: 3, seed: 'preset-add-servers' },
  [
    { until: hasLeader, maxMs: 2000, what: 'a leader' },
    { wait: 100 },
    // §4.1 of the dissertation: a new leader changes membership only after committing an entry of its term.
    { do: { type: 'submit', command: 'x=1' } },
    { wait: 200 },
    { mark: true },
    { do: (c) => ((firstAdded = Math.max(...c.ids()) + 1), { type: 'addServer' }) },
    { until: promoted(() => firstAdded), maxMs: 2000, what: 'the first new server promoted to voter' },
    { wait: 100 },
    { do: (c) => ((secondAdded = Math.max(...c.ids()) + 1), { type: 'addServer' }) },
    { until: promoted(() => secondAdded), maxMs: 2000, what: 'the second new server promoted to voter' },
    { wait: 100 },
    { do: { type: 'submit', command: 'y=2' } },
    { wait: 300 },
  ],
  {
    title: { en: 'Adding two servers, one at a time', zh: '逐个添加两台服务器' },
    description: {
      en: 'A three-server cluster grows to five, one server per configuration change (§6). S4 starts with an empty log and joins as a learner: it receives the log but does not vote and is not counted for commitment, so the cluster stays available while it catches up. Once it has caught up the leader promotes it to voter with a second configuration entry; only when that entry is committed may the next change start, and S5 goes through the same two steps.',
      zh: '三台服务器的集群扩展到五台，每次配置变更只加入一台服务器（§6）。S4 以空日志启动并作为学习者（learner）加入：它接收日志，但不投票，也不计入提交所需的多数，因此在它追赶期间集群仍然可用。追上之后，领导者用第二个配置条目把它提升为投票者；只有这个条目提交后，下一次变更才能开始，S5 也经历同样的两步。',
    },
    suggestions: [
      {
        en: 'Select the leader after the first addServer: S4 is listed as a learner, and commitIndex advances with S1–S3 alone.',
        zh: '第一次 addServer 之后选中领导者：S4 被列为学习者，commitIndex 仅凭 S1–S3 就能推进。',
      },
      {
        en: 'Find the four configuration entries in the leader’s log (learner, voter, learner, voter) and when each is committed.',
        zh: '在领导者的日志中找出四个配置条目（学习者、投票者、学习者、投票者），看它们各自何时被提交。',
      },
      {
        en: 'Try adding S5 while S4 is still a learner: the change is refused, one change at a time.',
        zh: '试着在 S4 仍是学习者时添加 S5：变更会被拒绝，每次只能进行一个变更。',
      },
    ],
  },
);

// ---- §6: joint consensus replacing the leader ---------------------------------

let replaced = 0;
export const jointConsensus: PresetRecording = recordOnUse(
  { servers: 3, seed: 'preset-joint' },
  [
    { until: hasLeader, maxMs: 2000, what: 'a leader' },
    { wait: 100 },
    { do: { type: 'submit', command: 'x=1' } },
    { wait: 200 },
    { mark: true },
    {
      do: (c): UserAction => {
        replaced = leaderOf(c);
        return { type: 'changeMembership', servers: [...c.ids().filter((id) => id !== replaced), 4] };
      },
    },
    { until: (c) => c.server(replaced).role !== 'leader', maxMs: 2000, what: 'the old leader stepping down' },
    check((c) => c.server(replaced).config.oldVoters === undefined && !c.server(replaced).config.voters.includes(replaced), 'C_new committed before the step-down'),
    { until: (c) => hasLeader(c) && c.leaderId() !== replaced, maxMs: 2000, what: 'a leader in C_new' },
    { wait: 100 },
    { do: { type: 'submit', command: 'y=2' } },
    { wait: 400 },
  ],
  {
    title: { en: 'Replacing the leader through joint consensus', zh: '通过联合共识替换领导者' },
    description: {
      en: 'The configuration changes from three voters to a set that drops the current leader and adds a new server S4 (§6). S4 first catches up as a learner. Then the leader appends C_old,new: from then on every decision needs a majority of the old voters and a majority of the new ones. Once C_old,new is committed it appends C_new; the leader, no longer a member, keeps managing the cluster until C_new is committed, then steps down, and the new voters elect a leader among themselves.',
      zh: '配置从三个投票者变为一个新集合：去掉当前领导者，加入新服务器 S4（§6）。S4 先以学习者身份追上日志。随后领导者追加 C_old,new：从此每个决定都需要旧投票者的多数和新投票者的多数同时同意。C_old,new 提交后，领导者追加 C_new；此时它已不是成员，但仍继续管理集群，直到 C_new 提交后才退位，由新的投票者在它们之中选出领导者。',
    },
    suggestions: [
      {
        en: 'Select the leader while C_old,new is its latest configuration: it shows both the old and the new voters.',
        zh: '当 C_old,new 是领导者最新的配置时选中它：可以同时看到旧投票者和新投票者。',
      },
      {
        en: 'Note the order: the old leader commits C_new without counting its own vote, steps down, and only then does a new election start.',
        zh: '注意顺序：旧领导者在不计算自己一票的情况下提交 C_new，然后退位，之后新的选举才开始。',
      },
      {
        en: 'Crash S4 right after the change starts: C_old,new cannot commit without a majority of the new voters.',
        zh: '在变更刚开始时让 S4 崩溃：没有新投票者的多数，C_old,new 无法提交。',
      },
    ],
  },
);
