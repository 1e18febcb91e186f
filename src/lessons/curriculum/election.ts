/** Lesson 2: terms and leader election (§5.2). */
import type { RaftCluster } from '../../sim';
import { all, buildLesson, followers, leader, not, t } from './build';

/** The server whose election timer fires first (the simulator's view of its deadline). */
function firstToTimeOut(c: RaftCluster): number {
  return c.ids().reduce((best, id) => ((c.server(id).electionDeadline ?? Infinity) < (c.server(best).electionDeadline ?? Infinity) ? id : best));
}

export const leaderElection = buildLesson(
  'leader-election',
  t('Terms and leader election', '任期与领导者选举'),
  t(
    'Time is divided into terms, each with at most one leader. A follower that hears nothing for an election timeout becomes a candidate, raises its term, votes for itself and asks the others with RequestVote; a server grants one vote per term. Randomized timeouts make split votes rare (§5.2).',
    '时间被划分为任期，每个任期至多有一个领导者。跟随者在一个选举超时内没有收到任何消息，就成为候选人：任期加一，投票给自己，并用 RequestVote 请求其他服务器投票；每台服务器每个任期只投一票。随机化的选举超时让选票分裂很少发生（§5.2）。',
  ),
  [
    {
      scenario: { options: { servers: 5, seed: 'lesson-election-3' } },
      step: (c) => {
        const first = firstToTimeOut(c);
        const other = c.ids().find((id) => id !== first)!;
        return {
          narration: t(
            'Five servers start as followers in term 0. Each has an election timer drawn at random between 150 and 300 ms (the ring around each server). Nobody is leader yet.',
            '五台服务器都以跟随者身份从任期 0 开始。每台都有一个在 150 到 300 毫秒之间随机选取的选举计时器（服务器周围的圆环）。现在还没有领导者。',
          ),
          highlight: { servers: [first], messageType: 'RequestVote' },
          task: { text: t('Press Play and watch until a leader is elected.', '按下播放，观察直到选出领导者。'), condition: { kind: 'leaderExists' }, limitMs: 3_000 },
          prediction: {
            question: t('Which server will become the first leader?', '哪台服务器会成为第一个领导者？'),
            choices: [
              { text: t(`S${first}, whose timer runs out first`, `S${first}，它的计时器最先到期`), condition: { kind: 'isLeader', server: first } },
              { text: t(`S${other}`, `S${other}`), condition: { kind: 'isLeader', server: other } },
              { text: t('Nobody: they all start elections at once', '没有人：它们同时发起选举'), condition: not({ kind: 'leaderExists' }) },
            ],
            answer: 0,
            explanation: t(
              `S${first} times out first, becomes a candidate in term 1 and asks for votes. The others have not voted in term 1, so each grants its vote; with a majority (3 of 5) S${first} becomes leader before anyone else times out.`,
              `S${first} 最先超时，成为任期 1 的候选人并请求投票。其他服务器在任期 1 还没有投过票，于是各自投给它；获得多数（5 票中的 3 票）后，S${first} 在其他服务器超时之前就成为了领导者。`,
            ),
            observeMs: 0,
          },
        };
      },
    },
    {
      step: (c) => {
        const term = c.server(leader(c)).term;
        return {
          narration: t(
            'The leader sends empty AppendEntries (heartbeats) every 50 ms. Each one resets the followers’ election timers.',
            '领导者每 50 毫秒发送一次空的 AppendEntries（心跳）。每次心跳都会重置跟随者的选举计时器。',
          ),
          highlight: { messageType: 'AppendEntries', control: 'play' },
          prediction: {
            question: t('If nothing goes wrong for two seconds, will anyone start a new election?', '如果接下来两秒一切正常，会有服务器发起新的选举吗？'),
            choices: [
              { text: t('Yes: timers keep running out', '会：计时器总会到期'), condition: { kind: 'termAtLeast', term: term + 1 } },
              { text: t('No: heartbeats keep resetting the timers', '不会：心跳不断重置计时器'), condition: not({ kind: 'termAtLeast', term: term + 1 }) },
            ],
            answer: 1,
            explanation: t('A heartbeat arrives well within every timeout, so no follower ever times out and the term stays the same.', '心跳总是在超时之前到达，所以没有跟随者会超时，任期保持不变。'),
            observeMs: 2_000,
          },
        };
      },
    },
    {
      step: (c) => {
        const l = leader(c);
        const term = c.server(l).term;
        const f = followers(c)[0]!;
        return {
          narration: t(
            'Now force a follower’s timer to run out, as if heartbeats had been slow. It becomes a candidate in a new term.',
            '现在强制让一个跟随者的计时器到期，就像心跳来得太慢一样。它会在一个新任期成为候选人。',
          ),
          highlight: { servers: [f], control: 'timeout' },
          task: { text: t('Force an election timeout on a follower.', '强制一个跟随者选举超时。'), action: { type: 'timeout', server: 'follower' }, limitMs: 0 },
          prediction: {
            question: t(`S${l} is a healthy leader of term ${term}. What happens?`, `S${l} 是任期 ${term} 的正常领导者。接下来会发生什么？`),
            choices: [
              { text: t(`A new term begins and a leader is elected in it; S${l} steps down`, `新任期开始并选出其领导者；S${l} 退为跟随者`), condition: { kind: 'leaderExists', minTerm: term + 1 } },
              { text: t(`Nothing changes: S${l} stays leader of term ${term}`, `什么都不变：S${l} 仍是任期 ${term} 的领导者`), condition: all({ kind: 'isLeader', server: l }, not({ kind: 'termAtLeast', term: term + 1 })) },
            ],
            answer: 0,
            explanation: t(
              'The candidate’s RequestVote carries a higher term. Every server that sees a higher term adopts it and becomes a follower — the old leader too. The others have not voted in the new term, so the candidate can win it.',
              '候选人的 RequestVote 带有更高的任期。任何看到更高任期的服务器都会采用它并成为跟随者——旧领导者也一样。其他服务器在新任期中还没有投票，所以候选人可以赢得选举。',
            ),
            observeMs: 500,
          },
          demo: [{ action: { type: 'timeout', server: f } }],
        };
      },
    },
    {
      scenario: { options: { servers: 4, seed: 'preset-split-vote-11' } },
      step: {
        narration: t(
          'Four servers: a majority is 3. What if two followers time out at the same moment? Each votes for itself, and the other two votes are split.',
          '四台服务器：多数是 3。如果两个跟随者在同一时刻超时会怎样？它们各自投票给自己，另外两票被分掉。',
        ),
        highlight: { servers: [1, 2], control: 'timeout' },
        task: { text: t('Force timeouts on S1 and S2 at once.', '同时强制 S1 和 S2 超时。'), action: { type: 'timeout', server: 2 }, limitMs: 0 },
        prediction: {
          question: t('Both are candidates in term 1. Will either win term 1?', '两者都是任期 1 的候选人。有谁能赢得任期 1 吗？'),
          choices: [
            { text: t('Yes, one of them wins term 1', '能，其中一个赢得任期 1'), condition: all({ kind: 'leaderExists' }, not({ kind: 'termAtLeast', term: 2 })) },
            { text: t('No: term 1 has no leader; a later term elects one', '不能：任期 1 没有领导者；之后的某个任期才选出领导者'), condition: { kind: 'leaderExists', minTerm: 2 } },
          ],
          answer: 1,
          explanation: t(
            'Neither reaches 3 votes, so term 1 ends without a leader: a split vote. Their timers were reset at random, so one of them times out first, starts term 2 and wins before the other tries again — that is why election timeouts are randomized.',
            '两者都得不到 3 票，任期 1 在没有领导者的情况下结束：这就是选票分裂。它们的计时器被随机重置，所以其中一个先超时，开始任期 2，并在另一个再次尝试之前当选——这就是选举超时要随机化的原因。',
          ),
          observeMs: 1_500,
        },
        demo: [{ action: { type: 'timeout', server: 1 } }, { action: { type: 'timeout', server: 2 } }],
      },
    },
    {
      step: (c) => {
        const l = leader(c);
        const term = c.server(l).term;
        return {
          narration: t('Finally, the leader crashes. Followers stop hearing heartbeats.', '最后，领导者崩溃了。跟随者再也收不到心跳。'),
          highlight: { servers: [l], control: 'crash' },
          task: {
            text: t('Crash the leader, and wait for a new one.', '让领导者崩溃，并等待新的领导者。'),
            action: { type: 'crash', server: 'leader' },
            condition: { kind: 'leaderExists', minTerm: term + 1 },
            limitMs: 3_000,
          },
          prediction: {
            question: t('What do the three remaining servers do?', '剩下的三台服务器会怎样？'),
            choices: [
              { text: t('Elect a new leader in a higher term', '在更高的任期选出新领导者'), condition: { kind: 'leaderExists', minTerm: term + 1 } },
              { text: t('Wait for the old leader to come back', '等待旧领导者恢复'), condition: not({ kind: 'leaderExists' }) },
            ],
            answer: 0,
            explanation: t('3 of 4 is a majority: the first follower to time out starts a new term and wins it.', '4 台中的 3 台是多数：第一个超时的跟随者开始新任期并赢得选举。'),
            observeMs: 300,
          },
          demo: [{ action: { type: 'crash', server: l } }],
        };
      },
    },
  ],
);
