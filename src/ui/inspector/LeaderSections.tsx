/**
 * What only a leader holds: nextIndex[] and matchIndex[] per follower, with how
 * far each lags and how it is being brought up to date (Figure 2; §7 while a
 * snapshot is under way), then a leadership transfer in progress, the reads
 * waiting and the read lease (dissertation §3.10, §6.4).
 */
import type { ServerId } from '../../engine';
import type { ServerSummary } from '../../sim';
import { formatTime, type Lang, type useT } from '../i18n';
import { ChangedMark } from './ChangedMark';
import { FieldRow } from './fieldTable';

type Translate = ReturnType<typeof useT>;

function serverName(id: ServerId): string {
  return `S${id}`;
}

/** The leader's per-follower state; nothing when it has no peers. */
export function ReplicationTable({ s, t }: { s: ServerSummary; t: Translate }) {
  const peers = Object.keys(s.nextIndex)
    .map(Number)
    .sort((a, b) => a - b);
  if (peers.length === 0) return null;
  return (
    <>
      <h3>{t('inspector.section.leader')}</h3>
      <table className="grid-table">
        <thead>
          <tr>
            <th scope="col">{t('inspector.peer')}</th>
            <th scope="col" className="num">
              <code>nextIndex</code>
              <span className="gloss">{t('inspector.gloss.nextIndex')}</span>
            </th>
            <th scope="col" className="num">
              <code>matchIndex</code>
              <span className="gloss">{t('inspector.gloss.matchIndex')}</span>
            </th>
            <th scope="col" className="num">
              {t('inspector.lag')}
              <span className="gloss">{t('inspector.lag.gloss')}</span>
            </th>
            <th scope="col">
              {t('inspector.progress')}
              <span className="gloss">{t('inspector.progress.gloss')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {peers.map((p) => {
            const match = s.matchIndex[p] ?? 0;
            const behind = s.lastLogIndex - match;
            return (
              <tr key={p}>
                <th scope="row">{serverName(p)}</th>
                <td className="num">
                  <ChangedMark field={`nextIndex.${p}`}>{s.nextIndex[p]}</ChangedMark>
                </td>
                <td className="num">
                  <ChangedMark field={`matchIndex.${p}`}>{match}</ChangedMark>
                </td>
                <td className="num">
                  {behind === 0 ? (
                    <span className="ok-text" title={t('inspector.upToDate')}>
                      <span aria-hidden="true">✓</span>
                      <span className="visually-hidden">{t('inspector.upToDate')}</span>
                    </span>
                  ) : (
                    behind
                  )}
                </td>
                <td>
                  <ChangedMark field={`progressState.${p}`}>
                    <ProgressCell s={s} peer={p} t={t} />
                  </ChangedMark>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

/** The transfer in progress, reads waiting, and the lease (dissertation §3.10, §6.4). */
export function TransferAndReads({ s, now, lang, t }: { s: ServerSummary; now: number; lang: Lang; t: Translate }) {
  return (
    <>
      <h3>{t('inspector.section.transferAndReads')}</h3>
      <table className="fields" data-testid="inspector-transfer-reads">
        <tbody>
          <FieldRow name="transferee" gloss={t('inspector.transferee.gloss')}>
            <ChangedMark field="transferee">
              {s.transferee === null ? <span className="muted">{t('inspector.transferee.none')}</span> : <strong>S{s.transferee}</strong>}
            </ChangedMark>
          </FieldRow>
          <FieldRow name="pendingReads" gloss={t('inspector.pendingReads.gloss')}>
            <ChangedMark field="pendingReads">
              <span className="num">{s.pendingReads}</span>
            </ChangedMark>
          </FieldRow>
          <FieldRow name="leaseUntil" gloss={t('inspector.leaseUntil.gloss')}>
            {s.leaseUntil === null || s.leaseUntil <= now ? (
              <span className="muted">{t('inspector.leaseUntil.none')}</span>
            ) : (
              <>
                {formatTime(s.leaseUntil, lang)} <span className="muted">({t('inspector.timer.in', { ms: Math.round(s.leaseUntil - now) })})</span>
              </>
            )}
          </FieldRow>
        </tbody>
      </table>
    </>
  );
}

/** The leader's replication state for one peer (§7: 'snapshot' while InstallSnapshot is under way). */
function ProgressCell({ s, peer, t }: { s: ServerSummary; peer: ServerId; t: Translate }) {
  const state = s.progressState[peer];
  if (!state) return <span className="muted">—</span>;
  if (state === 'snapshot') {
    return (
      <span className="progress-state progress-snapshot">
        {t('inspector.progress.snapshot')}
        <span className="gloss">{t('inspector.progress.snapshotBytes', { bytes: s.snapshotOffset[peer] ?? 0 })}</span>
      </span>
    );
  }
  return <span className={`progress-state progress-${state}`}>{t(`inspector.progress.${state}`)}</span>;
}
