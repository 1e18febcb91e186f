/**
 * Everything Figure 2 says a server holds, for the selected server: persistent
 * state (currentTerm, votedFor, log), volatile state (commitIndex, lastApplied),
 * the leader's nextIndex[]/matchIndex[], a candidate's votes, its timers and its
 * key-value state machine, with the actions a lecturer uses on it. Figure 2
 * field names stay as the paper writes them, with a translated gloss.
 * Values the latest step changed are marked, with their old value (ChangedMark.tsx).
 */
import { memo, useId, type ReactNode } from 'react';
import { majoritySize, type ServerId } from '../../engine';
import type { ServerSummary } from '../../sim';
import { useStore } from '../../store';
import { useT } from '../i18n';
import { formatTime, type Lang } from '../i18n';
import { useServerChanges } from '../useChanges';
import { ChangedMark, InspectorChanges } from './ChangedMark';
import { FieldRow, TermChip } from './fieldTable';
import { ConfigSection } from './ConfigSection';
import { ReplicationTable, TransferAndReads } from './LeaderSections';
import { SnapshotSection } from './SnapshotSection';
import { StateMachineSection } from './StateMachineSection';
import { MembershipActions } from './MembershipActions';
import './Inspector.css';

type Translate = ReturnType<typeof useT>;

function serverName(id: ServerId): string {
  return `S${id}`;
}

export function ServerInspector() {
  const t = useT();
  const selected = useStore((s) => s.ui.selectedServer);
  const server = useStore((s) => (selected === null ? undefined : s.sim.servers.find((v) => v.id === selected)));
  const headingId = useId();

  return (
    <section className="panel inspector server-inspector" aria-labelledby={headingId} data-testid="server-inspector">
      <h2 id={headingId}>{server ? t('inspector.server', { server: serverName(server.id) }) : t('inspector.title')}</h2>
      {server ? <ServerDetails server={server} /> : <p className="inspector-hint">{t('inspector.hint')}</p>}
    </section>
  );
}

const ServerDetails = memo(function ServerDetails({ server: s }: { server: ServerSummary }) {
  const t = useT();
  const lang = useStore((st) => st.ui.lang);
  const now = useStore((st) => st.sim.now);
  const newestTerm = useStore((st) => st.sim.servers.reduce((m, v) => Math.max(m, v.term), 0));
  const { seq, fields } = useServerChanges(s.id);
  const isLeader = s.role === 'leader';

  return (
    <InspectorChanges.Provider value={{ fields, seq, t }}>
    <div className="inspector-body">
      <div className="inspector-status">
        <ChangedMark field="role">
          <span className={`role-badge role-${s.alive ? s.role : 'crashed'}`}>
            {isLeader && <span aria-hidden="true">★ </span>}
            {t(`inspector.role.${s.role}`)}
          </span>
        </ChangedMark>
        <ChangedMark field="alive">
          <span className={`status-badge ${s.alive ? 'ok' : 'bad'}`}>{t(s.alive ? 'inspector.status.running' : 'inspector.status.crashed')}</span>
        </ChangedMark>
        <ChangedMark field="connected">
          <span className={`status-badge ${s.connected ? 'ok' : 'bad'}`}>
            {t(s.connected ? 'inspector.status.connected' : 'inspector.status.offline')}
          </span>
        </ChangedMark>
      </div>

      {isLeader && s.alive && newestTerm > s.term && (
        <p className="inspector-note" role="note">
          {t('inspector.oldLeader', { term: newestTerm, server: serverName(s.id) })}
        </p>
      )}

      <ServerActions id={s.id} alive={s.alive} connected={s.connected} isLeader={isLeader} />
      <MembershipActions id={s.id} />

      {(s.role === 'candidate' || s.role === 'precandidate') && <Votes server={s} t={t} />}

      <ConfigSection s={s} t={t} />

      {/* Always shown, so that marks coming and going do not move the tables. */}
      <p className="inspector-line changed-legend">
        <span className="changed-sample">{t('inspector.changed.legend.mark')}</span> {t('inspector.changed.legend')}
      </p>
      <h3>{t('inspector.section.persistent')}</h3>
      <table className="fields">
        <tbody>
          <FieldRow name="currentTerm" gloss={t('inspector.gloss.currentTerm')}>
            <ChangedMark field="term">
              <TermChip term={s.term} />
            </ChangedMark>
          </FieldRow>
          <FieldRow name="votedFor" gloss={t('inspector.gloss.votedFor')}>
            <ChangedMark field="votedFor">
              {s.votedFor === null ? <span className="muted">— {t('inspector.none')}</span> : serverName(s.votedFor)}
            </ChangedMark>
          </FieldRow>
          <FieldRow name="lastLogIndex" gloss={t('inspector.gloss.lastLogIndex')}>
            <ChangedMark field="lastLogIndex">
              <span className="num">{s.lastLogIndex}</span>
            </ChangedMark>
          </FieldRow>
          <FieldRow name="lastLogTerm" gloss={t('inspector.gloss.lastLogTerm')}>
            <ChangedMark field="lastLogTerm">
              {s.lastLogIndex === 0 ? <span className="muted">—</span> : <TermChip term={s.lastLogTerm} />}
            </ChangedMark>
          </FieldRow>
        </tbody>
      </table>

      <h3>{t('inspector.section.volatile')}</h3>
      <table className="fields">
        <tbody>
          <FieldRow name="commitIndex" gloss={t('inspector.gloss.commitIndex')}>
            <ChangedMark field="commitIndex">
              <span className="num">{s.commitIndex}</span>
            </ChangedMark>
          </FieldRow>
          <FieldRow name="lastApplied" gloss={t('inspector.gloss.lastApplied')}>
            <ChangedMark field="lastApplied">
              <span className="num">{s.lastApplied}</span>
            </ChangedMark>
          </FieldRow>
          <FieldRow name={t('inspector.field.role')} gloss={t('inspector.gloss.role')} code={false}>
            <ChangedMark field="role">{t(`inspector.role.${s.role}`)}</ChangedMark>
          </FieldRow>
          <FieldRow name="leaderId" gloss={t('inspector.gloss.leaderId')}>
            <ChangedMark field="leaderId">
              {s.leaderId === null ? <span className="muted">{t('inspector.unknown')}</span> : serverName(s.leaderId)}
            </ChangedMark>
          </FieldRow>
        </tbody>
      </table>

      {isLeader && <ReplicationTable s={s} t={t} />}

      {isLeader && <TransferAndReads s={s} now={now} lang={lang} t={t} />}

      <h3>{t('inspector.section.timers')}</h3>
      <table className="fields timers">
        <tbody>
          <FieldRow name={t('inspector.timer.election')} code={false}>
            <Timer deadline={s.electionDeadline} setAt={s.electionSetAt} now={now} lang={lang} t={t} />
          </FieldRow>
          {isLeader && (
            <FieldRow name={t('inspector.timer.heartbeat')} code={false}>
              <Timer deadline={s.heartbeatDeadline} setAt={s.heartbeatSetAt} now={now} lang={lang} t={t} />
            </FieldRow>
          )}
        </tbody>
      </table>

      <StateMachineSection sm={s.stateMachine} t={t} />
      <SnapshotSection s={s} t={t} />
    </div>
    </InspectorChanges.Provider>
  );
});

function ServerActions({ id, alive, connected, isLeader }: { id: ServerId; alive: boolean; connected: boolean; isLeader: boolean }) {
  const t = useT();
  const server = serverName(id);
  const act = (a: Parameters<ReturnType<typeof useStore.getState>['act']>[0]): void => void useStore.getState().act(a);
  const timeoutTitle = !alive
    ? t('inspector.action.timeout.crashed', { server })
    : isLeader
      ? t('inspector.action.timeout.leader', { server })
      : t('inspector.action.timeout.title', { server });
  return (
    <div className="button-row inspector-actions" role="group" aria-label={t('inspector.actions', { server })}>
      {alive ? (
        <button type="button" className="danger" aria-keyshortcuts="C" title={t('inspector.action.crash.title', { server })} onClick={() => act({ type: 'crash', server: id })}>
          {t('inspector.action.crash')}
        </button>
      ) : (
        <button type="button" className="primary" aria-keyshortcuts="C" title={t('inspector.action.restart.title', { server })} onClick={() => act({ type: 'restart', server: id })}>
          {t('inspector.action.restart')}
        </button>
      )}
      <button type="button" aria-keyshortcuts="T" title={timeoutTitle} disabled={!alive || isLeader} onClick={() => act({ type: 'timeout', server: id })}>
        {t('inspector.action.timeout')}
      </button>
      {connected ? (
        <button type="button" aria-keyshortcuts="D" title={t('inspector.action.disconnect.title', { server })} onClick={() => act({ type: 'disconnect', server: id })}>
          {t('inspector.action.disconnect')}
        </button>
      ) : (
        <button type="button" aria-keyshortcuts="D" title={t('inspector.action.reconnect.title', { server })} onClick={() => act({ type: 'connect', server: id })}>
          {t('inspector.action.reconnect')}
        </button>
      )}
    </div>
  );
}

function Votes({ server: s, t }: { server: ServerSummary; t: Translate }) {
  // C_new's majority is the figure shown; during joint consensus C_old needs its own too (§6).
  const total = s.config.voters.length;
  const needed = majoritySize(s.config);
  const list = (ids: ServerId[]): ReactNode =>
    ids.length === 0 ? <span className="muted">—</span> : ids.slice().sort((a, b) => a - b).map(serverName).join(', ');
  return (
    <>
      <h3>{t(s.role === 'precandidate' ? 'inspector.section.preVotes' : 'inspector.section.votes')}</h3>
      <table className="fields">
        <tbody>
          <FieldRow name={t('inspector.votes.granted')} code={false}>
            <span className="ok-text">✓</span> <ChangedMark field="votesGranted">{list(s.votesGranted)}</ChangedMark>
            <span className="gloss">{t('inspector.votes.needed', { granted: s.votesGranted.length, needed, total })}</span>
          </FieldRow>
          <FieldRow name={t('inspector.votes.refused')} code={false}>
            <span className="bad-text">✗</span> <ChangedMark field="votesRejected">{list(s.votesRejected)}</ChangedMark>
          </FieldRow>
        </tbody>
      </table>
    </>
  );
}

interface TimerProps {
  deadline: number | null;
  setAt: number;
  now: number;
  lang: Lang;
  t: Translate;
}

/** A timer's deadline, the time left, and a bar of how much of it has run. */
function Timer({ deadline, setAt, now, lang, t }: TimerProps) {
  if (deadline === null) return <span className="muted">{t('inspector.timer.stopped')}</span>;
  const remaining = Math.max(0, Math.round(deadline - now));
  const span = deadline - setAt;
  const fraction = span > 0 ? Math.min(1, Math.max(0, (now - setAt) / span)) : 1;
  const percent = Math.round(fraction * 100);
  return (
    <span className="timer">
      <span>
        <strong>{remaining > 0 ? t('inspector.timer.in', { ms: remaining }) : t('inspector.timer.due')}</strong>{' '}
        <span className="muted">({t('inspector.timer.at', { time: formatTime(deadline, lang) })})</span>
      </span>
      <span className="timer-bar" role="img" aria-label={t('inspector.timer.progress', { percent })}>
        <span style={{ width: `${percent}%` }} />
      </span>
    </span>
  );
}
