/**
 * The logs view's header row and its legend. The header is one row, so that
 * every server's row keeps its room (issue 9): the title, "Follow newest" and
 * the legend's button over the names, the log indexes over the cells, and the
 * next/match column's gloss over it.
 */
import { memo } from 'react';
import type { LogIndex } from '../../engine';
import { useStore } from '../../store';
import { useT } from '../i18n';
import { cellLeft } from './logModel';

/** The legend's entries: the mark's class and glyph, and the text (a translation key, or Figure 2's field name). */
const LEGEND: { mark: string; glyph?: string; label: string; code?: true }[] = [
  { mark: 'legend-swatch legend-uncommitted', label: 'logs.legend.uncommitted' },
  { mark: 'legend-commit', label: 'commitIndex', code: true },
  { mark: 'legend-applied', glyph: '▼', label: 'lastApplied', code: true },
  { mark: 'legend-swatch legend-conflict', glyph: '⚠', label: 'logs.legend.conflict' },
  { mark: 'legend-swatch legend-violation', glyph: '✖', label: 'logs.legend.violation' },
  { mark: 'legend-next', glyph: '▲', label: 'logs.legend.next' },
  { mark: 'legend-match', glyph: '●', label: 'logs.legend.match' },
  { mark: 'legend-older', glyph: '⚑', label: 'logs.legend.olderTerm' },
  { mark: 'legend-swatch legend-changed', label: 'logs.legend.changed' },
  { mark: 'legend-swatch legend-snapshot', label: 'logs.legend.snapshot' },
  { mark: 'legend-config', glyph: '⚙', label: 'logs.legend.config' },
];

export const Legend = memo(function Legend({ onClose }: { onClose: () => void }) {
  const t = useT();
  return (
    <div
      className="logs-legend-pop"
      id="logs-legend"
      role="dialog"
      aria-label={t('logs.legend')}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <ul className="logs-legend">
        {LEGEND.map(({ mark, glyph, label, code }) => (
          <li key={label}>
            <span className={mark} aria-hidden="true">
              {glyph}
            </span>
            {code ? <code>{label}</code> : t(label)}
          </li>
        ))}
      </ul>
    </div>
  );
});

interface HeaderRowProps {
  first: LogIndex;
  last: LogIndex;
  cell: number;
  trackW: number;
  follow: boolean;
  progressInLabel: boolean;
  legendOpen: boolean;
  onToggleLegend: () => void;
}

export const HeaderRow = memo(function HeaderRow({ first, last, cell, trackW, follow, progressInLabel, legendOpen, onToggleLegend }: HeaderRowProps) {
  const t = useT();
  const labels = [];
  for (let i = first; i <= last; i++) {
    labels.push(
      <span key={i} className="logs-index" style={{ left: cellLeft(i, cell), width: cell }} aria-hidden="true">
        {i}
      </span>,
    );
  }
  const legendButton = (
    <button type="button" className="logs-head-button" aria-expanded={legendOpen} aria-controls="logs-legend" title={t('logs.head.legend')} onClick={onToggleLegend}>
      <span aria-hidden="true">ⓘ</span>
      <span className="visually-hidden">{t('logs.head.legend')}</span>
    </button>
  );
  return (
    <div className="logs-row logs-index-row">
      <div className="logs-label logs-head-label">
        <h2 id="logs-title">{t('logs.title')}</h2>
        <button
          type="button"
          className="logs-head-button logs-follow"
          aria-pressed={follow}
          aria-label={t('logs.head.follow')}
          title={t(follow ? 'logs.follow.on' : 'logs.follow.off')}
          onClick={() => useStore.getState().setFollowLogTail(true)}
        >
          <span aria-hidden="true">⇥</span>
        </button>
        {legendButton}
      </div>
      <div className="logs-track" style={{ minWidth: trackW }}>
        {labels}
      </div>
      {!progressInLabel && (
        <div className="logs-progress logs-progress-head">
          <span className="logs-progress-gloss">{t('logs.head.progress')}</span>
        </div>
      )}
    </div>
  );
});
