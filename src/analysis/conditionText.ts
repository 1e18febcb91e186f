/**
 * A condition (conditions.ts) as one sentence in English or Simplified
 * Chinese, for the "Run until…" control, lesson tasks and the message when a
 * condition never holds. Plain text: the page renders it as text.
 */
import type { Condition, ConditionRole, ServerRef } from './conditions';

export type ConditionLang = 'en' | 'zh';

const ROLE_ZH: Record<ConditionRole, string> = { follower: '跟随者', precandidate: '预候选人', candidate: '候选人', leader: '领导者' };

function serverName(ref: ServerRef, lang: ConditionLang): string {
  if (ref === 'leader') return lang === 'en' ? 'the leader' : '领导者';
  return `S${ref}`;
}

function valueText(v: string | null, lang: ConditionLang): string {
  if (v === null) return lang === 'en' ? 'nothing' : '空值';
  return JSON.stringify(v);
}

function en(c: Condition): string {
  switch (c.kind) {
    case 'leaderExists':
      return c.minTerm ? `a leader exists in term ${c.minTerm} or later` : 'a leader exists';
    case 'isLeader':
      return `S${c.server} is the leader`;
    case 'role':
      return `S${c.server} is a ${c.role}`;
    case 'termAtLeast':
      return `${c.server === undefined ? 'some server' : `S${c.server}`} is in term ${c.term} or later`;
    case 'crashed':
      return `S${c.server} is crashed`;
    case 'committedOn': {
      const who = c.servers === 'all' ? 'every running server' : c.servers === 'any' ? 'some server' : c.servers.map((s) => `S${s}`).join(', ');
      return `index ${c.index} is committed on ${who}`;
    }
    case 'logsMatch':
      return `the logs of ${serverName(c.a, 'en')} and ${serverName(c.b, 'en')} match up to index ${c.upTo}`;
    case 'entryOverwritten':
      return `an entry at index ${c.index} is overwritten${c.server === undefined ? '' : ` on S${c.server}`}`;
    case 'violation':
      return c.property ? `the checker reports a ${c.property} violation` : 'the checker reports a safety violation';
    case 'snapshotAtLeast':
      return `S${c.server} has a snapshot up to index ${c.index} or later`;
    case 'isVoter':
      return `S${c.server} is ${c.voter ? '' : 'not '}a voter in the leader's configuration`;
    case 'kvEquals':
      return `${serverName(c.server, 'en')} has ${c.key} = ${valueText(c.value, 'en')}`;
    case 'clientRead':
      return `client ${c.client}'s latest read returned ${valueText(c.value, 'en')}`;
    case 'all':
      return c.of.map(en).join(' and ');
    case 'any':
      return c.of.map(en).join(' or ');
    case 'not':
      return `not (${en(c.of)})`;
  }
}

function zh(c: Condition): string {
  switch (c.kind) {
    case 'leaderExists':
      return c.minTerm ? `存在任期 ${c.minTerm} 或更高任期的领导者` : '存在领导者';
    case 'isLeader':
      return `S${c.server} 是领导者`;
    case 'role':
      return `S${c.server} 是${ROLE_ZH[c.role]}`;
    case 'termAtLeast':
      return `${c.server === undefined ? '某台服务器' : `S${c.server}`} 的任期达到 ${c.term} 或更高`;
    case 'crashed':
      return `S${c.server} 已崩溃`;
    case 'committedOn': {
      const who = c.servers === 'all' ? '所有运行中的服务器' : c.servers === 'any' ? '某台服务器' : c.servers.map((s) => `S${s}`).join('、');
      return `索引 ${c.index} 在${who}上已提交`;
    }
    case 'logsMatch':
      return `${serverName(c.a, 'zh')} 与 ${serverName(c.b, 'zh')} 的日志直到索引 ${c.upTo} 都一致`;
    case 'entryOverwritten':
      return `${c.server === undefined ? '' : `S${c.server} 上`}索引 ${c.index} 的条目被覆盖`;
    case 'violation':
      return c.property ? `检查器报告违反 ${c.property}` : '检查器报告违反安全性';
    case 'snapshotAtLeast':
      return `S${c.server} 的快照至少包含到索引 ${c.index}`;
    case 'isVoter':
      return `S${c.server} ${c.voter ? '是' : '不是'}领导者配置中的投票成员`;
    case 'kvEquals':
      return `${serverName(c.server, 'zh')} 上 ${c.key} = ${valueText(c.value, 'zh')}`;
    case 'clientRead':
      return `客户端 ${c.client} 最近一次读到 ${valueText(c.value, 'zh')}`;
    case 'all':
      return c.of.map(zh).join('，并且');
    case 'any':
      return c.of.map(zh).join('，或者');
    case 'not':
      return `并非（${zh(c.of)}）`;
  }
}

/** One sentence saying what the condition asks, in the given language. */
export function describeCondition(c: Condition, lang: ConditionLang): string {
  return lang === 'zh' ? zh(c) : en(c);
}
