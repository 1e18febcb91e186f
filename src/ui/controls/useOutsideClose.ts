/**
 * A popover (menu, chooser) closes on a pointer press outside its container.
 * Shared by the toolbar's choosers so they all behave the same way.
 */
import { useEffect, type RefObject } from 'react';

export function useOutsideClose(open: boolean, ref: RefObject<HTMLElement | null>, close: () => void): void {
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (ref.current && e.target instanceof Node && !ref.current.contains(e.target)) close();
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open, ref, close]);
}
