/**
 * The server's key-value state machine: how many commands it applied, its
 * contents and records, and the client sessions it keeps (§8): the latest
 * request applied per client, and retries recognised as duplicates.
 * Keys and values are user text: rendered as text, never as HTML.
 */
import type { ServerSummary } from '../../sim';
import type { useT } from '../i18n';
import { ChangedMark } from './ChangedMark';

type Translate = ReturnType<typeof useT>;

/** The key-value state machine: commands applied, its contents and records, then its client sessions. */
export function StateMachineSection({ sm, t }: { sm: ServerSummary['stateMachine']; t: Translate }) {
  const keys = Object.keys(sm.kv).sort();
  return (
    <>
      <h3>{t('inspector.section.stateMachine')}</h3>
      <p className="inspector-line">
        {t('inspector.sm.applied')}:{' '}
        <ChangedMark field="appliedCommands">
          <span className="num">{sm.appliedCommands}</span>
        </ChangedMark>
      </p>
      {keys.length === 0 ? (
        <p className="inspector-line muted">{t('inspector.sm.kvEmpty')}</p>
      ) : (
        <KvTable kv={sm.kv} caption={t('inspector.sm.kv')} t={t} markAs="kv" />
      )}
      {sm.records.length > 0 && (
        <>
          <h4 className="inspector-subhead">{t('inspector.sm.records')}</h4>
          <ol className="records mono">
            {sm.records.map((r, k) => (
              <li key={k}>{r}</li>
            ))}
          </ol>
        </>
      )}
      <SessionsSection sm={sm} t={t} />
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

/** §8: the latest request applied per client, and retries recognised as duplicates. */
function SessionsSection({ sm, t }: { sm: ServerSummary['stateMachine']; t: Translate }) {
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
