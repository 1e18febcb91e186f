/** Lesson 10: clients (§8): retries and sessions, linearizable reads with ReadIndex, and the stale read without them. */
import type { RaftCluster } from '../../sim';
import { readIndex, retryWithoutSessions, retryWithSessions, staleRead } from '../../scenario/presets/clients';
import { atMark, buildLesson, t, type StepDraft } from './build';

/** The successful ClientReply on its way to client 1 (client k's address is -k). */
const replyToClient1 = (c: RaftCluster): number | undefined => c.messages().find((m) => m.type === 'ClientReply' && m.to === -1 && m.ok)?.id;

const balance = (value: string) => ({ kind: 'kvEquals', server: 'leader', key: 'balance', value }) as const;

function retryStep(sessions: boolean): StepDraft {
  return {
    scenario: atMark((sessions ? retryWithSessions : retryWithoutSessions).scenario),
    step: {
      narration: sessions
        ? t(
            'The same, with client sessions (§8): each request carries the client’s id and a sequence number, and the state machine remembers the last one it applied for each client.',
            '同样的情形，但使用客户端会话（§8）：每个请求都带有客户端编号和序号，状态机记住每个客户端最后应用的序号。',
          )
        : t(
            'Client 1 deposits 10 with balance+=10. The leader commits it and replies — and the reply is lost. The client cannot tell a lost reply from a lost request, so it retries.',
            '客户端 1 用 balance+=10 存入 10。领导者提交了它并回复——但回复丢失了。客户端无法区分是回复丢了还是请求丢了，于是重试。',
          ),
      highlight: { messageType: 'ClientReply', control: 'clients' },
      task: {
        text: t('Send balance+=10 as client 1, then drop the leader’s reply on the wire.', '以客户端 1 发送 balance+=10，然后丢弃线路上领导者的回复。'),
        action: { type: 'dropMessage' },
        condition: { kind: 'any', of: [balance('10'), balance('20')] },
        limitMs: 3_000,
      },
      prediction: {
        question: t('After the retry, what is the balance?', '重试之后，余额是多少？'),
        choices: [
          { text: t('10: one deposit', '10：存入一次'), condition: balance('10') },
          { text: t('20: the deposit applied twice', '20：存款被应用了两次'), condition: balance('20') },
        ],
        answer: sessions ? 0 : 1,
        explanation: sessions
          ? t('The leader recognises the retry (same client, same sequence number) and answers it from the session without applying it again: 10.', '领导者识别出这是重试（同一客户端、同一序号），直接根据会话回答，而不再应用一次：10。')
          : t('Without sessions the retry is a new entry, and every state machine applies the increment again: 20, though the client asked for one deposit.', '没有会话时，重试是一个新条目，每个状态机都会再应用一次：20，尽管客户端只要求存一次。'),
        observeMs: 1_500,
      },
      demo: [
        { action: { type: 'clientRequest', client: 1, command: 'balance+=10' } },
        { until: (c) => replyToClient1(c) !== undefined, action: (c) => ({ type: 'dropMessage', message: replyToClient1(c)! }) },
      ],
    },
  };
}

function readStep(stale: boolean): StepDraft {
  return {
    scenario: atMark((stale ? staleRead : readIndex).scenario),
    step: {
      narration: stale
        ? t(
            'The same schedule with a rule broken (Settings → Break a rule → answer reads without a quorum): a leader answers reads from its own state machine at once.',
            '同样的操作序列，但破坏了一条规则（设置 → 破坏规则 → 不经多数派确认就回答读请求）：领导者立即用自己的状态机回答读请求。',
          )
        : t(
            'Client 1 wrote x=1. Then the leader was cut off alone; the other four elected a new leader, and client 2 wrote x=2, which was acknowledged. Client 1 still believes the old leader leads.',
            '客户端 1 写入了 x=1。随后领导者被单独隔离；其余四台选出了新领导者，客户端 2 写入了 x=2 并得到确认。客户端 1 仍以为旧领导者是领导者。',
          ),
      highlight: { control: 'clients' },
      task: {
        text: t('Ask client 1 to read x, and wait for the answer.', '让客户端 1 读取 x，并等待回答。'),
        action: { type: 'clientRequest', client: 1, read: 'x' },
        condition: { kind: 'clientRead', client: 1, value: stale ? '1' : '2' },
        limitMs: 3_000,
      },
      prediction: {
        question: t('What does client 1 read?', '客户端 1 读到什么？'),
        choices: [
          { text: t('x = 2, the acknowledged write', 'x = 2，已被确认的写入'), condition: { kind: 'clientRead', client: 1, value: '2' } },
          { text: t('x = 1, from the old leader', 'x = 1，来自旧领导者'), condition: { kind: 'clientRead', client: 1, value: '1' } },
        ],
        answer: stale ? 1 : 0,
        explanation: stale
          ? t(
              'The old leader still believes it leads and answers x = 1 — after x = 2 was acknowledged. No order of the operations explains that: the history is not linearizable. The space-time diagram’s checker marks the stale read.',
              '旧领导者仍以为自己是领导者，回答 x = 1——而此时 x = 2 已被确认。没有任何操作顺序能解释这一点：这段历史不是线性一致的。时空图中的检查器会标出这次过时读。',
            )
          : t(
              'ReadIndex (§8): before answering, a leader confirms it still leads with a heartbeat round acknowledged by a majority. The cut-off leader never gets it; the client times out, tries the new leader and reads x = 2.',
              'ReadIndex（§8）：领导者在回答之前，要通过一轮被多数派确认的心跳证明自己仍是领导者。被隔离的旧领导者永远得不到确认；客户端超时后转向新领导者，读到 x = 2。',
            ),
        observeMs: 0,
      },
      demo: [{ action: { type: 'clientRequest', client: 1, read: 'x' } }],
    },
  };
}

export const clients = buildLesson(
  'clients',
  t('Clients', '客户端'),
  t(
    'Raft gives clients exactly-once writes and linearizable reads only with two more pieces (§8): client sessions, so a retried request is applied once, and a check that the leader still leads before it answers a read (ReadIndex or a lease). Without them, a deposit is applied twice and a deposed leader serves stale data.',
    'Raft 要为客户端提供“恰好一次”的写入和线性一致的读取，还需要两样东西（§8）：客户端会话，使重试的请求只被应用一次；以及领导者在回答读请求前确认自己仍是领导者（ReadIndex 或租约）。缺少它们，一次存款会被应用两次，被取代的领导者会返回过时数据。',
  ),
  [
    retryStep(false),
    retryStep(true),
    readStep(false),
    readStep(true),
    {
      step: {
        narration: t(
          'The logs are all correct — no entry was lost or changed — so the safety checker, which watches the logs, has nothing to say. What broke is what the client saw: linearizability, checked over the clients’ history (the space-time diagram).',
          '所有日志都是正确的——没有条目丢失或被修改——所以监视日志的安全检查器无话可说。被破坏的是客户端看到的东西：线性一致性，它通过客户端的历史来检查（见时空图）。',
        ),
        highlight: { control: 'spaceTime' },
        // No task: a leader already exists when the step starts; the prediction moves time on (observeMs).
        prediction: {
          question: t('Does the safety checker report a violation of the logs?', '安全检查器会报告日志违规吗？'),
          choices: [
            { text: t('Yes', '会'), condition: { kind: 'violation' } },
            { text: t('No: the logs are fine; the read was not', '不会：日志没问题，有问题的是那次读'), condition: { kind: 'not', of: { kind: 'violation' } } },
          ],
          answer: 1,
          explanation: t('Log safety and linearizable reads are different promises: §8’s read rule protects the second.', '日志安全与线性一致读是两种不同的保证：§8 的读规则保护的是后者。'),
          observeMs: 500,
        },
      },
    },
  ],
);
