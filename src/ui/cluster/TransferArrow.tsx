/**
 * Leadership transfer in progress (dissertation §3.10): a dashed arrow from the
 * leader to its transferee, bowed outward from the straight link, with a tag
 * "handing over to S3" at its middle. Gone once the transfer ends either way.
 */
import type { ServerId } from '../../engine';
import { useStore } from '../../store';
import { useT } from '../i18n';
import { estimateTextWidth, trimSegment, type Point, type RingNode, type Sizes } from './geometry';

export function TransferArrow({ positions, sizes, centre }: { positions: Map<ServerId, RingNode>; sizes: Sizes; centre: Point }) {
  const t = useT();
  const leader = useStore((s) => s.sim.servers.find((v) => v.id === s.sim.leaderId && v.alive && v.transferee !== null));
  if (!leader || leader.transferee === null) return null;
  const a = positions.get(leader.id);
  const b = positions.get(leader.transferee);
  if (!a || !b) return null;
  const [p, q] = trimSegment(a, b, sizes.timerOuter + 6, sizes.timerOuter + 10);
  // Bow towards the ring's centre so the arrow does not hide under the link line.
  const mid = { x: (p.x + q.x) / 2, y: (p.y + q.y) / 2 };
  const dx = centre.x - mid.x;
  const dy = centre.y - mid.y;
  const d = Math.hypot(dx, dy) || 1;
  const bow = Math.min(60, Math.hypot(q.x - p.x, q.y - p.y) * 0.18);
  const c = { x: mid.x + (dx / d) * bow, y: mid.y + (dy / d) * bow };
  // Arrowhead along the curve's end tangent (c → q).
  const tl = Math.hypot(q.x - c.x, q.y - c.y) || 1;
  const ux = (q.x - c.x) / tl;
  const uy = (q.y - c.y) / tl;
  const hs = sizes.glyph * 1.3;
  const head = `M${q.x - ux * hs * 1.5 - uy * hs},${q.y - uy * hs * 1.5 + ux * hs}L${q.x},${q.y}L${q.x - ux * hs * 1.5 + uy * hs},${q.y - uy * hs * 1.5 - ux * hs}`;
  const text = t('cluster.transfer.tag', { id: leader.transferee });
  const font = Math.max(13, sizes.captionFont * 0.85);
  const w = estimateTextWidth(text, font) + font;
  const at = { x: (p.x + 2 * c.x + q.x) / 4, y: (p.y + 2 * c.y + q.y) / 4 };
  return (
    <g className="cv-transfer" data-testid="transfer-arrow">
      <path className="cv-transfer-line" d={`M${p.x},${p.y}Q${c.x},${c.y} ${q.x},${q.y}`} />
      <path className="cv-transfer-head" d={head} />
      <g transform={`translate(${at.x},${at.y})`}>
        <rect x={-w / 2} y={-font * 0.75} width={w} height={font * 1.5} rx={font * 0.4} />
        <text fontSize={font}>{text}</text>
      </g>
    </g>
  );
}
