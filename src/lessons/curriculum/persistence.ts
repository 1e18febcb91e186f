/** Lesson 7: persistence — which state must survive a crash (Figure 2: currentTerm, votedFor, log) and why. */
import type { ClusterOptions } from '../../sim';
import type { ScriptStep } from '../../scenario/presets/build';
import { buildLesson, elected, followers, leader, not, t, yesNo } from './build';

/**
 * S1 and S3 stand in term 1 at once; S3's RequestVotes travel slowly (100 ms)
 * and S3 never hears S1. S2 votes for S1, which wins; S3's request to S2 is
 * still on the wire.
 */
function doubleVoteSetup(options: Partial<ClusterOptions>): { options: Partial<ClusterOptions>; script: ScriptStep[] } {
  return {
    options: { servers: 3, seed: 'lesson-persistence', ...options },
    script: [
      { do: { type: 'setLink', from: 1, to: 3, up: false } },
      { do: { type: 'timeout', server: 1 } },
      { do: { type: 'setNetwork', settings: { latencyMs: [100, 100] } } },
      { do: { type: 'timeout', server: 3 } },
      { do: { type: 'setNetwork', settings: { latencyMs: [10, 20] } } },
      { until: (c) => c.leaderId() === 1, maxMs: 80, what: 'S1 winning term 1' },
    ],
  };
}

const twoLeaders = { kind: 'violation', property: 'Election Safety' } as const;

const restartS2 = {
  text: t('Crash S2 and restart it before S3’s request arrives.', '在 S3 的请求到达之前，让 S2 崩溃并重启。'),
  action: { type: 'restart', server: 2 },
  limitMs: 0,
} as const;

export const persistence = buildLesson(
  'persistence',
  t('What must survive a crash', '哪些状态必须在崩溃后保留'),
  t(
    'Figure 2 lists three pieces of persistent state — currentTerm, votedFor and the log — written to stable storage before a server answers any RPC. Everything else is rebuilt after a restart. Forget votedFor and a server can vote twice in one term: two leaders.',
    '图 2 列出了三项持久化状态——currentTerm、votedFor 和日志——服务器在响应任何 RPC 之前都要把它们写入稳定存储。其余的一切都会在重启后重建。如果忘记了 votedFor，服务器就可能在同一任期投两次票：出现两个领导者。',
  ),
  [
    {
      scenario: doubleVoteSetup({}),
      step: {
        narration: t(
          'S1 and S3 both became candidates in term 1. S2 voted for S1, which is now leader. S3’s RequestVote to S2 is slow: it is still on its way. S3 cannot hear S1 (its link is cut), so it is still a candidate.',
          'S1 和 S3 都成为了任期 1 的候选人。S2 投票给了 S1，S1 现在是领导者。S3 发给 S2 的 RequestVote 很慢：还在路上。S3 听不到 S1（链路被切断），所以它仍是候选人。',
        ),
        highlight: { servers: [2], messageType: 'RequestVote', control: 'crash' },
        task: restartS2,
        prediction: yesNo(
          t('After its restart, will S2 vote for S3 too, making two leaders in term 1?', '重启之后，S2 会再投票给 S3，使任期 1 出现两个领导者吗？'),
          t('Yes', '会'),
          t('No: it remembers it voted for S1', '不会：它记得自己投给了 S1'),
          twoLeaders,
          false,
          t('votedFor is persistent: after the restart S2 still knows it voted for S1 in term 1 and refuses S3.', 'votedFor 是持久化的：重启后 S2 仍然知道自己在任期 1 投给了 S1，于是拒绝 S3。'),
          100,
        ),
        demo: [{ action: { type: 'crash', server: 2 } }, { action: { type: 'restart', server: 2 } }],
      },
    },
    {
      scenario: doubleVoteSetup({ unsafe: { forgetVotedForOnRestart: true } }),
      step: {
        narration: t(
          'The same moment, with a rule broken (Settings → Break a rule → forget votedFor on restart): votedFor now lives only in memory.',
          '同一时刻，但破坏了一条规则（设置 → 破坏规则 → 重启后忘记 votedFor）：votedFor 现在只保存在内存里。',
        ),
        highlight: { servers: [2], control: 'settings' },
        counterexample: { unsafe: 'forgetVotedForOnRestart' },
        task: restartS2,
        prediction: yesNo(
          t('Now will S2 vote for S3 as well?', '现在 S2 会再投票给 S3 吗？'),
          t('Yes: it has forgotten its vote, and S3 wins too', '会：它忘记了自己的投票，S3 也当选了'),
          t('No', '不会'),
          twoLeaders,
          true,
          t(
            'S2 restarts in term 1 with no vote recorded, grants S3’s request, and S3 has 2 of 3 votes: S1 and S3 both lead term 1. The checker reports Election Safety.',
            'S2 在任期 1 重启，没有投票记录，于是同意了 S3 的请求，S3 获得 3 票中的 2 票：S1 和 S3 都是任期 1 的领导者。检查器报告违反选举安全性。',
          ),
          100,
        ),
        demo: [{ action: { type: 'crash', server: 2 } }, { action: { type: 'restart', server: 2 } }],
      },
    },
    {
      scenario: elected({ servers: 3, seed: 'lesson-persistence-log' }, { do: { type: 'submit', command: 'x=1' } }, { wait: 200 }),
      step: (c) => {
        const f = followers(c)[0]!;
        return {
          narration: t(
            'The log is persistent too: x=1 is committed on every server. commitIndex, lastApplied and the state machine are not — they are rebuilt.',
            '日志同样是持久化的：x=1 已在所有服务器上提交。commitIndex、lastApplied 和状态机则不是——它们会被重建。',
          ),
          highlight: { servers: [f], entry: { server: f, index: 1 } },
          task: {
            text: t(`Crash S${f} and restart it, then wait until its state machine has x = 1 again.`, `让 S${f} 崩溃并重启，然后等待它的状态机重新得到 x = 1。`),
            action: { type: 'restart', server: f },
            condition: { kind: 'kvEquals', server: f, key: 'x', value: '1' },
            limitMs: 1_000,
          },
          prediction: yesNo(
            t(`Right after the restart, S${f}’s commitIndex is 0. Does it still have x=1 in its log?`, `刚重启时，S${f} 的 commitIndex 为 0。它的日志中还有 x=1 吗？`),
            t('Yes: the log was on disk', '有：日志保存在磁盘上'),
            t('No: it must fetch it again', '没有：必须重新获取'),
            { kind: 'logsMatch', a: f, b: 'leader', upTo: 1 },
            true,
            t('The log survives; commitIndex is relearned from the leader’s next AppendEntries, and the state machine re-applies x=1.', '日志保留了下来；commitIndex 从领导者的下一个 AppendEntries 中重新得知，状态机重新应用 x=1。'),
            0,
          ),
          demo: [{ action: { type: 'crash', server: f } }, { action: { type: 'restart', server: f } }],
        };
      },
    },
    {
      step: (c) => {
        const l = leader(c);
        const term = c.server(l).term;
        return {
          narration: t(
            'currentTerm persists as well. A server that forgot its term could vote in a term it had already voted in, or accept a deposed leader.',
            'currentTerm 同样需要持久化。忘记任期的服务器可能在已经投过票的任期再次投票，或者接受一个已被取代的领导者。',
          ),
          highlight: { servers: [l], control: 'crash' },
          task: {
            text: t('Crash the leader, restart it, and wait for a leader.', '让领导者崩溃并重启，然后等待选出领导者。'),
            action: { type: 'restart', server: l },
            condition: { kind: 'leaderExists', minTerm: term + 1 },
            limitMs: 3_000,
          },
          prediction: yesNo(
            t(`After restarting, will S${l} be in a term below ${term}?`, `重启后，S${l} 的任期会低于 ${term} 吗？`),
            t('Yes: it starts again from term 0', '会：它从任期 0 重新开始'),
            t(`No: it is in term ${term} or later`, `不会：它的任期是 ${term} 或更高`),
            not({ kind: 'termAtLeast', term, server: l }),
            false,
            t('Terms only grow (Term Monotonicity, which the checker also watches): the restarted server reads its term back from disk.', '任期只会增长（任期单调性，检查器也在监视）：重启的服务器会从磁盘读回自己的任期。'),
            0,
          ),
          demo: [{ action: { type: 'crash', server: l } }, { action: { type: 'restart', server: l } }],
        };
      },
    },
    {
      step: {
        narration: t(
          'Everything else in a server is volatile and rebuilt: its role (it restarts as a follower), commitIndex, lastApplied, a leader’s nextIndex and matchIndex, and the state machine (re-applied, or loaded from a snapshot, lesson 8).',
          '服务器中的其余状态都是易失的，会被重建：角色（重启后是跟随者）、commitIndex、lastApplied、领导者的 nextIndex 和 matchIndex，以及状态机（重新应用，或从快照加载，见第 8 课）。',
        ),
        highlight: { control: 'logs' },
        task: { text: t('Check that every running server has x = 1 again.', '确认每台运行中的服务器都重新得到了 x = 1。'), condition: { kind: 'all', of: [1, 2, 3].map((server) => ({ kind: 'kvEquals', server, key: 'x', value: '1' }) as const) }, limitMs: 1_000 },
      },
    },
  ],
);
