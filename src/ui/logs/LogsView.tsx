/**
 * Every server's log, one row per server, cells coloured by term (one colour
 * per term everywhere, see termColors.ts). Each row shows its commitIndex (a
 * solid line after the last committed cell) and lastApplied (a ▼ mark);
 * uncommitted cells are hatched with a dashed border; cells that differ from
 * the current leader's entry at the same index get a red outline and ⚠ (§5.3:
 * the leader will overwrite them); entries a safety violation at the cursor is
 * about get a red ring and ✖ (issue 14, violationMarksByServer). Under each follower: the leader's
 * nextIndex (▲) and matchIndex (●) for it.
 *
 * The rows share the height the page gives the view (issue 9): every server's
 * row is in view whenever the container allows, compact (one line per cell)
 * when it is short, roomy (the command on a second line) when it is tall, and
 * scrolling inside only when even compact rows do not fit. Cells widen when
 * few entries leave room, so more of each command shows.
 *
 * Logs can hold thousands of entries, so the rows share one horizontal scroll
 * container with equal-width cells and only the visible index window (plus
 * overscan) is rendered. "Follow newest" (ui.followLogTail) keeps the end in
 * view; scrolling back turns it off, scrolling to the end or the button turns
 * it on again.
 *
 * The row (LogRow.tsx), the cell (LogCell.tsx), the header and legend
 * (LogsLegend.tsx), the quorum of the hovered entry (QuorumBar.tsx), the
 * measured sizes (useLogsGeometry.ts) and the highlight of what a step changed
 * (useChangedCells.ts) are their own files.
 */
import { useCallback, useLayoutEffect, useMemo, useState, type CSSProperties } from 'react';
import type { Entry, LogIndex, ServerId } from '../../engine';
import { violationMarksByServer } from '../../analysis';
import { useStore } from '../../store';
import { useT } from '../i18n';
import { HeaderRow, Legend } from './LogsLegend';
import { CALLOUT_GAP_PX, LogRow } from './LogRow';
import { cellWidth, isAtTail, maxLogIndex, rowHeight, tailScrollLeft, trackWidth, visibleWindow } from './logModel';
import { olderTermOnMajority } from './quorum';
import { QuorumBar, type ProbeTarget } from './QuorumBar';
import { useChangedCells } from './useChangedCells';
import { PROBE_NAMES, useLogsGeometry } from './useLogsGeometry';
import './LogsView.css';

/** Room after the last cell, so the newest cell is not flush with the edge. */
const TAIL_PAD_PX = 16;
/** Below this width the next/match numbers move under the server's name (a phone). */
const PROGRESS_COLUMN_MIN_PX = 560;
const NO_INDEXES: readonly LogIndex[] = [];

export function LogsView() {
  const t = useT();
  const servers = useStore((s) => s.sim.servers);
  const logs = useStore((s) => s.sim.logs);
  const leaderId = useStore((s) => s.sim.leaderId);
  const run = useStore((s) => s.sim.run);
  const eventCount = useStore((s) => s.sim.eventCount);
  const playing = useStore((s) => s.ui.playing);
  const follow = useStore((s) => s.ui.followLogTail);
  const selected = useStore((s) => s.ui.selectedServer);
  const violations = useStore((s) => s.sim.violations);

  const { geom, probeRef, scrollRef, attachScroll } = useLogsGeometry();
  const [scrollLeft, setScrollLeft] = useState(0);
  const [legendOpen, setLegendOpen] = useState(false);
  const toggleLegend = useCallback(() => setLegendOpen((o) => !o), []);
  const closeLegend = useCallback(() => setLegendOpen(false), []);
  // The entry whose quorum is shown (hovered or focused).
  const [probe, setProbe] = useState<ProbeTarget | null>(null);
  const onProbe = useCallback((server: ServerId, index: LogIndex | null) => {
    setProbe((cur) => (index !== null ? (cur?.server === server && cur.index === index ? cur : { server, index }) : cur?.server === server ? null : cur));
  }, []);

  const leader = leaderId === null ? undefined : servers.find((s) => s.id === leaderId);
  const leaderLog = leaderId === null ? null : (logs[leaderId] ?? null);
  // Figure 8 made visible (§5.4.2): the leader's older-term entries on a majority, not committed.
  const olderTerm = useMemo(
    () =>
      leader && leaderLog
        ? olderTermOnMajority(
            leader,
            leaderLog,
            servers.map((s) => ({ id: s.id, log: logs[s.id] ?? EMPTY_LOG, snapshotIndex: s.snapshotIndex, snapshotTerm: s.snapshotTerm })),
          )
        : NO_INDEXES,
    [leader, leaderLog, servers, logs],
  );
  const olderTermKey = olderTerm.join(',');
  const leaderOlderTerm = useMemo(() => (olderTermKey === '' ? NO_INDEXES : olderTermKey.split(',').map(Number)), [olderTermKey]);

  // The checker's violations so far (the cluster is at the cursor), on the entries still there.
  const violationMarks = useMemo(() => (violations.length === 0 ? null : violationMarksByServer(violations, logs)), [violations, logs]);

  const maxIndex = maxLogIndex(servers.map((s) => s.lastLogIndex));
  // Empty logs show the rows anyway when a violation marks a server (two leaders elected before any entry).
  const empty = maxIndex === 0 && violationMarks === null;
  const progressInLabel = geom.width > 0 && geom.width < PROGRESS_COLUMN_MIN_PX;
  const progressW = progressInLabel ? 0 : geom.progress;
  const viewW = Math.max(0, geom.width - geom.label - progressW);
  // One spare slot after the longest log (where the next entry goes, and nextIndex often points); the
  // Figure 8 callout after the leader's last entry needs its width too.
  const calloutW = leaderOlderTerm.length > 0 ? geom.callout + CALLOUT_GAP_PX : 0;
  const leaderLast = leader?.lastLogIndex ?? 0;
  const cell = Math.min(
    cellWidth(viewW - TAIL_PAD_PX, maxIndex + 1, geom.cellMin),
    calloutW > 0 ? cellWidth(viewW - TAIL_PAD_PX - calloutW, leaderLast, geom.cellMin) : Infinity,
  );
  const trackW = Math.max(trackWidth(maxIndex + 1, cell), trackWidth(leaderLast, cell) + calloutW) + TAIL_PAD_PX;
  // Every row in view when the height allows (issue 9): the rows share what the header leaves.
  // A few pixels spare: the header and row borders round differently from the probes.
  const rows = rowHeight(geom.height - geom.head - 12, servers.length, geom.rows);

  // Follow the tail: after the track grows (or following is switched on), show its end.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!follow || !el) return;
    const target = tailScrollLeft(el.scrollWidth, el.clientWidth);
    if (Math.abs(el.scrollLeft - target) > 1) el.scrollLeft = target;
    setScrollLeft(el.scrollLeft);
  }, [follow, trackW, geom.width, geom.label, scrollRef]);

  const onScroll = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    setScrollLeft(el.scrollLeft);
    const atTail = isAtTail(el.scrollLeft, el.clientWidth, el.scrollWidth);
    const st = useStore.getState();
    if (st.ui.followLogTail !== atTail) st.setFollowLogTail(atTail);
  }, [scrollRef]);

  // Before the first measurement, render a screenful rather than nothing.
  const win = visibleWindow(scrollLeft, viewW || 1200, cell, maxIndex);
  const viewLeft = Math.max(0, scrollLeft);
  const viewRight = viewLeft + (viewW || 1200);
  const highlight = useChangedCells(run, eventCount, playing, servers, logs, win.first, win.last);

  const gridStyle = { '--log-row': `${rows.height}px`, '--log-cell-w': `${cell}px` } as CSSProperties;

  return (
    <section className="panel logs" aria-labelledby="logs-title" data-testid="logs-view">
      <div className="logs-probe" aria-hidden="true" ref={probeRef}>
        {PROBE_NAMES.map((name) => (
          <span key={name} data-probe={name} className={`logs-probe-${name}`}>
            {name === 'callout' ? `◀ 10–12 ${t('logs.olderTerm.callout')}` : null}
          </span>
        ))}
      </div>
      {empty ? (
        <>
          <h2 id="logs-title" className="logs-empty-title">
            {t('logs.title')}
          </h2>
          <p className="logs-empty">{t('logs.empty')}</p>
        </>
      ) : (
        <div
          className="logs-scroll"
          ref={attachScroll}
          onScroll={onScroll}
          tabIndex={0}
          role="region"
          aria-label={t('logs.region')}
          data-density={rows.density}
          data-fits={rows.fits}
        >
          <div className="logs-grid" style={gridStyle}>
            <HeaderRow
              first={win.first}
              last={win.last}
              cell={cell}
              trackW={trackW}
              follow={follow}
              progressInLabel={progressInLabel}
              legendOpen={legendOpen}
              onToggleLegend={toggleLegend}
            />
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
                  cell={cell}
                  trackW={trackW}
                  viewLeft={viewLeft}
                  viewRight={viewRight}
                  snapshotIndex={s.snapshotIndex}
                  snapshotTerm={s.snapshotTerm}
                  incoming={s.incomingSnapshot}
                  onProbe={onProbe}
                  changed={highlight.cells.get(s.id)}
                  phase={highlight.phase}
                  olderTerm={isLeader ? leaderOlderTerm : NO_INDEXES}
                  progressInLabel={progressInLabel}
                  violations={violationMarks?.get(s.id)}
                />
              );
            })}
          </div>
        </div>
      )}
      {!empty && legendOpen && <Legend onClose={closeLegend} />}
      {!empty && <QuorumBar probe={probe} />}
    </section>
  );
}

const EMPTY_LOG: readonly Entry[] = [];
