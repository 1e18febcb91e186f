/**
 * The space-time diagram: one lane per server (and per client once clients
 * are used), simulated time to the right, every message an arrow from its
 * sending to its delivery (× where it was dropped, dashed for a copy, cut at
 * the head while still on the wire). Lanes are shaded by role and show term
 * changes, crashes and disconnections; client lanes show each operation from
 * invocation to response, red-outlined where the history is not linearizable
 * (as Porcupine draws it). A cursor marks the moment the rest of the page
 * shows; clicking an arrow selects the message, clicking a lane goes to its
 * nearest event.
 *
 * The worker sends only the window in view (spaceTimeWindow); d3 computes the
 * scale and zoom (ZoomX, a leaf behind a ref), React draws. Colours are SVG
 * attributes, not CSS, so the exported file looks the same.
 */
import { memo, useCallback, useEffect, useId, useMemo, useRef, useState, type MouseEvent } from 'react';
import { scaleLinear } from 'd3';
import { useStore } from '../../store';
import type { SpaceTimeMessage, SpaceTimeWindow } from '../../worker/protocol';
import { formatTime, useT } from '../i18n';
import { termColor } from '../termColors';
import { useElementSize, type Size } from '../cluster/useElementSize';
import { ClusterViewSwitch } from './ClusterViewSwitch';
import { ZoomX } from './ZoomX';
import { pngOf, svgText } from './exportImage';
import { activateOnKey, useRoving } from '../cluster/useRoving';
import { saveBlob, saveText } from '../download';
import { arrowEnd, lanesOf, nearestEvent, operationLabel, segmentFill, textWidth, tickLabelPlace } from './spaceTimeModel';
import './SpaceTime.css';

const FALLBACK: Size = { width: 800, height: 400 };
const AXIS_PX = 20;
const DANGER = '#b42318';
const CURSOR = '#0b5cad';

export const SpaceTimeView = memo(function SpaceTimeView() {
  const t = useT();
  const lang = useStore((s) => s.ui.lang);
  const presentation = useStore((s) => s.ui.presentation);
  const heartbeats = useStore((s) => s.ui.spaceTimeHeartbeats);
  const headMs = useStore((s) => s.sim.timeline.head.time);
  const cursorMs = useStore((s) => s.sim.timeline.position.time);
  const eventCount = useStore((s) => s.sim.eventCount);
  const run = useStore((s) => s.sim.run);
  const selected = useStore((s) => s.ui.selectedMessage);
  const boxRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const size = useElementSize(boxRef, FALLBACK);
  const titleId = useId();
  const descId = useId();
  const scale = presentation ? 1.45 : 1;
  // The page's small text size (--fs-sm, 13 px), scaled as presentation mode scales the rest of the page.
  const font = 13 * scale;
  const labelW = Math.round(34 * scale);
  const right = size.width - 8;

  // Zoom: identity follows the live edge (the whole run); once zoomed, the base span is held still.
  const [zoomState, setZoomState] = useState({ k: 1, x: 0 });
  const [resetKey, setResetKey] = useState(0);
  const baseEnd = useRef(Math.max(headMs, 1));
  const fitted = zoomState.k === 1 && zoomState.x === 0;
  if (fitted) baseEnd.current = Math.max(headMs, 1);
  const onZoom = useCallback((k: number, x: number) => setZoomState((z) => (z.k === k && z.x === x ? z : { k, x })), []);
  const x = useMemo(() => {
    const base = scaleLinear().domain([0, baseEnd.current]).range([labelW, right]);
    const k = zoomState.k;
    // transform.rescaleX: the view's domain is the base's inverted at the transformed range.
    const d0 = base.invert((labelW - zoomState.x) / k);
    const d1 = base.invert((right - zoomState.x) / k);
    return scaleLinear().domain([d0, d1]).range([labelW, right]);
  }, [zoomState, labelW, right, fitted ? headMs : 0]);
  const [fromMs, toMs] = x.domain() as [number, number];
  const pxPerMs = (right - labelW) / Math.max(1e-6, toMs - fromMs);

  // Ask the worker for the window; one request at a time, the latest wish sent when it answers.
  const [win, setWin] = useState<SpaceTimeWindow | null>(null);
  const inFlight = useRef(false);
  const wanted = useRef<{ fromMs: number; toMs: number; pxPerMs: number; heartbeats: boolean } | null>(null);
  const request = useCallback(() => {
    if (inFlight.current || !wanted.current) return;
    const q = wanted.current;
    wanted.current = null;
    inFlight.current = true;
    void useStore
      .getState()
      .spaceTimeWindow(q)
      .then((w) => {
        inFlight.current = false;
        if (w) setWin(w);
        request();
      });
  }, []);
  useEffect(() => {
    wanted.current = { fromMs: Math.max(0, fromMs), toMs: Math.max(fromMs, toMs), pxPerMs, heartbeats };
    request();
  }, [fromMs, toMs, pxPerMs, heartbeats, eventCount, headMs, run, request]);

  const lanes = useMemo(
    () => lanesOf(win?.servers ?? [], win?.clients ?? [], AXIS_PX * scale, size.height - AXIS_PX * scale - 4, 14 * scale, 56 * scale),
    [win?.servers, win?.clients, size.height, scale],
  );
  const svgHeight = Math.max(size.height, lanes.top + lanes.order.length * lanes.height + 4);

  function onLaneClick(e: MouseEvent<SVGRectElement>, address: number): void {
    if (!win) return;
    const box = svgRef.current?.getBoundingClientRect();
    if (!box) return;
    const time = x.invert(e.clientX - box.left);
    const near = nearestEvent(win, address, time);
    const st = useStore.getState();
    if (near) void st.seekEvent(near.n);
    else void st.seekTime(Math.max(0, Math.min(headMs, time)));
  }

  function exportSvg(): void {
    if (svgRef.current) saveText(svgText(svgRef.current), 'raft-space-time.svg', 'image/svg+xml');
  }
  function exportPng(): void {
    if (svgRef.current) void pngOf(svgRef.current).then((png) => saveBlob(png, 'raft-space-time.png'));
  }

  // As many ticks as labels fit with room between them (a Chinese label is wider: 秒).
  const tickRoom = textWidth(formatTime(toMs, lang), font) * 1.6 + 12 * scale;
  const ticks = x.ticks(Math.max(2, Math.floor((right - labelW) / tickRoom)));
  const cursorX = x(cursorMs);
  const headX = x(headMs);
  const clip = `${titleId.replace(/:/g, '')}-clip`;

  return (
    <div className="space-time" data-testid="space-time">
      <div className="st-toolbar">
        <ClusterViewSwitch />
        <button type="button" onClick={() => setResetKey((k) => k + 1)} title={t('st.fit.tip')} data-testid="st-fit" disabled={fitted}>
          {t('st.fit')}
        </button>
        <label className="st-check" title={t('st.heartbeats.tip')}>
          <input type="checkbox" checked={heartbeats} onChange={(e) => useStore.getState().setSpaceTimeHeartbeats(e.target.checked)} data-testid="st-heartbeats" />
          {t('st.heartbeats')}
        </label>
        <button type="button" onClick={exportSvg} title={t('st.export.tip')} data-testid="st-export">
          {t('st.export')}
        </button>
        <button type="button" onClick={exportPng} title={t('st.exportPng.tip')} data-testid="st-export-png">
          {t('st.exportPng')}
        </button>
        <Legend t={t} />
        {win?.verdict && (
          <span className={`st-verdict st-verdict-${win.verdict}`} title={t('st.verdict.tip')} data-testid="st-verdict" data-verdict={win.verdict}>
            {t(`st.verdict.${win.verdict}`)}
          </span>
        )}
      </div>
      <div className="st-plot" ref={boxRef}>
        <svg
          ref={svgRef}
          xmlns="http://www.w3.org/2000/svg"
          className="st-svg"
          width={size.width}
          height={svgHeight}
          viewBox={`0 0 ${size.width} ${svgHeight}`}
          role="group"
          aria-labelledby={titleId}
          aria-describedby={descId}
          fontFamily="system-ui, sans-serif"
          fontSize={font}
          data-testid="st-svg"
        >
          <title id={titleId}>{t('st.title')}</title>
          <desc id={descId}>{t('st.desc', { count: win?.visibleCount ?? 0 })}</desc>
          <defs>
            <clipPath id={clip}>
              <rect x={labelW} y={0} width={Math.max(0, right - labelW)} height={svgHeight} />
            </clipPath>
            <marker id={`${clip}-arrow`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
              <path d="M0,0L10,5L0,10z" fill="context-stroke" />
            </marker>
          </defs>
          <rect x={0} y={0} width={size.width} height={svgHeight} fill="#ffffff" />
          <g className="st-axis" data-testid="st-axis">
            {ticks.map((tick) => {
              const text = formatTime(tick, lang);
              const at = tickLabelPlace(x(tick), textWidth(text, font), 2, size.width - 2);
              return (
                <g key={tick}>
                  <line x1={x(tick)} x2={x(tick)} y1={AXIS_PX * scale - 4} y2={svgHeight} stroke="#eaeef2" />
                  <text x={at.x} y={AXIS_PX * scale - 7} textAnchor={at.anchor} fill="#57606a">
                    {text}
                  </text>
                </g>
              );
            })}
          </g>
          {lanes.order.map((address) => (
            <g key={address} className="st-lane" data-testid="st-lane" data-lane={address > 0 ? `S${address}` : `C${-address}`}>
              <text x={4} y={lanes.y(address) + font / 3} fontWeight={600} fill={address > 0 ? '#1b1f24' : '#0f766e'}>
                {address > 0 ? t('st.lane.server', { id: address }) : t('st.lane.client', { id: -address })}
              </text>
              <rect
                x={labelW}
                y={lanes.y(address) - lanes.height / 2 + 1}
                width={Math.max(0, right - labelW)}
                height={Math.max(1, lanes.height - 2)}
                fill={address > 0 ? '#fbfbfc' : '#f2faf9'}
                onClick={(e) => onLaneClick(e, address)}
                className="st-lane-hit"
              />
            </g>
          ))}
          <g clipPath={`url(#${clip})`}>
            <Segments win={win} x={x} lanes={lanes} font={font} onLaneClick={onLaneClick} t={t} />
            <Operations win={win} x={x} lanes={lanes} font={font} headMs={headMs} />
            <Bands win={win} x={x} lanes={lanes} t={t} />
            <Arrows win={win} x={x} lanes={lanes} headMs={headMs} selected={selected} marker={`url(#${clip}-arrow)`} t={t} lang={lang} />
            {/* Over the arrows, with a white halo: a label must stay readable where requests and replies cross it. */}
            <OperationLabels win={win} x={x} lanes={lanes} font={font} t={t} left={labelW} right={right} />
            {/* Viewing the past: the branch's recorded future is drawn, veiled; beyond the head nothing has happened yet. */}
            {cursorX < headX && <rect x={cursorX} y={lanes.top} width={Math.max(0, Math.min(right, headX) - cursorX)} height={svgHeight} fill="#ffffff" opacity={0.45} pointerEvents="none" />}
            {headX < right && <rect x={headX} y={lanes.top} width={Math.max(0, right - headX)} height={svgHeight} fill="#ffffff" opacity={0.6} pointerEvents="none" />}
            <line
              x1={cursorX}
              x2={cursorX}
              y1={0}
              y2={svgHeight}
              stroke={CURSOR}
              strokeWidth={2}
              pointerEvents="none"
              data-testid="st-cursor"
              data-time={cursorMs}
              data-head={headMs}
            />
          </g>
        </svg>
        <ZoomX target={svgRef} left={labelW} right={right} maxScale={Math.max(1, baseEnd.current / 2)} resetKey={resetKey} onZoom={onZoom} />
      </div>
    </div>
  );
});

type Translate = ReturnType<typeof useT>;

/** The lane shading's key (roles as the ring names them; crashed grey; disconnected dashed). */
function Legend({ t }: { t: Translate }) {
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
type Scale = ReturnType<typeof scaleLinear<number, number>>;
type LanesT = ReturnType<typeof lanesOf>;

function Segments({ win, x, lanes, font, onLaneClick, t }: { win: SpaceTimeWindow | null; x: Scale; lanes: LanesT; font: number; onLaneClick(e: MouseEvent<SVGRectElement>, a: number): void; t: Translate }) {
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

function Operations({ win, x, lanes, font, headMs }: { win: SpaceTimeWindow | null; x: Scale; lanes: LanesT; font: number; headMs: number }) {
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

function OperationLabels({ win, x, lanes, font, t, left, right }: { win: SpaceTimeWindow | null; x: Scale; lanes: LanesT; font: number; t: Translate; left: number; right: number }) {
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

function Bands({ win, x, lanes, t }: { win: SpaceTimeWindow | null; x: Scale; lanes: LanesT; t: Translate }) {
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

const Arrows = memo(function Arrows({
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
