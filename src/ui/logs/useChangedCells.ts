/**
 * What a step changed, for a moment's highlight: after a step forward or back
 * (or any move of a paused run), the cells whose entry or commit state differs
 * from before (see changedCells in logModel.ts). Not while playing: there every
 * frame changes something and the highlight would only flicker. The highlight
 * is a CSS animation that ends by itself (LogsView.css); nothing here runs on
 * a timer or an animation frame, so a paused page does no work.
 */
import { useEffect, useMemo, useRef } from 'react';
import type { Entry, LogIndex, ServerId } from '../../engine';
import type { ServerSummary } from '../../sim';
import { changedCells, type RowState } from './logModel';

interface Seen {
  run: number;
  eventCount: number;
  rows: Record<ServerId, RowState>;
}

export interface Highlight {
  cells: Map<ServerId, Set<LogIndex>>;
  /** Alternates 0/1 with each new highlight, so the animation restarts on a cell changed twice in a row. */
  phase: 0 | 1;
}

const NONE: Highlight = { cells: new Map(), phase: 0 };

function rowsOf(servers: readonly ServerSummary[], logs: Readonly<Record<ServerId, Entry[]>>): Record<ServerId, RowState> {
  const rows: Record<ServerId, RowState> = {};
  for (const s of servers) rows[s.id] = { log: logs[s.id] ?? [], commitIndex: s.commitIndex };
  return rows;
}

export function useChangedCells(
  run: number,
  eventCount: number,
  playing: boolean,
  servers: readonly ServerSummary[],
  logs: Readonly<Record<ServerId, Entry[]>>,
  first: LogIndex,
  last: LogIndex,
): Highlight {
  const seen = useRef<Seen | null>(null);
  const phase = useRef<0 | 1>(0);
  // Read the previous state here (pure: StrictMode may render twice); it is replaced after the commit.
  const highlight = useMemo(() => {
    const prev = seen.current;
    if (playing || !prev || prev.run !== run || prev.eventCount === eventCount) return NONE;
    const cells = changedCells(prev.rows, rowsOf(servers, logs), first, last);
    return cells.size > 0 ? { cells, phase: (1 - phase.current) as 0 | 1 } : NONE;
    // first/last only narrow the diff: a scroll alone must not re-run it.
  }, [run, eventCount, playing, servers, logs]);
  useEffect(() => {
    if (highlight !== NONE) phase.current = highlight.phase;
    seen.current = { run, eventCount, rows: rowsOf(servers, logs) };
  }, [highlight, run, eventCount, servers, logs]);
  return highlight;
}
