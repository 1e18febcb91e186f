/**
 * What Next (N) stops at: a button beside Next that opens a list of checkboxes,
 * one per kind of teaching moment (with its paper section), plus All and None.
 * Keyboard: Tab moves through the boxes, Space toggles, Escape closes and puts
 * the focus back on the button (so the shortcuts work again at once).
 */
import { memo, useCallback, useEffect, useId, useRef, useState } from 'react';
import { useStore } from '../../store';
import { useT } from '../i18n';
import { MOMENT_KINDS, type MomentKind } from '../../worker/momentKinds';
import { useOutsideClose } from './useOutsideClose';
import './NextStopsMenu.css';

export const NextStopsMenu = memo(function NextStopsMenu() {
  const t = useT();
  const stops = useStore((s) => s.ui.nextStops);
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  const dismiss = useCallback(() => setOpen(false), []);
  useOutsideClose(open, ref, dismiss);
  useEffect(() => {
    // The first box takes the focus, so the list is usable from the keyboard at once.
    if (open) ref.current?.querySelector<HTMLInputElement>('input[type="checkbox"]')?.focus();
  }, [open]);

  const set = (kinds: readonly MomentKind[]) => useStore.getState().setNextStops(kinds);
  const toggle = (k: MomentKind, on: boolean) => set(on ? [...stops, k] : stops.filter((x) => x !== k));
  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };

  return (
    <div className="next-stops" ref={ref}>
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-haspopup="true"
        onClick={() => setOpen((o) => !o)}
        title={t('nextStops.open.tip')}
        aria-label={`${t('nextStops.open.tip')} (${t('nextStops.count', { n: stops.length, total: MOMENT_KINDS.length })})`}
        data-testid="next-stops"
      >
        <span aria-hidden="true">⚑</span>
        <span className="btn-label">{t('nextStops.open')}</span>
        {stops.length < MOMENT_KINDS.length && <span className="next-stops-count">{t('nextStops.count', { n: stops.length, total: MOMENT_KINDS.length })}</span>}
      </button>
      {open && (
        <div
          id={panelId}
          className="next-stops-panel panel"
          role="group"
          aria-label={t('nextStops.label')}
          data-testid="next-stops-panel"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              close();
            }
          }}
        >
          <fieldset>
            <legend>{t('nextStops.label')}</legend>
            {MOMENT_KINDS.map((k) => (
              <label key={k} className="next-stops-item">
                <input type="checkbox" checked={stops.includes(k)} onChange={(e) => toggle(k, e.target.checked)} data-testid={`next-stop-${k}`} />
                <span>{t(`moment.kind.${k}`)}</span>
              </label>
            ))}
          </fieldset>
          <div className="next-stops-actions">
            <button type="button" onClick={() => set(MOMENT_KINDS)} disabled={stops.length === MOMENT_KINDS.length}>
              {t('nextStops.all')}
            </button>
            <button type="button" onClick={() => set([])} disabled={stops.length === 0}>
              {t('nextStops.none')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
});
