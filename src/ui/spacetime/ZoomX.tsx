/**
 * d3-zoom on an element, horizontal only: the one place the diagram lets d3
 * touch the DOM (d3's own guidance for React: a leaf behind a ref). It
 * reports the zoom's scale and x offset; React draws everything from them.
 * Changing `resetKey` puts the zoom back to the identity (the Fit button).
 */
import { useEffect, useRef, type RefObject } from 'react';
import { select, zoom, zoomIdentity, type ZoomBehavior } from 'd3';

export interface ZoomXProps {
  target: RefObject<SVGSVGElement | null>;
  /** The plot's left and right edges in px: panning stays within them. */
  left: number;
  right: number;
  /** How far in the zoom may go (scale factor over the whole run). */
  maxScale: number;
  resetKey: number;
  onZoom(k: number, x: number): void;
}

export function ZoomX({ target, left, right, maxScale, resetKey, onZoom }: ZoomXProps) {
  const behaviour = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null);
  const report = useRef(onZoom);
  report.current = onZoom;

  useEffect(() => {
    const el = target.current;
    if (!el) return;
    const z = zoom<SVGSVGElement, unknown>()
      // Vertical wheel or pinch zooms time; clicks on arrows and lanes still reach React (d3 swallows only drags).
      .on('zoom', (e: { transform: { k: number; x: number } }) => report.current(e.transform.k, e.transform.x));
    behaviour.current = z;
    const sel = select(el);
    sel.call(z);
    sel.on('dblclick.zoom', null);
    return () => {
      sel.on('.zoom', null);
      behaviour.current = null;
    };
  }, [target]);

  useEffect(() => {
    const z = behaviour.current;
    if (!z) return;
    const h = 1e6; // y is unused: a tall extent keeps d3 from clamping it
    z.scaleExtent([1, Math.max(1, maxScale)])
      .extent([
        [left, 0],
        [Math.max(left + 1, right), h],
      ])
      .translateExtent([
        [left, -Infinity],
        [Math.max(left + 1, right), Infinity],
      ]);
  }, [left, right, maxScale]);

  useEffect(() => {
    const el = target.current;
    const z = behaviour.current;
    if (el && z) select(el).call(z.transform, zoomIdentity);
  }, [resetKey, target]);

  return null;
}
