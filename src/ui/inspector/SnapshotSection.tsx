/**
 * The server's snapshot (§7): how far it reaches, its size, the key-value
 * contents it holds, and a snapshot being received from the leader in chunks.
 */
import type { ServerSummary } from '../../sim';
import type { useT } from '../i18n';
import { ChangedMark } from './ChangedMark';
import { FieldRow, TermChip } from './fieldTable';
import { KvTable } from './StateMachineSection';

type Translate = ReturnType<typeof useT>;

export function SnapshotSection({ s, t }: { s: ServerSummary; t: Translate }) {
  const snap = s.snapshot;
  const inc = s.incomingSnapshot;
  return (
    <>
      <h3>{t('inspector.section.snapshot')}</h3>
      {s.snapshotIndex === 0 || !snap ? (
        <p className="inspector-line muted">{t('inspector.snapshot.none')}</p>
      ) : (
        <>
          <table className="fields" data-testid="inspector-snapshot">
            <tbody>
              <FieldRow name="lastIncludedIndex" gloss={t('inspector.snapshot.index.gloss')}>
                <ChangedMark field="snapshotIndex">
                  <span className="num">{s.snapshotIndex}</span>
                </ChangedMark>
              </FieldRow>
              <FieldRow name="lastIncludedTerm" gloss={t('inspector.snapshot.term.gloss')}>
                <ChangedMark field="snapshotTerm">
                  <TermChip term={s.snapshotTerm} />
                </ChangedMark>
              </FieldRow>
              <FieldRow name={t('inspector.snapshot.size')} code={false}>
                {t('inspector.snapshot.bytes', { bytes: snap.bytes })}
              </FieldRow>
              <FieldRow name={t('inspector.snapshot.commands')} code={false}>
                <span className="num">{snap.appliedCommands}</span>
              </FieldRow>
            </tbody>
          </table>
          {Object.keys(snap.kv).length === 0 ? (
            <p className="inspector-line muted">{t('inspector.snapshot.kvEmpty')}</p>
          ) : (
            <KvTable kv={snap.kv} caption={t('inspector.snapshot.kv')} t={t} />
          )}
        </>
      )}
      {inc && (
        <p className="inspector-line">
          <strong>{t('inspector.snapshot.incoming')}:</strong> {t('inspector.snapshot.incoming.value', { index: inc.index, term: inc.term, received: inc.received, size: inc.size })}
          <span className="timer-bar" role="img" aria-label={`${Math.round((inc.received / Math.max(1, inc.size)) * 100)}%`}>
            <span style={{ width: `${Math.round((inc.received / Math.max(1, inc.size)) * 100)}%` }} />
          </span>
        </p>
      )}
    </>
  );
}
