/**
 * Presets for the second half of Raft, part one: log compaction and
 * InstallSnapshot (§7), membership changes (§6) and clients (§8). The
 * elections-side extensions are in extensionsElections.ts.
 */
import type { RaftCluster, UserAction } from '../../sim';
import type { Scenario } from '../types';
import { hasLeader, leaderOf, record, type ScriptStep } from './build';

// ---- helpers shared with extensionsElections.ts -------------------------------

/** The highest-numbered follower of `leader`. */
export const followerOf = (c: RaftCluster, leader: number): number => Math.max(...c.ids().filter((id) => id !== leader));

/** A build-time assertion: the script fails to build unless `pred` holds now (no event is processed when it does). */
export const check = (pred: (c: RaftCluster) => boolean, what: string): ScriptStep => ({ until: pred, maxMs: 0, what: `check: ${what}` });

/** Client `id` has no request outstanding. */
export const clientIdle = (id: number) => (c: RaftCluster): boolean => c.clients().every((k) => k.id !== id || k.pending === null);

/** The leader's latest configuration entry is committed (so the next change may start). */
export const configCommitted = (c: RaftCluster): boolean => {
  const l = c.leaderId();
  if (l === null) return false;
  const s = c.summary(l);
  return s.commitIndex >= s.configIndex;
};

// ---- §7: snapshot for a follower that was away --------------------------------

let away = 0;
const snapshotWrites = Array.from({ length: 30 }, (_, k): ScriptStep[] => [
  { do: { type: 'submit', command: `${['x', 'y', 'z'][k % 3]}=${k + 1}` } },
  { wait: 40 },
]).flat();

export const snapshotInstall: Scenario = record(
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

// ---- §6: adding two servers one at a time -------------------------------------

const promoted = (id: () => number) => (c: RaftCluster): boolean => configCommitted(c) && c.server(leaderOf(c)).config.voters.includes(id());
let firstAdded = 0;
let secondAdded = 0;
export const addTwoServers: Scenario = record(
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
export const jointConsensus: Scenario = record(
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

// ---- §8: a retried write, without and with client sessions ---------------------

/** The successful ClientReply on its way to client 1 (clients' addresses are negative: client k is -k). */
const replyToClient1 = (c: RaftCluster): number | undefined => c.messages().find((m) => m.type === 'ClientReply' && m.to === -1 && m.ok)?.id;

function retriedWrite(clientSessions: boolean): Scenario {
  return record(
    { servers: 3, seed: 'preset-retried-write', clientSessions },
    [
      { until: hasLeader, maxMs: 2000, what: 'a leader' },
      { wait: 100 },
      { mark: true },
      { do: { type: 'clientRequest', client: 1, command: 'balance+=10' } },
      { until: (c) => replyToClient1(c) !== undefined, maxMs: 2000, what: 'the reply to client 1 on the wire' },
      { do: (c) => ({ type: 'dropMessage', message: replyToClient1(c)! }) },
      { until: clientIdle(1), maxMs: 3000, what: 'client 1 finishing its retried write' },
      { wait: 300 },
      check((c) => c.servers().every((s) => s.stateMachine.kv.balance === (clientSessions ? '10' : '20')), `balance ${clientSessions ? '10' : '20'} everywhere`),
    ],
    {
      title: clientSessions
        ? { en: 'A retried write applied once with client sessions', zh: '有客户端会话时，重试的写入只应用一次' }
        : { en: 'A retried write applied twice without sessions', zh: '没有会话时，重试的写入被应用两次' },
      description: {
        en: `Client 1 sends balance+=10, an increment, which is not idempotent. The leader commits and applies it, but its reply is lost on the way back (dropped by hand). The client cannot tell a lost request from a lost reply, so after clientTimeoutMs it retries the same request (same client id and sequence number) at the next server, which redirects it to the leader. ${
          clientSessions
            ? 'With client sessions (§8) the leader’s state machine remembers the latest sequence number applied for each client, recognises the retry and answers it from the session without appending it again: the balance is 10.'
            : 'With clientSessions off, the leader appends the retry as a new entry and every state machine applies the increment a second time: the balance is 20, although the client asked for one deposit.'
        }`,
        zh: `客户端 1 发送 balance+=10，这是一个递增操作，不是幂等的。领导者提交并应用了它，但回复在返回途中丢失（手动丢弃）。客户端无法区分请求丢失和回复丢失，因此在 clientTimeoutMs 之后，它把同一个请求（相同的客户端编号和序号）重新发给下一台服务器，后者把它重定向到领导者。${
          clientSessions
            ? '有客户端会话（§8）时，领导者的状态机记住了每个客户端已应用的最新序号，识别出这是重试，直接根据会话回答，而不再追加日志：余额为 10。'
            : '关闭 clientSessions 时，领导者把重试当作新条目追加，每个状态机都再次应用了这个递增：余额变为 20，尽管客户端只要求存一次款。'
        }`,
      },
      suggestions: [
        clientSessions
          ? { en: 'Select the leader and open its state machine: the session for client 1 records seq 1 and the index where it was applied.', zh: '选中领导者并查看其状态机：客户端 1 的会话记录了序号 1 以及它被应用的索引。' }
          : { en: 'Count the balance+=10 entries in the leader’s log: two, with the same client and sequence number.', zh: '数一数领导者日志中 balance+=10 条目的数量：两条，客户端和序号都相同。' },
        clientSessions
          ? { en: 'Compare with the preset without sessions, where the same retry makes the balance 20.', zh: '与没有会话的预设比较：同样的重试会使余额变为 20。' }
          : { en: 'Compare with the preset with sessions (or turn clientSessions on in the settings): the retry is recognised and the balance is 10.', zh: '与有会话的预设比较（或在设置中打开 clientSessions）：重试会被识别，余额为 10。' },
        { en: 'Pause when the reply is on the wire and watch the client’s retry timer run out.', zh: '在回复还在网络上时暂停，观察客户端的重试计时器如何耗尽。' },
      ],
    },
  );
}

export const retryWithoutSessions: Scenario = retriedWrite(false);
export const retryWithSessions: Scenario = retriedWrite(true);

// ---- §8: a linearizable read via ReadIndex -------------------------------------

let staleLeader = 0;
export const readIndex: Scenario = record(
  { servers: 5, seed: 'preset-read-index' },
  [
    { until: hasLeader, maxMs: 2000, what: 'a leader' },
    { wait: 100 },
    { do: { type: 'clientRequest', client: 1, command: 'x=1' } },
    { until: clientIdle(1), maxMs: 2000, what: 'x=1 acknowledged' },
    { do: (c) => ({ type: 'partition', groups: [[(staleLeader = leaderOf(c))], c.ids().filter((id) => id !== staleLeader)] }) },
    { until: (c) => hasLeader(c) && c.leaderId() !== staleLeader, maxMs: 2000, what: 'a leader in the majority' },
    { wait: 50 },
    { do: { type: 'clientRequest', client: 2, command: 'x=2' } },
    { until: clientIdle(2), maxMs: 2000, what: 'x=2 acknowledged' },
    { mark: true },
    { do: { type: 'clientRequest', client: 1, read: 'x' } },
    { until: clientIdle(1), maxMs: 3000, what: 'the read answered' },
    check((c) => c.clients().find((k) => k.id === 1)?.history.at(-1)?.value === '2', 'the read returning x=2'),
    { wait: 200 },
  ],
  {
    title: { en: 'A linearizable read with ReadIndex', zh: '使用 ReadIndex 的线性一致读' },
    description: {
      en: 'Client 1 writes x=1; then the leader is cut off alone and the other four elect a new leader, to which client 2 writes x=2. Client 1 now reads x from the server it last talked to: the old leader, which still believes it leads and whose state machine says x=1. Answering from it would be a stale read. With ReadIndex (dissertation §6.4) a leader records its commitIndex, confirms with a heartbeat round acknowledged by a majority that it is still leader, and only then answers. The cut-off leader never gets those acknowledgements, so the client times out, tries the next server, and reads x=2 from the real leader.',
      zh: '客户端 1 写入 x=1；随后领导者被单独隔离，其余四台选出新领导者，客户端 2 向它写入 x=2。此时客户端 1 向它上次联系的服务器读取 x：也就是旧领导者，它仍以为自己是领导者，状态机里 x=1。如果由它直接回答，就是一次过时读。使用 ReadIndex（博士论文 §6.4）时，领导者记下自己的 commitIndex，用一轮得到多数确认的心跳证实自己仍是领导者，然后才回答。被隔离的领导者永远得不到这些确认，于是客户端超时，转而尝试下一台服务器，并从真正的领导者读到 x=2。',
    },
    suggestions: [
      {
        en: 'Select the old leader after the read arrives: the read waits in pendingReads for a heartbeat round that no majority will acknowledge.',
        zh: '读请求到达后选中旧领导者：这个读请求在 pendingReads 中等待一轮永远得不到多数确认的心跳。',
      },
      {
        en: 'At the new leader, compare the read’s readIndex with its commitIndex and see the extra heartbeat round it sends.',
        zh: '在新领导者上，比较读请求的 readIndex 与它的 commitIndex，并观察它为此额外发出的一轮心跳。',
      },
      {
        en: 'Turn on readLeases in the settings: a leader that heard from a majority recently answers without a round, which relies on bounded clock drift.',
        zh: '在设置中打开 readLeases：最近收到过多数响应的领导者无需额外一轮就能回答，这依赖于时钟漂移有界。',
      },
    ],
  },
);
