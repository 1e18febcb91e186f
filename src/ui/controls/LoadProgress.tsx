/**
 * A link, file or preset being replayed beside the current run (issue 10):
 * how far it got, and Cancel (or Escape), which leaves the current run as it
 * was. Shown only while a load takes more than one slice of the worker's time.
 */
import { memo, useEffect } from 'react';
import { useStore } from '../../store';
import { useT } from '../i18n';
import { formatTime } from '../i18n';

export const LoadProgress = memo(function LoadProgress() {
  const t = useT();
  const lang = useStore((s) => s.ui.lang);
  const loading = useStore((s) => s.ui.loading);
  const active = loading !== null;

  useEffect(() => {
    if (!active) return;
    // Captured before the page's shortcuts: while a load runs, Escape is its Cancel and nothing else.
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || document.querySelector('dialog[open]')) return;
      e.preventDefault();
      e.stopPropagation();
      useStore.getState().cancelLoad();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [active]);

  if (!loading) return null;
  const count = loading.events.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en');
  return (
    <div className="load-progress panel" role="status" aria-live="polite" data-testid="load-progress">
      <strong>{t('load.title')}</strong>
      <progress max={Math.max(1, loading.until)} value={Math.min(loading.time, loading.until)} aria-label={t('load.title')} />
      <span data-testid="load-progress-text">
        {t('load.progress', { events: count, time: formatTime(loading.time, lang), until: formatTime(loading.until, lang) })}
        {loading.actionsTotal > 0 && <> · {t('load.actions', { k: loading.actions, total: loading.actionsTotal })}</>}
      </span>
      <span className="hint">{t('load.keepsRun')}</span>
      <button type="button" onClick={() => useStore.getState().cancelLoad()} aria-keyshortcuts="Escape" data-testid="load-cancel">
        {t('load.cancel')}
      </button>
    </div>
  );
});
