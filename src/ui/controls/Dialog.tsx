/**
 * A modal built on the native <dialog>: focus is trapped and Escape closes it.
 * When it closes, focus goes back to the control that opened it if that is
 * still on screen, else to the page itself, never into a closed menu or a
 * removed element, so the keyboard shortcuts work at once.
 */
import { useEffect, useRef, type ReactNode, type RefObject } from 'react';

/** Can `el` take focus back: still in the page, laid out, enabled, not inside something inert or hidden? */
function canRefocus(el: HTMLElement | null): el is HTMLElement {
  return el !== null && el.isConnected && el.getClientRects().length > 0 && !el.matches(':disabled') && el.closest('[inert], [hidden], dialog:not([open])') === null;
}

/**
 * `returnTo`: where focus goes when the dialog closes, when the control that
 * opened it is not the one to come back to (a menu item that is gone, or
 * whatever held focus when an asynchronous load finished and opened it).
 */
export function Dialog({
  open,
  onClose,
  labelledBy,
  children,
  className,
  returnTo,
}: {
  open: boolean;
  onClose: () => void;
  labelledBy: string;
  children: ReactNode;
  className?: string;
  returnTo?: RefObject<HTMLElement | null>;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      const active = document.activeElement;
      opener.current = active instanceof HTMLElement && active !== document.body ? active : null;
      d.showModal();
    }
    if (!open && d.open) d.close();
  }, [open]);

  // Runs for every way the dialog closes (Escape, a button, the owner's state).
  const returnFocus = () => {
    const d = ref.current;
    const preferred = returnTo?.current ?? null;
    const back = canRefocus(preferred) ? preferred : opener.current;
    opener.current = null;
    if (canRefocus(back)) back.focus();
    else if (d && document.activeElement instanceof HTMLElement && d.contains(document.activeElement)) document.activeElement.blur();
  };

  return (
    <dialog
      ref={ref}
      className={`dialog ${className ?? ''}`}
      aria-labelledby={labelledBy}
      onClose={() => {
        // The close event is queued as a task after close(): when the dialog was opened again
        // before it fired (G pressed right after Close), it is stale and must not close the new one.
        if (ref.current?.open) return;
        returnFocus();
        onClose();
      }}
      onCancel={onClose}
      // Escape closes this dialog only, not also a menu it was opened from (React bubbles through the tree).
      onKeyDown={(e) => e.key === 'Escape' && e.stopPropagation()}
    >
      {open ? children : null}
    </dialog>
  );
}
