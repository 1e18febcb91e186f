/** Submit a client command to the leader or to a chosen server, and show what came of it (§8). */
import { memo, useId, useState, type FormEvent } from 'react';
import { useStore, useT } from '../../store';
import type { SubmitResult } from '../../sim';
import './Controls.css';

interface Outcome {
  command: string;
  target: number | null;
  result: SubmitResult;
}

export const ClientPanel = memo(function ClientPanel() {
  const t = useT();
  const ids = useStore((s) => s.sim.servers.map((v) => v.id).join(','));
  const ready = useStore((s) => s.sim.ready);
  const [command, setCommand] = useState('x=1');
  const [target, setTarget] = useState<string>('leader');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // A server chosen in an earlier, larger run falls back to the leader (as the select then shows).
  const targetNow = target === 'leader' || ids.split(',').includes(target) ? target : 'leader';
  const inputId = useId();
  const targetId = useId();

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    const server = targetNow === 'leader' ? undefined : Number(targetNow);
    const r = await useStore.getState().act({ type: 'submit', command, server });
    if (r?.submit) {
      setOutcome({ command, target: server ?? null, result: r.submit });
      if (r.submit.ok) setCommand(nextCommand(command));
    }
  }

  return (
    <section className="client-panel" aria-labelledby={`${inputId}-h`}>
      <h2 id={`${inputId}-h`} className="strip-title">
        {t('client.title')}
      </h2>
      <form className="client-form" onSubmit={(e) => void submit(e)}>
        <label htmlFor={inputId} className="visually-hidden">
          {t('client.command')}
        </label>
        <input
          id={inputId}
          className="mono"
          value={command}
          maxLength={200}
          onChange={(e) => setCommand(e.target.value)}
          placeholder={t('client.placeholder')}
          data-testid="command-input"
          title={t('client.command.tip')}
        />
        <label htmlFor={targetId} className="visually-hidden">
          {t('client.target')}
        </label>
        <select id={targetId} value={targetNow} onChange={(e) => setTarget(e.target.value)} data-testid="command-target">
          <option value="leader">{t('client.toLeader')}</option>
          {ids
            .split(',')
            .filter(Boolean)
            .map((id) => (
              <option key={id} value={id}>
                {t('client.toServer', { id })}
              </option>
            ))}
        </select>
        <button type="submit" className="primary" disabled={!ready || command.length === 0} data-testid="submit">
          {t('client.submit')}
        </button>
      </form>
      <p className="client-outcome" role="status" data-testid="submit-outcome">
        {outcome ? describeOutcome(outcome, t) : t('client.hint')}
      </p>
    </section>
  );
});

function describeOutcome(o: Outcome, t: ReturnType<typeof useT>): string {
  const r = o.result;
  if (r.ok) return t('client.ok', { command: o.command, index: r.index ?? '?', term: r.term ?? '?' });
  if (o.target === null) return t('client.noLeader');
  if (r.leaderHint) return t('client.redirect', { id: o.target, leader: r.leaderHint });
  return t('client.notLeader', { id: o.target });
}

/** After `x=1`, suggest `x=2`: quick repeated submissions during a lecture. */
export function nextCommand(command: string): string {
  const m = /^(.*?)(\d+)$/.exec(command);
  return m ? `${m[1]}${Number(m[2]) + 1}` : command;
}
