import { useCallback, useState, type KeyboardEvent } from 'react';

const NEXT = new Set(['ArrowRight', 'ArrowDown']);
const PREV = new Set(['ArrowLeft', 'ArrowUp']);

/**
 * Roving tabindex for a group of many small targets (links, messages): the
 * group is one Tab stop and the arrow keys, Home and End move between its
 * items. Items carry `data-roving`, take `tabIndex={key === current ? 0 : -1}`
 * and call `onItemFocus(key)` when focused.
 */
export function useRoving<K extends string | number>(keys: readonly K[]) {
  const [active, setActive] = useState<K | null>(null);
  const current: K | null = active !== null && keys.includes(active) ? active : (keys[0] ?? null);

  const onKeyDown = useCallback((e: KeyboardEvent<SVGElement>) => {
    const isNext = NEXT.has(e.key);
    const isPrev = PREV.has(e.key);
    if (!isNext && !isPrev && e.key !== 'Home' && e.key !== 'End') return;
    const items = Array.from(e.currentTarget.querySelectorAll<SVGElement>('[data-roving]'));
    const i = items.indexOf(document.activeElement as SVGElement);
    if (i < 0 || items.length === 0) return;
    const j = isNext ? (i + 1) % items.length : isPrev ? (i - 1 + items.length) % items.length : e.key === 'Home' ? 0 : items.length - 1;
    items[j]!.focus();
    // The arrow keys are also global shortcuts (step); inside the group they only move focus.
    e.preventDefault();
    e.stopPropagation();
  }, []);

  return { current, onItemFocus: setActive, onKeyDown };
}

/** Enter or Space on an SVG "button": run it, and keep the key from reaching the page's shortcuts. */
export function activateOnKey(e: KeyboardEvent<SVGElement>, run: () => void): void {
  if (e.key !== 'Enter' && e.key !== ' ') return;
  e.preventDefault();
  e.stopPropagation();
  run();
}
