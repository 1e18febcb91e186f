/**
 * The translation layer. Dictionaries are plain objects split by area so that
 * several people can add keys without conflicts: events.*.ts (event-log
 * sentences, keys under `ev.`) and ui.*.ts (the interface). translate() looks a
 * key up in the chosen language, falls back to English, and as a last resort
 * returns the key itself (and remembers it, so tests can catch it).
 */
import { eventsEn } from './events.en';
import { eventsZh } from './events.zh';
import { uiEn } from './ui.en';
import { uiZh } from './ui.zh';
import { presetsEn } from './presets.en';
import { presetsZh } from './presets.zh';
import { clusterStrings } from '../cluster/strings';
import { panelStrings } from '../inspector/strings';
import { layoutStrings } from '../layout/strings';
import { logStrings } from '../logs/strings';
import { spaceTimeStrings } from '../spacetime/strings';
import { lessonStrings } from '../lessons/strings';

import { useStore, type Lang, type ToastContent } from '../../store';
import { describeCondition, notHeldMessage } from '../../analysis';
import { describeMoment } from '../../worker/momentKinds';
import type { Dict, Params } from './types';

export type { Dict, Lang, Params };

export const LANGS: { code: Lang; label: string }[] = [
  { code: 'en', label: 'English' },
  { code: 'zh', label: '中文' },
];

export function isLang(x: unknown): x is Lang {
  return x === 'en' || x === 'zh';
}

/** Each area's dictionary per language, for tests that compare key sets. */
export const DICT_AREAS: Readonly<Record<'events' | 'ui' | 'cluster' | 'panels' | 'logs' | 'layout' | 'spaceTime' | 'lessons', Readonly<Record<Lang, Dict>>>> = {
  events: { en: eventsEn, zh: eventsZh },
  ui: { en: uiEn, zh: uiZh },
  cluster: clusterStrings,
  panels: panelStrings,
  logs: logStrings,
  layout: layoutStrings,
  spaceTime: spaceTimeStrings,
  lessons: lessonStrings,
};

/** The merged dictionary of each language. */
export const DICTS: Readonly<Record<Lang, Dict>> = {
  en: { ...uiEn, ...layoutStrings.en, ...presetsEn, ...clusterStrings.en, ...panelStrings.en, ...logStrings.en, ...spaceTimeStrings.en, ...lessonStrings.en, ...eventsEn },
  zh: { ...uiZh, ...layoutStrings.zh, ...presetsZh, ...clusterStrings.zh, ...panelStrings.zh, ...logStrings.zh, ...spaceTimeStrings.zh, ...lessonStrings.zh, ...eventsZh },
};

const missing = new Set<string>();

/** Keys that were asked for but exist in no dictionary (for tests). */
export function missingKeys(): string[] {
  return [...missing];
}

export function clearMissingKeys(): void {
  missing.clear();
}

const PLACEHOLDER = /\{([A-Za-z0-9_]+)\}/g;

/**
 * Replace `{name}` with params.name in one pass: values are inserted as they are
 * and never scanned again, so user text containing braces stays verbatim. A
 * placeholder with no matching param is left in place (tests look for it).
 */
export function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const v = Object.prototype.hasOwnProperty.call(params, name) ? params[name] : undefined;
    return v === undefined ? whole : String(v);
  });
}

function lookup(lang: Lang, key: string): string | undefined {
  const own = DICTS[lang] as Dict | undefined;
  if (own && Object.prototype.hasOwnProperty.call(own, key)) return own[key];
  if (Object.prototype.hasOwnProperty.call(DICTS.en, key)) return DICTS.en[key];
  return undefined;
}

/** Whether `key` exists in `lang` or in English. */
export function hasKey(lang: Lang, key: string): boolean {
  return lookup(lang, key) !== undefined;
}

/** The string for `key` in `lang` (falling back to English, then to the key), with `{name}` placeholders filled. */
export function translate(lang: Lang, key: string, params?: Params): string {
  const template = lookup(lang, key);
  if (template === undefined) {
    missing.add(key);
    return key;
  }
  return interpolate(template, params);
}

/** Simulated time in seconds with millisecond precision: "12.480 s" / "12.480 秒". */
export function formatTime(ms: number, lang: Lang): string {
  const seconds = Number.isFinite(ms) ? (ms / 1000).toFixed(3) : '—';
  return translate(lang, 'ev.time.seconds', { seconds });
}

/** The translator for the current language. */
export function useT(): (key: string, params?: Params) => string {
  const lang = useStore((s) => s.ui.lang);
  return (key, params) => translate(lang, key, params);
}

/** A count in the reader's digits grouping ("12,000,000" / "12,000,000"). */
export function formatCount(n: number, lang: Lang): string {
  return n.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en');
}

/** A toast's words in `lang` (the store keeps keys and moments, not sentences). */
export function toastText(content: ToastContent, lang: Lang): string {
  if (typeof content === 'string') return content;
  const t = (key: string, params?: Params): string => translate(lang, key, params);
  if ('moment' in content) return describeMoment(content.moment, t);
  if ('condition' in content) {
    const what = describeCondition(content.condition, lang);
    if (!content.held) return notHeldMessage(content.condition, content.limitMs, content.fromMs, content.atMs)[lang];
    return t('runUntil.held', { what, time: formatTime(content.atMs, lang) });
  }
  const params: Params = { ...content.params };
  for (const [k, v] of Object.entries(content.counts ?? {})) params[k] = formatCount(v, lang);
  return t(content.key, params);
}
