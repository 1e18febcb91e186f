/**
 * The logs view's strings: the
 * leader's nextIndex/matchIndex shown on every follower's row, the quorum bar's
 * "holds it" versus "the leader knows it holds it", and the Figure 8 lesson
 * on the entry itself. The older logs.* keys live in ../inspector/strings*.ts;
 * none is redefined here. Figure 2's field names stay as the paper spells them
 * in both languages and are glossed in Chinese: nextIndex（下一个发送索引）,
 * matchIndex（已匹配索引）; 提交 means commit (an entry), never submit.
 */
export const logStrings = {
  en: {
    'logs.head.follow': 'Follow newest',
    'logs.head.legend': 'Legend',
    'logs.head.progress': 'leader’s view',
    'logs.progress.text': 'next {next} · match {match}',
    'logs.progress.title': 'Leader {leader}’s nextIndex for {server} = {next}: the next entry it will send. matchIndex = {match}: the leader knows {server}’s log matches its own up to here (§5.3).',
    'logs.legend.next': 'nextIndex: the next entry the leader sends',
    'logs.legend.match': 'matchIndex: known to match the leader up to here',
    'logs.legend.olderTerm': 'older-term entry on a majority, not committed (§5.4.2)',
    'logs.legend.changed': 'changed by the last step',
    'logs.cell.moreHint': 'Focus or hover for the full command.',
    'logs.cell.olderTerm': 'On a majority, not committed: older term, §5.4.2. A leader commits an entry of an earlier term only together with an entry of its own term after it.',
    'logs.olderTerm.badge': '§5.4.2',
    'logs.olderTerm.callout': 'on a majority, not committed: older term, §5.4.2',
    'logs.olderTerm.range': '{from}–{to}',
    'logs.quorum.stored': '{stored} hold it, the leader knows of {known} (matchIndex); {needed} of {total} needed',
    'logs.quorum.storedNoLeader': '{stored} hold it; {needed} of {total} needed',
    'logs.quorum.known': '{server} holds it and the leader knows (matchIndex ≥ {index})',
    'logs.quorum.unacked': '{server} holds it, but the leader does not know yet (its matchIndex for {server} is {match})',
    'logs.quorum.unackedShort': 'holds it, not yet acknowledged',
    'logs.quorum.storedMajority': '◐ on a majority; the leader will count it once they acknowledge',
    'logs.quorum.committed': '✓ committed (commitIndex {commit})',
    'logs.quorum.olderTerm': '⚑ on a majority, not committed: older term, §5.4.2',
    'logs.quorum.noLeaderYet': 'no leader: nothing commits until one is elected',
  },
  zh: {
    'logs.head.follow': '跟随最新',
    'logs.head.legend': '图例',
    'logs.head.progress': '下一个 · 已匹配',
    'logs.progress.text': 'next {next} · match {match}',
    'logs.progress.title': '领导者 {leader} 为 {server} 记录的 nextIndex（下一个发送索引）= {next}：下一次发送的条目。matchIndex（已匹配索引）= {match}：领导者已知 {server} 的日志到此处与自己一致（§5.3）。',
    'logs.legend.next': 'nextIndex（下一个发送索引）：领导者下一次发送的条目',
    'logs.legend.match': 'matchIndex（已匹配索引）：已知到此处与领导者一致',
    'logs.legend.olderTerm': '已在多数派上但未提交的旧任期条目（§5.4.2）',
    'logs.legend.changed': '上一步改变的条目',
    'logs.cell.moreHint': '聚焦或悬停可查看完整命令。',
    'logs.cell.olderTerm': '已在多数派上，但未提交：旧任期条目，§5.4.2。领导者只有在其后一条自己任期的条目提交时，才会一并提交以前任期的条目。',
    'logs.olderTerm.badge': '§5.4.2',
    'logs.olderTerm.callout': '已在多数派上，但未提交：旧任期条目，§5.4.2',
    'logs.olderTerm.range': '{from}–{to}',
    'logs.quorum.stored': '{stored} 个持有，领导者已知 {known} 个（matchIndex）；需要 {total} 个中的 {needed} 个',
    'logs.quorum.storedNoLeader': '{stored} 个持有；需要 {total} 个中的 {needed} 个',
    'logs.quorum.known': '{server} 持有此条目，且领导者已知（matchIndex ≥ {index}）',
    'logs.quorum.unacked': '{server} 持有此条目，但领导者尚不知道（它为 {server} 记录的 matchIndex 为 {match}）',
    'logs.quorum.unackedShort': '已持有，尚未确认',
    'logs.quorum.storedMajority': '◐ 已在多数派上；待它们确认后领导者才会计入',
    'logs.quorum.committed': '✓ 已提交（commitIndex {commit}）',
    'logs.quorum.olderTerm': '⚑ 已在多数派上，但未提交：旧任期条目，§5.4.2',
    'logs.quorum.noLeaderYet': '没有领导者：选出领导者之前，任何条目都不会提交',
  },
} as const satisfies Record<'en' | 'zh', Record<string, string>>;

/** Compile-time check that both languages define exactly the same keys. */
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : false;
export const LOG_STRINGS_COMPLETE: SameKeys<(typeof logStrings)['en'], (typeof logStrings)['zh']> = true;
