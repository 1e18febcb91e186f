/**
 * Figure 16's curves (§9.3): for each election-timeout range, the fraction of
 * trials that had elected a new leader by each time after the crash, on a log
 * time axis as in the paper, with the paper's reference numbers marked. d3
 * computes the scales and paths; React draws. Colours are attributes, so the
 * exported SVG looks the same.
 */
import { forwardRef } from 'react';
import { line, scaleLinear, scaleLog, schemeTableau10 } from 'd3';
import type { ElectionRangeResult, TimeoutRange } from '../../analysis';

export interface ReferenceMark {
  range: TimeoutRange;
  ms: number;
  label: string;
}

const W = 640;
const H = 320;
const M = { left: 48, right: 150, top: 12, bottom: 40 };

export function rangeName(r: TimeoutRange): string {
  return `${r[0]}–${r[1]} ms`;
}

export const CdfChart = forwardRef<SVGSVGElement, { ranges: readonly ElectionRangeResult[]; marks: readonly ReferenceMark[]; xLabel: string; yLabel: string; title: string }>(
  function CdfChart({ ranges, marks, xLabel, yLabel, title }, ref) {
    const x = scaleLog().domain([5, 20_000]).range([M.left, W - M.right]).clamp(true);
    const y = scaleLinear().domain([0, 1]).range([H - M.bottom, M.top]);
    const path = line<[number, number]>()
      .x((d) => x(Math.max(5, d[0])))
      .y((d) => y(d[1]));
    const colour = (i: number) => schemeTableau10[i % schemeTableau10.length]!;
    const colourOf = (r: TimeoutRange) => colour(Math.max(0, ranges.findIndex((x) => x.range[0] === r[0] && x.range[1] === r[1])));
    return (
      <svg ref={ref} xmlns="http://www.w3.org/2000/svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title} data-testid="experiment-chart" className="experiment-chart">
        <rect x={0} y={0} width={W} height={H} fill="#ffffff" />
        {x.ticks(4).filter((v) => [10, 100, 1000, 10000].includes(v)).map((v) => (
          <g key={v}>
            <line x1={x(v)} x2={x(v)} y1={M.top} y2={H - M.bottom} stroke="#dddddd" />
            <text x={x(v)} y={H - M.bottom + 14} textAnchor="middle" fontSize={11} fill="#333333">
              {v}
            </text>
          </g>
        ))}
        {[0, 0.25, 0.5, 0.75, 1].map((v) => (
          <g key={v}>
            <line x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} stroke="#eeeeee" />
            <text x={M.left - 6} y={y(v) + 4} textAnchor="end" fontSize={11} fill="#333333">
              {Math.round(v * 100)}%
            </text>
          </g>
        ))}
        <text x={(M.left + W - M.right) / 2} y={H - 6} textAnchor="middle" fontSize={12} fill="#333333">
          {xLabel}
        </text>
        <text x={12} y={(M.top + H - M.bottom) / 2} textAnchor="middle" fontSize={12} fill="#333333" transform={`rotate(-90 12 ${(M.top + H - M.bottom) / 2})`}>
          {yLabel}
        </text>
        {ranges.map((r, i) => {
          // A step curve: after the k-th fastest trial, k of all trials (leaderless ones never arrive).
          const points: [number, number][] = [[r.samplesMs[0] ?? 5, 0], ...r.samplesMs.map((ms, k): [number, number] => [ms, (k + 1) / r.trials])];
          return (
            <g key={rangeName(r.range)} data-range={`${r.range[0]}-${r.range[1]}`}>
              <path d={path(points) ?? ''} fill="none" stroke={colour(i)} strokeWidth={1.8} />
              <rect x={W - M.right + 10} y={M.top + i * 16} width={10} height={10} fill={colour(i)} />
              <text x={W - M.right + 24} y={M.top + i * 16 + 9} fontSize={11} fill="#333333">
                {rangeName(r.range)}
              </text>
            </g>
          );
        })}
        {marks.map((m) => (
          <g key={`${m.range[0]}-${m.range[1]}-${m.ms}`} className="paper-mark" data-testid="paper-mark">
            <line x1={x(m.ms)} x2={x(m.ms)} y1={M.top} y2={H - M.bottom} stroke={colourOf(m.range)} strokeDasharray="4 3" />
            <text x={x(m.ms) + 3} y={H - M.bottom - 4} fontSize={10} fill="#333333" transform={`rotate(-90 ${x(m.ms) + 3} ${H - M.bottom - 4})`}>
              {m.label}
            </text>
          </g>
        ))}
      </svg>
    );
  },
);
