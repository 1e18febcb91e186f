/**
 * One log entry: index, term, command. Committed/applied/uncommitted and
 * "differs from the leader" read by pattern as well as colour. Configuration
 * entries (§6) show "⚙" and the voter set; entries from a client (§8) carry a
 * "C1#3" tag (client and sequence number). Hovering or focusing a cell asks
 * the logs view to show the quorum its commit needs (QuorumBar).
 */
import type { CSSProperties, KeyboardEvent } from 'react';
import type { Entry, LogIndex, ServerId } from '../../engine';
import type { useT } from '../../store';
import { termColor } from '../termColors';
import { agreementWithLeader, cellLeft, commitState, leaderTermAt, shortCommand } from './logModel';
import { configLabel } from './quorum';

type Translate = ReturnType<typeof useT>;

/** Characters of a command kept in the DOM (the cell clips further with an ellipsis). */
const COMMAND_CHARS = 24;
/** Gutter between cells: the commitIndex line sits in it. */
export const CELL_GAP_PX = 6;

/** What a cell needs from its row. */
export interface CellRow {
  id: ServerId;
  commitIndex: LogIndex;
  lastApplied: LogIndex;
  leaderId: ServerId | null;
  leaderLog: readonly Entry[] | null;
  cell: number;
}

export type Probe = (server: ServerId, index: LogIndex | null) => void;

interface LogCellProps {
  entry: Entry;
  row: CellRow;
  t: Translate;
  tabIndex: number;
  onProbe: Probe;
  onKeyDown: (e: KeyboardEvent<HTMLLIElement>) => void;
}

function voters(ids: readonly ServerId[]): string {
  return `{${ids.join(',')}}`;
}

/** The full description of a configuration entry, for its tooltip. */
export function describeConfigEntry(e: Entry, t: Translate): string {
  const c = e.config!;
  if (c.oldVoters !== undefined) return t('logs.cell.configJoint', { old: voters(c.oldVoters), new: voters(c.voters) });
  const base = t('logs.cell.config', { voters: voters(c.voters) });
  return c.learners.length > 0 ? `${base} · ${t('logs.cell.configLearners', { learners: voters(c.learners) })}` : base;
}

export function LogCell({ entry, row, t, tabIndex, onProbe, onKeyDown }: LogCellProps) {
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

  const isConfig = entry.config !== undefined;
  const lines = [t('logs.cell.title', { index: entry.index, term: entry.term }) + ' · ' + t(`logs.cell.${state}`)];
  if (isConfig) lines.push(describeConfigEntry(entry, t));
  else lines.push(entry.command === null ? t('logs.cell.noop') : t('logs.cell.command', { command: entry.command }));
  if (entry.client) lines.push(t('logs.cell.client', { client: entry.client.client, seq: entry.client.seq }));
  if (agreement === 'conflict') {
    lines.push(t('logs.cell.conflict', { leader: `S${row.leaderId!}`, term: leaderTermAt(row.leaderLog, entry.index) ?? '?' }));
  } else if (agreement === 'extra') {
    lines.push(t('logs.cell.extra', { leader: `S${row.leaderId!}` }));
  }
  lines.push(t('logs.cell.quorumHint'));

  const classes = ['log-cell', `is-${state}`];
  if (differs) classes.push('is-conflict');
  if (entry.command === null && !isConfig) classes.push('is-noop');
  if (isConfig) classes.push('is-config');
  const text = isConfig ? configLabel(entry.config!) : entry.command === null ? t('logs.noop') : shortCommand(entry.command, COMMAND_CHARS);

  return (
    <li
      className={classes.join(' ')}
      style={style}
      title={lines.join('\n')}
      tabIndex={tabIndex}
      data-index={entry.index}
      onMouseEnter={() => onProbe(row.id, entry.index)}
      onMouseLeave={() => onProbe(row.id, null)}
      onFocus={() => onProbe(row.id, entry.index)}
      onBlur={() => onProbe(row.id, null)}
      onKeyDown={onKeyDown}
    >
      <span className="log-cell-meta">
        <span className="log-cell-index">{entry.index}</span>
        {isConfig && (
          <span className="log-cell-gear" aria-hidden="true">
            ⚙
          </span>
        )}
        <span className="log-cell-term">T{entry.term}</span>
      </span>
      <span className="log-cell-cmd">{text}</span>
      {entry.client && (
        <span className="log-cell-client" aria-hidden="true">
          C{entry.client.client}#{entry.client.seq}
        </span>
      )}
      <span className="visually-hidden">
        {t(`logs.cell.${state}`)}
        {isConfig ? `, ${describeConfigEntry(entry, t)}` : ''}
        {entry.client ? `, ${t('logs.cell.client', { client: entry.client.client, seq: entry.client.seq })}` : ''}
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
