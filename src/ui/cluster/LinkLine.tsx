/**
 * Links between servers. Drawn in two layers: the visible lines under the
 * servers, and wide invisible hit areas above them (so a link can be clicked
 * or focused without covering the servers' own targets). A cut direction is a
 * red dashed lane with a ✕ near the receiving end, where delivery fails; when
 * only one direction is cut, the other lane is drawn plain beside it.
 */
import { memo, useMemo, type KeyboardEvent } from 'react';
import type { ServerId } from '../../engine';
import { useStore } from '../../store';
import { useT } from '../i18n';
import { CUT_MARK_AT, pointOnLink, trimSegment, type Point, type RingNode, type Sizes } from './geometry';
import { activateOnKey, useRoving } from './useRoving';

export type Pair = [ServerId, ServerId];

interface LayerProps {
  pairs: Pair[];
  positions: Map<ServerId, RingNode>;
  sizes: Sizes;
}

interface LinkState {
  cutAB: boolean;
  cutBA: boolean;
  /** An end is disconnected: nothing travels on this link. */
  dim: boolean;
}

/** Cut directions and disconnected servers, keyed by pair "a-b" (a < b). */
function useLinkStates(pairs: Pair[]): Map<string, LinkState> {
  const cut = useStore((s) => s.sim.network.cut);
  const disconnected = useStore((s) => s.sim.network.disconnected);
  return useMemo(() => {
    const cutSet = new Set(cut.map(([f, t]) => `${f}>${t}`));
    const off = new Set(disconnected);
    const m = new Map<string, LinkState>();
    for (const [a, b] of pairs) {
      m.set(`${a}-${b}`, { cutAB: cutSet.has(`${a}>${b}`), cutBA: cutSet.has(`${b}>${a}`), dim: off.has(a) || off.has(b) });
    }
    return m;
  }, [cut, disconnected, pairs]);
}

function useSelectedLinkKey(): string | null {
  return useStore((s) => (s.ui.selectedLink ? `${s.ui.selectedLink[0]}-${s.ui.selectedLink[1]}` : null));
}

interface LineProps extends LinkState {
  ax: number;
  ay: number;
  bx: number;
  by: number;
  trim: number;
  lane: number;
  mark: number;
  selected: boolean;
}

function CutMark({ at, size }: { at: Point; size: number }) {
  const d = `M${at.x - size},${at.y - size}L${at.x + size},${at.y + size}M${at.x + size},${at.y - size}L${at.x - size},${at.y + size}`;
  return (
    <g className="cv-cutmark">
      <path className="cv-cutmark-halo" d={d} />
      <path d={d} />
    </g>
  );
}

/** A chevron at the receiving end of a cut lane: which way the cut direction goes. */
function Arrowhead({ from, to, size }: { from: Point; to: Point; size: number }) {
  const len = Math.hypot(to.x - from.x, to.y - from.y) || 1;
  const ux = (to.x - from.x) / len;
  const uy = (to.y - from.y) / len;
  const back = { x: to.x - ux * size * 1.4, y: to.y - uy * size * 1.4 };
  const d = `M${back.x - uy * size},${back.y + ux * size}L${to.x},${to.y}L${back.x + uy * size},${back.y - ux * size}`;
  return <path className="cv-cut-arrow" d={d} />;
}

function LinkLineImpl({ ax, ay, bx, by, trim, lane, mark, cutAB, cutBA, dim, selected }: LineProps) {
  const [p, q] = trimSegment({ x: ax, y: ay }, { x: bx, y: by }, trim, trim);
  const cls = dim ? 'cv-link cv-link-dim' : 'cv-link';
  const seg = (s: Point, e: Point, className: string) => <line className={className} x1={s.x} y1={s.y} x2={e.x} y2={e.y} />;
  if (!cutAB && !cutBA) {
    return (
      <g>
        {selected && seg(p, q, 'cv-link-selected')}
        {seg(p, q, cls)}
      </g>
    );
  }
  // Each direction in its own lane, to the right of travel (as messages move).
  const lanes = [
    { from: p, to: q, cut: cutAB },
    { from: q, to: p, cut: cutBA },
  ];
  return (
    <g>
      {selected && seg(p, q, 'cv-link-selected')}
      {lanes.map(({ from, to, cut }, i) => {
        const s = pointOnLink(from, to, 0, lane);
        const e = pointOnLink(from, to, 1, lane);
        return (
          <g key={i}>
            {seg(s, e, cut ? 'cv-link-cut' : cls)}
            {cut && <CutMark at={pointOnLink(from, to, CUT_MARK_AT, lane)} size={mark} />}
            {cut && <Arrowhead from={s} to={e} size={mark * 1.1} />}
          </g>
        );
      })}
    </g>
  );
}

const LinkLine = memo(LinkLineImpl);

/** The visible links (drawn under the servers). */
export function LinkLayer({ pairs, positions, sizes }: LayerProps) {
  const states = useLinkStates(pairs);
  const selectedKey = useSelectedLinkKey();
  return (
    <g className="cv-links" aria-hidden="true">
      {pairs.map(([a, b]) => {
        const pa = positions.get(a);
        const pb = positions.get(b);
        const key = `${a}-${b}`;
        const st = states.get(key);
        if (!pa || !pb || !st) return null;
        return (
          <LinkLine
            key={key}
            ax={pa.x}
            ay={pa.y}
            bx={pb.x}
            by={pb.y}
            trim={sizes.timerOuter + 2}
            lane={sizes.lane}
            mark={sizes.glyph * 0.75}
            selected={key === selectedKey}
            {...st}
          />
        );
      })}
    </g>
  );
}

interface HitProps extends LinkState {
  a: ServerId;
  b: ServerId;
  ax: number;
  ay: number;
  bx: number;
  by: number;
  trim: number;
  width: number;
  selected: boolean;
  tabIndex: number;
  onItemFocus: (key: string) => void;
}

function LinkHitImpl({ a, b, ax, ay, bx, by, trim, width, selected, tabIndex, cutAB, cutBA, dim, onItemFocus }: HitProps) {
  const t = useT();
  const [p, q] = trimSegment({ x: ax, y: ay }, { x: bx, y: by }, trim, trim);
  const key = `${a}-${b}`;
  let state: string;
  if (cutAB && cutBA) state = t('cluster.link.state.cutBoth');
  else if (cutAB) state = t('cluster.link.state.cutOne', { from: a, to: b });
  else if (cutBA) state = t('cluster.link.state.cutOne', { from: b, to: a });
  else state = t('cluster.link.state.up');
  if (dim) state += `; ${t('cluster.link.state.offline')}`;
  const label = t('cluster.link.aria', { a, b, state });
  const open = () => {
    const st = useStore.getState();
    const cur = st.ui.selectedLink;
    st.selectLink(cur && cur[0] === a && cur[1] === b ? null : [a, b]);
  };
  return (
    <g
      className="cv-link-hit"
      role="button"
      tabIndex={tabIndex}
      aria-label={label}
      aria-haspopup="dialog"
      aria-expanded={selected}
      data-roving=""
      data-link={key}
      onFocus={() => onItemFocus(key)}
      onClick={open}
      onKeyDown={(e: KeyboardEvent<SVGGElement>) => activateOnKey(e, open)}
    >
      <title>{label}</title>
      <line className="cv-link-focus" x1={p.x} y1={p.y} x2={q.x} y2={q.y} />
      <line className="cv-link-target" x1={p.x} y1={p.y} x2={q.x} y2={q.y} strokeWidth={width} />
    </g>
  );
}

const LinkHit = memo(LinkHitImpl);

/** Click and keyboard targets of the links (drawn above the servers, below the messages). */
export function LinkHitLayer({ pairs, positions, sizes }: LayerProps) {
  const t = useT();
  const states = useLinkStates(pairs);
  const selectedKey = useSelectedLinkKey();
  const keys = useMemo(() => pairs.map(([a, b]) => `${a}-${b}`), [pairs]);
  const { current, onItemFocus, onKeyDown } = useRoving(keys);
  return (
    <g className="cv-link-hits" role="group" aria-label={t('cluster.links.group')} onKeyDown={onKeyDown}>
      {pairs.map(([a, b]) => {
        const pa = positions.get(a);
        const pb = positions.get(b);
        const key = `${a}-${b}`;
        const st = states.get(key);
        if (!pa || !pb || !st) return null;
        return (
          <LinkHit
            key={key}
            a={a}
            b={b}
            ax={pa.x}
            ay={pa.y}
            bx={pb.x}
            by={pb.y}
            trim={sizes.timerOuter + 4}
            width={Math.max(16, sizes.lane * 2 + 8)}
            selected={key === selectedKey}
            tabIndex={key === current ? 0 : -1}
            onItemFocus={onItemFocus}
            {...st}
          />
        );
      })}
    </g>
  );
}
