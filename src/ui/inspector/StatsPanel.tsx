/**
 * The run in numbers: messages and bytes sent by RPC type (sizes are the
 * simulator's deterministic estimate, see messageBytes), how many arrived,
 * elections held, and the current leader and term.
 */
import { memo, useId, useState } from 'react';
import { ExperimentDialog } from '../experiments/ExperimentDialog';
import { MESSAGE_TYPES } from '../../engine';
import { useStore } from '../../store';
import { useT } from '../i18n';
import type { Lang } from '../i18n';
import { TermChip } from './fieldTable';
import './Inspector.css';

function numberFormat(lang: Lang): Intl.NumberFormat {
  return new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US');
}

/** Bytes with a unit that keeps the number short: 980 B, 12.4 kB, 3.1 MB. */
function formatBytes(bytes: number, lang: Lang): string {
  const nf = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 1 });
  if (bytes < 1_000) return `${nf.format(bytes)} B`;
  if (bytes < 1_000_000) return `${nf.format(bytes / 1_000)} kB`;
  return `${nf.format(bytes / 1_000_000)} MB`;
}

/** "AppendEntriesReply" may break before "Reply" in a narrow column. */
function typeName(type: string) {
  const m = /^(.+)(Reply)$/.exec(type);
  return m ? (
    <>
      {m[1]}
      <wbr />
      {m[2]}
    </>
  ) : (
    type
  );
}

export function StatsPanel() {
  const t = useT();
  const headingId = useId();
  const stats = useStore((s) => s.sim.stats);
  const [experimentOpen, setExperimentOpen] = useState(false);
  return (
    <section className="panel inspector stats-panel" aria-labelledby={headingId} data-testid="stats-panel">
      <h2 id={headingId}>{t('stats.title')}</h2>
      {stats ? <StatsBody /> : <p className="inspector-hint">{t('stats.empty')}</p>}
      <button type="button" onClick={() => setExperimentOpen(true)} data-testid="open-experiment">
        {t('exp.open')}
      </button>
      <ExperimentDialog open={experimentOpen} onClose={() => setExperimentOpen(false)} />
    </section>
  );
}

const StatsBody = memo(function StatsBody() {
  const t = useT();
  const lang = useStore((s) => s.ui.lang);
  const stats = useStore((s) => s.sim.stats)!;
  const leaderId = useStore((s) => s.sim.leaderId);
  const inFlight = useStore((s) => s.sim.messages.length);
  // The leader's term, or with no leader the highest term any server has reached.
  const term = useStore((s) => {
    const leader = s.sim.leaderId === null ? undefined : s.sim.servers.find((v) => v.id === s.sim.leaderId);
    return leader ? leader.term : s.sim.servers.reduce((m, v) => Math.max(m, v.term), 0);
  });
  const nf = numberFormat(lang);
  const types = [...MESSAGE_TYPES, ...Object.keys(stats.byType).filter((k) => !(MESSAGE_TYPES as readonly string[]).includes(k))];

  return (
    <div className="inspector-body">
      <dl className="stats-summary" aria-label={t('stats.summary')}>
        <div>
          <dt>{t('stats.leader')}</dt>
          <dd>{leaderId === null ? <span className="muted">{t('stats.noLeader')}</span> : <strong>S{leaderId} ★</strong>}</dd>
        </div>
        <div>
          <dt>{t('stats.term')}</dt>
          <dd>
            <TermChip term={term} />
          </dd>
        </div>
        <div>
          <dt>{t('stats.elections')}</dt>
          <dd className="num">{nf.format(stats.elections)}</dd>
        </div>
        <div>
          <dt>{t('stats.delivered')}</dt>
          <dd className="num">{nf.format(stats.delivered)}</dd>
        </div>
        <div title={t('stats.undelivered.title')}>
          <dt>{t('stats.undelivered')}</dt>
          <dd className="num">{nf.format(stats.undelivered)}</dd>
        </div>
        <div>
          <dt>{t('stats.inFlight')}</dt>
          <dd className="num">{nf.format(inFlight)}</dd>
        </div>
      </dl>
      <table className="grid-table stats-table">
        <caption>{t('stats.byType')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('stats.type')}</th>
            <th scope="col" className="num">
              {t('stats.count')}
            </th>
            <th scope="col" className="num">
              {t('stats.bytes')}
            </th>
          </tr>
        </thead>
        <tbody>
          {types.map((type) => {
            const row = stats.byType[type] ?? { count: 0, bytes: 0 };
            return (
              <tr key={type}>
                <th scope="row">
                  <code>{typeName(type)}</code>
                </th>
                <td className="num">{nf.format(row.count)}</td>
                <td className="num">{formatBytes(row.bytes, lang)}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('stats.total')}</th>
            <td className="num">{nf.format(stats.messages)}</td>
            <td className="num">{formatBytes(stats.bytes, lang)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
});
