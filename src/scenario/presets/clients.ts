/**
 * The presets about clients (§8): a retried write applied twice without client
 * sessions and once with them, a linearizable read through ReadIndex that a
 * cut-off leader cannot serve, and the same read served stale when the rule is
 * broken. Each script checks, at build time, that the run
 * really shows what its text says.
 */
import type { RaftCluster } from '../../sim';
import { check, clientIdle, hasLeader, leaderOf, recordOnUse, type PresetRecording } from './build';

/** The successful ClientReply on its way to client 1 (clients' addresses are negative: client k is -k). */
const replyToClient1 = (c: RaftCluster): number | undefined => c.messages().find((m) => m.type === 'ClientReply' && m.to === -1 && m.ok)?.id;

function retriedWrite(clientSessions: boolean): PresetRecording {
  return recordOnUse(
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

export const retryWithoutSessions: PresetRecording = retriedWrite(false);
export const retryWithSessions: PresetRecording = retriedWrite(true);

// ---- §8: a linearizable read via ReadIndex -------------------------------------

/**
 * The read a deposed leader is asked for, in two versions with one schedule:
 * with ReadIndex (the rule kept) and with readWithoutQuorum (§8 off), where the
 * old leader answers from its own state machine and the read is stale.
 */
function deposedLeaderRead(readWithoutQuorum: boolean): PresetRecording {
  let staleLeader = 0;
  return recordOnUse(
    readWithoutQuorum ? { servers: 5, seed: 'preset-read-index', unsafe: { readWithoutQuorum: true } } : { servers: 5, seed: 'preset-read-index' },
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
      check((c) => c.clients().find((k) => k.id === 1)?.history.at(-1)?.value === (readWithoutQuorum ? '1' : '2'), `the read returning x=${readWithoutQuorum ? 1 : 2}`),
      { wait: 200 },
    ],
    readWithoutQuorum
      ? {
          title: { en: 'A stale read: reads without a quorum check', zh: '过时读：不经多数确认的读' },
          description: {
            en: 'The schedule of “A linearizable read with ReadIndex”, with one rule broken: readWithoutQuorum lets a leader answer a read from its own state machine at once, without a heartbeat round to a majority and without a lease. Client 1 writes x=1; the leader is cut off alone; the other four elect a new leader, to which client 2 writes x=2, and that write is acknowledged. Client 1 then reads x from the old leader, which still believes it leads: it answers x=1. The read began after x=2 was acknowledged, so no order of the operations explains it: the history is not linearizable (§8), and the space-time view’s checker marks the stale read. With the rule kept, the same schedule reads x=2.',
            zh: '与“使用 ReadIndex 的线性一致读”相同的操作序列，但破坏了一条规则：readWithoutQuorum 让领导者直接用自己的状态机回答读请求，既不向多数派发一轮心跳确认，也不依赖租约。客户端 1 写入 x=1；领导者被单独隔离；其余四台选出新领导者，客户端 2 向它写入 x=2，并得到确认。随后客户端 1 向旧领导者读取 x，它仍以为自己是领导者，于是回答 x=1。这次读开始于 x=2 被确认之后，没有任何操作顺序能解释它：这段历史不是线性一致的（§8），时空图中的检查器会标出这次过时读。保留这条规则时，同样的序列读到的是 x=2。',
          },
          suggestions: [
            {
              en: 'Select the old leader when the read arrives: it answers at once, via “unconfirmed”, with x=1.',
              zh: '读请求到达时选中旧领导者：它立即以“未确认”方式回答 x=1。',
            },
            {
              en: 'Open the space-time view: the read’s interval starts after x=2’s ends, yet returns 1; the checker cannot place it.',
              zh: '打开时空图：这次读的区间开始于 x=2 的区间结束之后，却返回 1；检查器无法为它找到位置。',
            },
            {
              en: 'Turn readWithoutQuorum off in the settings (Break a rule) and replay: the old leader waits for a majority that never answers, and the client reads x=2 from the new leader.',
              zh: '在设置（破坏规则）中关闭 readWithoutQuorum 并重放：旧领导者等待一个永远不会回应的多数派，客户端从新领导者读到 x=2。',
            },
          ],
        }
      : {
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
}

export const readIndex: PresetRecording = deposedLeaderRead(false);
export const staleRead: PresetRecording = deposedLeaderRead(true);
