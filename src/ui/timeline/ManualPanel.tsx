/**
 * Manual mode: instead of letting time run, choose which pending event happens
 * next — a message delivery or a timer — to force orderings that random runs
 * rarely take. Each choice is a recorded action, so it replays exactly and
 * travels in links.
 */
import { memo, useId } from 'react';
import { useStore } from '../../store';
import { useT } from '../i18n';
import type { PendingEvent } from '../../sim';
import { formatTime } from '../i18n';

const SHOWN = 40;

export const ManualPanel = memo(function ManualPanel() {
  const t = useT();
  const manual = useStore((s) => s.ui.manual);
  const pending = useStore((s) => s.sim.pending);
  const lang = useStore((s) => s.ui.lang);
  const headingId = useId();
  if (!manual) return null;

  const choose = (p: PendingEvent): void => void useStore.getState().act({ type: 'processEvent', seq: p.seq });

  return (
    <section className="panel manual-panel" aria-labelledby={headingId} data-testid="manual-panel">
      <h2 id={headingId}>{t('manual.title')}</h2>
      <p className="hint">{t('manual.intro')}</p>
      {pending.length === 0 ? (
        <p className="hint">{t('manual.none')}</p>
      ) : (
        <ol className="pending-list">
          {pending.slice(0, SHOWN).map((p, k) => (
            <li key={p.seq}>
              <button type="button" onClick={() => choose(p)} className={k === 0 ? 'primary' : ''} data-testid="pending-event" data-seq={p.seq} data-kind={p.kind}>
                <span className="mono when">{formatTime(p.time, lang)}</span> {label(p, t)}
                {p.lost ? ` ${t('manual.lost')}` : ''}
              </button>
            </li>
          ))}
        </ol>
      )}
      {pending.length > SHOWN && <p className="hint">{t('manual.more', { n: pending.length - SHOWN })}</p>}
      <div className="button-row end">
        <button type="button" onClick={() => useStore.getState().setManual(false)}>
          {t('manual.leave')}
        </button>
      </div>
    </section>
  );
});

function label(p: PendingEvent, t: ReturnType<typeof useT>): string {
  if (p.kind === 'deliver') return t('manual.deliver', { type: p.type ?? '', from: address(p.from ?? 0), to: address(p.server) });
  if (p.kind === 'electionTimeout') return t('manual.electionTimeout', { s: p.server });
  // A client's timer: its address is -client, so use the client id the event carries.
  if (p.kind === 'clientTimeout') return t('manual.clientTimeout', { c: p.client ?? -p.server });
  return t('manual.heartbeat', { s: p.server });
}

/** Servers are S1, S2, …; a simulated client k is addressed as -k on the network (§8): C1, C2, …. */
function address(id: number): string {
  return id < 0 ? `C${-id}` : `S${id}`;
}

export function ManualToggle() {
  const t = useT();
  const manual = useStore((s) => s.ui.manual);
  const ready = useStore((s) => s.sim.ready);
  return (
    <button type="button" aria-pressed={manual} disabled={!ready} onClick={() => useStore.getState().setManual(!manual)} title={t('manual.toggle.tip')} data-testid="manual-toggle">
      {t('manual.toggle')}
    </button>
  );
}
