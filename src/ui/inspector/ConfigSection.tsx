/**
 * The server's configuration (§6): its voters, during joint consensus C_old
 * as well, its learners, the target of a change under way, and the index of
 * the entry that set it.
 */
import type { ServerId } from '../../engine';
import type { ServerSummary } from '../../sim';
import type { useT } from '../i18n';
import { ChangedMark } from './ChangedMark';
import { FieldRow } from './fieldTable';

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
