/** The statistics panel's strings: the run's totals, messages by type, and the leader and term. */
export const statsStrings = {
  en: {
    'stats.title': 'Statistics',
    'stats.byType': 'Messages sent, by type',
    'stats.type': 'type',
    'stats.count': 'messages',
    'stats.bytes': 'bytes',
    'stats.total': 'total',
    'stats.summary': 'Run summary',
    'stats.leader': 'current leader',
    'stats.noLeader': 'none',
    'stats.term': 'term',
    'stats.elections': 'elections held',
    'stats.delivered': 'delivered',
    'stats.undelivered': 'not delivered',
    'stats.undelivered.title': 'lost, dropped, or sent over a cut link or to a crashed or disconnected server',
    'stats.inFlight': 'in flight now',
    'stats.empty': 'No run yet',
  },
  zh: {
    'stats.title': '统计',
    'stats.byType': '已发送的消息（按类型）',
    'stats.type': '类型',
    'stats.count': '消息数',
    'stats.bytes': '字节',
    'stats.total': '合计',
    'stats.summary': '运行概况',
    'stats.leader': '当前领导者',
    'stats.noLeader': '无',
    'stats.term': '任期',
    'stats.elections': '已举行的选举',
    'stats.delivered': '已送达',
    'stats.undelivered': '未送达',
    'stats.undelivered.title': '丢失、被丢弃，或经由已切断的链路发送、发往已崩溃或已断开的服务器',
    'stats.inFlight': '正在传输',
    'stats.empty': '尚未开始运行',
  },
} as const satisfies Record<'en' | 'zh', Record<string, string>>;

/** Compile-time check that both languages define exactly the same keys. */
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : false;
export const STATS_STRINGS_COMPLETE: SameKeys<(typeof statsStrings)['en'], (typeof statsStrings)['zh']> = true;
