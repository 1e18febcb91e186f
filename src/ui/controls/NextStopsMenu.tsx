/**
 * What Next (N) stops at: a button beside Next that opens a list of checkboxes,
 * one per kind of teaching moment (with its paper section), plus All and None.
 * Keyboard: Tab moves through the boxes, Space toggles, Escape closes and puts
 * the focus back on the button (so the shortcuts work again at once).
 */
import { memo, useCallback } from 'react';
import { useStore } from '../../store';
import { useT } from '../i18n';
import { MOMENT_KINDS, type MomentKind } from '../../worker/momentKinds';
import { ToolbarPanel, useToolbarPopover } from './ToolbarPopover';
import './NextStopsMenu.css';

/** hideButton: on a phone the button lives in "More"; the panel still opens here. */
export const NextStopsMenu = memo(function NextStopsMenu({ hideButton = false }: { hideButton?: boolean }) {
  const t = useT();
  const stops = useStore((s) => s.ui.nextStops);
  const open = useStore((s) => s.ui.stopsOpen);
  const setOpen = useCallback((o: boolean) => useStore.getState().setStopsOpen(o), []);
  // The first box takes the focus, so the list is usable from the keyboard at once.
  const { ref, panelId, buttonProps, onPanelKeyDown } = useToolbarPopover(open, setOpen, 'input[type="checkbox"]');

  const set = (kinds: readonly MomentKind[]) => useStore.getState().setNextStops(kinds);
  const toggle = (k: MomentKind, on: boolean) => set(on ? [...stops, k] : stops.filter((x) => x !== k));

  return (
    <div className="next-stops" ref={ref}>
      {!hideButton && (
        <button
          {...buttonProps}
          title={t('nextStops.open.tip')}
          aria-label={`${t('nextStops.open.tip')} (${t('nextStops.count', { n: stops.length, total: MOMENT_KINDS.length })})`}
          data-testid="next-stops"
        >
          <span aria-hidden="true">⚑</span>
          <span className="btn-label">{t('nextStops.open')}</span>
          {stops.length < MOMENT_KINDS.length && <span className="next-stops-count">{t('nextStops.count', { n: stops.length, total: MOMENT_KINDS.length })}</span>}
        </button>
      )}
      {open && (
        <ToolbarPanel id={panelId} label={t('nextStops.label')} testId="next-stops-panel" onKeyDown={onPanelKeyDown}>
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
        </ToolbarPanel>
      )}
    </div>
  );
});
