/**
 * The server inspector's sections for the rest of Raft: the server's
 * configuration (§6), its snapshot with the key-value contents it holds (§7),
 * client sessions in its state machine (§8), and leader-only state: the
 * transferee of a leadership transfer, pending reads and the read lease.
 */
import type { ServerId } from '../../engine';
import type { ServerSummary } from '../../sim';
import { useT } from '../i18n';
import { formatTime, type Lang } from '../i18n';
import { ChangedMark } from './ChangedMark';
import { FieldRow, TermChip } from './fieldTable';

type Translate = ReturnType<typeof useT>;

function list(ids: readonly ServerId[] | undefined): string {
  return ids && ids.length > 0 ? [...ids].sort((a, b) => a - b).map((id) => `S${id}`).join(', ') : '—';
}

export function ConfigSection({ s, t }: { s: ServerSummary; t: Translate }) {
  const c = s.config;
  const known = c.voters.length > 0 || c.learners.length > 0;
  return (
    <>
      <h3>{t('inspector.section.config')}</h3>
      {!known ? (
        <p className="inspector-line muted">{t('inspector.config.none')}</p>
      ) : (
        <table className="fields" data-testid="inspector-config">
          <tbody>
            {c.oldVoters !== undefined && (
              <tr>
                <td colSpan={2}>
                  <span className="status-badge joint-badge">{t('inspector.config.joint')}</span>
                </td>
              </tr>
            )}
            <FieldRow name={t('inspector.config.voters')} gloss={t('inspector.config.voters.gloss')} code={false}>
              <ChangedMark field="voters">{list(c.voters)}</ChangedMark>
            </FieldRow>
            {c.oldVoters !== undefined && (
              <FieldRow name={t('inspector.config.oldVoters')} gloss={t('inspector.config.oldVoters.gloss')} code={false}>
                {list(c.oldVoters)}
              </FieldRow>
            )}
            <FieldRow name={t('inspector.config.learners')} gloss={t('inspector.config.learners.gloss')} code={false}>
              {list(c.learners)}
            </FieldRow>
            {c.target !== undefined && (
              <FieldRow name={t('inspector.config.target')} gloss={t('inspector.config.target.gloss')} code={false}>
                {list(c.target)}
              </FieldRow>
            )}
            <FieldRow name={t('inspector.config.index')} gloss={t('inspector.config.index.gloss')} code={false}>
              <ChangedMark field="configIndex">
                <span className="num">{s.configIndex}</span>
              </ChangedMark>
            </FieldRow>
          </tbody>
        </table>
      )}
    </>
  );
}

/**
 * A key-value map as a table (the state machine and a snapshot's contents).
 * `markAs`: the change path of the keys (`kv` for the state machine) when the latest step's changes are marked.
 */
export function KvTable({ kv, caption, t, markAs }: { kv: Record<string, string>; caption: string; t: Translate; markAs?: string }) {
  const keys = Object.keys(kv).sort();
  return (
    <table className="grid-table kv-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('inspector.sm.key')}</th>
          <th scope="col">{t('inspector.sm.value')}</th>
        </tr>
      </thead>
      <tbody>
        {keys.map((k) => (
          <tr key={k}>
            <th scope="row" className="mono">
              {k}
            </th>
            <td className="mono">{markAs === undefined ? kv[k] : <ChangedMark field={`${markAs}.${k}`}>{kv[k]}</ChangedMark>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

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

/** §8: the latest request applied per client, and retries recognised as duplicates. */
export function SessionsSection({ sm, t }: { sm: ServerSummary['stateMachine']; t: Translate }) {
  const clients = Object.keys(sm.sessions)
    .map(Number)
    .sort((a, b) => a - b);
  return (
    <>
      <h4 className="inspector-subhead">{t('inspector.sm.sessions')}</h4>
      {clients.length === 0 ? (
        <p className="inspector-line muted">{t('inspector.sm.noSessions')}</p>
      ) : (
        <table className="grid-table" data-testid="inspector-sessions">
          <thead>
            <tr>
              <th scope="col">{t('inspector.sm.client')}</th>
              <th scope="col" className="num">
                {t('inspector.sm.seq')}
              </th>
              <th scope="col" className="num">
                {t('inspector.sm.atIndex')}
              </th>
            </tr>
          </thead>
          <tbody>
            {clients.map((c) => (
              <tr key={c}>
                <th scope="row">C{c}</th>
                <td className="num">{sm.sessions[c]!.seq}</td>
                <td className="num">{sm.sessions[c]!.index}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="inspector-line">
        {t('inspector.sm.duplicates')}: <span className="num">{sm.duplicatesSuppressed}</span>
      </p>
    </>
  );
}

/** Leaders: the transfer in progress, reads waiting, and the lease (dissertation §3.10, §6.4). */
export function LeaderExtras({ s, now, lang, t }: { s: ServerSummary; now: number; lang: Lang; t: Translate }) {
  return (
    <>
      <h3>{t('inspector.section.leaderExtras')}</h3>
      <table className="fields" data-testid="inspector-leader-extras">
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
export function ProgressCell({ s, peer, t }: { s: ServerSummary; peer: ServerId; t: Translate }) {
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
