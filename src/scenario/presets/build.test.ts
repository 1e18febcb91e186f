import { describe, expect, it } from 'vitest';
import { recordOnUse, type PresetTexts } from './build';
import { PRESETS } from '.';
import { figure7, figure8d, figure8e } from './paper';

const texts: PresetTexts = { title: { en: 'T', zh: '题' }, description: { en: 'D', zh: '述' }, suggestions: [] };

describe('presets are recorded on first use', () => {
  it('plays the script once, when the scenario is first asked for, and keeps it', () => {
    let played = 0;
    const p = recordOnUse({ servers: 3, seed: 'on-use' }, [{ wait: 500 }, { do: () => (played++, { type: 'submit', command: 'a=1' }) }], texts);
    expect(played).toBe(0);
    expect(p.texts).toBe(texts);
    expect(p.options).toEqual({ servers: 3, seed: 'on-use' });
    const s = p.scenario;
    expect(played).toBe(1);
    expect(s.actions).toHaveLength(1);
    expect(p.scenario).toBe(s);
    expect(played).toBe(1);
  });

  it('the options lessons read without recording are the recorded scenario\'s', () => {
    for (const p of [figure7, figure8d, figure8e]) expect(p.options).toEqual(p.scenario.options);
  });

  it("every preset's texts (what the menu shows before recording) are its scenario's", () => {
    for (const p of PRESETS) {
      expect(p.scenario.title, p.id).toEqual(p.texts.title);
      expect(p.scenario.description, p.id).toEqual(p.texts.description);
      expect(p.scenario.suggestions, p.id).toEqual(p.texts.suggestions);
    }
  });
});
