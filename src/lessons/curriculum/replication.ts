/** Lesson 3: log replication (§5.3): entries, AppendEntries, commitIndex, applying. */
import { all, buildLesson, committed, elected, followers, leader, t, yesNo } from './build';

export const logReplication = buildLesson(
  'log-replication',
  t('Log replication', '日志复制'),
  t(
    'The leader appends each command to its log and sends it with AppendEntries; once a majority has stored an entry, the leader commits it, tells the followers through leaderCommit, and every server applies it to its state machine. A follower that falls behind is brought up to date (§5.3).',
    '领导者把每条命令追加到自己的日志，并通过 AppendEntries 发送出去；一旦多数派存储了某个条目，领导者就提交它，并通过 leaderCommit 告诉跟随者，之后每台服务器都把它应用到状态机上。落后的跟随者会被追上进度（§5.3）。',
  ),
  [
    {
      scenario: elected({ servers: 5, seed: 'lesson-replication' }),
      step: (c) => ({
        narration: t(
          'A leader has been elected and every log is empty. Clients send commands to the leader.',
          '已经选出领导者，所有日志都是空的。客户端把命令发给领导者。',
        ),
        highlight: { servers: [leader(c)], control: 'commandBox' },
        task: {
          text: t('Send the command x=1 to the leader and wait until the leader has committed it.', '向领导者发送命令 x=1，等待领导者提交它。'),
          action: { type: 'submit', command: 'x=1' },
          condition: committed(1, [leader(c)]),
          limitMs: 1_000,
        },
        prediction: yesNo(
          t('The leader has committed index 1. Will the followers also mark it committed, without another command?', '领导者已经提交了索引 1。在没有新命令的情况下，跟随者也会把它标记为已提交吗？'),
          t('Yes: the next AppendEntries carries leaderCommit', '会：下一次 AppendEntries 会带上 leaderCommit'),
          t('No: only the leader needs to know', '不会：只有领导者需要知道'),
          committed(1, 'all'),
          true,
          t(
            'Every AppendEntries — heartbeats too — carries the leader’s commitIndex (leaderCommit). A follower that has the entry sets its commitIndex to min(leaderCommit, index of its last new entry).',
            '每个 AppendEntries——包括心跳——都带有领导者的 commitIndex（leaderCommit）。拥有该条目的跟随者把自己的 commitIndex 设为 min(leaderCommit, 最后一个新条目的索引)。',
          ),
          200,
        ),
        demo: [{ action: { type: 'submit', command: 'x=1', server: leader(c) } }],
      }),
    },
    {
      step: (c) => {
        const f = c.ids().find((id) => id !== leader(c))!;
        return {
          narration: t(
            'Committed entries are applied, in index order, to each server’s state machine — here a small key-value store; lastApplied follows commitIndex. The state machine is not persistent: a restarted server rebuilds it by applying its log again, once it learns the commit index from the leader.',
            '已提交的条目按索引顺序应用到每台服务器的状态机上——这里是一个小型键值存储；lastApplied 紧随 commitIndex。状态机不是持久化的：重启的服务器从领导者那里得知提交索引后，重新应用日志来重建状态机。',
          ),
          highlight: { servers: [f], entry: { server: f, index: 1 } },
          // The step starts with x = 1 everywhere, so the task is to lose it and watch it come back (not to confirm what already holds).
          task: {
            text: t(`Crash S${f} and restart it, then play until its state machine has x = 1 again.`, `让 S${f} 崩溃再重启，然后播放，直到它的状态机中再次有 x = 1。`),
            action: { type: 'restart', server: f },
            condition: { kind: 'kvEquals', server: f, key: 'x', value: '1' },
            limitMs: 500,
          },
          demo: [{ action: { type: 'crash', server: f } }, { action: { type: 'restart', server: f } }],
        };
      },
    },
    {
      step: (c) => {
        const f = followers(c)[0]!;
        return {
          narration: t('A follower is cut off from the network. The leader goes on without it.', '一个跟随者与网络断开了。领导者没有它也照常工作。'),
          highlight: { servers: [f], control: 'disconnect' },
          task: {
            text: t('Disconnect a follower, then send y=2, y=3 and y=4.', '断开一个跟随者，然后发送 y=2、y=3 和 y=4。'),
            action: { type: 'disconnect', server: 'follower' },
            condition: committed(4, [leader(c)]),
            limitMs: 1_000,
          },
          prediction: yesNo(
            t(`Is S${f} missing from the commit of index 4?`, `S${f} 不在，索引 4 会被提交吗？`),
            t('It is committed on the other four', '会在其他四台上提交'),
            t('Nothing commits until it is back', '它回来之前什么都不会提交'),
            committed(4, c.ids().filter((id) => id !== f)),
            true,
            t('4 of 5 is a majority; the leader commits without the missing follower.', '5 台中的 4 台是多数，领导者不需要那个断开的跟随者也能提交。'),
            200,
          ),
          demo: [
            { action: { type: 'disconnect', server: f } },
            { action: { type: 'submit', command: 'y=2', server: leader(c) } },
            { action: { type: 'submit', command: 'y=3', server: leader(c) } },
            { action: { type: 'submit', command: 'y=4', server: leader(c) } },
          ],
        };
      },
    },
    {
      step: (c) => {
        const f = c.ids().find((id) => !c.server(id).connected)!;
        return {
          narration: t(
            `S${f} comes back with only index 1. The leader keeps a nextIndex for each follower: the next entry to send it.`,
            `S${f} 回来了，日志中只有索引 1。领导者为每个跟随者维护一个 nextIndex：下一个要发给它的条目。`,
          ),
          highlight: { servers: [f], control: 'logs' },
          task: {
            text: t(`Reconnect S${f} and wait until its log matches the leader’s.`, `重新连接 S${f}，等待它的日志与领导者一致。`),
            action: { type: 'connect', server: f },
            condition: { kind: 'logsMatch', a: f, b: 'leader', upTo: 4 },
            limitMs: 1_000,
          },
          prediction: yesNo(
            t(`Will S${f} catch up without any new command?`, `在没有新命令的情况下，S${f} 会追上吗？`),
            t('Yes: the leader sends it the missing entries', '会：领导者会把缺失的条目发给它'),
            t('No: it stays behind until the next command', '不会：它会一直落后，直到下一条命令'),
            all({ kind: 'logsMatch', a: f, b: 'leader', upTo: 4 }, committed(4, [f])),
            true,
            t(
              'The next heartbeat to it has prevLogIndex 4, which it does not have: it refuses. The leader lowers nextIndex and retries until the logs agree, then sends the missing entries (the consistency check, §5.3).',
              '发给它的下一次心跳的 prevLogIndex 为 4，而它没有这个条目：于是拒绝。领导者降低 nextIndex 并重试，直到日志一致，然后发送缺失的条目（一致性检查，§5.3）。',
            ),
            300,
          ),
          demo: [{ action: { type: 'connect', server: f } }],
        };
      },
    },
    {
      step: (c) => {
        const l = leader(c);
        const [a, ...rest] = followers(c) as [number, ...number[]];
        return {
          narration: t(
            'Now the leader itself is cut off with one follower. It still thinks it leads and accepts a command.',
            '现在领导者本身和一个跟随者一起被隔离了。它仍以为自己是领导者，并接受了一条命令。',
          ),
          highlight: { servers: [l, a], control: 'partition' },
          task: { text: t('Partition the leader and one follower from the rest, then send z=5 to the old leader.', '把领导者和一个跟随者与其余服务器隔开，然后向旧领导者发送 z=5。'), action: { type: 'partition' }, limitMs: 0 },
          prediction: yesNo(
            t('Will z=5 at index 5 be committed?', '索引 5 上的 z=5 会被提交吗？'),
            t('Yes', '会'),
            t('No: the old leader has only 2 of 5', '不会：旧领导者只有 5 台中的 2 台'),
            committed(5, [l]),
            false,
            t('Two servers are not a majority of five. The entry stays uncommitted in the old leader’s log, while the other three elect a new leader.', '两台服务器不是五台的多数。这个条目留在旧领导者日志中，一直没有提交；而另外三台选出了新的领导者。'),
            1_000,
          ),
          demo: [{ action: { type: 'partition', groups: [[l, a], rest] } }, { action: { type: 'submit', command: 'z=5', server: l } }, { waitMs: 700, action: { type: 'clientRequest', client: 1, command: 'w=6' } }],
        };
      },
    },
    {
      step: (c) => {
        const old = c.ids().find((id) => c.server(id).log.some((e) => e.command === 'z=5'))!;
        return {
          narration: t(
            `The majority side elected a new leader and committed w=6 at index 5. S${old} still holds z=5 at index 5, uncommitted. Heal the network.`,
            `多数一侧选出了新领导者，并在索引 5 提交了 w=6。S${old} 的索引 5 上仍是未提交的 z=5。现在恢复网络。`,
          ),
          highlight: { entry: { server: old, index: 5 }, control: 'heal' },
          task: {
            text: t(`Heal the network and wait until S${old}’s log matches the new leader’s.`, `恢复网络，等待 S${old} 的日志与新领导者一致。`),
            action: { type: 'heal' },
            condition: { kind: 'logsMatch', a: old, b: 'leader', upTo: 5 },
            limitMs: 2_000,
          },
          prediction: yesNo(
            t('What happens to z=5 on the old leader?', '旧领导者上的 z=5 会怎样？'),
            t('It is overwritten by the new leader’s entry', '被新领导者的条目覆盖'),
            t('It is kept, and w=6 is added after it', '被保留，w=6 追加在它后面'),
            { kind: 'entryOverwritten', index: 5, server: old },
            true,
            t(
              'The old leader sees the higher term and steps down. The new leader’s entry at index 5 has a different term, so the follower deletes its conflicting entry and everything after it (§5.3). z=5 was never committed, so no client was told it succeeded.',
              '旧领导者看到更高的任期，退为跟随者。新领导者在索引 5 的条目任期不同，于是跟随者删除冲突的条目及其后的所有条目（§5.3）。z=5 从未被提交，所以没有客户端被告知它成功了。',
            ),
            300,
          ),
          demo: [{ action: { type: 'heal' } }],
        };
      },
    },
  ],
);
