/**
 * The selected in-flight message: its RPC with every argument or result under
 * the paper's name (the rows come from messageFields.tsx), when it was sent and
 * when it will arrive, the entries an AppendEntries carries, and the network
 * faults a lecturer can inject on it (drop it, deliver a copy).
 * Once the message has left the wire the panel says what became of it.
 */
import { memo, useId } from 'react';
import type { Entry } from '../../engine';
import type { InFlightMessage, TraceEvent } from '../../sim';
import { useStore } from '../../store';
import { useT } from '../i18n';
import { formatTime, type Lang } from '../i18n';
import { shortCommand } from '../logs/logModel';
import { configLabel } from '../logs/quorum';
import { endName } from '../cluster/messageModel';
import { TermChip } from './fieldTable';
import { MessageFieldsTable } from './messageFields';
import './Inspector.css';

type Translate = ReturnType<typeof useT>;

/** Entries listed in full; a long AppendEntries shows a count for the rest. */
const ENTRIES_SHOWN = 20;
const COMMAND_CHARS = 40;

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

const MessageDetails = memo(function MessageDetails({ m }: { m: InFlightMessage }) {
  const t = useT();
  const lang = useStore((s) => s.ui.lang);
  const now = useStore((s) => s.sim.now);
  const heartbeat = m.type === 'AppendEntries' && m.entries.length === 0;
  const chunkBytes = useStore((s) => s.sim.options?.snapshotChunkBytes ?? 0);

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

      <MessageFieldsTable m={m} now={now} lang={lang} t={t} chunkBytes={chunkBytes} />

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
