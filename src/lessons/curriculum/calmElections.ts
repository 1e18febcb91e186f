/** Lesson 11: keeping elections calm — PreVote (dissertation §9.6), CheckQuorum (§6.2) and leadership transfer (§3.10). */
import type { RaftCluster } from '../../sim';
import { checkQuorumStepDown, leadershipTransfer, rejoinWithoutPreVote, rejoinWithPreVote } from '../../scenario/presets/leadership';
import { atMark, buildLesson, leader, not, t, yesNo, type StepDraft } from './build';

/** The server the rejoin presets disconnected. */
const isolated = (c: RaftCluster): number => c.ids().find((id) => !c.server(id).connected)!;

// The leader a step hands over from, named again in the step after it (the builder plays steps in order).
let handedOver = 0;

function rejoinStep(preVote: boolean): StepDraft {
  return {
    scenario: atMark((preVote ? rejoinWithPreVote : rejoinWithoutPreVote).scenario),
    step: (c) => {
      const i = isolated(c);
      const l = leader(c);
      const term = c.server(l).term;
      return {
        narration: preVote
          ? t(
              `The same, with PreVote on: before raising its term, a server asks whether the others would vote for it. Cut off, S${i} never gets a majority of pre-votes, so its term stays ${c.server(i).term}.`,
              `同样的情形，但打开了 PreVote：服务器在提高任期之前，先询问其他服务器是否会投票给它。被隔离的 S${i} 永远得不到多数预投票，所以它的任期保持为 ${c.server(i).term}。`,
            )
          : t(
              `S${i} was cut off while the others committed three commands. Alone, it timed out again and again, each time in a new term: it is at term ${c.server(i).term}, the cluster at ${term}.`,
              `S${i} 被隔离期间，其他服务器提交了三条命令。它独自一次又一次地超时，每次都进入新任期：它现在处于任期 ${c.server(i).term}，而集群处于任期 ${term}。`,
            ),
        highlight: { servers: [i], control: 'disconnect' },
        task: { text: t(`Reconnect S${i}.`, `重新连接 S${i}。`), action: { type: 'connect', server: i }, limitMs: 0 },
        prediction: yesNo(
          t(`Will the working leader S${l} be deposed when S${i} comes back?`, `S${i} 回来时，正常工作的领导者 S${l} 会被取代吗？`),
          t('Yes', '会'),
          t('No', '不会'),
          { kind: 'termAtLeast', term: term + 1, server: l },
          !preVote,
          preVote
            ? t(`S${i} rejoins with its old term, hears the leader and follows it: nothing is disturbed.`, `S${i} 以原来的任期重新加入，收到领导者的消息后跟随它：没有任何干扰。`)
            : t(
                `The leader’s next AppendEntries is refused with S${i}’s higher term, and the leader steps down. S${i} cannot win (its log is behind), but a healthy leader was deposed for nothing.`,
                `领导者的下一个 AppendEntries 被 S${i} 以更高的任期拒绝，领导者随即退位。S${i} 无法当选（它的日志落后），但一个健康的领导者被白白取代了。`,
              ),
          1_000,
        ),
        demo: [{ action: { type: 'connect', server: i } }],
      };
    },
  };
}

export const calmElections = buildLesson(
  'calm-elections',
  t('Keeping elections calm', '让选举保持平稳'),
  t(
    'Three extensions from Ongaro’s dissertation keep a healthy cluster from needless elections: PreVote (§9.6) stops a rejoining server from forcing a new term; CheckQuorum (§6.2) makes a leader that lost its majority step down; leadership transfer (§3.10) hands leadership over on purpose, after catching the target up.',
    'Ongaro 博士论文中的三个扩展可以避免健康集群发生不必要的选举：PreVote（§9.6）阻止重新加入的服务器强行开启新任期；CheckQuorum（§6.2）让失去多数派的领导者主动退位；领导权转移（§3.10）在让目标追上进度后，有意地移交领导权。',
  ),
  [
    rejoinStep(false),
    rejoinStep(true),
    {
      scenario: atMark(checkQuorumStepDown.scenario),
      step: (c) => {
        const l = leader(c);
        return {
          narration: t(
            'CheckQuorum is on: a leader that has not heard from a majority within an election timeout steps down. Cut the leader off alone.',
            'CheckQuorum 已打开：在一个选举超时内没有收到多数派消息的领导者会主动退位。把领导者单独隔离。',
          ),
          highlight: { servers: [l], control: 'isolate' },
          task: {
            text: t(`Partition S${l} from the other four and wait until it is no longer leader.`, `把 S${l} 与其他四台隔开，等待它不再是领导者。`),
            action: { type: 'partition' },
            condition: not({ kind: 'role', server: l, role: 'leader' }),
            limitMs: 1_000,
          },
          prediction: yesNo(
            t(`Cut off alone, will S${l} stop acting as leader by itself, before anyone tells it?`, `被单独隔离后，S${l} 会在没有任何人通知的情况下自行停止担任领导者吗？`),
            t('Yes', '会'),
            t('No: it leads until it hears a higher term', '不会：它会一直当领导者，直到听到更高的任期'),
            not({ kind: 'role', server: l, role: 'leader' }),
            true,
            t('Without CheckQuorum it would go on believing it leads (and clients might keep talking to it); with it, it steps down after an election timeout without a majority.', '没有 CheckQuorum 时，它会一直以为自己是领导者（客户端也可能继续找它）；有了它，它在一个选举超时内联系不上多数派就退位。'),
            0,
          ),
          demo: [{ action: { type: 'partition', groups: [[l], c.ids().filter((id) => id !== l)] } }],
        };
      },
    },
    {
      scenario: atMark(leadershipTransfer.scenario),
      step: (c) => {
        const l = (handedOver = leader(c));
        const target = isolated(c);
        return {
          narration: t(
            `S${target} was disconnected while a=1, b=2 and c=3 were committed, and is now behind. Hand leadership to it anyway — say, to take S${l} down for maintenance.`,
            `S${target} 在 a=1、b=2、c=3 提交期间被断开，现在落后了。仍然把领导权交给它——比如为了让 S${l} 停机维护。`,
          ),
          highlight: { servers: [target], control: 'transferLeadership' },
          task: {
            text: t(`Reconnect S${target}, transfer leadership to it and wait until it leads.`, `重新连接 S${target}，把领导权转移给它，等待它成为领导者。`),
            action: { type: 'transferLeadership', server: target },
            condition: { kind: 'isLeader', server: target },
            limitMs: 1_000,
          },
          prediction: yesNo(
            t(`Will S${target} lead with a=1, b=2 and c=3 in its state machine?`, `S${target} 成为领导者时，它的状态机中会有 a=1、b=2 和 c=3 吗？`),
            t('Yes: the leader catches it up first', '会：领导者会先让它追上进度'),
            t('No: those entries are lost', '不会：这些条目丢失了'),
            { kind: 'kvEquals', server: target, key: 'c', value: '3' },
            true,
            t('The leader first brings the target’s log up to date, refusing new commands meanwhile, then sends TimeoutNow: the target starts an election at once and, with its log up to date, wins it.', '领导者先让目标的日志追上进度，同时拒绝新命令，然后发送 TimeoutNow：目标立即发起选举，而它的日志已经足够新，于是当选。'),
            200,
          ),
          demo: [{ action: { type: 'connect', server: target } }, { action: { type: 'transferLeadership', server: target } }],
        };
      },
    },
    {
      step: (c) => {
        const term = c.server(leader(c)).term;
        return {
          narration: t(`S${handedOver} is a follower now and can be stopped without an election.`, `S${handedOver} 现在是跟随者，可以在不引发选举的情况下停机。`),
          highlight: { servers: [handedOver], control: 'crash' },
          task: { text: t(`Crash S${handedOver}.`, `让 S${handedOver} 崩溃。`), action: { type: 'crash', server: handedOver }, limitMs: 0 },
          prediction: yesNo(
            t('Will the cluster need a new election (a new term)?', '集群需要一次新的选举（新任期）吗？'),
            t('Yes', '需要'),
            t('No: the leader is still running', '不需要：领导者仍在运行'),
            { kind: 'termAtLeast', term: term + 1 },
            false,
            t('Stopping a follower disturbs nobody: that is why operators transfer leadership before maintenance.', '停掉一个跟随者不会干扰任何人：这就是运维人员在维护前先转移领导权的原因。'),
            1_000,
          ),
          demo: [{ action: { type: 'crash', server: handedOver } }],
        };
      },
    },
  ],
);
