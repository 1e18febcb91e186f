/** Lesson 1: why a majority (the course notes' opening: split brain, then majorities; §5.2, §5.3). */
import { all, buildLesson, committed, elected, followers, leader, not, t, yesNo } from './build';

export const whyMajority = buildLesson(
  'why-majority',
  t('Why a majority', '为什么需要多数派'),
  t(
    'Two replicas cannot tell a crashed partner from a cut network, so letting each go on alone splits the brain. Raft lets a server act only with a majority: three servers survive one failure, five survive two — 2f+1 servers tolerate f failures.',
    '两个副本无法区分“对方崩溃了”和“网络断了”，如果让每一方都独自继续，就会出现脑裂。Raft 只允许服务器在获得多数派同意后行动：三台服务器能容忍一台故障，五台能容忍两台——2f+1 台服务器可以容忍 f 台故障。',
  ),
  [
    {
      // leaderNoop (§8): a new leader commits an empty entry of its term at once (index 1 here), so a re-elected leader can commit older entries.
      scenario: elected({ servers: 2, seed: 'lesson-majority-2', leaderNoop: true }),
      step: {
        narration: t(
          'Two servers replicate one service. A leader has been elected (and committed an empty entry at index 1). A majority of 2 is 2: the leader needs its partner to agree before an entry is committed. Why so strict? If each server could go on alone, a network cut would let both sides accept different commands — split brain.',
          '两台服务器复制同一个服务，已经选出了领导者（并在索引 1 提交了一条空条目）。2 的多数是 2：领导者需要对方同意，条目才能提交。为什么这么严格？如果每台服务器都能独自继续，网络一断，两边就会各自接受不同的命令——这就是脑裂。',
        ),
        highlight: { control: 'partition' },
        task: {
          text: t('Cut the two servers apart (a partition), then send a command to the leader.', '把两台服务器隔开（网络分区），然后向领导者发送一条命令。'),
          action: { type: 'partition' },
          limitMs: 0,
        },
        prediction: yesNo(
          t('The leader appends the command at index 2 of its log. Will it be committed while its partner is unreachable?', '领导者把命令追加到了自己日志的索引 2。在联系不上另一台服务器时，这条命令会被提交吗？'),
          t('Yes: the leader commits it on its own.', '会：领导者自己就能提交。'),
          t('No: it waits for a majority, which needs both servers.', '不会：它要等待多数派，而多数派需要两台服务器。'),
          committed(2),
          false,
          t(
            'With two servers a majority is both of them, so nothing is committed until the partner answers. Safe — but one failure stops the whole service. Two replicas give no fault tolerance at all.',
            '两台服务器时，多数派就是两台都要同意，所以在对方回应之前什么都不会提交。这是安全的——但只要坏一台，整个服务就停了。两个副本根本没有容错能力。',
          ),
          1_000,
        ),
        demo: [{ action: { type: 'partition', groups: [[1], [2]] } }, { action: (c) => ({ type: 'submit', command: 'x=1', server: leader(c) }) }],
      },
    },
    {
      step: {
        narration: t(
          'The command is stuck in the leader’s log, uncommitted. Heal the network: the partner receives the entry and the leader commits it.',
          '这条命令停留在领导者的日志里，没有提交。恢复网络：另一台服务器收到这个条目，领导者随即提交它。',
        ),
        highlight: { control: 'heal' },
        task: {
          text: t('Heal the network and wait until index 2 is committed on both servers.', '恢复网络，等待索引 2 在两台服务器上都已提交。'),
          action: { type: 'heal' },
          condition: committed(2, 'all'),
          limitMs: 2_000,
        },
        demo: [{ action: { type: 'heal' } }],
      },
    },
    {
      scenario: elected({ servers: 3, seed: 'lesson-majority-3' }),
      step: (c) => ({
        narration: t(
          'Three servers: now a majority is 2. The leader and any one follower are enough to commit.',
          '三台服务器：多数是 2。领导者加上任意一个跟随者就足以提交。',
        ),
        highlight: { servers: followers(c).slice(0, 1), control: 'crash' },
        task: {
          text: t('Crash one follower, then send a command to the leader.', '让一个跟随者崩溃，然后向领导者发送一条命令。'),
          action: { type: 'crash', server: 'follower' },
          limitMs: 0,
        },
        prediction: yesNo(
          t('One of three servers is down. Will the new command be committed?', '三台服务器中有一台宕机了。新命令会被提交吗？'),
          t('Yes: the leader and the other follower are a majority.', '会：领导者和另一个跟随者构成多数派。'),
          t('No: every server must have it.', '不会：必须所有服务器都有它。'),
          committed(1),
          true,
          t('2 of 3 is a majority: three servers keep working with one failure.', '3 台中的 2 台就是多数：三台服务器在坏一台时仍能工作。'),
          500,
        ),
        demo: [{ action: { type: 'crash', server: followers(c)[0]! } }, { action: { type: 'submit', command: 'x=1', server: leader(c) } }],
      }),
    },
    {
      step: (c) => ({
        narration: t('Now crash the second follower too. Only the leader is left running.', '现在让第二个跟随者也崩溃。只剩领导者还在运行。'),
        highlight: { servers: [followers(c).find((id) => c.server(id).alive)!] },
        task: {
          text: t('Crash the remaining follower, then send another command.', '让剩下的跟随者崩溃，然后再发送一条命令。'),
          action: { type: 'crash', server: 'follower' },
          limitMs: 0,
        },
        prediction: yesNo(
          t('Will the second command (index 2) be committed?', '第二条命令（索引 2）会被提交吗？'),
          t('Yes', '会'),
          t('No: one of three is not a majority.', '不会：3 台中的 1 台不是多数。'),
          committed(2),
          false,
          t(
            'A leader alone is 1 of 3. It could be the minority side of a partition, with a new leader elsewhere; committing alone would risk split brain, so it waits.',
            '领导者单独一台只是 3 台中的 1 台。它可能正处在分区的少数一侧，而另一侧已有新的领导者；单独提交会导致脑裂，所以它只能等待。',
          ),
          1_000,
        ),
        demo: [
          { action: { type: 'crash', server: followers(c).find((id) => c.server(id).alive)! } },
          { action: { type: 'submit', command: 'x=2', server: leader(c) } },
        ],
      }),
    },
    {
      scenario: elected({ servers: 5, seed: 'lesson-majority-5' }),
      step: (c) => ({
        narration: t(
          'Five servers: a majority is 3, so two may fail. In general 2f+1 servers tolerate f failures — that is why clusters have 3 or 5 servers.',
          '五台服务器：多数是 3，因此可以坏两台。一般地，2f+1 台服务器能容忍 f 台故障——这就是集群通常有 3 台或 5 台服务器的原因。',
        ),
        highlight: { servers: followers(c).slice(0, 2) },
        task: {
          text: t('Crash two followers, send a command, and wait until it is committed.', '让两个跟随者崩溃，发送一条命令，并等待它被提交。'),
          action: { type: 'crash', server: 'follower' },
          condition: committed(1),
          limitMs: 2_000,
        },
        prediction: yesNo(
          t('With two of five down, will the remaining three still commit the command?', '五台中有两台宕机，剩下的三台还能提交这条命令吗？'),
          t('Yes: 3 of 5 is a majority.', '能：5 台中的 3 台是多数。'),
          t('No', '不能'),
          committed(1, 'all'),
          true,
          t('Three running servers are a majority of five, so the cluster goes on.', '三台运行中的服务器是五台的多数，所以集群可以继续工作。'),
          300,
        ),
        demo: [
          { action: { type: 'crash', server: followers(c)[0]! } },
          { action: { type: 'crash', server: followers(c)[1]! } },
          { action: { type: 'submit', command: 'x=1', server: leader(c) } },
        ],
      }),
    },
    {
      // leaderNoop (§8): each new leader commits an entry of its own term at once, so the new side's commit is visible.
      scenario: elected({ servers: 5, seed: 'lesson-majority-5b', leaderNoop: true }),
      step: (c) => {
        const l = leader(c);
        const [a, b, d, e] = followers(c) as [number, number, number, number];
        return {
          narration: t(
            'Any two majorities of the same cluster share at least one server. Here each new leader first commits an empty entry of its own term (index 1 is the first leader’s). Split the five into the leader with one follower, and three others.',
            '同一集群中任意两个多数派至少有一台服务器相同。这里每个新领导者都会先提交一条自己任期的空条目（索引 1 是第一个领导者的）。把五台服务器分成两组：领导者加一个跟随者，以及另外三台。',
          ),
          highlight: { servers: [l, a], control: 'partition' },
          task: {
            text: t('Partition the leader and one follower from the other three, and wait for the three to elect a leader.', '把领导者和一个跟随者与其余三台隔开，等待那三台选出领导者。'),
            action: { type: 'partition' },
            condition: { kind: 'leaderExists', minTerm: c.server(l).term + 1 },
            limitMs: 3_000,
          },
          prediction: {
            question: t('The old leader is still running on the small side. Which side can commit new commands?', '旧领导者仍在小的一侧运行。哪一侧能提交新命令？'),
            choices: [
              { text: t('Only the side of three, with its new leader.', '只有三台的一侧，通过它的新领导者。'), condition: all(committed(2, [b]), not(committed(2, [l]))) },
              { text: t('Both sides', '两侧都能'), condition: all(committed(2, [b]), committed(2, [l])) },
              { text: t('Neither side', '两侧都不能'), condition: not(committed(2)) },
            ],
            answer: 0,
            explanation: t(
              'The side of three has a majority, elects a leader in a higher term and commits. The old leader still believes it leads, but with 2 of 5 it can commit nothing: no split brain.',
              '三台的一侧构成多数派，会在更高的任期选出领导者并提交命令。旧领导者仍以为自己是领导者，但只有 5 台中的 2 台，它什么也无法提交：不会脑裂。',
            ),
            observeMs: 1_000,
          },
          demo: [{ action: { type: 'partition', groups: [[l, a], [b, d, e]] } }, { action: { type: 'submit', command: 'old=1', server: l } }],
        };
      },
    },
  ],
);
