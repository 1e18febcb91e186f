/**
 * One server on the ring. Role reads without colour: a leader has a crown badge
 * and a double outline, a candidate a dashed outline and its vote count, a
 * follower a plain outline; a crashed server is grey with a ✕ badge, a
 * disconnected one has a dotted outline and an "offline" tag. The fill is the
 * colour of the server's current term. The ring around it is its election
 * timer draining (a leader's shows the heartbeat instead).
 *
 * Beyond Figure 2's roles: a pre-candidate (PreVote, dissertation §9.6)
 * has a dotted outline and its pre-vote tally; a learner (non-voting member
 * catching up, §6) is hollow with a "learner" tag; a server outside the
 * configuration is greyed with a "removed" tag; during joint consensus a small
 * badge says whether it votes in C_old, C_new or both. Servers slide to their
 * new places when the ring changes and fade in when they are added.
 *
 * After a step (#9), what the step changed on this server is highlighted for a
 * moment (useChanges.ts): its term, its role caption and crown, its vote line,
 * and a ring for a new commitIndex. The highlight is a CSS animation that runs
 * once and ends (ClusterView.css); with reduced motion it is a still mark until
 * the next step.
 */
import { memo, type KeyboardEvent } from 'react';
import { majoritySize } from '../../engine';
import type { ServerSummary } from '../../sim';
import { useStore } from '../../store';
import { useT } from '../i18n';
import { termColor } from '../termColors';
import { useServerChanges } from '../useChanges';
import {
  arcEnd,
  captionDistance,
  captionLineY,
  captionPlacement,
  estimateTextWidth,
  timerArcPath,
  timerFraction,
  type RingNode,
  type Sizes,
} from './geometry';
import type { JointSide, MemberKind } from './membership';
import { activateOnKey } from './useRoving';

const CRASHED_FILL = '#d0d4d9';
const CRASHED_TEXT = '#24292f';

interface Props {
  server: ServerSummary;
  now: number;
  pos: RingNode;
  sizes: Sizes;
  selected: boolean;
  /** The server's place in the configuration the ring is drawn against (membership.ts). */
  member: MemberKind;
  joint: JointSide;
}

function crownPath(b: number): string {
  const p = (x: number, y: number) => `${(x * b).toFixed(2)},${(y * b).toFixed(2)}`;
  return `M${p(-0.62, 0.38)}L${p(-0.62, -0.3)}L${p(-0.31, 0.02)}L${p(0, -0.48)}L${p(0.31, 0.02)}L${p(0.62, -0.3)}L${p(0.62, 0.38)}Z`;
}

function ServerNodeImpl({ server: s, now, pos, sizes, selected, member, joint }: Props) {
  const t = useT();
  const { seq, fields } = useServerChanges(s.id);
  // A changed element gets the class, and a key per step so that its animation starts again.
  const changed = (what: string, ...names: string[]): { className: string; key: string } =>
    fields !== undefined && names.some((n) => fields.has(n)) ? { className: ' cv-changed', key: `${what}-${seq}` } : { className: '', key: what };
  const termMark = changed('term', 'term');
  const roleMark = changed('role', 'role', 'alive');
  const voteMark = changed('vote', 'votedFor', 'votesGranted');
  const commitMark = changed('commit', 'commitIndex');
  const r = sizes.nodeRadius;
  const removed = member === 'removed';
  const learner = member === 'learner';
  const termC = termColor(s.term);
  // A learner is hollow: the term's colour as a thick outline, dark text on the panel colour.
  const colour = !s.alive || removed ? { fill: CRASHED_FILL, text: CRASHED_TEXT } : learner ? { fill: 'var(--panel)', text: 'var(--fg)' } : termC;
  const roleWord = t(`cluster.role.${s.role}`);
  const needed = majoritySize(s.config);
  const isCandidate = s.alive && s.role === 'candidate';
  const isPre = s.alive && s.role === 'precandidate';
  const isLeader = s.alive && s.role === 'leader';

  const election = s.alive && !isLeader ? timerFraction(s.electionDeadline, s.electionSetAt, now) : null;
  const heartbeat = isLeader ? timerFraction(s.heartbeatDeadline, s.heartbeatSetAt, now) : null;

  // Caption outside the ring: what the server is, then its vote.
  const head = !s.alive ? { text: `✕ ${t('cluster.server.crashed')}`, kind: 'crashed' } : { text: roleWord, kind: 'role' };
  let detail: string | null = null;
  if (isCandidate) detail = t('cluster.server.votes', { granted: s.votesGranted.length, needed });
  else if (isPre) detail = t('cluster.server.preVotes', { granted: s.votesGranted.length, needed });
  else if (!isLeader && s.votedFor !== null) detail = t('cluster.server.voted', { id: s.votedFor });

  const cf = sizes.captionFont;
  const lh = cf * 1.3;
  const cap = captionPlacement(pos.angle, captionDistance(sizes), r);

  // Accessible name and tooltip.
  const aria = [t('cluster.server.aria', { id: s.id, role: s.alive ? roleWord : t('cluster.server.aria.crashed'), term: s.term })];
  aria.push(s.votedFor !== null ? t('cluster.server.aria.voted', { id: s.votedFor }) : t('cluster.server.aria.notVoted'));
  if (isCandidate || isPre) aria.push(t(isPre ? 'cluster.server.aria.preVotes' : 'cluster.server.aria.votes', { granted: s.votesGranted.length, needed }));
  if (member !== 'voter') aria.push(t(`cluster.server.aria.${member}`));
  if (joint) aria.push(t(`cluster.server.aria.joint.${joint}`));
  if (!s.connected) aria.push(t('cluster.server.aria.offline'));
  const tip = [...aria, t('cluster.server.tip.log', { index: s.lastLogIndex, term: s.lastLogTerm, commit: s.commitIndex })];
  if (s.alive && s.electionDeadline !== null && !isLeader) {
    tip.push(t('cluster.server.tip.election', { ms: Math.max(0, Math.round(s.electionDeadline - now)) }));
  }
  if (isLeader && s.heartbeatDeadline !== null) {
    tip.push(t('cluster.server.tip.heartbeat', { ms: Math.max(0, Math.round(s.heartbeatDeadline - now)) }));
  }
  if (!isLeader && s.leaderId !== null && s.alive) tip.push(t('cluster.server.tip.leaderId', { id: s.leaderId }));

  const select = () => {
    const st = useStore.getState();
    st.selectServer(st.ui.selectedServer === s.id ? null : s.id);
  };
  const onKeyDown = (e: KeyboardEvent<SVGGElement>) => activateOnKey(e, select);

  // Outline: the role's shape; dotted when the server is off the network.
  // A pre-candidate's dashes are short and tight: "asking", not yet "campaigning".
  const outlineDash = !s.connected
    ? `1 ${Math.max(5, r * 0.14).toFixed(1)}`
    : isCandidate
      ? `${(r * 0.26).toFixed(1)} ${(r * 0.16).toFixed(1)}`
      : isPre
        ? `${(r * 0.09).toFixed(1)} ${(r * 0.09).toFixed(1)}`
        : undefined;
  const ringMid = (sizes.timerInner + sizes.timerOuter) / 2;
  const tagFont = Math.max(12, sizes.termFont * 0.9);
  const tagWords = [];
  if (member !== 'voter') tagWords.push(t(`cluster.server.${member}`));
  if (!s.connected) tagWords.push(t('cluster.server.offline'));
  const offlineText = tagWords.join(' · ');
  const offlineW = estimateTextWidth(offlineText, tagFont) + tagFont * 1.1;
  const ringWidth = sizes.timerOuter - sizes.timerInner;
  const badge = r * 0.34;
  const badgeAt = { x: r * 0.72, y: -r * 0.72 };

  const classes = ['cv-server', `cv-${s.role}`];
  if (!s.alive) classes.push('cv-crashed');
  if (!s.connected) classes.push('cv-offline');
  if (member !== 'voter') classes.push(`cv-${member}`);
  if (selected) classes.push('cv-selected');
  // A lesson step points at this server (issue 13): a dashed ring that pulses, beside any selection.
  const highlighted = useStore((st) => st.ui.lesson?.lesson.steps[st.ui.lesson.step]?.highlight?.servers?.includes(s.id) ?? false);
  if (highlighted) classes.push('cv-lesson-highlight');

  return (
    <g
      className={classes.join(' ')}
      style={{ transform: `translate(${pos.x}px,${pos.y}px)` }}
      role="button"
      tabIndex={0}
      aria-label={aria.join(', ')}
      aria-pressed={selected}
      data-server={s.id}
      onClick={select}
      onKeyDown={onKeyDown}
    >
      <title>{tip.join('\n')}</title>
      <g className="cv-server-inner">
      <circle className="cv-focusring" r={sizes.timerOuter + 9} />
      {selected && <circle className="cv-halo" r={sizes.timerOuter + 5} />}
      {highlighted && <circle className="cv-lesson-ring" r={sizes.timerOuter + 12} />}
      {election !== null && (
        <>
          <circle className="cv-timer-track" r={ringMid} strokeWidth={ringWidth} />
          <path className="cv-timer" d={timerArcPath(sizes.timerInner, sizes.timerOuter, election)} />
        </>
      )}
      {heartbeat !== null && (
        <>
          <circle className="cv-timer-track" r={ringMid} strokeWidth={ringWidth} />
          <path className="cv-heartbeat" d={timerArcPath(sizes.timerInner, sizes.timerOuter, heartbeat)} />
          <circle className="cv-heartbeat-pip" r={ringWidth * 0.9 + 1} cx={arcEnd(ringMid, heartbeat).x} cy={arcEnd(ringMid, heartbeat).y} />
        </>
      )}
      <circle
        className="cv-body"
        r={r}
        fill={colour.fill}
        stroke={learner && s.alive ? termC.fill : undefined}
        strokeWidth={learner ? Math.max(5, r * 0.14) : isLeader ? 4 : isCandidate || isPre ? 3 : 2}
        strokeDasharray={outlineDash}
      />
      {isLeader && <circle className="cv-inner-outline" r={r - 6} stroke={colour.text} strokeDasharray={outlineDash} />}
      {commitMark.className && <circle key={commitMark.key} className="cv-commit-flash cv-changed" r={r + 3} data-changed="commitIndex" />}
      <text className="cv-name" y={-r * 0.18} fill={colour.text} fontSize={sizes.nameFont}>
        {t('cluster.server.name', { id: s.id })}
      </text>
      <text key={termMark.key} className={`cv-term${termMark.className}`} y={r * 0.45} fill={colour.text} fontSize={sizes.termFont}>
        {t('cluster.server.termShort', { term: s.term })}
      </text>
      {isLeader && (
        <g key={`crown-${roleMark.key}`} className={`cv-badge cv-badge-leader${roleMark.className}`} transform={`translate(${badgeAt.x},${badgeAt.y})`}>
          <circle r={badge} />
          <path d={crownPath(badge)} />
        </g>
      )}
      {!s.alive && (
        <g className="cv-badge cv-badge-crashed" transform={`translate(${badgeAt.x},${badgeAt.y})`}>
          <circle r={badge} />
          <path d={`M${-badge * 0.45},${-badge * 0.45}L${badge * 0.45},${badge * 0.45}M${badge * 0.45},${-badge * 0.45}L${-badge * 0.45},${badge * 0.45}`} />
        </g>
      )}
      {joint && <JointBadge side={joint} r={r} font={tagFont} t={t} />}
      {tagWords.length > 0 && (
        <g className={`cv-tag${removed ? ' cv-tag-removed' : learner ? ' cv-tag-learner' : ''}`} transform={`translate(0,${joint ? r + tagFont * 1.5 : r})`}>
          <rect x={-offlineW / 2} y={-tagFont * 0.72} width={offlineW} height={tagFont * 1.44} rx={tagFont * 0.4} />
          <text fontSize={tagFont}>{offlineText}</text>
        </g>
      )}
      <g className="cv-caption" fontSize={cf}>
        {cap.textAnchor !== 'middle' || detail === null ? (
          [head.text, detail].filter((x): x is string => x !== null).map((line, i, all) => (
            <text
              key={(i === 0 ? roleMark : voteMark).key}
              className={i === 0 ? `cv-caption-${head.kind}${roleMark.className}` : `cv-caption-detail${voteMark.className}`}
              x={cap.x}
              y={cap.y + captionLineY(cap.vertical, i, all.length, cf, lh)}
              textAnchor={cap.textAnchor}
            >
              {line}
            </text>
          ))
        ) : (
          // Above and below the ring there is room for one line only.
          <text x={cap.x} y={cap.y + captionLineY(cap.vertical, 0, 1, cf, lh)} textAnchor={cap.textAnchor}>
            <tspan key={roleMark.key} className={`cv-caption-${head.kind}${roleMark.className}`}>
              {head.text}
            </tspan>
            <tspan key={voteMark.key} className={`cv-caption-detail${voteMark.className}`}> · {detail}</tspan>
          </text>
        )}
      </g>
      </g>
    </g>
  );
}

/** During joint consensus: "old", "new" or "old+new" on the node's bottom edge (§6). */
function JointBadge({ side, r, font, t }: { side: Exclude<JointSide, null>; r: number; font: number; t: (k: string) => string }) {
  const text = t(`cluster.server.joint.${side}`);
  const w = estimateTextWidth(text, font) + font * 0.9;
  return (
    <g className={`cv-joint cv-joint-${side}`} transform={`translate(0,${r})`}>
      <rect x={-w / 2} y={-font * 0.7} width={w} height={font * 1.4} rx={font * 0.7} />
      <text fontSize={font}>{text}</text>
    </g>
  );
}

export const ServerNode = memo(ServerNodeImpl);
