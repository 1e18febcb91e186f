/** "About this scenario": the loaded preset's or link's explanation and things to try, reopened at any time. */
import { memo, useId } from 'react';
import { useStore } from '../../store';
import { useT } from '../i18n';
import { Dialog } from '../controls/Dialog';

export const AboutDialog = memo(function AboutDialog() {
  const t = useT();
  const open = useStore((s) => s.ui.aboutOpen);
  const info = useStore((s) => s.ui.scenarioInfo?.[s.ui.lang] ?? null);
  const headingId = useId();
  const close = () => useStore.getState().setAboutOpen(false);
  return (
    <Dialog open={open && info !== null} onClose={close} labelledBy={headingId} className="preset-dialog">
      {info && (
        <div data-testid="about-info">
          <p className="hint">{t('about.kicker')}</p>
          <h2 id={headingId} data-testid="about-title">
            {info.title}
          </h2>
          {info.description && <p data-testid="about-description">{info.description}</p>}
          {info.suggestions.length > 0 && (
            <>
              <h3>{t('presets.suggestions')}</h3>
              <ul>
                {info.suggestions.map((s, k) => (
                  <li key={k}>{s}</li>
                ))}
              </ul>
            </>
          )}
          <div className="button-row">
            <button type="button" className="primary" onClick={close} autoFocus data-testid="about-close">
              {t('presets.close')}
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
});
