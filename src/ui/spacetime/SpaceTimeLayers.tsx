/**
 * The space-time diagram's layers (SpaceTimeView draws them in this order):
 * the legend, lane segments shaded by role and term, client operations and
 * their labels, the linearizability bands, and the message arrows. Each is a
 * small component over the window the worker sent and the shared x scale.
 */
import { memo, useMemo, type MouseEvent } from 'react';
import { scaleLinear } from 'd3';
import type { SpaceTimeMessage, SpaceTimeWindow } from '../../worker/protocol';
import { formatTime, type useT } from '../i18n';
import { termColor } from '../termColors';
import { useStore } from '../../store';
import { activateOnKey, useRoving } from '../cluster/useRoving';
import { arrowEnd, lanesOf, operationLabel, segmentFill, textWidth } from './spaceTimeModel';

const DANGER = '#b42318';

export type Translate = ReturnType<typeof useT>;

/** The lane shading's key (roles as the ring names them; crashed grey; disconnected dashed). */
export function Legend({ t }: { t: Translate }) {
  const items: Array<[string, string, boolean]> = [
    ['st.legend.leader', segmentFill('leader', true), false],
    ['st.legend.candidate', segmentFill('candidate', true), false],
    ['st.legend.follower', segmentFill('follower', true), false],
    ['st.legend.crashed', segmentFill('follower', false), false],
    ['st.legend.offline', 'transparent', true],
  ];
  return (
    <ul className="st-legend" aria-label={t('st.title')}>
      {items.map(([key, fill, dashed]) => (
        <li key={key}>
          <span className={`st-swatch${dashed ? ' dashed' : ''}`} style={{ background: fill }} aria-hidden="true" />
          {t(key)}
        </li>
      ))}
    </ul>
  );
}
export type Scale = ReturnType<typeof scaleLinear<number, number>>;
export type LanesT = ReturnType<typeof lanesOf>;

export function Segments({ win, x, lanes, font, onLaneClick, t }: { win: SpaceTimeWindow | null; x: Scale; lanes: LanesT; font: number; onLaneClick(e: MouseEvent<SVGRectElement>, a: number): void; t: Translate }) {
  if (!win) return null;
  const prevTerm = new Map<number, number>();
  return (
    <g className="st-segments">
      {win.segments.map((s) => {
        const y = lanes.y(s.server);
        const h = lanes.height * 0.5;
        const x0 = x(s.fromMs);
        const x1 = Math.max(x0 + 0.5, x(s.toMs));
        const termChanged = prevTerm.has(s.server) ? prevTerm.get(s.server) !== s.term : s.fromMs > 0 || s.term > 0;
        const restarted = prevTerm.has(s.server) && s.alive && !win.segments.some((o) => o.server === s.server && o.toMs === s.fromMs && o.alive);
        prevTerm.set(s.server, s.term);
        return (
          <g key={`${s.server}-${s.n}-${s.fromMs}`} data-role={s.role} data-alive={s.alive}>
            <rect
              x={x0}
              y={y - h / 2}
              width={x1 - x0}
              height={h}
              fill={segmentFill(s.role, s.alive)}
              stroke={s.role === 'leader' && s.alive ? '#b7791f' : 'none'}
              strokeDasharray={s.role === 'precandidate' ? '3 2' : undefined}
              onClick={(e) => onLaneClick(e, s.server)}
            />
            {!s.connected && <line x1={x0} x2={x1} y1={y + h / 2 + 2} y2={y + h / 2 + 2} stroke="#57606a" strokeWidth={2} strokeDasharray="4 3" pointerEvents="none" />}
            {termChanged && s.alive && (
              <g pointerEvents="none">
                <line x1={x0} x2={x0} y1={y - h / 2 - 3} y2={y + h / 2 + 3} stroke={termColor(s.term).fill} strokeWidth={2} />
                <text x={x0 + 2} y={y - h / 2 - 2} fontSize={font * 0.85} fill="#57606a">
                  {t('st.term', { term: s.term })}
                </text>
              </g>
            )}
            {!s.alive && (
              <text x={x0 + 1} y={y + font / 3} fill={DANGER} fontWeight={700} pointerEvents="none">
                ✕
              </text>
            )}
            {restarted && (
              <text x={x0 + 1} y={y + font / 3} fill="#1a7f37" fontWeight={700} pointerEvents="none">
                ↺
              </text>
            )}
          </g>
        );
      })}
    </g>
  );
}

export function Operations({ win, x, lanes, font, headMs }: { win: SpaceTimeWindow | null; x: Scale; lanes: LanesT; font: number; headMs: number }) {
  if (!win) return null;
  return (
    <g className="st-operations">
      {win.operations.map((o) => {
        const y = lanes.y(-o.clientId);
        const h = Math.min(lanes.height - 4, font * 1.6);
        const x0 = x(o.callTime);
        const x1 = Math.max(x0 + 2, x(o.returnTime ?? headMs));
        return (
          <g key={`${o.clientId}-${o.seq}`} data-testid="st-op" data-flagged={o.flagged} pointerEvents="none">
            <rect
              x={x0}
              y={y - h / 2}
              width={x1 - x0}
              height={h}
              rx={3}
              fill={o.answered ? '#d8efe9' : '#eef2f5'}
              stroke={o.flagged ? DANGER : '#0f766e'}
              strokeWidth={o.flagged ? 2.5 : 1}
              strokeDasharray={o.answered ? undefined : '4 2'}
            />
          </g>
        );
      })}
    </g>
  );
}

export function OperationLabels({ win, x, lanes, font, t, left, right }: { win: SpaceTimeWindow | null; x: Scale; lanes: LanesT; font: number; t: Translate; left: number; right: number }) {
  if (!win) return null;
  const words = { write: t('st.op.write'), read: t('st.op.read'), ok: t('st.op.ok') };
  return (
    <g className="st-op-labels" pointerEvents="none">
      {win.operations.map((o) => {
        const label = operationLabel(o, words);
        // Starts at its operation, but slides left rather than run off the right edge (a phone, a late operation).
        const at = Math.max(left + 2, Math.min(x(o.callTime) + 3, right - textWidth(label, font) - 2));
        // User text: a text node, never markup.
        return (
          <text
            key={`${o.clientId}-${o.seq}`}
            data-testid="st-op-label"
            data-flagged={o.flagged}
            x={at}
            y={lanes.y(-o.clientId) + font / 3}
            fill={o.flagged ? DANGER : '#1b1f24'}
            fontWeight={o.flagged ? 700 : 400}
            stroke="#ffffff"
            strokeWidth={3}
            strokeLinejoin="round"
            paintOrder="stroke"
          >
            {label}
          </text>
        );
      })}
    </g>
  );
}

export function Bands({ win, x, lanes, t }: { win: SpaceTimeWindow | null; x: Scale; lanes: LanesT; t: Translate }) {
  if (!win || win.bands.length === 0) return null;
  const most = win.bands.reduce((m, b) => Math.max(m, b.count), 1);
  return (
    <g className="st-bands" pointerEvents="none" data-testid="st-bands">
      {win.bands.map((b) => {
        const ya = lanes.y(b.from);
        const yb = lanes.y(b.to);
        if (Number.isNaN(ya) || Number.isNaN(yb)) return null;
        const x0 = x(b.fromMs);
        const w = Math.max(1, x(b.toMs) - x0);
        return (
          <rect key={`${b.from}-${b.to}-${b.fromMs}`} x={x0} y={Math.min(ya, yb)} width={w} height={Math.max(1, Math.abs(yb - ya))} fill={b.dropped > 0 ? DANGER : '#4e79a7'} opacity={0.08 + 0.3 * (b.count / most)}>
            <title>{t('st.band', { count: b.count })}</title>
          </rect>
        );
      })}
    </g>
  );
}

export const Arrows = memo(function Arrows({
  win,
  x,
  lanes,
  headMs,
  selected,
  marker,
  t,
  lang,
}: {
  win: SpaceTimeWindow | null;
  x: Scale;
  lanes: LanesT;
  headMs: number;
  selected: number | null;
  marker: string;
  t: Translate;
  lang: 'en' | 'zh';
}) {
  const ids = useMemo(() => (win ? win.messages.map((m) => m.id) : []), [win]);
  // One Tab stop for all arrows; the arrow keys, Home and End move between them in send order (useRoving).
  const { current, onItemFocus, onKeyDown } = useRoving(ids);
  if (!win) return null;
  return (
    <g className="st-arrows" role="group" aria-label={t('st.arrows.group')} onKeyDown={onKeyDown}>
      {win.messages.map((m) => (
        <Arrow key={m.id} m={m} x={x} lanes={lanes} headMs={headMs} selected={m.id === selected} marker={marker} t={t} lang={lang} tabIndex={m.id === current ? 0 : -1} onItemFocus={onItemFocus} />
      ))}
    </g>
  );
});

interface ArrowProps {
  m: SpaceTimeMessage;
  x: Scale;
  lanes: LanesT;
  headMs: number;
  selected: boolean;
  marker: string;
  t: Translate;
  lang: 'en' | 'zh';
  tabIndex: number;
  onItemFocus(id: number): void;
}

function Arrow({ m, x, lanes, headMs, selected, marker, t, lang, tabIndex, onItemFocus }: ArrowProps) {
  const ya = lanes.y(m.from);
  const yb = lanes.y(m.to);
  if (Number.isNaN(ya) || Number.isNaN(yb)) return null;
  const end = arrowEnd(m, headMs);
  const x0 = x(m.sentAt);
  const x1 = x(end.time);
  const y1 = ya + (yb - ya) * end.fraction;
  const colour = m.outcome === 'dropped' ? DANGER : termColor(m.term).fill;
  const label = t('st.arrow', { type: m.type, from: m.from, to: m.to, sent: formatTime(m.sentAt, lang) });
  const select = () => useStore.getState().selectMessage(m.id);
  return (
    <g
      className={`st-arrow${selected ? ' selected' : ''}`}
      data-testid="st-arrow"
      data-message={m.id}
      data-outcome={m.outcome}
      role="button"
      tabIndex={tabIndex}
      aria-label={label}
      aria-pressed={selected}
      data-roving=""
      onFocus={() => onItemFocus(m.id)}
      onKeyDown={(e) => activateOnKey(e, select)}
      onClick={(e) => {
        e.stopPropagation();
        select();
      }}
    >
      <title>{label}</title>
      <line x1={x0} y1={ya} x2={x1} y2={y1} stroke="transparent" strokeWidth={10} />
      {/* The focus ring: hidden by attribute (so an exported file never shows it), shown by CSS on :focus-visible. */}
      <line className="st-focusring" x1={x0} y1={ya} x2={x1} y2={y1} stroke="#1b1f24" strokeWidth={9} strokeLinecap="round" visibility="hidden" />
      <line className="st-focusring" x1={x0} y1={ya} x2={x1} y2={y1} stroke="#ffbf47" strokeWidth={5} strokeLinecap="round" visibility="hidden" />
      <line
        x1={x0}
        y1={ya}
        x2={x1}
        y2={y1}
        stroke={selected ? '#1b1f24' : colour}
        strokeWidth={selected ? 3 : m.heartbeat ? 1 : 1.6}
        strokeDasharray={m.duplicate ? '5 3' : m.outcome === 'inFlight' ? '2 2' : undefined}
        markerEnd={m.outcome === 'delivered' ? marker : undefined}
      />
      {m.outcome === 'dropped' && (
        <text x={x1} y={y1 + 4} textAnchor="middle" fill={DANGER} fontWeight={700}>
          ×
        </text>
      )}
      {m.duplicate && <circle cx={x0} cy={ya} r={2.5} fill={colour} />}
    </g>
  );
}
