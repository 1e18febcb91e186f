/** "About this scenario": what a loaded preset or link says about itself, in both languages (plain text). */
import type { LocalizedText, Scenario } from '../scenario/types';
import type { ScenarioAbout, ScenarioInfo } from './uiSlice';

function pick(text: LocalizedText | undefined, lang: 'en' | 'zh'): string {
  if (!text) return '';
  return (lang === 'zh' ? text.zh : undefined) ?? text.en;
}

function infoIn(s: Scenario, lang: 'en' | 'zh'): ScenarioInfo {
  return {
    title: pick(s.title, lang),
    description: pick(s.description, lang),
    suggestions: (s.suggestions ?? []).map((x) => pick(x, lang)).filter((x) => x.length > 0),
  };
}

/** Null when the scenario says nothing about itself (a plain shared run): there is nothing to reopen. */
export function scenarioInfoOf(s: Scenario): { en: ScenarioInfo; zh: ScenarioInfo } | null {
  if (!s.title && !s.description && !(s.suggestions && s.suggestions.length > 0)) return null;
  return { en: infoIn(s, 'en'), zh: infoIn(s, 'zh') };
}

/** Null when the scenario says nothing about itself. */
export function scenarioAboutOf(s: Scenario): ScenarioAbout | null {
  if (scenarioInfoOf(s) === null) return null;
  const out: ScenarioAbout = {};
  if (s.title) out.title = s.title;
  if (s.description) out.description = s.description;
  if (s.suggestions && s.suggestions.length > 0) out.suggestions = s.suggestions;
  return out;
}
