/**
 * One server's row in the logs view: its name and role, its entries at their
 * true indexes, commitIndex and lastApplied, and for a follower the leader's
 * nextIndex/matchIndex for it: as numbers at the row's end ("next 4 · match 3",
 * always in view) and as ▲/● marks under the cells they point at. On the
 * leader's row, older-term entries on a majority but not committed (Figure 8,
 * §5.4.2) are badged, with the reason spelled out after the last entry. A log that starts after a snapshot (§7) begins
 * with a hatched block "snapshot ≤ 40 (t2)" covering the compacted indexes; a
 * snapshot arriving in chunks from the leader shows a progress bar over the
 * indexes it will cover. Entries a safety violation is about are marked (and,
 * for a violation about the server itself, such as two leaders in one term, its
 * name). The cells are one Tab stop per row (arrow keys move
 * between them), so the quorum of any entry can be shown from the keyboard.
 */
import { memo, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Entry, LogIndex, Role, ServerId, Term } from '../../engine';
import type { SafetyProperty, ServerSummary } from '../../sim';
import { useStore } from '../../store';
import { propertyName } from '../events/violations';
import { useT, type Lang } from '../i18n';
import { LogCell, type Probe } from './LogCell';
import { boundaryAfter, entryAt, progressMarkers, type ProgressMarker } from './logModel';

type Translate = ReturnType<typeof useT>;

/** Space between the leader's last entry and the Figure 8 callout after it. */
export const CALLOUT_GAP_PX = 8;

function serverName(id: ServerId): string {
  return `S${id}`;
}

export interface LogRowProps {
  id: ServerId;
  log: readonly Entry[];
  role: Role;
  term: Term;
  alive: boolean;
  connected: boolean;
  commitIndex: LogIndex;
  lastApplied: LogIndex;
  /** The cluster's current leader (the highest-term live leader). */
  isLeader: boolean;
  selected: boolean;
  /** Set only for rows compared with (and tracked by) the current leader. */
  leaderId: ServerId | null;
  leaderLog: readonly Entry[] | null;
  nextIndex: LogIndex | undefined;
  matchIndex: LogIndex | undefined;
  first: LogIndex;
  last: LogIndex;
  cell: number;
  trackW: number;
  viewLeft: number;
  viewRight: number;
  /** §7: the log starts after lastIncludedIndex/lastIncludedTerm of the server's snapshot (0: none). */
  snapshotIndex: LogIndex;
  snapshotTerm: Term;
  incoming: ServerSummary['incomingSnapshot'];
  onProbe: Probe;
  /** Cells the last step changed (highlighted for a moment), and the highlight's phase. */
  changed: ReadonlySet<LogIndex> | undefined;
  phase: 0 | 1;
  /** The leader's row: its older-term entries on a majority, not committed (§5.4.2). */
  olderTerm: readonly LogIndex[];
  /** The next/match numbers sit under the name (narrow screens) instead of in their own column. */
  progressInLabel: boolean;
  /** The properties violated at each marked entry (key null: the server itself), or undefined when none. */
  violations: ReadonlyMap<LogIndex | null, readonly SafetyProperty[]> | undefined;
}

/** The broken properties, translated, in one list. */
function propertyList(properties: readonly SafetyProperty[], lang: Lang): string {
  return properties.map((p) => propertyName(p, lang)).join(lang === 'zh' ? '、' : ', ');
}

function roleTag(p: LogRowProps, t: Translate): { text: string; className: string; title?: string } {
  if (!p.alive) return { text: t('logs.tag.crashed'), className: 'tag-crashed' };
  if (p.isLeader) return { text: t('logs.tag.leader'), className: 'tag-leader' };
  if (p.role === 'leader') {
    return {
      text: t('logs.tag.oldLeader'),
      className: 'tag-old-leader',
      title: t('logs.tag.oldLeader.title', { server: serverName(p.id), term: p.term }),
    };
  }
  return { text: t(`logs.tag.${p.role}`), className: `tag-${p.role}` };
}

export const LogRow = memo(function LogRow(p: LogRowProps) {
  const t = useT();
  const lang = useStore((s) => s.ui.lang);
  const name = serverName(p.id);
  const tag = roleTag(p, t);
  const lastIndex = p.log.length > 0 ? p.log[p.log.length - 1]!.index : p.snapshotIndex;
  const { onProbe, id } = p;
  const probe: Probe = (server, index) => {
    if (index !== null) setActive(index);
    onProbe(server, index);
  };
  const onCellKey = (e: KeyboardEvent<HTMLLIElement>): void => {
    const li = e.currentTarget;
    let next: Element | null = null;
    if (e.key === 'ArrowRight') next = li.nextElementSibling;
    else if (e.key === 'ArrowLeft') next = li.previousElementSibling;
    else if (e.key === 'Home') next = li.parentElement?.firstElementChild ?? null;
    else if (e.key === 'End') next = li.parentElement?.lastElementChild ?? null;
    else if (e.key === 'Escape') {
      onProbe(id, null);
      return;
    }
    if (next instanceof HTMLElement) {
      e.preventDefault();
      next.focus();
    }
  };

  const [active, setActive] = useState<LogIndex | null>(null);
  const to = Math.min(p.last, lastIndex);
  const from = Math.max(p.first, p.snapshotIndex + 1);
  // One Tab stop per row: the cell focused last if still rendered, else the newest rendered.
  const tabStop = active !== null && active >= from && active <= to ? active : to;
  const cells = [];
  for (let i = from; i <= to; i++) {
    const e = entryAt(p.log, i);
    if (e) {
      cells.push(
        <LogCell
          key={i}
          entry={e}
          row={p}
          t={t}
          tabIndex={i === tabStop ? 0 : -1}
          onProbe={probe}
          onKeyDown={onCellKey}
          changed={p.changed?.has(i) ? p.phase : null}
          olderTerm={p.olderTerm.includes(i)}
          violates={cellViolation(p.violations?.get(i), lang, t)}
        />,
      );
    }
  }
  const progress = p.leaderId !== null && p.nextIndex !== undefined && p.matchIndex !== undefined ? (
    <span
      className="logs-progress-text"
      data-testid="log-progress"
      title={t('logs.progress.title', { leader: serverName(p.leaderId), server: name, next: p.nextIndex, match: p.matchIndex })}
    >
      {t('logs.progress.text', { next: p.nextIndex, match: p.matchIndex })}
    </span>
  ) : null;

  // matchIndex 0 ("nothing known to match yet") has no cell to point at; the inspector lists it.
  const markers = progressMarkers(p.nextIndex, p.matchIndex, p.cell, p.viewLeft, p.viewRight).filter((m) => m.index > 0);
  const classes = ['logs-row', 'logs-server-row'];
  if (!p.alive) classes.push('is-crashed');
  if (p.selected) classes.push('is-selected');
  if (p.leaderId !== null) classes.push('has-strip');
  const rowViolation = p.violations?.get(null);
  const rowViolates = rowViolation ? t('logs.row.violates', { server: name, properties: propertyList(rowViolation, lang) }) : null;
  if (rowViolates !== null) classes.push('is-violating');
  const summary = t('logs.row.summary', { server: name, count: lastIndex, commit: p.commitIndex, applied: p.lastApplied });

  return (
    <div
      className={classes.join(' ')}
      role="group"
      aria-label={rowViolates === null ? summary : `${summary} · ${rowViolates}`}
      data-server={p.id}
      data-violation={rowViolates !== null ? 'true' : undefined}
    >
      <div className="logs-label">
        <button
          type="button"
          className="logs-server"
          aria-pressed={p.selected}
          title={t('logs.row.select', { server: name })}
          onClick={() => useStore.getState().selectServer(p.id)}
        >
          <span className="logs-server-name">
            {name}
            {p.isLeader && (
              <span className="logs-star" aria-hidden="true">
                {' '}
                ★
              </span>
            )}
          </span>
          <span className={`logs-tag ${tag.className}`} title={tag.title}>
            {tag.text}
            {p.alive && !p.connected ? ` · ${t('logs.tag.offline')}` : ''}
          </span>
          {rowViolates !== null && (
            <span className="logs-violation-tag" title={rowViolates} aria-hidden="true">
              {t('logs.violation.badge')}
            </span>
          )}
        </button>
        {p.progressInLabel && progress}
      </div>
      <div className="logs-track" style={{ minWidth: p.trackW }}>
        {p.snapshotIndex > 0 && <SnapshotBlock index={p.snapshotIndex} term={p.snapshotTerm} cell={p.cell} viewLeft={p.viewLeft} server={name} t={t} />}
        {p.incoming && <IncomingSnapshot from={p.snapshotIndex} incoming={p.incoming} cell={p.cell} server={name} t={t} />}
        <ol className="logs-cells">{cells}</ol>
        {p.lastApplied > 0 && (
          <span
            className="logs-applied"
            style={{ left: boundaryAfter(p.lastApplied, p.cell) }}
            title={t('logs.marker.applied', { server: name, index: p.lastApplied })}
          >
            <span aria-hidden="true">▼</span>
          </span>
        )}
        {p.commitIndex > 0 && (
          <span
            className="logs-commit"
            style={{ left: boundaryAfter(p.commitIndex, p.cell) }}
            title={t('logs.marker.commit', { server: name, index: p.commitIndex })}
          />
        )}
        {p.leaderId !== null && (
          <div className="logs-strip">
            {markerGroups(markers).map((group) => (
              <span
                key={group.map((m) => m.kind).join('+')}
                className={`logs-marker marker-${group.length > 1 ? 'both' : group[0]!.kind} at-${group[0]!.offscreen ?? 'cell'}`}
                style={{ left: group[0]!.x }}
                title={group
                  .map((m) => t(`logs.marker.${m.kind}.title`, { leader: serverName(p.leaderId!), server: name, index: m.index }))
                  .join('\n')}
              >
                {markerText(group)}
              </span>
            ))}
          </div>
        )}
        {p.olderTerm.length > 0 && <OlderTermCallout indexes={p.olderTerm} left={boundaryAfter(lastIndex, p.cell) + CALLOUT_GAP_PX} t={t} />}
      </div>
      {!p.progressInLabel && <div className="logs-progress">{progress}</div>}
    </div>
  );
});

function cellViolation(properties: readonly SafetyProperty[] | undefined, lang: Lang, t: Translate): string | null {
  return properties ? t('logs.cell.violates', { properties: propertyList(properties, lang) }) : null;
}

/**
 * Figure 8 in words, on the leader's row after its last entry: which of its
 * entries are on a majority yet not committed, and why (§5.4.2). In the flow
 * of the track (not absolute), so the track widens to hold it.
 */
function OlderTermCallout({ indexes, left, t }: { indexes: readonly LogIndex[]; left: number; t: Translate }) {
  const from = indexes[0]!;
  const to = indexes[indexes.length - 1]!;
  return (
    <span className="logs-older-callout" style={{ marginLeft: left }} data-testid="older-term-callout">
      <span aria-hidden="true">◀ </span>
      {from === to ? from : t('logs.olderTerm.range', { from, to })} {t('logs.olderTerm.callout')}
    </span>
  );
}

/**
 * Markers on screen stand alone; markers pinned to the same edge are merged
 * into one label so they cannot overlap.
 */
function markerGroups(markers: ProgressMarker[]): ProgressMarker[][] {
  const groups: ProgressMarker[][] = [];
  for (const m of markers) {
    const same = m.offscreen ? groups.find((g) => g[0]!.offscreen === m.offscreen) : undefined;
    if (same) same.push(m);
    else groups.push([m]);
  }
  return groups;
}

/**
 * On its cell: the glyph alone, ▲ (nextIndex) or ● (matchIndex): the numbers
 * are at the row's end, and a word here would run into the row's label.
 * Off screen: pinned to that edge with an arrow and the index ("◀ ● 2 · ▲ 5").
 */
function markerText(group: ProgressMarker[]): ReactNode {
  const m = group[0]!;
  if (m.offscreen) {
    const text = group.map((g) => `${GLYPH[g.kind]} ${g.index}`).join(' · ');
    return m.offscreen === 'left' ? `◀ ${text}` : `${text} ▶`;
  }
  return GLYPH[m.kind];
}

const GLYPH = { next: '▲', match: '●' } as const;


/** §7: the compacted prefix, one hatched block; its label stays in view while the block is. */
function SnapshotBlock({ index, term, cell, viewLeft, server, t }: { index: LogIndex; term: Term; cell: number; viewLeft: number; server: string; t: Translate }) {
  const width = boundaryAfter(index, cell) - 3;
  const label = t('logs.snapshot.label', { index, term });
  // Keep the label at the left edge of the viewport while the block reaches past it.
  const labelLeft = Math.max(0, Math.min(viewLeft, width - cell * 2.5));
  return (
    <div className="logs-snapshot" style={{ width }} title={t('logs.snapshot.title', { server, index, term })} data-testid="log-snapshot">
      <span className="logs-snapshot-label" style={{ left: labelLeft }}>
        {label}
      </span>
    </div>
  );
}

/** A snapshot arriving in chunks (§7, Figure 13): bytes received so far, over the indexes it will cover. */
function IncomingSnapshot({ from, incoming, cell, server, t }: { from: LogIndex; incoming: NonNullable<ServerSummary['incomingSnapshot']>; cell: number; server: string; t: Translate }) {
  const left = boundaryAfter(from, cell);
  const width = Math.max(cell * 2.5, boundaryAfter(incoming.index, cell) - left);
  const percent = incoming.size > 0 ? Math.round((incoming.received / incoming.size) * 100) : 0;
  const text = t('logs.snapshot.incoming', { index: incoming.index, term: incoming.term, received: incoming.received, size: incoming.size });
  return (
    <div className="logs-incoming" style={{ left, width }} title={t('logs.snapshot.incomingTitle', { server, index: incoming.index, percent })} role="img" aria-label={text}>
      <span className="logs-incoming-fill" style={{ width: `${percent}%` }} />
      <span className="logs-incoming-label">{text}</span>
    </div>
  );
}
