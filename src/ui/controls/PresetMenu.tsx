/**
 * The preset menu: a select in the toolbar listing the built-in scenarios in
 * the current language. Choosing one loads it and opens a dialog with its
 * explanation and things to try.
 */
import { memo, useId, useState } from 'react';
import { useStore, useT } from '../../store';
import { PRESETS, type Preset } from '../../scenario/presets';
import type { LocalizedText } from '../../scenario';
import type { Lang } from '../i18n';
import { Dialog } from './Dialog';

function localized(text: LocalizedText | undefined, lang: Lang): string {
  if (!text) return '';
  return (lang === 'zh' ? text.zh : undefined) ?? text.en;
}

export const PresetMenu = memo(function PresetMenu() {
  const t = useT();
  const lang = useStore((s) => s.ui.lang);
  const ready = useStore((s) => s.sim.ready);
  const [shown, setShown] = useState<Preset | null>(null);
  const selectId = useId();
  const headingId = useId();

  async function choose(id: string): Promise<void> {
    const preset = PRESETS.find((p) => p.id === id);
    if (!preset) return;
    const ok = await useStore.getState().loadScenario(preset.scenario);
    if (ok) setShown(preset);
  }

  return (
    <>
      <label htmlFor={selectId} className="visually-hidden">
        {t('presets.label')}
      </label>
      <select
        id={selectId}
        value=""
        disabled={!ready}
        title={t('presets.tip')}
        onChange={(e) => void choose(e.target.value)}
        data-testid="preset-menu"
      >
        <option value="" disabled>
          {t('presets.choose')}
        </option>
        {PRESETS.map((p) => (
          <option key={p.id} value={p.id}>
            {localized(p.scenario.title, lang)}
          </option>
        ))}
      </select>
      <Dialog open={shown !== null} onClose={() => setShown(null)} labelledBy={headingId} className="preset-dialog">
        {shown && (
          <div data-testid="preset-info" data-preset={shown.id}>
            <p className="hint">{t('presets.about')}</p>
            <h2 id={headingId} data-testid="preset-title">
              {localized(shown.scenario.title, lang)}
            </h2>
            <p data-testid="preset-description">{localized(shown.scenario.description, lang)}</p>
            {shown.scenario.suggestions && shown.scenario.suggestions.length > 0 && (
              <>
                <h3>{t('presets.suggestions')}</h3>
                <ul data-testid="preset-suggestions">
                  {shown.scenario.suggestions.map((s, k) => (
                    <li key={k}>{localized(s, lang)}</li>
                  ))}
                </ul>
              </>
            )}
            <div className="button-row">
              <button type="button" className="primary" onClick={() => setShown(null)} data-testid="preset-close" autoFocus>
                {t('presets.close')}
              </button>
            </div>
          </div>
        )}
      </Dialog>
    </>
  );
});
