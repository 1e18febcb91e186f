/**
 * The selected in-flight message: its RPC (Figure 2) with every argument or
 * result under the paper's name, when it was sent and when it will arrive, and
 * the network faults a lecturer can inject on it (drop it, deliver a copy).
 * Once the message has left the wire the panel says what became of it.
 */
import { memo, useId } from 'react';
import type { Entry, ServerId } from '../../engine';
import type { InFlightMessage, TraceEvent } from '../../sim';
import { useStore } from '../../store';
import { useT } from '../i18n';
import { formatTime, type Lang } from '../i18n';
import { shortCommand } from '../logs/logModel';
import { configLabel } from '../logs/quorum';
import { endName, isClientEnd } from '../cluster/messageModel';
import { ExtMessageFields } from './MessageFieldsExt';
import { FieldRow, TermChip } from './fieldTable';
import './Inspector.css';

type Translate = ReturnType<typeof useT>;

/** Entries listed in full; a long AppendEntries shows a count for the rest. */
const ENTRIES_SHOWN = 20;
const COMMAND_CHARS = 40;

function serverName(id: ServerId): string {
  return `S${id}`;
}

/** The event that ended message `id` (delivered, lost on the way, or dropped by the user), newest first. */
function fateOf(events: readonly TraceEvent[], id: number): TraceEvent | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.message?.id === id && (e.kind === 'deliver' || e.kind === 'drop' || e.kind === 'dropMessage')) return e;
  }
  return undefined;
}

function close(): void {
  useStore.getState().selectMessage(null);
}

export function MessageInspector() {
  const t = useT();
  const lang = useStore((s) => s.ui.lang);
  const id = useStore((s) => s.ui.selectedMessage);
  const message = useStore((s) => (id === null ? undefined : s.sim.messages.find((m) => m.id === id)));
  // Only looked up once the message has left the wire (the selector returns a stored event: stable).
  const fate = useStore((s) => (id === null || message ? undefined : fateOf(s.sim.events, id)));
  const headingId = useId();
  if (id === null) return null;

  return (
    <section className="panel inspector message-inspector" aria-labelledby={headingId} data-testid="message-inspector">
      <div className="inspector-head">
        <h2 id={headingId}>{t('inspector.msg.title')}</h2>
        <button type="button" className="icon-button" aria-label={t('inspector.msg.close')} title={t('inspector.msg.close.title')} onClick={close}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      {message ? (
        <MessageDetails m={message} />
      ) : (
        <div className="inspector-body">
          <p className="inspector-gone" role="status">
            {goneText(fate, t, lang)}
          </p>
          <div className="button-row">
            <button type="button" onClick={close}>
              {t('inspector.msg.close')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

function goneText(fate: TraceEvent | undefined, t: Translate, lang: Lang): string {
  if (!fate) return t('inspector.msg.delivered');
  const time = formatTime(fate.time, lang);
  if (fate.kind === 'dropMessage') return t('inspector.msg.droppedByUser', { time });
  if (fate.kind === 'drop' || fate.failure) {
    return t('inspector.msg.notDelivered', { why: t(`inspector.msg.failure.${fate.failure ?? 'lost'}`) });
  }
  return t('inspector.msg.deliveredAt', { time });
}

function Bool({ value }: { value: boolean }) {
  return (
    <span className={value ? 'ok-text' : 'bad-text'}>
      <span aria-hidden="true">{value ? '✓ ' : '✗ '}</span>
      <code>{String(value)}</code>
    </span>
  );
}

const MessageDetails = memo(function MessageDetails({ m }: { m: InFlightMessage }) {
  const t = useT();
  const lang = useStore((s) => s.ui.lang);
  const now = useStore((s) => s.sim.now);
  const heartbeat = m.type === 'AppendEntries' && m.entries.length === 0;
  const g = (field: string): string => t(`inspector.msg.gloss.${field}`);
  const remaining = Math.max(0, Math.round(m.deliverAt - now));
  const chunkBytes = useStore((s) => s.sim.options?.snapshotChunkBytes ?? 0);
  // Clients have no term (§8): their messages carry 0, which means nothing here.
  const fromClient = isClientEnd(m.from) || isClientEnd(m.to);

  return (
    <div className="inspector-body">
      <h3 className="message-title">
        <span className="message-type">{t('inspector.msg.heading', { type: m.type, id: m.id })}</span>
        {heartbeat && <span className="status-badge">{t('inspector.msg.heartbeat')}</span>}
      </h3>
      <p className="message-route">{t('inspector.msg.route', { from: endName(m.from), to: endName(m.to) })}</p>
      {(m.lost || m.duplicate) && (
        <div className="inspector-status">
          {m.lost && <span className="status-badge bad">{t('inspector.msg.lost')}</span>}
          {m.duplicate && <span className="status-badge">{t('inspector.msg.copy')}</span>}
        </div>
      )}

      <div className="button-row inspector-actions">
        <button type="button" className="danger" title={t('inspector.msg.drop.title')} onClick={() => void useStore.getState().act({ type: 'dropMessage', message: m.id })}>
          {t('inspector.msg.drop')}
        </button>
        <button type="button" title={t('inspector.msg.duplicate.title')} onClick={() => void useStore.getState().act({ type: 'duplicateMessage', message: m.id })}>
          {t('inspector.msg.duplicate')}
        </button>
        <button type="button" onClick={close}>
          {t('inspector.msg.close')}
        </button>
      </div>

      <table className="fields">
        <tbody>
          {!fromClient && m.type !== 'PreVote' && (
            <FieldRow name="term" gloss={g('term')}>
              <TermChip term={m.term} />
            </FieldRow>
          )}
          <FieldRow name={t('inspector.msg.sentAt')} code={false}>
            {formatTime(m.sentAt, lang)}
          </FieldRow>
          <FieldRow name={t('inspector.msg.deliverAt')} code={false}>
            {t('inspector.msg.arrivesIn', { time: formatTime(m.deliverAt, lang), ms: remaining })}
          </FieldRow>
          {m.type === 'RequestVote' && (
            <>
              <FieldRow name="candidateId" gloss={g('candidateId')}>
                {serverName(m.candidateId)}
              </FieldRow>
              <FieldRow name="lastLogIndex" gloss={g('lastLogIndex')}>
                <span className="num">{m.lastLogIndex}</span>
              </FieldRow>
              <FieldRow name="lastLogTerm" gloss={g('lastLogTerm')}>
                <TermChip term={m.lastLogTerm} />
              </FieldRow>
              {m.transfer && (
                <FieldRow name="transfer" gloss={g('transfer')}>
                  <code>true</code>
                </FieldRow>
              )}
            </>
          )}
          {m.type === 'RequestVoteReply' && (
            <>
              <FieldRow name="voteGranted" gloss={g('voteGranted')}>
                <Bool value={m.voteGranted} />
              </FieldRow>
              {m.reason && (
                <FieldRow name="reason">
                  {t(`inspector.msg.reason.${m.reason}`)}
                </FieldRow>
              )}
            </>
          )}
          {m.type === 'AppendEntries' && (
            <>
              <FieldRow name="leaderId" gloss={g('leaderId')}>
                {serverName(m.leaderId)}
              </FieldRow>
              <FieldRow name="prevLogIndex" gloss={g('prevLogIndex')}>
                <span className="num">{m.prevLogIndex}</span>
              </FieldRow>
              <FieldRow name="prevLogTerm" gloss={g('prevLogTerm')}>
                <TermChip term={m.prevLogTerm} />
              </FieldRow>
              <FieldRow name="leaderCommit" gloss={g('leaderCommit')}>
                <span className="num">{m.leaderCommit}</span>
              </FieldRow>
              <FieldRow name="entries[]" gloss={g('entries')}>
                {m.entries.length === 0 ? (
                  <span className="muted">{t('inspector.msg.entries.none')}</span>
                ) : (
                  t('inspector.msg.entries.count', { count: m.entries.length })
                )}
              </FieldRow>
            </>
          )}
          {m.type === 'AppendEntriesReply' && (
            <>
              <FieldRow name="success" gloss={g('success')}>
                <Bool value={m.success} />
              </FieldRow>
              {m.reason && (
                <FieldRow name="reason">
                  {t(`inspector.msg.reason.${m.reason}`)}
                </FieldRow>
              )}
              <FieldRow name="matchIndex" gloss={g('matchIndex')}>
                <span className="num">{m.matchIndex}</span>
              </FieldRow>
              <FieldRow name="rejectedIndex" gloss={g('rejectedIndex')}>
                <span className="num">{m.rejectedIndex}</span>
              </FieldRow>
              {m.conflictTerm !== undefined && (
                <FieldRow name="conflictTerm" gloss={g('conflictTerm')}>
                  {m.conflictTerm === 0 ? <span className="num">0</span> : <TermChip term={m.conflictTerm} />}
                </FieldRow>
              )}
              {m.conflictIndex !== undefined && (
                <FieldRow name="conflictIndex" gloss={g('conflictIndex')}>
                  <span className="num">{m.conflictIndex}</span>
                </FieldRow>
              )}
            </>
          )}
          <ExtMessageFields m={m} t={t} chunkBytes={chunkBytes} />
        </tbody>
      </table>

      {m.type === 'AppendEntries' && m.entries.length > 0 && <EntriesTable entries={m.entries} t={t} />}
    </div>
  );
});

function EntriesTable({ entries, t }: { entries: readonly Entry[]; t: Translate }) {
  const shown = entries.slice(0, ENTRIES_SHOWN);
  return (
    <table className="grid-table entries-table">
      <caption>
        <code>entries[]</code>
      </caption>
      <thead>
        <tr>
          <th scope="col" className="num">
            {t('inspector.msg.entries.index')}
          </th>
          <th scope="col">{t('inspector.msg.entries.term')}</th>
          <th scope="col">{t('inspector.msg.entries.command')}</th>
        </tr>
      </thead>
      <tbody>
        {shown.map((e) => (
          <tr key={e.index}>
            <th scope="row" className="num">
              {e.index}
            </th>
            <td>
              <TermChip term={e.term} />
            </td>
            <td className="mono command" title={e.command ?? undefined}>
              {e.config ? `⚙ ${configLabel(e.config)}` : e.command === null ? <span className="muted">{t('logs.noop')}</span> : shortCommand(e.command, COMMAND_CHARS)}
              {e.client && <span className="muted">{` · C${e.client.client}#${e.client.seq}`}</span>}
            </td>
          </tr>
        ))}
      </tbody>
      {entries.length > shown.length && (
        <tfoot>
          <tr>
            <td colSpan={3} className="muted">
              {t('inspector.msg.entries.more', { count: entries.length - shown.length })}
            </td>
          </tr>
        </tfoot>
      )}
    </table>
  );
}
