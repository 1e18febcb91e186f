/**
 * Every server's log, one row per server, cells coloured by term (one colour
 * per term everywhere, see termColors.ts). Each row shows its commitIndex (a
 * solid line after the last committed cell) and lastApplied (a ▼ mark);
 * uncommitted cells are hatched with a dashed border; cells that differ from
 * the current leader's entry at the same index get a red outline and ⚠ (§5.3:
 * the leader will overwrite them). Under each follower: the leader's
 * nextIndex (▲) and matchIndex (●) for it.
 *
 * Logs can hold thousands of entries, so the rows share one horizontal scroll
 * container with fixed-width cells and only the visible index window (plus
 * overscan) is rendered. "Follow newest" (ui.followLogTail) keeps the end in
 * view; scrolling back turns it off, scrolling to the end or the button turns
 * it on again.
 */
import { memo, useCallback, useLayoutEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import type { Entry, LogIndex, Role, ServerId, Term } from '../../engine';
import { useStore, useT } from '../../store';
import { termColor } from '../termColors';
import {
  agreementWithLeader,
  boundaryAfter,
  cellLeft,
  commitState,
  entryAt,
  isAtTail,
  leaderTermAt,
  maxLogIndex,
  progressMarkers,
  shortCommand,
  tailScrollLeft,
  trackWidth,
  visibleWindow,
  type ProgressMarker,
} from './logModel';
import './LogsView.css';

/** Characters of a command kept in the DOM (the cell clips further with an ellipsis). */
const COMMAND_CHARS = 24;
/** Gutter between cells: the commitIndex line sits in it. */
const CELL_GAP_PX = 6;
/** Room after the last cell, so the newest cell is not flush with the edge. */
const TAIL_PAD_PX = 16;

type Translate = ReturnType<typeof useT>;

function serverName(id: ServerId): string {
  return `S${id}`;
}

export function LogsView() {
  const t = useT();
  const servers = useStore((s) => s.sim.servers);
  const logs = useStore((s) => s.sim.logs);
  const leaderId = useStore((s) => s.sim.leaderId);
  const follow = useStore((s) => s.ui.followLogTail);
  const selected = useStore((s) => s.ui.selectedServer);

  const scrollRef = useRef<HTMLDivElement | null>(null);
  const cellProbeRef = useRef<HTMLSpanElement>(null);
  const labelProbeRef = useRef<HTMLSpanElement>(null);
  // Pixel sizes come from CSS (they scale in presentation mode); measured, not duplicated here.
  const [geom, setGeom] = useState({ cell: 56, label: 96, width: 0 });
  const [scrollLeft, setScrollLeft] = useState(0);

  const maxIndex = maxLogIndex(servers.map((s) => s.lastLogIndex));
  const empty = maxIndex === 0;
  // One spare slot after the longest log: where the next entry goes (and nextIndex often points).
  const trackW = trackWidth(maxIndex + 1, geom.cell);

  // Measure cell width, label width and viewport width, and again whenever any changes.
  const [scrollEl, setScrollEl] = useState<HTMLDivElement | null>(null);
  const attachScroll = useCallback((el: HTMLDivElement | null) => {
    scrollRef.current = el;
    setScrollEl(el);
  }, []);
  useLayoutEffect(() => {
    const cellProbe = cellProbeRef.current;
    const labelProbe = labelProbeRef.current;
    if (!cellProbe || !labelProbe) return;
    const measure = (): void => {
      const cell = cellProbe.getBoundingClientRect().width || 56;
      const label = labelProbe.getBoundingClientRect().width || 96;
      const width = scrollEl?.clientWidth ?? 0;
      setGeom((g) => (g.cell === cell && g.label === label && g.width === width ? g : { cell, label, width }));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(cellProbe);
    ro.observe(labelProbe);
    if (scrollEl) ro.observe(scrollEl);
    return () => ro.disconnect();
  }, [scrollEl]);

  // Follow the tail: after the track grows (or following is switched on), show its end.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!follow || !el) return;
    const target = tailScrollLeft(el.scrollWidth, el.clientWidth);
    if (Math.abs(el.scrollLeft - target) > 1) el.scrollLeft = target;
    setScrollLeft(el.scrollLeft);
  }, [follow, trackW, geom.width, geom.label]);

  const onScroll = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    setScrollLeft(el.scrollLeft);
    const atTail = isAtTail(el.scrollLeft, el.clientWidth, el.scrollWidth);
    const st = useStore.getState();
    if (st.ui.followLogTail !== atTail) st.setFollowLogTail(atTail);
  }, []);

  const viewW = Math.max(0, geom.width - geom.label);
  // Before the first measurement, render a screenful rather than nothing.
  const win = visibleWindow(scrollLeft, viewW || 1200, geom.cell, maxIndex);
  const viewLeft = Math.max(0, scrollLeft);
  const viewRight = viewLeft + (viewW || 1200);

  const leader = leaderId === null ? undefined : servers.find((s) => s.id === leaderId);
  const leaderLog = leaderId === null ? null : (logs[leaderId] ?? null);

  return (
    <section className="panel logs" aria-labelledby="logs-title" data-testid="logs-view">
      <div className="logs-head">
        <h2 id="logs-title">{t('logs.title')}</h2>
        <Legend />
        <button
          type="button"
          className="logs-follow"
          aria-pressed={follow}
          title={t(follow ? 'logs.follow.on' : 'logs.follow.off')}
          onClick={() => useStore.getState().setFollowLogTail(true)}
          disabled={empty}
        >
          <span aria-hidden="true">⇥ </span>
          {t('logs.follow')}
        </button>
      </div>
      <div className="logs-probe" aria-hidden="true">
        <span ref={cellProbeRef} className="logs-probe-cell" />
        <span ref={labelProbeRef} className="logs-probe-label" />
      </div>
      {empty ? (
        <p className="logs-empty">{t('logs.empty')}</p>
      ) : (
        <div
          className="logs-scroll"
          ref={attachScroll}
          onScroll={onScroll}
          tabIndex={0}
          role="region"
          aria-label={t('logs.region')}
        >
          <div className="logs-grid" style={{ width: geom.label + trackW + TAIL_PAD_PX }}>
            <IndexHeader first={win.first} last={win.last} cell={geom.cell} trackW={trackW} />
            {servers.map((s) => {
              const isLeader = s.id === leaderId;
              const followerOfLeader = leader !== undefined && !isLeader;
              return (
                <LogRow
                  key={s.id}
                  id={s.id}
                  log={logs[s.id] ?? EMPTY_LOG}
                  role={s.role}
                  term={s.term}
                  alive={s.alive}
                  connected={s.connected}
                  commitIndex={s.commitIndex}
                  lastApplied={s.lastApplied}
                  isLeader={isLeader}
                  selected={selected === s.id}
                  leaderId={followerOfLeader ? leaderId : null}
                  leaderLog={followerOfLeader ? leaderLog : null}
                  nextIndex={followerOfLeader ? leader.nextIndex[s.id] : undefined}
                  matchIndex={followerOfLeader ? leader.matchIndex[s.id] : undefined}
                  first={win.first}
                  last={win.last}
                  cell={geom.cell}
                  trackW={trackW}
                  viewLeft={viewLeft}
                  viewRight={viewRight}
                />
              );
            })}
          </div>
        </div>
      )}
    </section>
  );
}

const EMPTY_LOG: readonly Entry[] = [];

const Legend = memo(function Legend() {
  const t = useT();
  return (
    <ul className="logs-legend" aria-label={t('logs.legend')}>
      <li>
        <span className="legend-swatch legend-uncommitted" aria-hidden="true" />
        {t('logs.legend.uncommitted')}
      </li>
      <li>
        <span className="legend-commit" aria-hidden="true" />
        <code>commitIndex</code>
      </li>
      <li>
        <span className="legend-applied" aria-hidden="true">
          ▼
        </span>
        <code>lastApplied</code>
      </li>
      <li>
        <span className="legend-swatch legend-conflict" aria-hidden="true">
          ⚠
        </span>
        {t('logs.legend.conflict')}
      </li>
      <li>
        <span className="legend-next" aria-hidden="true">
          ▲
        </span>
        <code>nextIndex</code>
      </li>
      <li>
        <span className="legend-match" aria-hidden="true">
          ●
        </span>
        <code>matchIndex</code>
      </li>
    </ul>
  );
});

interface IndexHeaderProps {
  first: LogIndex;
  last: LogIndex;
  cell: number;
  trackW: number;
}

const IndexHeader = memo(function IndexHeader({ first, last, cell, trackW }: IndexHeaderProps) {
  const t = useT();
  const labels = [];
  for (let i = first; i <= last; i++) {
    labels.push(
      <span key={i} className="logs-index" style={{ left: cellLeft(i, cell), width: cell }}>
        {i}
      </span>,
    );
  }
  return (
    <div className="logs-row logs-index-row" aria-hidden="true">
      <div className="logs-label logs-index-label">{t('logs.index')}</div>
      <div className="logs-track" style={{ width: trackW }}>
        {labels}
      </div>
    </div>
  );
});

interface LogRowProps {
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

const LogRow = memo(function LogRow(p: LogRowProps) {
  const t = useT();
  const name = serverName(p.id);
  const tag = roleTag(p, t);
  const lastIndex = p.log.length > 0 ? p.log[p.log.length - 1]!.index : 0;

  const cells = [];
  const to = Math.min(p.last, lastIndex);
  for (let i = p.first; i <= to; i++) {
    const e = entryAt(p.log, i);
    if (e) cells.push(<LogCell key={i} entry={e} row={p} t={t} />);
  }

  // matchIndex 0 ("nothing known to match yet") has no cell to point at; the inspector lists it.
  const markers = progressMarkers(p.nextIndex, p.matchIndex, p.cell, p.viewLeft, p.viewRight).filter((m) => m.index > 0);
  const classes = ['logs-row', 'logs-server-row'];
  if (!p.alive) classes.push('is-crashed');
  if (p.selected) classes.push('is-selected');
  if (p.leaderId !== null) classes.push('has-strip');

  return (
    <div
      className={classes.join(' ')}
      role="group"
      aria-label={t('logs.row.summary', { server: name, count: lastIndex, commit: p.commitIndex, applied: p.lastApplied })}
      data-server={p.id}
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
        </button>
      </div>
      <div className="logs-track" style={{ width: p.trackW }}>
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
                {markerText(group, t)}
              </span>
            ))}
          </div>
        )}
      </div>
    </div>
  );
});

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
 * On its cell: "▲ next" (glyph first, under the cell) or "match ●" (glyph last),
 * so adjacent markers (matchIndex + 1 = nextIndex) read "match ●▲ next".
 * Off screen: pinned to that edge with an arrow and the index ("◀ match 2 · next 5").
 */
function markerText(group: ProgressMarker[], t: Translate): ReactNode {
  const m = group[0]!;
  if (m.offscreen) {
    const text = group.map((g) => `${t(`logs.marker.${g.kind}`)} ${g.index}`).join(' · ');
    return m.offscreen === 'left' ? (
      <>
        <span aria-hidden="true">◀ </span>
        {text}
      </>
    ) : (
      <>
        {text}
        <span aria-hidden="true"> ▶</span>
      </>
    );
  }
  const label = t(`logs.marker.${m.kind}`);
  return m.kind === 'next' ? (
    <>
      <span aria-hidden="true">▲ </span>
      {label}
    </>
  ) : (
    <>
      {label}
      <span aria-hidden="true"> ●</span>
    </>
  );
}

interface LogCellProps {
  entry: Entry;
  row: LogRowProps;
  t: Translate;
}

function LogCell({ entry, row, t }: LogCellProps) {
  const state = commitState(entry.index, row.commitIndex, row.lastApplied);
  const agreement = agreementWithLeader(entry, row.leaderLog);
  const differs = agreement === 'conflict' || agreement === 'extra';
  const color = termColor(entry.term);
  const style = {
    left: cellLeft(entry.index, row.cell) + CELL_GAP_PX / 2,
    width: row.cell - CELL_GAP_PX,
    '--term': color.fill,
    '--term-text': color.text,
  } as CSSProperties;

  const lines = [t('logs.cell.title', { index: entry.index, term: entry.term }) + ' · ' + t(`logs.cell.${state}`)];
  lines.push(entry.command === null ? t('logs.cell.noop') : t('logs.cell.command', { command: entry.command }));
  if (agreement === 'conflict') {
    lines.push(t('logs.cell.conflict', { leader: serverName(row.leaderId!), term: leaderTermAt(row.leaderLog, entry.index) ?? '?' }));
  } else if (agreement === 'extra') {
    lines.push(t('logs.cell.extra', { leader: serverName(row.leaderId!) }));
  }

  return (
    <li className={`log-cell is-${state}${differs ? ' is-conflict' : ''}${entry.command === null ? ' is-noop' : ''}`} style={style} title={lines.join('\n')}>
      <span className="log-cell-meta">
        <span className="log-cell-index">{entry.index}</span>
        <span className="log-cell-term">T{entry.term}</span>
      </span>
      <span className="log-cell-cmd">{entry.command === null ? t('logs.noop') : shortCommand(entry.command, COMMAND_CHARS)}</span>
      <span className="visually-hidden">
        {t(`logs.cell.${state}`)}
        {differs ? `, ${t('logs.legend.conflict')}` : ''}
      </span>
      {differs && (
        <span className="log-cell-warn" aria-hidden="true">
          ⚠
        </span>
      )}
    </li>
  );
}
