/**
 * Safety violations in plain words, in either language. The checker's details
 * are English templates; each is parsed back into its numbers (violationFacts)
 * and rebuilt. A detail in an unknown shape is kept as it is.
 */
import type { SafetyProperty, Violation } from '../../sim';
import { violationFacts } from '../../analysis';
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

/** The servers among a detail's numbers, shown as S1, S2, … */
const SERVER_NUMBERS = new Set(['a', 'b', 's']);

function paramsOf(n: Readonly<Record<string, number>>): Params {
  const out: Params = {};
  for (const [k, x] of Object.entries(n)) out[k] = SERVER_NUMBERS.has(k) ? `S${x}` : String(x);
  return out;
}

/** A safety violation in one sentence: the property (translated) and what broke it. */
export function describeViolation(v: Violation, lang: Lang): string {
  const property = propertyName(v.property, lang);
  // The checker writes its details in English from fixed templates; violationFacts reads their numbers back.
  const f = violationFacts(v);
  if (f) return translate(lang, 'ev.vio.sentence', { property, detail: translate(lang, `ev.vio.${f.shape}`, paramsOf(f.n)) });
  return translate(lang, 'ev.vio.sentence', { property, detail: v.detail.replace(/\.$/, '') });
}
