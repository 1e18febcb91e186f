/** The toolbar's choosers (Stops, Run until…): one behaviour and one panel for all of them. */
import { useCallback, useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useOutsideClose } from './useOutsideClose';
import './NextStopsMenu.css';

/**
 * A toolbar chooser whose open state is in the store (so a shortcut or the
 * phone's "More" can open it): closes on a press outside, puts the focus on
 * `firstField` when it opens, and Escape closes it and gives the focus back to
 * its button (so the page's shortcuts work again at once).
 */
export function useToolbarPopover(open: boolean, setOpen: (open: boolean) => void, firstField: string) {
  const ref = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const dismiss = useCallback(() => setOpen(false), [setOpen]);
  useOutsideClose(open, ref, dismiss);
  useEffect(() => {
    if (open) ref.current?.querySelector<HTMLElement>(firstField)?.focus();
  }, [open, firstField]);
  useEffect(() => {
    if (!open) return;
    // Escape closes it also when the focus has left the panel (e.g. a button disabled while the run goes on).
    const onEscape = (e: globalThis.KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented || document.querySelector('dialog[open]')) return;
      setOpen(false);
      if (document.activeElement === document.body || ref.current?.contains(document.activeElement)) buttonRef.current?.focus();
    };
    document.addEventListener('keydown', onEscape);
    return () => document.removeEventListener('keydown', onEscape);
  }, [open, setOpen]);
  const onPanelKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    e.stopPropagation();
    setOpen(false);
    buttonRef.current?.focus();
  };
  const buttonProps = { ref: buttonRef, type: 'button' as const, 'aria-expanded': open, 'aria-controls': panelId, 'aria-haspopup': 'true' as const, onClick: () => setOpen(!open) };
  return { ref, panelId, buttonProps, onPanelKeyDown };
}

/** The panel below a chooser's button (a group named by `label`). */
export function ToolbarPanel(props: { id: string; label: string; testId: string; onKeyDown: (e: KeyboardEvent) => void; children: ReactNode }) {
  return (
    <div id={props.id} className="next-stops-panel panel" role="group" aria-label={props.label} data-testid={props.testId} onKeyDown={props.onKeyDown}>
      {props.children}
    </div>
  );
}
