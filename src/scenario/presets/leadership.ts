/**
 * The presets about keeping and handing over leadership: the rules that keep
 * elections from disrupting a healthy cluster (§6's rule against removed
 * servers, PreVote and CheckQuorum from the dissertation §9.6 and §6.2) and
 * leadership transfer (dissertation §3.10). Each script checks, at build time,
 * that the run really shows what its text says.
 */
import type { RaftCluster, UserAction } from '../../sim';
import { check, clientIdle, followerOf, hasLeader, leaderOf, recordOnUse, type PresetRecording, type ScriptStep } from './build';

/** Run `f` on the live cluster without processing any event (to remember a moment). */
const remember = (f: (c: RaftCluster) => void): ScriptStep => ({ until: (c) => (f(c), true), maxMs: 0 });

/** How many times a leader stepped down after event n (any reason). */
export function leaderStepDowns(c: RaftCluster, n: number): number {
  let count = 0;
  for (const e of c.traceSince(n)) for (const note of e.notes) if (note.kind === 'roleChanged' && note.from === 'leader') count++;
  return count;
}

/** The highest term any server holds. */
const maxTerm = (c: RaftCluster): number => Math.max(...c.servers().map((s) => s.term));

// ---- §6: a removed server, without and with the rule that ignores RequestVote while a leader is known ----

function removedServer(leaderStickiness: boolean): PresetRecording {
  let removed = 0;
  let since = 0;
  let term0 = 0;
  return recordOnUse(
    { servers: 5, seed: 'preset-removed-server', leaderStickiness },
    [
      { until: hasLeader, maxMs: 2000, what: 'a leader' },
      { wait: 100 },
      { do: { type: 'submit', command: 'x=1' } },
      { wait: 200 },
      { mark: true },
      remember((c) => ((since = c.eventCount), (term0 = c.server(leaderOf(c)).term))),
      { do: (c) => ({ type: 'removeServer', server: (removed = followerOf(c, leaderOf(c))) }) },
      { wait: 300 },
      { do: { type: 'clientRequest', client: 1, command: 'y=2' } },
      { until: clientIdle(1), maxMs: 4000, what: 'y=2 acknowledged' },
      { wait: 1500 },
      leaderStickiness
        ? check(
            (c) => leaderStepDowns(c, since) === 0 && c.servers().every((s) => s.id === removed || s.term === term0) && c.server(removed).term > term0 + 2,
            'no leader change and no term change in the cluster while the removed server campaigns',
          )
        : check((c) => leaderStepDowns(c, since) >= 3 && maxTerm(c) >= term0 + 5, 'the removed server forcing the leader down repeatedly'),
    ],
    leaderStickiness
      ? {
          title: { en: 'A removed server… and the §6 rule keeps it quiet', zh: '被移除的服务器……以及 §6 的规则让它安静下来' },
          description: {
            en: 'The same removal as in “A removed server disrupts the cluster”, now with leaderStickiness on: §6’s rule that a server which has heard from a current leader within the minimum election timeout ignores RequestVote (and does not adopt its term). The removed server still times out and campaigns in ever higher terms, but the members keep hearing heartbeats from their leader, so they disregard its requests: the leader and the term stay the same, and the client’s write goes through at once.',
            zh: '与“被移除的服务器扰乱集群”中相同的移除操作，这次打开了 leaderStickiness：§6 规定，服务器如果在最小选举超时内收到过当前领导者的消息，就忽略 RequestVote（也不采用其中的任期）。被移除的服务器仍会超时，并在越来越高的任期中发起选举，但成员们一直收到领导者的心跳，因此不理会它的请求：领导者和任期保持不变，客户端的写入立即完成。',
          },
          suggestions: [
            { en: 'Watch the removed server’s term climb while every member stays in the same term.', zh: '观察被移除服务器的任期不断上升，而所有成员的任期保持不变。' },
            { en: 'Find a RequestVote from it in the event log: the receiver ignores it because it knows a current leader.', zh: '在事件日志中找到它发出的 RequestVote：接收者因为知道当前领导者而忽略了它。' },
            {
              en: 'Crash the leader: once the members stop hearing from it they vote again, and the removed server still cannot win because its log lacks the new configuration.',
              zh: '让领导者崩溃：成员们不再收到它的消息后会重新投票，而被移除的服务器仍然无法当选，因为它的日志缺少新的配置。',
            },
          ],
        }
      : {
          title: { en: 'A removed server disrupts the cluster', zh: '被移除的服务器扰乱集群' },
          description: {
            en: 'The leader removes a follower from a five-server cluster (§6). It stops sending to the removed server at once, so that server never receives the configuration entry that removed it and never learns it is out. When its election timer fires it campaigns in a higher term; the leader sees the higher term, steps down, and the members elect a leader again. The removed server cannot win, because its log lacks the new entries, so this repeats every election timeout: terms inflate and clients see the cluster without a leader again and again.',
            zh: '领导者把一个跟随者从五台服务器的集群中移除（§6）。它立刻停止向被移除的服务器发送消息，因此该服务器永远收不到移除它的配置条目，也永远不知道自己已被移除。它的选举计时器到期后，会在更高的任期发起选举；领导者看到更高的任期而退位，成员们只好重新选举。被移除的服务器无法当选，因为它的日志缺少新的条目，于是这一过程在每个选举超时重复：任期不断膨胀，客户端一次又一次地遇到没有领导者的集群。',
          },
          suggestions: [
            { en: 'Count the leader changes after the removal and compare the terms before and after.', zh: '数一数移除之后领导者变更的次数，并比较前后的任期。' },
            { en: 'Select the removed server: its configuration still lists itself, because it never received the new one.', zh: '选中被移除的服务器：它的配置里仍然有它自己，因为它从未收到新的配置。' },
            {
              en: 'Compare with “…and the §6 rule keeps it quiet” (leaderStickiness on), or crash the removed server, which is what an operator would do.',
              zh: '与“……以及 §6 的规则让它安静下来”（打开 leaderStickiness）比较，或者让被移除的服务器崩溃，这正是运维人员会做的。',
            },
          ],
        },
  );
}

export const removedServerDisrupts: PresetRecording = removedServer(false);
export const removedServerQuiet: PresetRecording = removedServer(true);

// ---- Dissertation §9.6: a partitioned server rejoins, without and with PreVote ----

function rejoin(preVote: boolean): PresetRecording {
  let isolated = 0;
  let since = 0;
  let term0 = 0;
  const writes = [1, 2, 3].flatMap((k): ScriptStep[] => [{ do: { type: 'submit', command: `k${k}=${k}` } }, { wait: 400 }]);
  return recordOnUse(
    { servers: 5, seed: 'preset-rejoin', preVote },
    [
      { until: hasLeader, maxMs: 2000, what: 'a leader' },
      { wait: 100 },
      { do: (c) => ({ type: 'disconnect', server: (isolated = followerOf(c, leaderOf(c))) }) },
      ...writes,
      remember((c) => ((since = c.eventCount), (term0 = c.server(leaderOf(c)).term))),
      preVote
        ? check((c) => c.server(isolated).term === term0, 'the isolated server keeping its term')
        : check((c) => c.server(isolated).term >= term0 + 3, 'the isolated server inflating its term'),
      { mark: true },
      { do: () => ({ type: 'connect', server: isolated }) },
      { wait: 1000 },
      preVote
        ? check((c) => leaderStepDowns(c, since) === 0 && maxTerm(c) === term0 && c.server(isolated).commitIndex === 3, 'no disruption after the rejoin')
        : check((c) => leaderStepDowns(c, since) >= 1 && hasLeader(c) && c.leaderId() !== isolated && c.server(isolated).commitIndex === 3, 'the rejoining server deposing the leader'),
    ],
    preVote
      ? {
          title: { en: 'A partitioned server rejoins, with PreVote', zh: '被隔离的服务器重新加入（使用 PreVote）' },
          description: {
            en: 'The same run with preVote on (dissertation §9.6). When its timer fires, the isolated follower first becomes a pre-candidate and asks “would you vote for me in the next term?” without raising its own term. Nobody answers while it is cut off, so its term stays where it was. When it rejoins, the leader’s next AppendEntries brings it the missing entries: no higher term, no step-down, no election.',
            zh: '同样的运行，这次打开了 preVote（博士论文 §9.6）。计时器到期时，被隔离的跟随者先成为预候选人（pre-candidate），询问“下一个任期你会投票给我吗？”，而不提高自己的任期。被隔离期间没有人回答，因此它的任期保持不变。重新加入后，领导者的下一条 AppendEntries 为它补上缺少的条目：没有更高的任期，没有退位，也没有选举。',
          },
          suggestions: [
            { en: 'Select the isolated server during the partition: it is a pre-candidate, and its term does not change.', zh: '在隔离期间选中被隔离的服务器：它是预候选人，任期没有变化。' },
            { en: 'Compare with the preset without PreVote: there the same return costs an election.', zh: '与不使用 PreVote 的预设比较：在那里同样的重新加入会引发一次选举。' },
          ],
        }
      : {
          title: { en: 'A partitioned server rejoins, without PreVote', zh: '被隔离的服务器重新加入（不使用 PreVote）' },
          description: {
            en: 'A follower is disconnected for about 1.2 s while three commands are committed. Alone, it times out again and again, each time becoming a candidate in a new term, so its term inflates. When it is reconnected the leader’s next AppendEntries is rejected with that higher term, and the leader steps down. The rejoined server cannot win the election, because its log is behind, but a working leader was deposed for nothing and the cluster was unavailable until a new one was elected.',
            zh: '一个跟随者断开连接约 1.2 秒，期间三条命令被提交。它独自一次又一次地超时，每次都在新的任期成为候选人，任期因此不断膨胀。重新连接后，领导者的下一条 AppendEntries 因这个更高的任期被拒绝，领导者随即退位。重新加入的服务器日志落后，无法赢得选举，但一个正常工作的领导者被无故推翻，在新领导者选出之前集群都不可用。',
          },
          suggestions: [
            { en: 'Compare the isolated server’s term with the leader’s just before the reconnection.', zh: '在重新连接之前，比较被隔离服务器与领导者的任期。' },
            { en: 'Compare with the preset with PreVote, where the same return goes unnoticed.', zh: '与使用 PreVote 的预设比较，在那里同样的重新加入不会造成任何影响。' },
          ],
        },
  );
}

export const rejoinWithoutPreVote: PresetRecording = rejoin(false);
export const rejoinWithPreVote: PresetRecording = rejoin(true);

// ---- Dissertation §6.2: CheckQuorum ----------------------------------------------

let cutOff = 0;
let cutAt = 0;
export const checkQuorumStepDown: PresetRecording = recordOnUse(
  { servers: 5, seed: 'preset-check-quorum', checkQuorum: true },
  [
    { until: hasLeader, maxMs: 2000, what: 'a leader' },
    { wait: 100 },
    { do: { type: 'submit', command: 'x=1' } },
    { wait: 100 },
    { mark: true },
    remember((c) => (cutAt = c.now)),
    { do: (c): UserAction => ({ type: 'partition', groups: [[(cutOff = leaderOf(c))], c.ids().filter((id) => id !== cutOff)] }) },
    { until: (c) => c.server(cutOff).role !== 'leader', maxMs: 1000, what: 'the cut-off leader stepping down' },
    // The check runs each election timeout (at most 300 ms here), so the leader steps down within two of them.
    check((c) => c.now - cutAt <= 600, 'a step-down within two election timeouts'),
    { until: (c) => hasLeader(c) && c.leaderId() !== cutOff, maxMs: 2000, what: 'a leader in the majority' },
    { wait: 100 },
    { do: (c) => ({ type: 'submit', command: 'y=2', server: leaderOf(c) }) },
    { wait: 400 },
  ],
  {
    title: { en: 'CheckQuorum: a leader cut off from the majority steps down', zh: 'CheckQuorum：与多数派失联的领导者主动退位' },
    description: {
      en: 'With checkQuorum on (dissertation §6.2), a leader that has not heard from a majority of its cluster during a whole election timeout steps down. Here the leader is cut off alone. It checks once per election timeout and needs a whole timeout without a majority, so it becomes a follower between one and two election timeouts after the partition (about 350 ms here), while the other four elect a new leader and commit y=2. Without CheckQuorum (as in the “Partitioned old leader” preset) a cut-off leader stays leader indefinitely, accepting commands it can never commit.',
      zh: '打开 checkQuorum（博士论文 §6.2）后，如果领导者在整整一个选举超时内没有收到集群多数的消息，就主动退位。这里领导者被单独隔离。它每个选举超时检查一次，并且需要整整一个超时都没有收到多数的消息，因此它在分区后的一到两个选举超时之间转为跟随者（这里约 350 毫秒）；与此同时其余四台服务器选出新领导者并提交 y=2。没有 CheckQuorum 时（如“被分区隔离的旧领导者”预设），失联的领导者会一直保持领导者身份，接受那些永远无法提交的命令。',
    },
    suggestions: [
      { en: 'Measure the time from the partition to the step-down, and find the event that explains it.', zh: '测量从分区到退位所用的时间，并找到解释这一变化的事件。' },
      {
        en: 'Turn checkQuorum off in the settings and start again: the cut-off server stays leader for as long as the partition lasts.',
        zh: '在设置中关闭 checkQuorum 再开始：只要分区持续，被隔离的服务器就一直是领导者。',
      },
      {
        en: 'Heal the partition at the end: the old leader, now campaigning in higher terms, still disrupts the cluster; CheckQuorum is meant to be used with PreVote.',
        zh: '在最后恢复分区：旧领导者此时正在更高的任期中竞选，仍会扰乱集群；CheckQuorum 应该与 PreVote 一起使用。',
      },
    ],
  },
);

// ---- Dissertation §3.10: leadership transfer --------------------------------------

let transferFrom = 0;
let transferTo = 0;
export const leadershipTransfer: PresetRecording = recordOnUse(
  { servers: 5, seed: 'preset-transfer' },
  [
    { until: hasLeader, maxMs: 2000, what: 'a leader' },
    { wait: 100 },
    { do: (c) => ({ type: 'disconnect', server: (transferTo = followerOf(c, (transferFrom = leaderOf(c)))) }) },
    { do: { type: 'submit', command: 'a=1' } },
    { wait: 30 },
    { do: { type: 'submit', command: 'b=2' } },
    { wait: 30 },
    { do: { type: 'submit', command: 'c=3' } },
    { wait: 40 },
    check((c) => c.leaderId() === transferFrom && c.server(transferTo).term === c.server(transferFrom).term && c.server(transferTo).lastLogIndex === 0, 'the target behind but in the same term'),
    { mark: true },
    { do: () => ({ type: 'connect', server: transferTo }) },
    { do: () => ({ type: 'transferLeadership', server: transferTo }) },
    { until: (c) => c.leaderId() === transferTo, maxMs: 1000, what: 'the target becoming leader' },
    { wait: 100 },
    { do: { type: 'submit', command: 'd=4' } },
    { wait: 300 },
  ],
  {
    title: { en: 'Leadership transfer', zh: '领导权转移' },
    description: {
      en: 'The leader hands leadership to a follower that is behind: it was disconnected for 100 ms while a=1, b=2 and c=3 were committed (dissertation §3.10). The leader stops accepting new commands, first sends the target the entries it is missing, and as soon as the target’s matchIndex reaches the end of its log sends it TimeoutNow. The target starts an election at once, without waiting for its timer, in a higher term; its log is up to date, so it wins, and the old leader becomes its follower.',
      zh: '领导者把领导权交给一个落后的跟随者：它在 a=1、b=2、c=3 被提交期间断开了 100 毫秒（博士论文 §3.10）。领导者停止接受新命令，先把目标缺少的条目发给它，一旦目标的 matchIndex 到达自己日志的末尾，就向它发送 TimeoutNow。目标不等计时器到期，立即在更高的任期发起选举；它的日志是最新的，因此当选，旧领导者成为它的跟随者。',
    },
    suggestions: [
      {
        en: 'Select the leader right after the transfer starts: the transferee is set, and the target’s matchIndex is still behind.',
        zh: '在转移开始后立即选中领导者：transferee 已经设置，而目标的 matchIndex 仍然落后。',
      },
      { en: 'Find the TimeoutNow message and check that it is sent only after the target has caught up.', zh: '找到 TimeoutNow 消息，确认它只在目标追上日志之后才发送。' },
      {
        en: 'Submit a command to the old leader during the transfer: it is refused, so the target can catch up.',
        zh: '在转移期间向旧领导者发送一条命令：它会被拒绝，这样目标才能追上。',
      },
    ],
  },
);
