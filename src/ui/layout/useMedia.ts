/** A CSS media query as React state (the screen's rooms: phone/tablet stack, narrow laptop, wide screen). */
import { useSyncExternalStore } from 'react';

export function useMedia(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const m = window.matchMedia(query);
      m.addEventListener('change', onChange);
      return () => m.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
    () => false,
  );
}

/** Phones and portrait tablets: one column (cluster, narration, timeline, then tabs). */
export const STACK_QUERY = '(max-width: 820px)';
/** A phone: the toolbar has room for the transport only; Run until… moves into "More". */
export const PHONE_QUERY = '(max-width: 600px)';
/** Wide enough for every toolbar button on one row; narrower screens fold the tools into "More". */
export const WIDE_TOOLBAR_QUERY = '(min-width: 1600px)';
