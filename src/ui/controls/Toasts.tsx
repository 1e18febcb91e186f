/** Short messages: errors from bad input (named field and valid range) and notices. */
import { memo, useEffect } from 'react';
import { useStore } from '../../store';
import { toastText, useT } from '../i18n';

export const Toasts = memo(function Toasts() {
  const t = useT();
  const toasts = useStore((s) => s.ui.toasts);
  const lang = useStore((s) => s.ui.lang);
  useEffect(() => {
    if (toasts.length === 0) return;
    // Notices fade on their own; errors stay until dismissed.
    const info = toasts.filter((x) => x.tone === 'info');
    if (info.length === 0) return;
    const timer = setTimeout(() => info.forEach((x) => useStore.getState().dismissToast(x.id)), 5_000);
    return () => clearTimeout(timer);
  }, [toasts]);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((x) => (
        <div key={x.id} className={`toast ${x.tone}`} role={x.tone === 'error' ? 'alert' : 'status'} data-testid="toast">
          <span>{toastText(x.content, lang)}</span>
          <button type="button" onClick={() => useStore.getState().dismissToast(x.id)} aria-label={t('common.dismiss')}>
            ✕
          </button>
        </div>
      ))}
    </div>
  );
});
