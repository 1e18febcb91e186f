/**
 * Safety violations in plain words, in either language. The checker's details
 * are English templates; each is parsed back into its numbers and rebuilt.
 */
import type { SafetyProperty, Violation } from '../../sim';
import { translate, type Lang, type Params } from '../i18n';

const PROPERTY_KEY: Record<SafetyProperty, string> = {
  'Election Safety': 'ev.prop.electionSafety',
  'Leader Append-Only': 'ev.prop.leaderAppendOnly',
  'Log Matching': 'ev.prop.logMatching',
  'Leader Completeness': 'ev.prop.leaderCompleteness',
  'State Machine Safety': 'ev.prop.stateMachineSafety',
  'Term Monotonicity': 'ev.prop.termMonotonicity',
  'Commit Within Log': 'ev.prop.commitWithinLog',
  'Entry Term Bound': 'ev.prop.entryTermBound',
};

export function propertyName(p: SafetyProperty, lang: Lang): string {
  const key = PROPERTY_KEY[p] as string | undefined;
  return key ? translate(lang, key) : p;
}

/**
 * The checker writes its details in English from fixed templates; each is parsed
 * back into its numbers so the sentence can be rebuilt in any language. A detail
 * in an unknown shape is kept as it is.
 */
const VIOLATION_PATTERNS: Array<{ re: RegExp; key: string; params: (g: string[]) => Params }> = [
  {
    re: /^S(\d+) and S(\d+) were both elected leader in term (\d+)\.?$/,
    key: 'ev.vio.electionSafety',
    params: (g) => ({ a: `S${g[1]}`, b: `S${g[2]}`, term: g[3]! }),
  },
  {
    re: /^S(\d+), leader of term (\d+), changed or removed its own entry at index (\d+) \(its log ended at (\d+)\)\.?$/,
    key: 'ev.vio.leaderAppendOnly',
    params: (g) => ({ s: `S${g[1]}`, term: g[2]!, index: g[3]!, last: g[4]! }),
  },
  {
    re: /^S(\d+) has an entry at index (\d+) with term (\d+), like another log, but the two logs differ at or before index \d+\.?$/,
    key: 'ev.vio.logMatching',
    params: (g) => ({ s: `S${g[1]}`, index: g[2]!, term: g[3]! }),
  },
  {
    re: /^S(\d+) became leader of term (\d+) without the committed entry at index (\d+) \(term (\d+)\)\.?$/,
    key: 'ev.vio.leaderCompleteness',
    params: (g) => ({ s: `S${g[1]}`, term: g[2]!, index: g[3]!, entryTerm: g[4]! }),
  },
  {
    re: /^S(\d+) applied index (\d+) right after index (\d+): entries must be applied in order\.?$/,
    key: 'ev.vio.smsOrder',
    params: (g) => ({ s: `S${g[1]}`, index: g[2]!, prev: g[3]! }),
  },
  {
    re: /^S(\d+) committed a different entry at index (\d+) \(term (\d+)\) from the one already committed there \(term (\d+)\)\.?$/,
    key: 'ev.vio.smsCommitted',
    params: (g) => ({ s: `S${g[1]}`, index: g[2]!, term: g[3]!, other: g[4]! }),
  },
  {
    re: /^S(\d+) applied a different entry at index (\d+) \(term (\d+)\) from the one already committed there \(term (\d+)\)\.?$/,
    key: 'ev.vio.smsApplied',
    params: (g) => ({ s: `S${g[1]}`, index: g[2]!, term: g[3]!, other: g[4]! }),
  },
  {
    re: /^S(\d+)'s currentTerm went down from (\d+) to (\d+)\.?$/,
    key: 'ev.vio.termMonotonicity',
    params: (g) => ({ s: `S${g[1]}`, from: g[2]!, to: g[3]! }),
  },
  {
    re: /^S(\d+) has commitIndex (\d+) but its log ends at index (\d+)\.?$/,
    key: 'ev.vio.commitWithinLog',
    params: (g) => ({ s: `S${g[1]}`, commit: g[2]!, last: g[3]! }),
  },
  {
    re: /^S(\d+) holds an entry of term (\d+) at index (\d+), above its currentTerm (\d+)\.?$/,
    key: 'ev.vio.entryTermBound',
    params: (g) => ({ s: `S${g[1]}`, term: g[2]!, index: g[3]!, current: g[4]! }),
  },
];

/** A safety violation in one sentence: the property (translated) and what broke it. */
export function describeViolation(v: Violation, lang: Lang): string {
  const property = propertyName(v.property, lang);
  for (const p of VIOLATION_PATTERNS) {
    const g = v.detail.match(p.re);
    if (g) return translate(lang, 'ev.vio.sentence', { property, detail: translate(lang, p.key, p.params([...g])) });
  }
  return translate(lang, 'ev.vio.sentence', { property, detail: v.detail.replace(/\.$/, '') });
}
