/**
 * "Run until…" beside Next and Stops: a button that opens the condition form
 * (RunUntilForm) below it. U opens it from anywhere with the focus on the
 * condition list; Escape closes it and puts the focus back on the button, so
 * the shortcuts work again at once. The choice is kept while it is closed.
 */
import { memo, useCallback, useState } from 'react';
import { useStore } from '../../store';
import { useT } from '../i18n';
import { ToolbarPanel, useToolbarPopover } from './ToolbarPopover';
import { INITIAL_RUN_UNTIL, RunUntilForm, type RunUntilDraft } from './RunUntilForm';
import './NextStopsMenu.css';

/** hideButton: on a phone the button lives in "More"; the panel still opens here (U, or that item). */
export const RunUntilMenu = memo(function RunUntilMenu({ hideButton = false }: { hideButton?: boolean }) {
  const t = useT();
  const open = useStore((s) => s.ui.runUntilOpen);
  const [draft, setDraft] = useState<RunUntilDraft>(INITIAL_RUN_UNTIL);
  const setOpen = useCallback((o: boolean) => useStore.getState().setRunUntilOpen(o), []);
  const { ref, panelId, buttonProps, onPanelKeyDown } = useToolbarPopover(open, setOpen, '[data-testid="run-until-template"]');

  return (
    <div className="next-stops run-until-menu" ref={ref}>
      {!hideButton && (
        <button {...buttonProps} title={t('runUntil.open.tip')} aria-label={t('runUntil.open.tip')} aria-keyshortcuts="U" data-testid="run-until-open">
          <span aria-hidden="true">⇥</span>
          <span className="btn-label">{t('runUntil.open')}</span>
        </button>
      )}
      {open && (
        <ToolbarPanel id={panelId} label={t('runUntil.label')} testId="run-until-panel" onKeyDown={onPanelKeyDown}>
          <RunUntilForm draft={draft} onChange={setDraft} />
        </ToolbarPanel>
      )}
    </div>
  );
});
