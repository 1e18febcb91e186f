/** Lesson 9: membership changes (§6): one server at a time, joint consensus, and the removed server that disrupts. */
import type { RaftCluster } from '../../sim';
import { configCommitted } from '../../scenario/presets/build';
import { removedServerDisrupts, removedServerQuiet } from '../../scenario/presets/leadership';
import { addTwoServers, jointConsensus } from '../../scenario/presets/membership';
import { all, atMark, buildLesson, committed, followers, leader, not, t, yesNo, type StepDraft } from './build';

/** A removed server campaigning against the cluster, without (false) or with (true) the §6 rule that ignores it. */
function removedStep(sticky: boolean): StepDraft {
  return {
    scenario: atMark((sticky ? removedServerQuiet : removedServerDisrupts).scenario),
    step: (c: RaftCluster) => {
      const l = leader(c);
      const term = c.server(l).term;
      const removed = Math.max(...followers(c));
      return {
        narration: sticky
          ? t(
              'The same, with the §6 rule on (leaderStickiness): a server that has heard from a leader within the minimum election timeout ignores RequestVote.',
              '同样的情形，但打开了 §6 的规则（leaderStickiness）：在最小选举超时之内收到过领导者消息的服务器会忽略 RequestVote。',
            )
          : t(
              `Remove S${removed} from the cluster. Once the change is committed the leader stops sending it heartbeats — but nobody tells it to stop running.`,
              `把 S${removed} 从集群中移除。变更提交后，领导者不再给它发心跳——但没有人让它停止运行。`,
            ),
        highlight: { servers: [removed], control: 'changeMembership' },
        task: { text: t(`Remove S${removed} from the configuration.`, `把 S${removed} 从配置中移除。`), action: { type: 'removeServer', server: removed }, limitMs: 0 },
        prediction: yesNo(
          t(`S${removed} times out and sends RequestVote with a higher term. Will the leader S${l} be forced out of term ${term}?`, `S${removed} 超时并发送更高任期的 RequestVote。领导者 S${l} 会被迫离开任期 ${term} 吗？`),
          t('Yes', '会'),
          t('No', '不会'),
          { kind: 'termAtLeast', term: term + 1, server: l },
          !sticky,
          sticky
            ? t('The members have heard from their leader recently, so they ignore the removed server’s RequestVote: no term changes, no disruption.', '成员们最近收到过领导者的消息，所以忽略被移除服务器的 RequestVote：任期不变，也没有干扰。')
            : t(
                'Its higher term reaches the others, the leader steps down, and a new election follows — again and again, since the removed server never hears the new leader (§6).',
                '它更高的任期传到其他服务器，领导者退为跟随者，随后进行新的选举——而且一再发生，因为被移除的服务器永远收不到新领导者的消息（§6）。',
              ),
          2_000,
        ),
        demo: [{ action: { type: 'removeServer', server: removed } }],
      };
    },
  };
}

export const membershipChanges = buildLesson(
  'membership-changes',
  t('Membership changes', '成员变更'),
  t(
    'The set of servers is itself a log entry. Changing it one server at a time is safe because the old and new majorities always overlap; a new server first catches up as a learner. For larger changes, joint consensus (C_old,new) needs majorities of both. A removed server can disrupt the cluster unless members ignore it while they hear from a leader (§6).',
    '服务器集合本身就是一个日志条目。一次只变更一台服务器是安全的，因为新旧多数派总有交集；新服务器先作为学习者追赶进度。更大的变更使用联合共识（C_old,new），需要新旧两个多数派。被移除的服务器可能干扰集群，除非成员在能收到领导者消息时忽略它（§6）。',
  ),
  [
    {
      scenario: atMark(addTwoServers.scenario),
      step: {
        narration: t(
          'Three voters have committed x=1. Add a fourth server: it starts empty and joins as a learner (it receives entries but does not vote); once caught up, the leader promotes it with a configuration entry.',
          '三个投票成员已经提交了 x=1。添加第四台服务器：它从空日志开始，以学习者身份加入（接收条目但不投票）；追上进度后，领导者通过一个配置条目把它提升为投票成员。',
        ),
        highlight: { control: 'addServer' },
        task: { text: t('Add a server and wait until S4 is a voter.', '添加一台服务器，等待 S4 成为投票成员。'), action: { type: 'addServer' }, condition: { kind: 'isVoter', server: 4, voter: true }, limitMs: 2_000 },
        prediction: yesNo(
          t('When S4 becomes a voter, will it already hold x=1?', 'S4 成为投票成员时，它已经有 x=1 了吗？'),
          t('Yes: it caught up as a learner first', '有：它先以学习者身份追上了进度'),
          t('No: it gets it later', '没有：之后才会得到'),
          { kind: 'logsMatch', a: 4, b: 'leader', upTo: 1 },
          true,
          t('A new server votes only once it has caught up, so adding it never leaves the cluster waiting on an empty log.', '新服务器只有在追上进度之后才投票，所以添加它不会让集群等待一个空日志。'),
          0,
        ),
        demo: [{ action: { type: 'addServer' } }],
      },
    },
    {
      step: {
        narration: t('One change at a time: the next may start only when the previous configuration entry is committed. Add a fifth server.', '一次只做一个变更：只有上一个配置条目提交之后，下一个变更才能开始。添加第五台服务器。'),
        highlight: { control: 'addServer' },
        task: { text: t('Add another server and wait until S5 is a voter.', '再添加一台服务器，等待 S5 成为投票成员。'), action: { type: 'addServer' }, condition: { kind: 'isVoter', server: 5, voter: true }, limitMs: 2_000 },
        demo: [{ until: configCommitted, action: { type: 'addServer' } }],
      },
    },
    {
      step: (c) => {
        const next = c.server(leader(c)).lastLogIndex + 1;
        const [a, b] = followers(c) as [number, number];
        return {
          narration: t('Five voters now: a majority is 3.', '现在有五个投票成员：多数是 3。'),
          highlight: { servers: [a, b], control: 'crash' },
          task: {
            text: t('Crash two followers, then send y=2 to the leader.', '让两个跟随者崩溃，然后向领导者发送 y=2。'),
            action: { type: 'crash', server: 'follower' },
            limitMs: 0,
          },
          prediction: yesNo(
            t('Will y=2 be committed with two of five servers down?', '五台中有两台宕机时，y=2 会被提交吗？'),
            t('Yes', '会'),
            t('No', '不会'),
            committed(next, [leader(c)]),
            true,
            t('Three of five is a majority: the grown cluster tolerates two failures, where three servers tolerated one.', '五台中的三台是多数：扩容后的集群能容忍两台故障，而三台时只能容忍一台。'),
            500,
          ),
          demo: [{ action: { type: 'crash', server: a } }, { action: { type: 'crash', server: b } }, { action: { type: 'submit', command: 'y=2', server: leader(c) } }],
        };
      },
    },
    {
      scenario: atMark(jointConsensus.scenario),
      step: (c) => {
        const l = leader(c);
        const target = [...followers(c), 4];
        return {
          narration: t(
            `Replace the leader S${l} by a new server S4 in one change: joint consensus. The leader appends C_old,new — decisions then need a majority of the old voters and of the new — and, once that is committed, C_new.`,
            `通过一次变更用新服务器 S4 替换领导者 S${l}：联合共识。领导者追加 C_old,new——此后的决定需要旧投票成员和新投票成员各自的多数——该条目提交后再追加 C_new。`,
          ),
          highlight: { servers: [l], control: 'changeMembership' },
          task: {
            text: t(`Change the membership to ${target.map((id) => `S${id}`).join(', ')} and wait for a leader in the new configuration.`, `把成员变更为 ${target.map((id) => `S${id}`).join('、')}，等待新配置中选出领导者。`),
            action: { type: 'changeMembership' },
            condition: all({ kind: 'leaderExists' }, not({ kind: 'isLeader', server: l }), { kind: 'isVoter', server: 4, voter: true }),
            limitMs: 3_000,
          },
          prediction: yesNo(
            t(`S${l} is not in C_new. Does it stay leader?`, `S${l} 不在 C_new 中。它还会继续当领导者吗？`),
            t('Yes', '会'),
            t('No: it steps down once C_new is committed', '不会：C_new 提交后它就退位'),
            { kind: 'isLeader', server: l },
            false,
            t('It manages the cluster until C_new is committed, then steps down; the new voters elect a leader among themselves.', '它一直管理集群直到 C_new 提交，然后退位；新的投票成员在它们之间选出领导者。'),
            300,
          ),
          demo: [{ action: { type: 'changeMembership', servers: target } }],
        };
      },
    },
    removedStep(false),
    removedStep(true),
  ],
);
