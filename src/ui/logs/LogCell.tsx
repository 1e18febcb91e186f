/**
 * One log entry: index, term, command. Committed/applied/uncommitted and
 * "differs from the leader" read by pattern as well as colour. Configuration
 * entries (§6) show "⚙" and the voter set; entries from a client (§8) carry a
 * "C1#3" tag (client and sequence number) beside the command, never over the
 * index and term. The command shows as far as the cell's width allows; its
 * full text is in the cell's title and accessible name, and in the quorum bar
 * while the cell is hovered or focused. A leader's older-term entry stored on
 * a majority but not committed carries the §5.4.2 badge (Figure 8). An entry
 * a safety violation is about (issue 14: the checker's Figure 3 properties) is
 * outlined in red with ✖, and its accessible name starts with what it violates.
 * A cell a step has just changed is highlighted for a moment (a CSS animation).
 */
import type { CSSProperties, KeyboardEvent } from 'react';
import type { Entry, LogIndex, ServerId } from '../../engine';
import type { useT } from '../i18n';
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
  /** Changed by the last step: the highlight's phase (alternating, so the animation restarts), or null. */
  changed: 0 | 1 | null;
  /** §5.4.2: on the leader, an older-term entry on a majority that is not committed. */
  olderTerm: boolean;
  /** "✖ violates State Machine Safety" when a violation is about this entry, else null. */
  violates: string | null;
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

export function LogCell({ entry, row, t, tabIndex, onProbe, onKeyDown, changed, olderTerm, violates }: LogCellProps) {
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
  if (violates !== null) lines.push(violates);
  if (isConfig) lines.push(describeConfigEntry(entry, t));
  else lines.push(entry.command === null ? t('logs.cell.noop') : t('logs.cell.command', { command: entry.command }));
  if (entry.client) lines.push(t('logs.cell.client', { client: entry.client.client, seq: entry.client.seq }));
  if (agreement === 'conflict') {
    lines.push(t('logs.cell.conflict', { leader: `S${row.leaderId!}`, term: leaderTermAt(row.leaderLog, entry.index) ?? '?' }));
  } else if (agreement === 'extra') {
    lines.push(t('logs.cell.extra', { leader: `S${row.leaderId!}` }));
  }
  if (olderTerm) lines.push(t('logs.cell.olderTerm'));
  lines.push(t('logs.cell.quorumHint'));

  const classes = ['log-cell', `is-${state}`];
  if (differs) classes.push('is-conflict');
  if (entry.command === null && !isConfig) classes.push('is-noop');
  if (isConfig) classes.push('is-config');
  if (olderTerm) classes.push('is-older-term');
  if (violates !== null) classes.push('is-violation');
  if (changed !== null) classes.push(`is-changed-${changed}`);
  const text = isConfig ? configLabel(entry.config!) : entry.command === null ? t('logs.noop') : shortCommand(entry.command, COMMAND_CHARS);

  return (
    <li
      className={classes.join(' ')}
      style={style}
      title={lines.join('\n')}
      aria-label={lines.join(' · ')}
      tabIndex={tabIndex}
      data-index={entry.index}
      data-violation={violates !== null ? 'true' : undefined}
      onMouseEnter={() => onProbe(row.id, entry.index)}
      onMouseLeave={() => onProbe(row.id, null)}
      onFocus={() => onProbe(row.id, entry.index)}
      onBlur={() => onProbe(row.id, null)}
      onKeyDown={onKeyDown}
    >
      <span className="log-cell-meta" aria-hidden="true">
        <span className="log-cell-index">{entry.index}</span>
        {isConfig && <span className="log-cell-gear">⚙</span>}
        <span className="log-cell-term">T{entry.term}</span>
      </span>
      <span className="log-cell-body" aria-hidden="true">
        <span className="log-cell-cmd">{text}</span>
        {entry.client && (
          <span className="log-cell-client">
            C{entry.client.client}#{entry.client.seq}
          </span>
        )}
      </span>
      {differs && (
        <span className="log-cell-warn" aria-hidden="true">
          ⚠
        </span>
      )}
      {violates !== null && (
        <span className="log-cell-violation" aria-hidden="true">
          {t('logs.violation.badge')}
        </span>
      )}
      {olderTerm && (
        <span className="log-cell-older" aria-hidden="true" data-testid="older-term-badge">
          ⚑ {t('logs.olderTerm.badge')}
        </span>
      )}
    </li>
  );
}
