/**
 * The key to the ring's message glyphs (see MessageGlyph.tsx for how each is
 * drawn): shapes that read without colour, so a projected or printed ring can
 * still be told apart. Opened from a small button in the cluster's corner.
 */
import { memo, useId, useState } from 'react';
import { useT } from '../i18n';

const S = 18;
const DARK = '#1b1f24';
const FILL = '#4e79a7';

function Glyph({ kind }: { kind: string }) {
  const h = S / 2 - 2;
  switch (kind) {
    case 'vote':
      return <circle r={h} fill={FILL} stroke={DARK} strokeWidth={1.5} />;
    case 'voteReply':
      return (
        <>
          <circle r={h * 0.7} fill={FILL} stroke={DARK} strokeWidth={1.5} />
          <path d="M-3,0L-1,3L4,-3" fill="none" stroke="#fff" strokeWidth={1.8} />
        </>
      );
    case 'heartbeat':
      return <rect x={-h} y={-h} width={2 * h} height={2 * h} fill="#fff" stroke={FILL} strokeWidth={3} />;
    case 'append':
      return (
        <>
          <rect x={-h} y={-h} width={2 * h} height={2 * h} fill={FILL} stroke={DARK} strokeWidth={1.5} />
          <text fontSize={10} fill="#fff" textAnchor="middle" dominantBaseline="central" fontWeight={700}>
            2
          </text>
        </>
      );
    case 'appendReply':
      return (
        <>
          <rect x={-h * 0.7} y={-h * 0.7} width={1.4 * h} height={1.4 * h} fill={FILL} stroke={DARK} strokeWidth={1.5} />
          <path d="M-3,-3L3,3M3,-3L-3,3" stroke="#fff" strokeWidth={1.8} />
        </>
      );
    case 'preVote':
      return (
        <>
          <circle r={h} fill="#fff" stroke={FILL} strokeWidth={2} strokeDasharray="3 2" />
          <text fontSize={10} fill={DARK} textAnchor="middle" dominantBaseline="central" fontWeight={700}>
            ?
          </text>
        </>
      );
    case 'snapshot':
      return <rect x={-h * 1.3} y={-h * 0.7} width={2.6 * h} height={1.4 * h} fill="url(#legend-hatch)" stroke={DARK} strokeWidth={1.5} />;
    case 'timeoutNow':
      return <path d="M2,-8L-4,1L0,1L-2,8L4,-1L0,-1Z" fill="#b7791f" stroke={DARK} strokeWidth={1} />;
    case 'client':
      return (
        <>
          <path d={`M0,${-h}L${h},0L0,${h}L${-h},0Z`} fill="#0f766e" stroke={DARK} strokeWidth={1.5} />
          <text fontSize={9} fill="#fff" textAnchor="middle" dominantBaseline="central" fontWeight={700}>
            W
          </text>
        </>
      );
    default:
      return (
        <path d="M-5,-5L5,5M5,-5L-5,5" stroke="#b42318" strokeWidth={2.5} />
      );
  }
}

const KINDS = ['vote', 'voteReply', 'heartbeat', 'append', 'appendReply', 'preVote', 'snapshot', 'timeoutNow', 'client', 'lost'] as const;

export const ClusterLegend = memo(function ClusterLegend() {
  const t = useT();
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div className="cv-legend">
      <button type="button" aria-expanded={open} aria-controls={id} onClick={() => setOpen((o) => !o)} data-testid="glyph-legend-toggle">
        {t('legend.glyphs')}
      </button>
      {open && (
        <div
          id={id}
          className="cv-legend-panel panel"
          data-testid="glyph-legend"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              setOpen(false);
            }
          }}
        >
          <svg width={0} height={0} aria-hidden="true" style={{ position: 'absolute' }}>
            <defs>
              <pattern id="legend-hatch" width={4} height={4} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <rect width={4} height={4} fill="#fff" />
                <line x1={0} y1={0} x2={0} y2={4} stroke={FILL} strokeWidth={2} />
              </pattern>
            </defs>
          </svg>
          <ul>
            {KINDS.map((k) => (
              <li key={k}>
                <svg width={S + 8} height={S} viewBox={`${-(S + 8) / 2} ${-S / 2} ${S + 8} ${S}`} aria-hidden="true">
                  <Glyph kind={k} />
                </svg>
                <span>{t(`legend.glyph.${k}`)}</span>
              </li>
            ))}
          </ul>
          <p className="hint">{t('legend.glyphs.colour')}</p>
        </div>
      )}
    </div>
  );
});
