/**
 * Sending a command: one control for both ways a command reaches the cluster.
 * "Direct" hands it to the leader (or a chosen server) at once, as in §5.3's
 * account of replication; "as client Cn" sends it from a simulated client that
 * numbers its requests, follows redirects and retries on timeout (§8). The box
 * says what happened. `S` focuses it with its text selected.
 */
import { memo, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { CLIENT_TABS_MAX, useStore } from '../../store';
import { useT } from '../i18n';
import type { SubmitResult } from '../../sim';
import { checkCommand, checkKey, opOutcome, type Phrase } from '../controls/clientText';
import './CommandBox.css';

type Outcome = { kind: 'direct'; command: string; target: number | null; result: SubmitResult } | { kind: 'client'; phrase: Phrase } | { kind: 'error'; phrase: Phrase };

/** After `x=1`, suggest `x=2`: quick repeated commands during a lecture. */
export function nextCommand(command: string): string {
  const m = /^(.*?)(\d+)$/.exec(command);
  return m ? `${m[1]}${Number(m[2]) + 1}` : command;
}

/** The key a read asks for: the text before "=" or "+=" (so `x=1` and `x+=1` read `x`). */
export function readKeyOf(text: string): string {
  const i = text.indexOf('=');
  const key = i >= 0 ? text.slice(0, i) : text;
  return (key.endsWith('+') ? key.slice(0, -1) : key).trim();
}

export const CommandBox = memo(function CommandBox({ floating = false }: { floating?: boolean }) {
  const t = useT();
  const ids = useStore((s) => s.sim.servers.map((v) => v.id).join(','));
  const ready = useStore((s) => s.sim.ready);
  const focusSeq = useStore((s) => s.ui.commandFocus);
  const [command, setCommand] = useState('x=1');
  const [target, setTarget] = useState('leader');
  const [via, setVia] = useState('direct');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const clientId = via === 'direct' ? null : Number(via);
  const pending = useStore((s) => (clientId === null ? null : (s.sim.clients.find((c) => c.id === clientId)?.pending ?? null)));
  // What became of the client's latest request (it is answered later, after commit or a read round).
  const lastDone = useStore((s) => {
    if (clientId === null) return null;
    const h = s.sim.clients.find((c) => c.id === clientId)?.history;
    return h && h.length > 0 ? h[h.length - 1]! : null;
  });
  const inputRef = useRef<HTMLInputElement>(null);
  const base = useId();
  const targetNow = target === 'leader' || ids.split(',').includes(target) ? target : 'leader';

  useEffect(() => {
    if (focusSeq === 0) return;
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [focusSeq]);

  async function send(e: FormEvent | null, kind: 'write' | 'read'): Promise<void> {
    e?.preventDefault();
    const st = useStore.getState();
    if (clientId === null) {
      const problem = checkCommand(command);
      if (problem) return setOutcome({ kind: 'error', phrase: problem });
      const server = targetNow === 'leader' ? undefined : Number(targetNow);
      const r = await st.act({ type: 'submit', command, server });
      if (r?.submit) {
        setOutcome({ kind: 'direct', command, target: server ?? null, result: r.submit });
        if (r.submit.ok) setCommand(nextCommand(command));
      }
      return;
    }
    const key = readKeyOf(command);
    const problem = kind === 'write' ? checkCommand(command) : checkKey(key);
    if (problem) return setOutcome({ kind: 'error', phrase: problem });
    const action = kind === 'write' ? { type: 'clientRequest' as const, client: clientId, command } : { type: 'clientRequest' as const, client: clientId, read: key };
    const r = await st.act(action);
    if (!r) return;
    st.setActiveClient(clientId);
    setOutcome({ kind: 'client', phrase: kind === 'write' ? { key: 'command.client.write', params: { c: clientId, command } } : { key: 'command.client.read', params: { c: clientId, key } } });
    if (kind === 'write') setCommand(nextCommand(command));
  }

  const close = () => {
    useStore.getState().setCommandOpen(false);
    inputRef.current?.blur();
  };

  const busy = pending !== null;
  return (
    <section className={`command-box${floating ? ' floating panel' : ''}`} aria-labelledby={`${base}-h`} data-testid="command-box">
      <h2 id={`${base}-h`} className="strip-title">
        {t('command.title')}
      </h2>
      <form
        className="command-form"
        onSubmit={(e) => void send(e, 'write')}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && floating) {
            e.stopPropagation();
            close();
          }
        }}
        noValidate
      >
        <label htmlFor={`${base}-cmd`} className="visually-hidden">
          {t('client.command')}
        </label>
        <input
          ref={inputRef}
          id={`${base}-cmd`}
          className="mono command-input"
          value={command}
          maxLength={200}
          onChange={(e) => setCommand(e.target.value)}
          placeholder={t('client.placeholder')}
          title={t('client.command.tip')}
          aria-keyshortcuts="S"
          aria-invalid={outcome?.kind === 'error' || undefined}
          aria-describedby={`${base}-out`}
          data-testid="command-input"
        />
        <label className="command-opt">
          <span>{t('command.via')}</span>
          <select value={via} onChange={(e) => setVia(e.target.value)} data-testid="command-via">
            <option value="direct">{t('command.via.direct')}</option>
            {Array.from({ length: CLIENT_TABS_MAX }, (_, k) => (
              <option key={k + 1} value={String(k + 1)}>
                {t('command.via.client', { c: k + 1 })}
              </option>
            ))}
          </select>
        </label>
        {clientId === null && (
          <label className="command-opt">
            <span>{t('client.target')}</span>
            <select value={targetNow} onChange={(e) => setTarget(e.target.value)} data-testid="command-target">
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
          </label>
        )}
        <button type="submit" className="primary" disabled={!ready || command.length === 0 || busy} data-testid="submit">
          {t('command.send')}
        </button>
        {clientId !== null && (
          <button type="button" disabled={!ready || busy} onClick={() => void send(null, 'read')} data-testid="command-read" title={t('command.read.tip')}>
            {t('command.read', { key: readKeyOf(command) || '…' })}
          </button>
        )}
        {floating && (
          <button type="button" onClick={close} aria-label={t('command.close')} title={t('command.close')} data-testid="command-close">
            ✕
          </button>
        )}
      </form>
      <p id={`${base}-out`} className="command-outcome" role="status" data-testid="submit-outcome">
        {busy && pending
          ? t('clients.oneAtATime', { id: clientId ?? 0, seq: pending.seq })
          : outcome?.kind === 'client' && lastDone
            ? `C${clientId} #${lastDone.seq}: ${t(opOutcome(lastDone).result.key, opOutcome(lastDone).result.params)}`
            : outcome
              ? describeOutcome(outcome, t)
              : clientId === null
                ? t('command.hint.direct')
                : t('command.hint.client', { c: clientId })}
      </p>
    </section>
  );
});

function describeOutcome(o: Outcome, t: ReturnType<typeof useT>): string {
  if (o.kind !== 'direct') return t(o.phrase.key, o.phrase.params);
  const r = o.result;
  if (r.ok) return t('client.ok', { command: o.command, index: r.index ?? '?', term: r.term ?? '?' });
  if (o.target === null) return t('client.noLeader');
  if (r.leaderHint) return t('client.redirect', { id: o.target, leader: r.leaderHint });
  return t('client.notLeader', { id: o.target });
}
