/**
 * The translation layer: lookup, fallback, interpolation, time formatting, and
 * the dictionaries themselves (same keys and placeholders in both languages,
 * standard Chinese terms, no collisions between areas).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCluster } from '../../sim';
import { describeEvent } from '../events/describe';
import {
  clearMissingKeys,
  DICT_AREAS,
  DICTS,
  formatTime,
  hasKey,
  interpolate,
  isLang,
  LANGS,
  missingKeys,
  translate,
  type Dict,
} from './index';

function placeholders(s: string): string[] {
  return [...s.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]!).sort();
}

const en = DICT_AREAS.events.en;
const zh = DICT_AREAS.events.zh;

afterEach(() => clearMissingKeys());

describe('translate', () => {
  it('looks keys up per language', () => {
    expect(translate('en', 'app.title')).toBe('Raft visualizer');
    expect(translate('zh', 'app.title')).toBe('Raft 可视化');
    expect(translate('en', 'ev.role.leader')).toBe('leader');
    expect(translate('zh', 'ev.role.leader')).toBe('领导者');
  });

  it('fills {name} placeholders, numbers included', () => {
    expect(translate('en', 'ev.range.many', { a: 4, b: 6 })).toBe('entries 4–6');
    expect(translate('zh', 'ev.range.many', { a: 4, b: 6 })).toBe('条目 4–6');
    expect(translate('en', 'ev.vote.granted', { s: 'S4', c: 'S2', term: 5, log: 'L', vote: 'V' })).toBe('S4 granted its vote to S2 for term 5: L, and V');
  });

  it('inserts values verbatim: braces and markup in a value are never interpreted', () => {
    expect(interpolate('say {a}', { a: '{b}', b: 'no' })).toBe('say {b}');
    expect(interpolate('cmd {cmd}', { cmd: '<img src=x onerror=alert(1)>' })).toBe('cmd <img src=x onerror=alert(1)>');
    expect(interpolate('$& {a}', { a: '$1 $&' })).toBe('$& $1 $&');
  });

  it('leaves a placeholder with no value in place (so tests catch it)', () => {
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    expect(translate('en', 'ev.range.one')).toBe('entry {a}');
  });

  it('falls back from Chinese to English, then to the key itself', () => {
    const probe = 'test.onlyInEnglish';
    (DICTS.en as Dict)[probe] = 'English only {x}';
    try {
      expect(translate('zh', probe, { x: 1 })).toBe('English only 1');
      expect(hasKey('zh', probe)).toBe(true);
    } finally {
      delete (DICTS.en as Dict)[probe];
    }
    expect(missingKeys()).toEqual([]);
    expect(translate('zh', 'no.such.key')).toBe('no.such.key');
    expect(translate('en', 'no.such.key', { a: 1 })).toBe('no.such.key');
    expect(hasKey('en', 'no.such.key')).toBe(false);
    expect(missingKeys()).toEqual(['no.such.key']);
  });

  it('does not treat Object.prototype names as keys', () => {
    expect(translate('en', 'toString')).toBe('toString');
    expect(translate('zh', 'constructor')).toBe('constructor');
  });

  it('lists the languages and recognises their codes', () => {
    expect(LANGS).toEqual([
      { code: 'en', label: 'English' },
      { code: 'zh', label: '中文' },
    ]);
    expect(isLang('zh')).toBe(true);
    expect(isLang('fr')).toBe(false);
    expect(isLang(undefined)).toBe(false);
  });
});

describe('formatTime', () => {
  it('shows simulated seconds with milliseconds', () => {
    expect(formatTime(12_480, 'en')).toBe('12.480 s');
    expect(formatTime(12_480, 'zh')).toBe('12.480 秒');
    expect(formatTime(0, 'en')).toBe('0.000 s');
    expect(formatTime(185, 'en')).toBe('0.185 s');
    expect(formatTime(1, 'zh')).toBe('0.001 秒');
    expect(formatTime(3_600_000, 'zh')).toBe('3600.000 秒');
    expect(formatTime(Number.NaN, 'en')).toBe('— s');
  });
});

describe('dictionaries', () => {
  it('events.en and events.zh have the same keys', () => {
    const missingInZh = Object.keys(en).filter((k) => !(k in zh));
    const missingInEn = Object.keys(zh).filter((k) => !(k in en));
    expect(missingInZh).toEqual([]);
    expect(missingInEn).toEqual([]);
  });

  it('every key has the same placeholders in both languages', () => {
    for (const key of Object.keys(en)) {
      expect(placeholders(zh[key] ?? ''), key).toEqual(placeholders(en[key]!));
    }
  });

  it('ui.zh adds no key that ui.en lacks, with the same placeholders', () => {
    for (const key of Object.keys(DICT_AREAS.ui.zh)) {
      expect(DICT_AREAS.ui.en, key).toHaveProperty([key]);
      expect(placeholders(DICT_AREAS.ui.zh[key]!), key).toEqual(placeholders(DICT_AREAS.ui.en[key]!));
    }
  });

  it('areas do not collide: event keys are under ev., ui keys are not', () => {
    for (const key of Object.keys(en)) expect(key.startsWith('ev.'), key).toBe(true);
    for (const lang of ['en', 'zh'] as const) {
      for (const key of Object.keys(DICT_AREAS.ui[lang])) {
        expect(key in DICT_AREAS.events[lang], `${key} is defined by both ui.${lang} and events.${lang}`).toBe(false);
      }
    }
  });

  it('no value is empty, and only the pronoun may be blank-padded', () => {
    for (const [lang, d] of [['en', en], ['zh', zh]] as const) {
      for (const [key, value] of Object.entries(d)) {
        if (key === 'ev.join' || key === 'ev.cite' || key === 'ev.itStart' || key === 'ev.list.and' || key === 'ev.citeSep' || key === 'ev.list.sep') continue;
        expect(value.trim(), `${lang} ${key}`).toBe(value);
        expect(value.length, `${lang} ${key}`).toBeGreaterThan(0);
      }
    }
  });

  it('Chinese uses the standard terms wherever English names the concept', () => {
    const terms: Array<[RegExp, RegExp]> = [
      [/\bterms?\b/, /任期/],
      [/\bleaders?\b/, /领导者/],
      [/\bfollowers?\b/, /跟随者/],
      [/\bcandidates?\b/, /候选人/],
      [/\bvotes?\b|\bvoted\b/, /票/],
      [/\bheartbeats?\b/, /心跳/],
      [/\bcommitted\b|\bcommits?\b/, /提交/],
      [/\bentr(y|ies)\b/, /条目/],
      [/\blogs?\b/, /日志/],
      [/\btimed out\b/, /超时/],
      [/\bpartitioned\b/, /分区/],
    ];
    for (const key of Object.keys(en)) {
      for (const [word, term] of terms) {
        if (word.test(en[key]!.replace(/\{\w+\}/g, ''))) expect(zh[key], `${key}: "${en[key]}" → "${zh[key]}"`).toMatch(term);
      }
    }
    // Non-standard renderings that must not appear.
    for (const [key, value] of Object.entries(zh)) {
      expect(value, key).not.toMatch(/追随者|主节点|从节点|候选者|期限|领袖|任期号码/);
    }
  });

  it('RPC names stay in Latin script in both languages', () => {
    const rpcs = (s: string) => [...s.matchAll(/RequestVote|AppendEntries/g)].map((m) => m[0]).sort();
    for (const key of Object.keys(en)) {
      expect(rpcs(zh[key]!), key).toEqual(rpcs(en[key]!));
    }
  });

  it('the property names use the agreed Chinese terms', () => {
    expect(zh['ev.prop.electionSafety']).toBe('选举安全性');
    expect(zh['ev.prop.leaderAppendOnly']).toBe('领导者只追加');
    expect(zh['ev.prop.logMatching']).toBe('日志匹配');
    expect(zh['ev.prop.leaderCompleteness']).toBe('领导者完整性');
    expect(zh['ev.prop.stateMachineSafety']).toBe('状态机安全性');
  });

  it('describing a real run asks for no missing key', () => {
    const c = createCluster({ servers: 3, seed: 'i18n' });
    c.runUntil((cc) => cc.leaderId() !== null, 5_000);
    c.submit('x=1');
    c.crash(c.leaderId()!);
    c.runFor(1_000);
    clearMissingKeys();
    for (const e of c.trace()) {
      for (const { code } of LANGS) {
        const text = describeEvent(e, code).text;
        expect(text).not.toMatch(/\bev\.[a-z]/i);
      }
    }
    expect(missingKeys()).toEqual([]);
  });
});
