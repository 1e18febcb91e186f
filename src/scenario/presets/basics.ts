/** Presets on elections, crashes and partitions. */
import type { RaftCluster, UserAction } from '../../sim';
import { hasLeader, leaderOf, recordOnUse, type PresetRecording, type ScriptStep } from './build';

const followerOf = (c: RaftCluster, leader: number): number => Math.max(...c.ids().filter((id) => id !== leader));

export const firstElection: PresetRecording = recordOnUse(
  { servers: 5, seed: 'preset-first-election' },
  [
    { mark: true },
    { until: hasLeader, maxMs: 2000, what: 'a leader' },
    { wait: 200 },
    { do: { type: 'submit', command: 'x=1' } },
    { wait: 300 },
  ],
  {
    title: { en: 'First election from a cold start', zh: '冷启动后的第一次选举' },
    description: {
      en: 'Five servers start as followers in term 0 with empty logs. The first whose randomized election timer fires becomes a candidate in term 1 and asks the others for votes; with a majority it becomes leader and starts sending heartbeats. A client command then shows a first entry being replicated and committed.',
      zh: '五台服务器以跟随者身份在任期 0 启动，日志为空。随机选举计时器最先到期的服务器成为任期 1 的候选人并向其他服务器请求投票；获得多数票后成为领导者并开始发送心跳。随后一条客户端命令展示了第一个日志条目的复制与提交。',
    },
    suggestions: [
      { en: 'Press Play and watch the election timers: the shortest one decides who becomes candidate.', zh: '按播放键观察选举计时器：最短的那个决定谁成为候选人。' },
      { en: 'Start a new run with another seed: a different server usually wins.', zh: '换一个种子重新开始：通常会是另一台服务器当选。' },
    ],
  },
);

export const splitVote: PresetRecording = recordOnUse(
  { servers: 4, seed: 'preset-split-vote-11' },
  [
    { do: { type: 'timeout', server: 1 } },
    { do: { type: 'timeout', server: 2 } },
    { mark: true },
    { until: hasLeader, maxMs: 3000, what: 'a leader' },
    { wait: 300 },
  ],
  {
    title: { en: 'Split vote', zh: '选票分裂' },
    description: {
      en: 'S1 and S2 time out at the same moment and both become candidates in term 1. Each votes for itself and the other two votes are split, so nobody reaches a majority of three. Their election timers are randomized, so one of them times out first in a later term and wins before the other tries again.',
      zh: 'S1 和 S2 在同一时刻超时，都成为任期 1 的候选人。它们各自给自己投票，另外两票也被分掉，因此谁都得不到三票的多数。由于选举超时是随机的，其中一台会在之后的任期里先超时，在另一台再次尝试之前当选。',
    },
    suggestions: [
      { en: 'Select S1 and S2 in term 1 and compare votesGranted and votesRejected.', zh: '在任期 1 中分别选中 S1 和 S2，比较 votesGranted 与 votesRejected。' },
      {
        en: 'In the settings set the election timeout to 150–151 ms and start again: with almost no randomness, split votes can repeat for many terms.',
        zh: '在设置中把选举超时改为 150–151 毫秒再开始：几乎没有随机性时，选票分裂可能连续发生许多个任期。',
      },
    ],
  },
);

let crashed = 0;
export const leaderCrash: PresetRecording = recordOnUse(
  { servers: 5, seed: 'preset-leader-crash' },
  [
    { until: hasLeader, maxMs: 2000, what: 'a leader' },
    { wait: 200 },
    { do: { type: 'submit', command: 'x=1' } },
    { wait: 200 },
    { do: (c) => ({ type: 'crash', server: (crashed = leaderOf(c)) }) },
    { mark: true },
    { until: (c) => hasLeader(c) && c.leaderId() !== crashed, maxMs: 2000, what: 'a new leader' },
    { wait: 200 },
    { do: { type: 'submit', command: 'y=2' } },
    { wait: 300 },
    { do: () => ({ type: 'restart', server: crashed }) },
    { wait: 500 },
  ],
  {
    title: { en: 'Leader crash and re-election', zh: '领导者崩溃与重新选举' },
    description: {
      en: 'A leader is elected and commits x=1, then crashes. The followers stop hearing heartbeats; the first whose election timer fires starts an election in a higher term and wins. When the old leader restarts it learns the new term from the new leader’s heartbeat, becomes a follower and catches up.',
      zh: '领导者当选并提交了 x=1，随后崩溃。跟随者不再收到心跳；选举计时器最先到期的服务器在更高的任期发起选举并当选。旧领导者重启后，从新领导者的心跳中得知新任期，转为跟随者并追上日志。',
    },
    suggestions: [
      { en: 'Measure the time from the crash to the new leader: it is about one election timeout.', zh: '测量从崩溃到新领导者出现的时间：大约是一个选举超时。' },
      { en: 'After the restart, select the old leader and check that it kept its term, vote and log.', zh: '重启之后选中旧领导者，确认它保留了任期、投票和日志。' },
    ],
  },
);

let oldLeader = 0;
let minorityPeer = 0;
export const partitionedLeader: PresetRecording = recordOnUse(
  { servers: 5, seed: 'preset-partitioned-leader' },
  [
    { until: hasLeader, maxMs: 2000, what: 'a leader' },
    { wait: 200 },
    { do: { type: 'submit', command: 'x=1' } },
    { wait: 200 },
    {
      do: (c): UserAction => {
        oldLeader = leaderOf(c);
        minorityPeer = followerOf(c, oldLeader);
        return { type: 'partition', groups: [[oldLeader, minorityPeer], c.ids().filter((id) => id !== oldLeader && id !== minorityPeer)] };
      },
    },
    { wait: 50 },
    { do: () => ({ type: 'submit', command: 'y=stale', server: oldLeader }) },
    { wait: 100 },
    { do: () => ({ type: 'submit', command: 'z=stale', server: oldLeader }) },
    { until: (c) => hasLeader(c) && c.leaderId() !== oldLeader, maxMs: 2000, what: 'a leader in the majority' },
    { wait: 100 },
    { do: (c) => ({ type: 'submit', command: 'y=new', server: leaderOf(c) }) },
    { wait: 300 },
    { mark: true },
    { do: { type: 'heal' } },
    { wait: 600 },
  ],
  {
    title: { en: 'Partitioned old leader', zh: '被分区隔离的旧领导者' },
    description: {
      en: 'The leader and one follower are cut off into a minority. The old leader still accepts the commands y=stale and z=stale, but can never reach a majority, so they are never committed. The other three elect a new leader in a higher term and commit y=new. When the partition heals, the old leader sees the higher term, steps down, and its uncommitted entries are replaced.',
      zh: '领导者和一个跟随者被分区隔离到少数派中。旧领导者仍然接受命令 y=stale 和 z=stale，但永远无法到达多数派，因此它们不会被提交。另外三台服务器在更高的任期选出新领导者并提交 y=new。分区恢复后，旧领导者看到更高的任期而退位，它未提交的日志条目被替换。',
    },
    suggestions: [
      { en: 'Just before the heal, compare the old leader’s commitIndex with its last log index.', zh: '在分区恢复之前，比较旧领导者的 commitIndex 与它最后的日志索引。' },
      { en: 'After the heal, look for y=stale in any log: it is gone.', zh: '分区恢复后，在所有日志中寻找 y=stale：它已经不见了。' },
      { en: 'Ask the old leader for a read during the partition: why can a stale leader return stale data?', zh: '思考：分区期间旧领导者为什么可能返回过时的数据？' },
    ],
  },
);

let minority: number[] = [];
export const minorityPartition: PresetRecording = recordOnUse(
  { servers: 5, seed: 'preset-minority' },
  [
    { until: hasLeader, maxMs: 2000, what: 'a leader' },
    { wait: 200 },
    { do: { type: 'submit', command: 'x=1' } },
    { wait: 200 },
    {
      do: (c): UserAction => {
        const leader = leaderOf(c);
        minority = c.ids().filter((id) => id !== leader).slice(-2);
        return { type: 'partition', groups: [c.ids().filter((id) => !minority.includes(id)), minority] };
      },
    },
    ...[1, 2, 3].flatMap((k): ScriptStep[] => [{ wait: 300 }, { do: { type: 'submit', command: `k${k}=${k}` } }]),
    { do: () => ({ type: 'submit', command: 'm=1', server: minority[0]! }) },
    { wait: 600 },
    { mark: true },
    { do: { type: 'heal' } },
    { wait: 800 },
  ],
  {
    title: { en: 'A minority partition cannot elect or commit', zh: '少数派分区无法选举或提交' },
    description: {
      en: 'Two followers are cut off from the other three. In the minority, each keeps timing out and starting elections in ever higher terms, but two votes out of five are never a majority, and it cannot commit anything. The majority keeps its leader and commits new commands. When the partition heals, the minority’s high term forces a new election, which only an up-to-date server can win.',
      zh: '两个跟随者与另外三台服务器断开。少数派中的服务器不断超时，在越来越高的任期发起选举，但五票中的两票永远不是多数，也无法提交任何日志条目。多数派保留领导者并继续提交新命令。分区恢复后，少数派的高任期迫使集群重新选举，只有日志最新的服务器才能当选。',
    },
    suggestions: [
      { en: 'Watch the terms of the minority grow during the partition while their logs stay the same.', zh: '观察分区期间少数派的任期不断增长，而它们的日志保持不变。' },
      { en: 'After the heal, see how the higher term disrupts the leader; the PreVote extension avoids this.', zh: '分区恢复后，观察更高的任期如何打断领导者；PreVote 扩展可以避免这种情况。' },
    ],
  },
);

function catchUp(fastBackup: boolean, seed: string): PresetRecording {
  let lagging = 0;
  const submits = Array.from({ length: 100 }, (_, k): ScriptStep[] => [{ do: { type: 'submit', command: `k${k + 1}=${k + 1}` } }, { wait: 15 }]).flat();
  const caughtUp = (c: RaftCluster): boolean => {
    const leader = c.leaderId();
    if (leader === null) return false;
    const l = c.summary(leader);
    const f = c.summary(lagging);
    return l.lastLogIndex >= 100 && f.lastLogIndex === l.lastLogIndex && f.commitIndex === l.commitIndex && l.commitIndex === l.lastLogIndex;
  };
  const zh = fastBackup ? '（快速回退）' : '';
  return recordOnUse(
    { servers: 5, seed, fastBackup },
    [
      { until: hasLeader, maxMs: 2000, what: 'a leader' },
      { wait: 100 },
      { do: (c) => ({ type: 'disconnect', server: (lagging = followerOf(c, leaderOf(c))) }) },
      ...submits,
      { wait: 300 },
      { mark: true },
      { do: () => ({ type: 'connect', server: lagging }) },
      { until: caughtUp, maxMs: 20_000, what: 'the lagging server catching up' },
      { wait: 300 },
    ],
    {
      title: fastBackup
        ? { en: 'A follower far behind catches up (fast backup)', zh: `落后很多的跟随者追上日志${zh}` }
        : { en: 'A follower far behind catches up', zh: '落后很多的跟随者追上日志' },
      description: {
        en: `One follower is disconnected while 100 commands are committed, then reconnected. Its higher term (it kept starting elections alone) forces an election; the new leader starts every nextIndex at the end of its log, so it must find where the lagging log matches. ${fastBackup ? 'With fastBackup on, the follower’s rejection says how long its log is, so the leader jumps there in one round trip.' : 'With fastBackup off, each rejected AppendEntries moves nextIndex back by one entry: about a hundred round trips.'}`,
        zh: `一个跟随者在 100 条命令被提交期间断开连接，随后重新连接。它独自不断发起选举，任期更高，因此迫使集群重新选举；新领导者把每个 nextIndex 设在自己日志的末尾，必须找出落后日志从哪里开始一致。${fastBackup ? '打开 fastBackup 后，跟随者在拒绝时告知自己日志的长度，领导者一次往返就能跳到那里。' : '关闭 fastBackup 时，每次被拒绝的 AppendEntries 只让 nextIndex 回退一个条目：大约需要一百次往返。'}`,
      },
      suggestions: [
        fastBackup
          ? { en: 'Compare the catch-up time with the preset without fast backup.', zh: '与未开启快速回退的预设比较追赶所需的时间。' }
          : { en: 'Compare with the “fast backup” preset (or turn on fastBackup in the settings): the catch-up takes a few round trips instead of about a hundred.', zh: '与“快速回退”预设比较（或在设置中打开 fastBackup）：追赶只需几次往返，而不是大约一百次。' },
        { en: 'Select the leader and watch its nextIndex for the lagging server.', zh: '选中领导者，观察它为落后服务器记录的 nextIndex。' },
        { en: 'Count the AppendEntries rejections in the event log after the reconnection.', zh: '在事件日志中数一数重新连接后 AppendEntries 被拒绝的次数。' },
      ],
    },
  );
}

export const catchUpSlow: PresetRecording = catchUp(false, 'preset-catch-up');
export const catchUpFast: PresetRecording = catchUp(true, 'preset-catch-up');

let deaf = 0;
export const oneWayLink: PresetRecording = recordOnUse(
  { servers: 5, seed: 'preset-one-way' },
  [
    { until: hasLeader, maxMs: 2000, what: 'a leader' },
    { wait: 200 },
    { do: (c) => ({ type: 'submit', command: 'x=1', server: leaderOf(c) }) },
    { wait: 100 },
    ...[0, 1, 2, 3].map((k): ScriptStep => ({
      do: (c): UserAction => {
        if (k === 0) deaf = followerOf(c, leaderOf(c));
        return { type: 'setLink', from: c.ids().filter((id) => id !== deaf)[k]!, to: deaf, up: false };
      },
    })),
    { wait: 100 },
    { do: { type: 'submit', command: 'y=2' } },
    { mark: true },
    { wait: 3000 },
  ],
  {
    title: { en: 'One-way link failure', zh: '单向链路故障' },
    description: {
      en: 'Every link into one follower is cut, but its own messages still get through: it can send but not receive. It never hears the leader’s heartbeats, so it keeps timing out and asking for votes in a higher term. Each time, the others adopt that term and the leader steps down; the deaf server cannot win (its log is behind, and it never hears the answers), so the cluster re-elects, again and again.',
      zh: '通往某个跟随者的所有链路都被切断，但它发出的消息仍能送达：它只能发送，无法接收。它永远收不到领导者的心跳，因此不断超时，并以更高的任期请求投票。每一次，其他服务器都会采用这个任期，领导者随之退位；这台“聋”服务器无法当选（它的日志落后，也收不到回复），于是集群一次又一次重新选举。',
    },
    suggestions: [
      { en: 'Watch the term numbers climb and count the elections in the timeline.', zh: '观察任期号不断上升，并在时间轴上数一数选举的次数。' },
      { en: 'Restore a single link into the server (click a link in the cluster view) and see whether that is enough.', zh: '恢复一条通往该服务器的链路（在集群视图中点击链路），看看这样是否足够。' },
      { en: 'PreVote and CheckQuorum are the extensions designed against this kind of disruption.', zh: 'PreVote 和 CheckQuorum 正是为防止这类干扰而设计的扩展。' },
    ],
  },
);
