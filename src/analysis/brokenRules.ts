/**
 * What each "break a rule" switch (the engine's `unsafe` options) protects,
 * for the counterexample search and its explanation (issue 14): the paper's
 * section, the safety properties a run without the rule loses (the one the
 * paper names first), and the switches it needs beside it to matter at all.
 * The rules themselves live in the engine; this is only their teaching record.
 */
import type { UnsafeRules } from '../engine';
import type { SafetyProperty } from '../sim';
import type { LocalizedText } from '../scenario';

export type UnsafeRule = keyof UnsafeRules;

export interface BrokenRule {
  rule: UnsafeRule;
  section: string;
  /** What the rule says, as the switch turns it off. */
  name: LocalizedText & { zh: string };
  /** The properties a counterexample breaks; the first is the one the rule is there for. */
  properties: SafetyProperty[];
  /**
   * Other switches that must be on for this one to be reachable. A leader meets
   * AppendEntries of its own term only if two servers lead one term, which
   * §5.2's one vote per term prevents: leaderAcceptsAppendEntries needs voteTwicePerTerm.
   */
  needs?: UnsafeRule[];
  /** Search for this property rather than stopping at the first violation (a companion switch breaks another one first). */
  target?: SafetyProperty;
}

/**
 * The switches whose loss the log checker sees. readWithoutQuorum (§8) is not
 * here: its logs stay correct and what breaks is linearizability of the
 * clients' history, which this search does not check.
 */
export const BROKEN_RULES: readonly BrokenRule[] = [
  {
    rule: 'voteTwicePerTerm',
    section: '§5.2',
    name: { en: 'vote for at most one candidate per term', zh: '每个任期最多投票给一个候选人' },
    properties: ['Election Safety'],
  },
  {
    rule: 'skipUpToDateCheck',
    section: '§5.4.1',
    name: { en: 'vote only for a candidate whose log is at least as up to date', zh: '只投票给日志至少一样新的候选人' },
    properties: ['Leader Completeness', 'State Machine Safety', 'Log Matching'],
  },
  {
    rule: 'commitPreviousTermByCounting',
    section: '§5.4.2',
    name: { en: 'commit only entries of the current term by counting replicas', zh: '只通过计数副本提交当前任期的条目' },
    properties: ['Leader Completeness', 'State Machine Safety'],
  },
  {
    rule: 'truncateWithoutConflict',
    section: '§5.3',
    name: { en: 'delete log entries only where they conflict', zh: '只在冲突处删除日志条目' },
    properties: ['Leader Completeness', 'State Machine Safety', 'Log Matching', 'Commit Within Log'],
  },
  {
    rule: 'skipConsistencyCheck',
    section: '§5.3',
    name: { en: 'accept AppendEntries only if prevLogTerm matches', zh: '只在 prevLogTerm 匹配时接受 AppendEntries' },
    properties: ['Log Matching', 'State Machine Safety', 'Leader Completeness'],
  },
  {
    rule: 'acceptStaleTerms',
    section: '§5.1',
    name: { en: 'reject requests from older terms', zh: '拒绝来自更旧任期的请求' },
    properties: ['Term Monotonicity', 'Entry Term Bound', 'Election Safety'],
  },
  {
    rule: 'commitToLeaderCommit',
    section: 'Figure 2',
    name: { en: 'commitIndex = min(leaderCommit, index of last new entry)', zh: 'commitIndex = min(leaderCommit, 最后一个新条目的索引)' },
    properties: ['Commit Within Log', 'State Machine Safety', 'Leader Completeness'],
  },
  {
    rule: 'forgetVotedForOnRestart',
    section: 'Figure 2',
    name: { en: 'keep votedFor in stable storage, so a restart remembers the vote', zh: '把 votedFor 存在持久存储中，重启后仍记得投过的票' },
    properties: ['Election Safety'],
  },
  {
    rule: 'leaderAcceptsAppendEntries',
    section: 'Figure 2',
    name: { en: 'a leader never takes entries from another server', zh: '领导者从不接受其他服务器的条目' },
    properties: ['Leader Append-Only'],
    needs: ['voteTwicePerTerm'],
    target: 'Leader Append-Only',
  },
];

export function brokenRule(rule: UnsafeRule): BrokenRule | undefined {
  return BROKEN_RULES.find((b) => b.rule === rule);
}

/** The property names in Chinese, as the event log shows them. */
export const PROPERTY_ZH: Readonly<Record<SafetyProperty, string>> = {
  'Election Safety': '选举安全性',
  'Leader Append-Only': '领导者只追加',
  'Log Matching': '日志匹配',
  'Leader Completeness': '领导者完整性',
  'State Machine Safety': '状态机安全性',
  'Term Monotonicity': '任期单调性',
  'Commit Within Log': '提交不超出日志',
  'Entry Term Bound': '条目任期上界',
};
