/**
 * "Change membership…": tick the voters the cluster should have afterwards —
 * current servers and up to three new ones — and the leader moves there by
 * joint consensus (§6): new servers catch up as learners, then C_old,new
 * (majorities of both) commits, then C_new.
 */
import { FormFooter } from './FormFooter';
import { memo, useId, useState, type FormEvent } from 'react';
import { useStore } from '../../store';
import { useT } from '../i18n';
import type { ServerId } from '../../engine';
import { LIMITS } from '../../sim';
import { Dialog } from './Dialog';
import { changeBlocked, membershipView, newSlots, targetProblem } from './membership';
import { membershipAct } from './membershipAct';

const NEW_SLOTS = 3;

export const ChangeMembershipDialog = memo(function ChangeMembershipDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const headingId = useId();
  return (
    <Dialog open={open} onClose={onClose} labelledBy={headingId} className="membership-dialog">
      <h2 id={headingId}>{t('mem.dialog.title')}</h2>
      <p className="hint">{t('mem.dialog.intro')}</p>
      <ChangeMembershipForm onDone={onClose} />
    </Dialog>
  );
});

function ChangeMembershipForm({ onDone }: { onDone: () => void }) {
  const t = useT();
  const servers = useStore((s) => s.sim.servers);
  const leaderId = useStore((s) => s.sim.leaderId);
  const leaderLog = useStore((s) => (s.sim.leaderId === null ? undefined : s.sim.logs[s.sim.leaderId]));
  const v = membershipView(servers, leaderId);
  const existing = servers.map((s) => s.id);
  const [slots] = useState(() => newSlots(existing, NEW_SLOTS, LIMITS.serverId));
  const [ticked, setTicked] = useState<ServerId[]>(() => (v.config ? [...v.config.voters] : existing.slice()));
  const [error, setError] = useState<string | null>(null);
  const base = useId();

  const target = [...new Set(ticked)].filter((id) => existing.includes(id) || slots.includes(id)).sort((a, b) => a - b);
  const blocked = changeBlocked(v, leaderLog);
  const toggle = (id: ServerId, on: boolean) => setTicked((xs) => (on ? [...xs, id] : xs.filter((x) => x !== id)));

  async function apply(e: FormEvent): Promise<void> {
    e.preventDefault();
    const problem = targetProblem(target, v.config);
    if (problem) {
      setError(t(problem));
      return;
    }
    setError(null);
    if (await membershipAct({ type: 'changeMembership', servers: target })) onDone();
  }

  const role = (id: ServerId): string => {
    const c = v.config;
    if (!c) return t('mem.dialog.running');
    if (c.voters.includes(id) || c.oldVoters?.includes(id)) return t('mem.dialog.voter');
    if (c.learners.includes(id)) return t('mem.dialog.learner');
    return t('mem.dialog.outside');
  };

  const box = (id: ServerId, label: string, testId: string) => (
    <div className="field check" key={id}>
      <input id={`${base}-${id}`} type="checkbox" checked={ticked.includes(id)} onChange={(e) => toggle(id, e.target.checked)} data-testid={testId} data-server={id} />
      <label htmlFor={`${base}-${id}`}>{label}</label>
    </div>
  );

  return (
    <form className="membership-form" onSubmit={(e) => void apply(e)} noValidate>
      <fieldset>
        <legend>{t('mem.dialog.current')}</legend>
        {existing.map((id) => box(id, t('mem.dialog.server', { id, role: role(id) }), 'membership-current'))}
      </fieldset>
      <fieldset>
        <legend>{t('mem.dialog.new')}</legend>
        {slots.length === 0 ? <p className="hint">{t('mem.dialog.noSlots')}</p> : slots.map((id) => box(id, t('mem.dialog.newServer', { id }), 'membership-new'))}
      </fieldset>
      <p className="mem-target" aria-live="polite" data-testid="membership-target">
        {t('mem.dialog.target', { ids: target.length === 0 ? t('mem.none') : target.map((id) => `S${id}`).join(' ') })}
      </p>
      {blocked && <p className="hint">{t('mem.dialog.blocked', { why: t(blocked) })}</p>}
      <FormFooter error={error} errorTestId="membership-error" onCancel={onDone} applyLabel={t('mem.dialog.apply')} applyTestId="membership-apply" disabled={blocked !== null} />
    </form>
  );
}
