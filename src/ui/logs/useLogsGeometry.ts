/**
 * The logs view's sizes, measured rather than duplicated: the CSS defines the
 * minimum cell width, the label and progress columns, the header and the row
 * heights (they scale in presentation mode, see LogsView.css); hidden probe
 * elements carry them, and a ResizeObserver re-measures when they or the
 * scroll container change. No animation frames: nothing runs while nothing
 * changes size.
 */
import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { RowSizes } from './logModel';

export interface LogsGeometry {
  cellMin: number;
  label: number;
  progress: number;
  head: number;
  /** Width of the Figure 8 callout's text (reserved after the leader's last entry when shown). */
  callout: number;
  rows: RowSizes;
  /** The scroll container's inner size (0 before the first measurement). */
  width: number;
  height: number;
}

const INITIAL: LogsGeometry = { cellMin: 58, label: 104, progress: 118, head: 22, callout: 320, rows: { min: 32, twoLines: 44, max: 60 }, width: 0, height: 0 };

export type ProbeName = 'cell' | 'label' | 'progress' | 'head' | 'rowMin' | 'rowTwo' | 'rowMax' | 'callout';
const PROBES: ProbeName[] = ['cell', 'label', 'progress', 'head', 'rowMin', 'rowTwo', 'rowMax', 'callout'];

function same(a: LogsGeometry, b: LogsGeometry): boolean {
  return (
    a.cellMin === b.cellMin &&
    a.label === b.label &&
    a.progress === b.progress &&
    a.head === b.head &&
    a.callout === b.callout &&
    a.width === b.width &&
    a.height === b.height &&
    a.rows.min === b.rows.min &&
    a.rows.twoLines === b.rows.twoLines &&
    a.rows.max === b.rows.max
  );
}

export function useLogsGeometry(): {
  geom: LogsGeometry;
  probeRef: (el: HTMLDivElement | null) => void;
  scrollRef: React.RefObject<HTMLDivElement | null>;
  attachScroll: (el: HTMLDivElement | null) => void;
} {
  const [geom, setGeom] = useState(INITIAL);
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const [scrollEl, setScrollEl] = useState<HTMLDivElement | null>(null);
  const [probeEl, setProbeEl] = useState<HTMLDivElement | null>(null);
  const attachScroll = useCallback((el: HTMLDivElement | null) => {
    scrollRef.current = el;
    setScrollEl(el);
  }, []);

  useLayoutEffect(() => {
    if (!probeEl) return;
    const probe = (name: ProbeName): HTMLElement | null => probeEl.querySelector(`[data-probe="${name}"]`);
    const w = (name: ProbeName, fallback: number): number => probe(name)?.getBoundingClientRect().width || fallback;
    const h = (name: ProbeName, fallback: number): number => Math.ceil(probe(name)?.getBoundingClientRect().height || fallback);
    const measure = (): void => {
      const rowMin = h('rowMin', INITIAL.rows.min);
      const next: LogsGeometry = {
        cellMin: w('cell', INITIAL.cellMin),
        label: w('label', INITIAL.label),
        progress: w('progress', INITIAL.progress),
        head: h('head', INITIAL.head),
        callout: Math.ceil(w('callout', INITIAL.callout)),
        rows: { min: rowMin, twoLines: Math.max(rowMin, h('rowTwo', INITIAL.rows.twoLines)), max: Math.max(rowMin, h('rowMax', INITIAL.rows.max)) },
        width: scrollEl?.clientWidth ?? 0,
        height: scrollEl?.clientHeight ?? 0,
      };
      setGeom((g) => (same(g, next) ? g : next));
    };
    measure();
    const ro = new ResizeObserver(measure);
    for (const name of PROBES) {
      const el = probe(name);
      if (el) ro.observe(el);
    }
    if (scrollEl) ro.observe(scrollEl);
    return () => ro.disconnect();
  }, [probeEl, scrollEl]);

  return { geom, probeRef: setProbeEl, scrollRef, attachScroll };
}

/** The hidden elements whose CSS sizes the hook measures. */
export const PROBE_NAMES = PROBES;
