/**
 * The line in the middle of the ring: who leads in which term, that an
 * election is under way, or (before anyone leads) what to do next.
 */
import { useStore } from '../../store';
import { useT } from '../i18n';
import { estimateTextWidth, wrapText, type Point, type Sizes } from './geometry';
import { idSet, referenceConfig } from './membership';

interface Props {
  at: Point;
  sizes: Sizes;
  maxWidth: number;
}

export function CentreText({ at, sizes, maxWidth }: Props) {
  const t = useT();
  const servers = useStore((s) => s.sim.servers);
  const leaderId = useStore((s) => s.sim.leaderId);
  const now = useStore((s) => s.sim.now);
  const font = sizes.centreFont;

  let title: string;
  let hint: string | null = null;
  let kind: 'leader' | 'election' | 'empty';
  const leader = leaderId === null ? undefined : servers.find((s) => s.id === leaderId);
  const candidates = servers.filter((s) => s.alive && s.role === 'candidate');
  const pre = servers.filter((s) => s.alive && s.role === 'precandidate');
  const config = referenceConfig(servers, leaderId);
  if (servers.length === 0) {
    title = t('cluster.centre.empty');
    kind = 'empty';
  } else if (leader) {
    title = t('cluster.centre.leader', { id: leader.id, term: leader.term });
    kind = 'leader';
    // §6 joint consensus and a transfer in progress: one line each under the title.
    const notes = [];
    if (config?.oldVoters) notes.push(t('cluster.centre.joint', { old: idSet(config.oldVoters), new: idSet(config.voters) }));
    if (leader.transferee !== null) notes.push(t('cluster.centre.transfer', { from: leader.id, to: leader.transferee }));
    if (notes.length > 0) hint = notes.join(' · ');
  } else if (now > 0 && candidates.length > 0) {
    title = t('cluster.centre.election', { term: Math.max(...candidates.map((c) => c.term)) });
    kind = 'election';
  } else if (now > 0 && pre.length > 0) {
    title = t('cluster.centre.preVote', { term: Math.max(...pre.map((c) => c.term)) + 1 });
    kind = 'election';
  } else {
    title = t('cluster.centre.noLeader');
    hint = t('cluster.centre.hint');
    kind = 'empty';
  }

  const hintFont = Math.max(13, font * 0.72);
  const hintLines = hint ? wrapText(hint, maxWidth, hintFont) : [];
  const lh = hintFont * 1.3;
  const total = font * 1.2 + hintLines.length * lh;
  const top = at.y - total / 2 + font * 0.85;
  const cardW = Math.max(estimateTextWidth(title, font), ...hintLines.map((l) => estimateTextWidth(l, hintFont))) + font * 1.2;
  const cardH = total + font * 0.7;

  return (
    <g className={`cv-centre cv-centre-${kind}`}>
      <rect className="cv-centre-card" x={at.x - cardW / 2} y={at.y - cardH / 2} width={cardW} height={cardH} rx={font * 0.4} />
      <text x={at.x} y={top} fontSize={font} className="cv-centre-title">
        {title}
      </text>
      {hintLines.map((line, i) => (
        <text key={i} x={at.x} y={top + font * 0.45 + (i + 1) * lh} fontSize={hintFont} className="cv-centre-hint">
          {line}
        </text>
      ))}
    </g>
  );
}
