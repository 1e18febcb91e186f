/**
 * Messages in flight, each at the point of its link that simulated time has
 * reached (no animation loop: the view re-renders when the store changes, so
 * nothing moves while paused). Shapes read without colour: RequestVote is a
 * circle, AppendEntries a square (hollow for a heartbeat, filled with the
 * entry count otherwise), replies are smaller and carry ✓ or ✗. The colour is
 * the message's term; a short tail points back to the sender.
 *
 * The other messages: PreVote is a hollow dashed circle with "?",
 * its reply a dashed circle with ✓/✗; InstallSnapshot a wide hatched block
 * labelled with its chunk ("2/4"), its reply a small block with the bytes the
 * follower holds; TimeoutNow a lightning bolt; client messages (§8) are
 * diamonds in the client colour ("W" a write, "R" a read; replies ✓/✗).
 */
import { memo, useMemo, type KeyboardEvent } from 'react';
import type { ServerId } from '../../engine';
import type { InFlightMessage } from '../../sim';
import { useStore } from '../../store';
import { useT } from '../i18n';
import { termColor } from '../termColors';
import { messageProgress, pointOnLink, snap, trimSegment, type RingNode, type Sizes } from './geometry';
import { endName, isClientEnd, snapshotChunk } from './messageModel';
import { activateOnKey, useRoving } from './useRoving';

interface GlyphProps {
  msg: InFlightMessage;
  /** Unit direction of travel. */
  ux: number;
  uy: number;
  size: number;
  selected: boolean;
  tabIndex: number;
  onItemFocus: (id: number) => void;
  /** The cluster's snapshotChunkBytes (for "chunk 2/4"). */
  chunkBytes: number;
}

function checkPath(s: number): string {
  return `M${-s * 0.5},${s * 0.02}L${-s * 0.12},${s * 0.4}L${s * 0.52},${-s * 0.38}`;
}

function crossPath(s: number): string {
  const k = s * 0.4;
  return `M${-k},${-k}L${k},${k}M${k},${-k}L${-k},${k}`;
}

/** The accessible description of a message (also its tooltip). */
function useDescribe(m: InFlightMessage, chunkBytes: number): string {
  const t = useT();
  const client = isClientEnd(m.from) || isClientEnd(m.to);
  const parts = [
    client
      ? t('cluster.msg.ariaClient', { type: t(`cluster.msg.${m.type}`), from: endName(m.from), to: endName(m.to) })
      : t('cluster.msg.aria', { type: t(`cluster.msg.${m.type}`), from: m.from, to: m.to, term: m.term }),
  ];
  if (m.type === 'AppendEntries') {
    const n = m.entries.length;
    parts.push(n === 0 ? t('cluster.msg.heartbeat') : n === 1 ? t('cluster.msg.entry') : t('cluster.msg.entries', { count: n }));
  } else if (m.type === 'RequestVoteReply') {
    parts.push(t(m.voteGranted ? 'cluster.msg.granted' : 'cluster.msg.refused'));
  } else if (m.type === 'AppendEntriesReply') {
    parts.push(t(m.success ? 'cluster.msg.success' : 'cluster.msg.failure'));
  } else if (m.type === 'PreVoteReply') {
    parts.push(t(m.voteGranted ? 'cluster.msg.preGranted' : 'cluster.msg.preRefused'));
  } else if (m.type === 'InstallSnapshot') {
    const c = snapshotChunk(m.offset, m.data.length, m.size, m.done, chunkBytes);
    parts.push(t('cluster.msg.chunk', { chunk: c.chunk, chunks: c.chunks, through: c.through, size: c.size, index: m.lastIncludedIndex }));
  } else if (m.type === 'InstallSnapshotReply') {
    parts.push(t(m.done ? 'cluster.msg.snapshotDone' : 'cluster.msg.snapshotHas', { bytes: m.offset }));
  } else if (m.type === 'ClientRequest') {
    parts.push(t(m.read !== undefined ? 'cluster.msg.read' : 'cluster.msg.write', { seq: m.seq }));
  } else if (m.type === 'ClientReply') {
    parts.push(t(m.ok ? 'cluster.msg.clientOk' : 'cluster.msg.clientRefused', { seq: m.seq }));
  }
  if (m.lost) parts.push(t('cluster.msg.lost'));
  if (m.duplicate) parts.push(t('cluster.msg.duplicate'));
  return parts.join(', ');
}

/** A square (half-side h) or circle (radius h) outline, drawn as a term-coloured frame edged in dark. */
function Hollow({ round, h, colour, width, dash }: { round: boolean; h: number; colour: string; width: number; dash?: string }) {
  const shape = (className: string, strokeWidth: number, stroke?: string) =>
    round ? (
      <circle className={className} r={h} style={{ strokeWidth, stroke }} strokeDasharray={dash} />
    ) : (
      <rect className={className} x={-h} y={-h} width={2 * h} height={2 * h} rx={2} style={{ strokeWidth, stroke }} strokeDasharray={dash} />
    );
  return (
    <>
      {shape('cv-msg-edge', width + 3)}
      {shape('cv-msg-hollow', width, colour)}
    </>
  );
}

/** Clients have no term: their messages share one colour (--client in theme.css). */
const CLIENT_COLOUR = { fill: 'var(--client)', text: '#ffffff' };

function colourOf(m: InFlightMessage): { fill: string; text: string } {
  return m.type === 'ClientRequest' || m.type === 'ClientReply' ? CLIENT_COLOUR : termColor(m.term);
}

function diamondPath(h: number): string {
  return `M0,${-h}L${h},0L0,${h}L${-h},0Z`;
}

function boltPath(s: number): string {
  const p = (x: number, y: number) => `${(x * s).toFixed(2)},${(y * s).toFixed(2)}`;
  return `M${p(0.25, -1.1)}L${p(-0.7, 0.15)}L${p(-0.05, 0.15)}L${p(-0.3, 1.1)}L${p(0.7, -0.25)}L${p(0.05, -0.25)}Z`;
}

function Shape({ m, size, chunkBytes }: { m: InFlightMessage; size: number; chunkBytes: number }) {
  const colour = colourOf(m);
  const dash = m.lost ? `${(size * 0.4).toFixed(1)} ${(size * 0.3).toFixed(1)}` : undefined;
  switch (m.type) {
    case 'RequestVote':
      return <circle className="cv-msg-shape" r={size} fill={colour.fill} strokeDasharray={dash} />;
    case 'AppendEntries': {
      const n = m.entries.length;
      if (n === 0) return <Hollow round={false} h={size * 0.85} colour={colour.fill} width={size * 0.34} dash={dash} />;
      const h = size;
      return (
        <>
          <rect className="cv-msg-shape" x={-h} y={-h} width={2 * h} height={2 * h} rx={2} fill={colour.fill} strokeDasharray={dash} />
          <text className="cv-msg-count" fill={colour.text} fontSize={size * (n > 9 ? 1.05 : 1.35)}>
            {n > 99 ? '99+' : n}
          </text>
        </>
      );
    }
    case 'RequestVoteReply':
    case 'AppendEntriesReply': {
      const ok = m.type === 'RequestVoteReply' ? m.voteGranted : m.success;
      const s = size * 0.85;
      return (
        <>
          <Hollow round={m.type === 'RequestVoteReply'} h={m.type === 'RequestVoteReply' ? s : s * 0.92} colour={colour.fill} width={size * 0.26} dash={dash} />
          <path className={ok ? 'cv-msg-ok' : 'cv-msg-fail'} d={ok ? checkPath(s) : crossPath(s)} strokeWidth={Math.max(2, size * 0.24)} />
        </>
      );
    }
    case 'PreVote': {
      const preDash = `${(size * 0.3).toFixed(1)} ${(size * 0.22).toFixed(1)}`;
      return (
        <>
          <Hollow round h={size * 0.95} colour={colour.fill} width={size * 0.32} dash={preDash} />
          <text className="cv-msg-count" fontSize={size * 1.2}>
            ?
          </text>
        </>
      );
    }
    case 'PreVoteReply': {
      const s = size * 0.85;
      const preDash = `${(size * 0.3).toFixed(1)} ${(size * 0.22).toFixed(1)}`;
      return (
        <>
          <Hollow round h={s} colour={colour.fill} width={size * 0.26} dash={preDash} />
          <path className={m.voteGranted ? 'cv-msg-ok' : 'cv-msg-fail'} d={m.voteGranted ? checkPath(s) : crossPath(s)} strokeWidth={Math.max(2, size * 0.24)} />
        </>
      );
    }
    case 'InstallSnapshot': {
      const c = snapshotChunk(m.offset, m.data.length, m.size, m.done, chunkBytes);
      const w = size * 1.5;
      const h = size * 1.05;
      const hatch = [-0.55, 0, 0.55].map((k) => `M${(k * w - h * 0.5).toFixed(1)},${(h * 0.6).toFixed(1)}L${(k * w + h * 0.5).toFixed(1)},${(-h * 0.6).toFixed(1)}`).join('');
      return (
        <>
          <rect className="cv-msg-shape" x={-w} y={-h} width={2 * w} height={2 * h} rx={2} fill={colour.fill} strokeDasharray={dash} />
          <path className="cv-msg-hatch" d={hatch} stroke={colour.text} strokeWidth={Math.max(1.5, size * 0.16)} />
          <text className="cv-msg-label" y={-h - size * 0.55} fontSize={size * 1.25}>
            {`${c.chunk}/${c.chunks}`}
          </text>
        </>
      );
    }
    case 'InstallSnapshotReply': {
      const w = size * 1.1;
      const h = size * 0.8;
      return (
        <>
          <Hollow round={false} h={h} colour={colour.fill} width={size * 0.26} dash={dash} />
          {m.done ? (
            <path className="cv-msg-ok" d={checkPath(h)} strokeWidth={Math.max(2, size * 0.22)} />
          ) : (
            <rect className="cv-msg-bar" x={-w * 0.55} y={-h * 0.2} width={w * 1.1} height={h * 0.4} />
          )}
        </>
      );
    }
    case 'TimeoutNow':
      return <path className="cv-msg-shape cv-msg-bolt" d={boltPath(size * 1.15)} fill="var(--leader)" strokeDasharray={dash} />;
    case 'ClientRequest': {
      const h = size * 1.25;
      return (
        <>
          <path className="cv-msg-shape" d={diamondPath(h)} fill={colour.fill} strokeDasharray={dash} />
          <text className="cv-msg-count" fill={colour.text} fontSize={size * 1.05}>
            {m.read !== undefined ? 'R' : 'W'}
          </text>
        </>
      );
    }
    case 'ClientReply': {
      const h = size * 1.15;
      return (
        <>
          <path className="cv-msg-edge" d={diamondPath(h)} style={{ strokeWidth: size * 0.3 + 3 }} />
          <path className="cv-msg-hollow" d={diamondPath(h)} style={{ strokeWidth: size * 0.3, stroke: colour.fill }} strokeDasharray={dash} />
          <path className={m.ok ? 'cv-msg-ok' : 'cv-msg-fail'} d={m.ok ? checkPath(size * 0.75) : crossPath(size * 0.75)} strokeWidth={Math.max(2, size * 0.22)} />
        </>
      );
    }
  }
}

function MessageGlyphImpl({ msg, ux, uy, size, selected, tabIndex, onItemFocus, chunkBytes }: GlyphProps) {
  const label = useDescribe(msg, chunkBytes);
  const t = useT();
  const tip = `${label}\n${t('cluster.msg.tip.timing', { sent: msg.sentAt, arrive: msg.deliverAt })}`;
  const colour = colourOf(msg);
  const select = () => {
    const st = useStore.getState();
    st.selectMessage(st.ui.selectedMessage === msg.id ? null : msg.id);
  };
  const tail = size * 2.6;
  const cls = ['cv-msg', `cv-msg-${msg.type}`];
  if (msg.lost) cls.push('cv-lost');
  if (selected) cls.push('cv-selected');
  return (
    <g
      className={cls.join(' ')}
      role="button"
      tabIndex={tabIndex}
      aria-label={label}
      aria-pressed={selected}
      data-roving=""
      data-message={msg.id}
      onFocus={() => onItemFocus(msg.id)}
      onClick={select}
      onKeyDown={(e: KeyboardEvent<SVGGElement>) => activateOnKey(e, select)}
    >
      <title>{tip}</title>
      <circle className="cv-focusring" r={size * 2.1} />
      {selected && <circle className="cv-halo" r={size * 1.85} />}
      <line className="cv-msg-tail" x1={-ux * size} y1={-uy * size} x2={-ux * tail} y2={-uy * tail} stroke={colour.fill} strokeWidth={size * 0.45} />
      {msg.duplicate && (
        <g transform={`translate(${size * 0.45},${size * 0.45})`} className="cv-msg-ghost">
          <Shape m={msg} size={size} chunkBytes={chunkBytes} />
        </g>
      )}
      <Shape m={msg} size={size} chunkBytes={chunkBytes} />
      <circle className="cv-msg-target" r={size * 1.6} />
    </g>
  );
}

/**
 * A message's contents never change (the frame carries a fresh copy of the
 * same message), so the glyph re-renders only for its size, selection or focus;
 * its position is the transform of the group around it.
 */
const MessageGlyph = memo(
  MessageGlyphImpl,
  (a, b) =>
    a.msg.id === b.msg.id &&
    a.ux === b.ux &&
    a.uy === b.uy &&
    a.size === b.size &&
    a.selected === b.selected &&
    a.tabIndex === b.tabIndex &&
    a.chunkBytes === b.chunkBytes &&
    a.onItemFocus === b.onItemFocus,
);

interface LayerProps {
  positions: Map<ServerId, RingNode>;
  sizes: Sizes;
}

export function MessageLayer({ positions, sizes }: LayerProps) {
  const t = useT();
  const messages = useStore((s) => s.sim.messages);
  const now = useStore((s) => s.sim.now);
  const selected = useStore((s) => s.ui.selectedMessage);
  const ids = useMemo(() => messages.map((m) => m.id), [messages]);
  const { current, onItemFocus, onKeyDown } = useRoving(ids);
  const chunkBytes = useStore((s) => s.sim.options?.snapshotChunkBytes ?? 0);
  const size = sizes.glyph;
  const trim = sizes.timerOuter + size + 2;
  // A client's box is smaller than a server's timer ring.
  const clientTrim = sizes.nodeRadius * 0.6 + size;

  // Keep delivery order even for the selected message: moving a focused node would blur it.
  const placed = [];
  for (const m of messages) {
    const a = positions.get(m.from);
    const b = positions.get(m.to);
    if (!a || !b) continue;
    const [p, q] = trimSegment(a, b, isClientEnd(m.from) ? clientTrim : trim, isClientEnd(m.to) ? clientTrim : trim);
    const f = messageProgress(m.sentAt, m.deliverAt, now);
    const at = pointOnLink(p, q, f, sizes.lane);
    const len = Math.hypot(q.x - p.x, q.y - p.y) || 1;
    placed.push(
      <g key={m.id} transform={`translate(${snap(at.x)},${snap(at.y)})`}>
        <MessageGlyph
          msg={m}
          ux={Math.round(((q.x - p.x) / len) * 100) / 100}
          uy={Math.round(((q.y - p.y) / len) * 100) / 100}
          size={size}
          selected={m.id === selected}
          tabIndex={m.id === current ? 0 : -1}
          onItemFocus={onItemFocus}
          chunkBytes={chunkBytes}
        />
      </g>,
    );
  }

  return (
    <g className="cv-messages" role="group" aria-label={t('cluster.messages.group')} onKeyDown={onKeyDown}>
      {placed}
    </g>
  );
}
