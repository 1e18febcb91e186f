/**
 * Every teaching moment Next can stop at reads as a whole sentence in both
 * languages: each kind and variant met in the paper's presets (and the
 * membership and snapshot ones) has its key, with no placeholder left.
 */
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../scenario/presets';
import { TimeMachine } from '../../worker/timeMachine';
import { describeMoment, MOMENT_KINDS, MomentDetector, type Moment } from '../../worker/moments';
import { clearMissingKeys, missingKeys, translate } from '../i18n';

function momentsOf(id: string): Moment[] {
  const s = PRESETS.find((p) => p.id === id)!.scenario;
  const tm = new TimeMachine(s.options);
  const detector = new MomentDetector(tm.cluster, new Set(MOMENT_KINDS));
  const out: Moment[] = [];
  const watch = (until: number) =>
    tm.runUntil((e) => {
      const m = detector.after(e, tm.cluster);
      if (m) out.push(m);
      return false;
    }, until - tm.cluster.now);
  for (const a of s.actions) {
    watch(a.at);
    tm.act(a.action);
  }
  watch(s.runUntil ?? tm.cluster.now);
  return out;
}

describe('teaching moments in words', () => {
  const ids = ['figure-7', 'figure-8d', 'figure-8e', 'snapshot-install', 'joint-consensus', 'add-two-servers'];
  it.each(ids)('every moment of the %s preset reads whole in English and Chinese', (id) => {
    clearMissingKeys();
    const moments = momentsOf(id);
    expect(moments.length).toBeGreaterThan(0);
    for (const m of moments) {
      for (const lang of ['en', 'zh'] as const) {
        const text = describeMoment(m, (key, params) => translate(lang, key, params));
        expect(text, `${lang} ${m.kind} ${m.variant ?? ''}`).not.toMatch(/[{}]|moment\./);
      }
    }
    expect(missingKeys()).toEqual([]);
  });

  it('the presets show every kind but a violation', () => {
    const kinds = new Set(ids.flatMap((id) => momentsOf(id).map((m) => m.kind)));
    expect([...kinds].sort()).toEqual(MOMENT_KINDS.filter((k) => k !== 'violation').sort());
  });

  it('each kind has a name for the chooser and the timeline in both languages', () => {
    clearMissingKeys();
    for (const k of MOMENT_KINDS) for (const lang of ['en', 'zh'] as const) translate(lang, `moment.kind.${k}`);
    for (const k of ['appendRejected', 'overwrite', 'voteRefused', 'oldTermMajority']) for (const lang of ['en', 'zh'] as const) translate(lang, `timeline.kind.${k}`);
    expect(missingKeys()).toEqual([]);
  });
});
