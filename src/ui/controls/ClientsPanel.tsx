/**
 * Simulated clients (§8): each sends one request at a time tagged with its id
 * and a sequence number, follows redirects, and retries on timeout. One tab per
 * client: the pending request with its attempts and the time left before a
 * retry, and what became of earlier ones. Requests are sent from the command
 * box ("as client Cn"), the one place commands are sent from.
 */
import { memo, useId, useRef, type KeyboardEvent } from 'react';
import { CLIENT_TABS_MAX, useStore } from '../../store';
import { useT } from '../i18n';
import type { ClientOp, ClientView } from '../../sim';
import { msUntilRetry, opOutcome, opRequest, opTries, type Phrase } from './clientText';
import './Controls.css';

const HISTORY_SHOWN = 8;

type T = ReturnType<typeof useT>;
const say = (t: T, p: Phrase) => t(p.key, p.params);

export const ClientsPanel = memo(function ClientsPanel() {
  const t = useT();
  const clients = useStore((s) => s.sim.clients);
  const tabsWanted = useStore((s) => s.ui.clientTabs);
  const active = useStore((s) => s.ui.activeClient);
  const base = useId();
  const tabRefs = useRef<Record<number, HTMLButtonElement | null>>({});

  // A loaded run may use clients beyond the tabs offered so far: show them too.
  const tabs = Math.min(CLIENT_TABS_MAX, Math.max(tabsWanted, active, ...clients.map((c) => c.id)));
  const ids = Array.from({ length: tabs }, (_, k) => k + 1);
  const view = clients.find((c) => c.id === active) ?? null;

  function onTabKey(e: KeyboardEvent<HTMLButtonElement>): void {
    const k = ids.indexOf(active);
    const to = e.key === 'ArrowRight' ? ids[(k + 1) % ids.length] : e.key === 'ArrowLeft' ? ids[(k - 1 + ids.length) % ids.length] : e.key === 'Home' ? ids[0] : e.key === 'End' ? ids[ids.length - 1] : undefined;
    if (to === undefined) return;
    e.preventDefault();
    useStore.getState().setActiveClient(to);
    tabRefs.current[to]?.focus();
  }

  return (
    <section className="panel clients-panel" aria-labelledby={`${base}-h`} data-testid="clients-panel">
      <h2 id={`${base}-h`}>{t('clients.title')}</h2>
      <div className="client-tabs">
        <div role="tablist" aria-label={t('clients.tabs')}>
          {ids.map((id) => {
            const waiting = clients.some((c) => c.id === id && c.pending !== null);
            return (
              <button
                key={id}
                ref={(el) => void (tabRefs.current[id] = el)}
                type="button"
                role="tab"
                id={`${base}-tab-${id}`}
                aria-selected={id === active}
                aria-controls={`${base}-panel`}
                tabIndex={id === active ? 0 : -1}
                aria-label={t('clients.tab', { id })}
                title={waiting ? t('clients.tab.waiting', { id }) : t('clients.tab', { id })}
                className={waiting ? 'waiting' : undefined}
                onClick={() => useStore.getState().setActiveClient(id)}
                onKeyDown={onTabKey}
                data-testid="client-tab"
                data-client={id}
              >
                C{id}
                {waiting && (
                  <span className="dot" aria-hidden="true">
                    ●
                  </span>
                )}
              </button>
            );
          })}
        </div>
        {tabs < CLIENT_TABS_MAX && (
          <button type="button" className="add-client" onClick={() => useStore.getState().addClientTab()} data-testid="add-client" aria-label={t('clients.add')} title={t('clients.add')}>
            +
          </button>
        )}
      </div>
      <div role="tabpanel" id={`${base}-panel`} aria-labelledby={`${base}-tab-${active}`} className="client-tabpanel">
        <p className="hint" data-testid="clients-hint">{t('clients.sendFromCommandBox', { id: active })}</p>
        <Pending id={active} view={view} />
        <History view={view} />
      </div>
    </section>
  );
});


function Pending({ id, view }: { id: number; view: ClientView | null }) {
  const t = useT();
  const now = useStore((s) => s.sim.now);
  const op = view?.pending ?? null;
  const guess = view?.leaderGuess ?? null;
  const left = view ? msUntilRetry(view, now) : null;
  return (
    <div className="client-pending" data-testid="client-pending">
      <p className="hint">{guess === null ? t('clients.guess.none', { id }) : t('clients.guess', { id, s: guess })}</p>
      {op ? (
        <p className="pending-op">
          <strong>{t('clients.pending')}</strong> <span className="mono user-text">{say(t, opRequest(op))}</span> {t('clients.pending.to', { s: op.server })}
          <br />
          <span className="hint">
            {t('clients.pending.counts', { attempts: op.attempts, retries: op.retries, redirects: op.redirects })}
            {left !== null && ` · ${t('clients.pending.retryIn', { ms: left })}`}
          </span>
        </p>
      ) : (
        <p className="hint">{t('clients.idle')}</p>
      )}
    </div>
  );
}

function History({ view }: { view: ClientView | null }) {
  const t = useT();
  const done = view?.history ?? [];
  if (done.length === 0) return <p className="hint">{t('clients.history.none')}</p>;
  const shown = done.slice(-HISTORY_SHOWN).reverse();
  return (
    <>
      <h3 className="client-history-title">{t('clients.history')}</h3>
      <ol className="client-history" data-testid="client-history">
        {shown.map((op) => (
          <HistoryRow key={op.seq} op={op} />
        ))}
      </ol>
    </>
  );
}

function HistoryRow({ op }: { op: ClientOp }) {
  const t = useT();
  const { result, how } = opOutcome(op);
  const tries = opTries(op);
  return (
    <li className={op.duplicate ? 'duplicate' : undefined} data-testid="client-history-row" data-seq={op.seq}>
      <span className="mono user-text">{say(t, opRequest(op))}</span> → {say(t, result)}
      {how && <span className="how"> ({say(t, how)})</span>}
      {tries && <span className="hint"> · {say(t, tries)}</span>}
    </li>
  );
}
