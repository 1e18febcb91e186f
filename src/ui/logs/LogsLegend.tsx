/**
 * The logs view's legend and its row of log indexes.
 */
import { memo } from 'react';
import type { LogIndex } from '../../engine';
import { useT } from '../../store';
import { cellLeft } from './logModel';

export const Legend = memo(function Legend() {
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
      <li>
        <span className="legend-swatch legend-snapshot" aria-hidden="true" />
        {t('logs.legend.snapshot')}
      </li>
      <li>
        <span className="legend-config" aria-hidden="true">
          ⚙
        </span>
        {t('logs.legend.config')}
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

export const IndexHeader = memo(function IndexHeader({ first, last, cell, trackW }: IndexHeaderProps) {
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

