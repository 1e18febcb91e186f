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
 *
 * The row (LogRow.tsx), the cell (LogCell.tsx), the legend (LogsLegend.tsx)
 * and the quorum of the hovered entry (QuorumBar.tsx) are their own files.
 */
import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { Entry, LogIndex, ServerId } from '../../engine';
import { useStore, useT } from '../../store';
import { IndexHeader, Legend } from './LogsLegend';
import { LogRow } from './LogRow';
import { isAtTail, maxLogIndex, tailScrollLeft, trackWidth, visibleWindow } from './logModel';
import { QuorumBar, type ProbeTarget } from './QuorumBar';
import './LogsView.css';

/** Room after the last cell, so the newest cell is not flush with the edge. */
const TAIL_PAD_PX = 16;

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
  // The entry whose quorum is shown (hovered or focused).
  const [probe, setProbe] = useState<ProbeTarget | null>(null);
  const onProbe = useCallback((server: ServerId, index: LogIndex | null) => {
    setProbe((cur) => (index !== null ? (cur?.server === server && cur.index === index ? cur : { server, index }) : cur?.server === server ? null : cur));
  }, []);

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
                  snapshotIndex={s.snapshotIndex}
                  snapshotTerm={s.snapshotTerm}
                  incoming={s.incomingSnapshot}
                  onProbe={onProbe}
                />
              );
            })}
          </div>
        </div>
      )}
      {!empty && <QuorumBar probe={probe} />}
    </section>
  );
}

const EMPTY_LOG: readonly Entry[] = [];
