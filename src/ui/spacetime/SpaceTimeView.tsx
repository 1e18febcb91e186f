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
import type { SpaceTimeWindow } from '../../worker/protocol';
import { formatTime, useT } from '../i18n';
import { useElementSize, type Size } from '../cluster/useElementSize';
import { ClusterViewSwitch } from './ClusterViewSwitch';
import { ZoomX } from './ZoomX';
import { pngOf, svgText } from './exportImage';
import { saveBlob, saveText } from '../download';
import { lanesOf, nearestEvent, textWidth, tickLabelPlace } from './spaceTimeModel';
import { Arrows, Bands, Legend, OperationLabels, Operations, Segments } from './SpaceTimeLayers';
import './SpaceTime.css';

const FALLBACK: Size = { width: 800, height: 400 };
const AXIS_PX = 20;
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

