/**
 * Membership (§6), leadership transfer (dissertation §3.10) and snapshots on
 * demand (§7): add a server, remove / transfer to / snapshot the chosen server,
 * and a dialog for a joint-consensus change to any voter set. The chosen server
 * is the selected one (the same selection the cluster, the inspector and the
 * keyboard use). A button that cannot act now is disabled with its reason shown.
 */
import { memo, useId, useState } from 'react';
import { useStore } from '../../store';
import { useT } from '../i18n';
import type { ServerId } from '../../engine';
import type { UserAction } from '../../sim';
import { ChangeMembershipDialog } from './ChangeMembershipDialog';
import { changeBlocked, membershipView, removeBlocked, snapshotBlocked, transferBlocked } from './membership';
import { membershipAct } from './membershipAct';
import './Controls.css';

export const MembershipPanel = memo(function MembershipPanel() {
  const t = useT();
  const ready = useStore((s) => s.sim.ready);
  const servers = useStore((s) => s.sim.servers);
  const leaderId = useStore((s) => s.sim.leaderId);
  const leaderLog = useStore((s) => (s.sim.leaderId === null ? undefined : s.sim.logs[s.sim.leaderId]));
  const selected = useStore((s) => s.ui.selectedServer);
  const [dialogOpen, setDialogOpen] = useState(false);
  const base = useId();

  const v = membershipView(servers, leaderId);
  const chosen = servers.find((s) => s.id === selected);
  const target: ServerId | null = chosen ? chosen.id : null;
  const addWhy = !ready ? 'mem.why.loading' : changeBlocked(v, leaderLog);
  const removeWhy = !ready ? 'mem.why.loading' : removeBlocked(v, leaderLog, target);
  const transferWhy = !ready ? 'mem.why.loading' : transferBlocked(v, target);
  const snapshotWhy = !ready ? 'mem.why.loading' : snapshotBlocked(chosen);
  const reason = (key: string | null) => (key ? t(key, { id: target ?? '' }) : null);

  const ids = (list: readonly ServerId[]) => (list.length === 0 ? t('mem.none') : list.map((id) => `S${id}`).join(' '));
  const c = v.config;
  const summary = !c
    ? t('mem.config.unknown')
    : c.oldVoters
      ? t('mem.config.joint', { leader: v.leader!.id, old: ids(c.oldVoters), new: ids(c.voters) })
      : t('mem.config.voters', { leader: v.leader!.id, voters: ids(c.voters) });
  const learners = c && c.learners.length > 0 ? t('mem.config.learners', { ids: ids(c.learners) }) : null;
  const heading = `${base}-h`;
  const pickerId = `${base}-pick`;
  const addWhyId = `${base}-addwhy`;
  const act = (action: UserAction) => () => void membershipAct(action);
  const actions = [
    { testId: 'remove-server', label: target === null ? t('mem.remove.none') : t('mem.remove', { id: target }), short: t('mem.remove.short'), why: reason(removeWhy), keys: undefined, run: target === null ? undefined : act({ type: 'removeServer', server: target }) },
    { testId: 'transfer-leadership', label: target === null ? t('mem.transfer.none') : t('mem.transfer', { id: target }), short: t('mem.transfer.short'), why: reason(transferWhy), keys: 'Shift+T', run: target === null ? undefined : act({ type: 'transferLeadership', server: target }) },
    { testId: 'take-snapshot', label: target === null ? t('mem.snapshot.none') : t('mem.snapshot', { id: target }), short: t('mem.snapshot.short'), why: reason(snapshotWhy), keys: 'K', run: target === null ? undefined : act({ type: 'snapshot', server: target }) },
  ];

  return (
    <section className="membership-panel" aria-labelledby={heading} data-testid="membership-panel">
      <h2 id={heading} className="strip-title">
        {t('mem.title')}
      </h2>
      <p className="mem-config" data-testid="membership-config">
        {summary}
        {learners && <span className="mem-learners"> · {learners}</span>}
        {v.uncommitted && <span className="mem-pending"> · {t('mem.config.uncommitted')}</span>}
      </p>
      <div className="strip-buttons">
        <button type="button" disabled={addWhy !== null} aria-describedby={addWhy ? addWhyId : undefined} aria-keyshortcuts="A" onClick={() => void membershipAct({ type: 'addServer' })} data-testid="add-server" title={t('mem.add.tip')}>
          {t('mem.add')}
        </button>
        <button type="button" disabled={!ready} onClick={() => setDialogOpen(true)} data-testid="open-change-membership" title={t('mem.change.tip')}>
          {t('mem.change')}
        </button>
      </div>
      {addWhy && (
        <p id={addWhyId} className="mem-why" data-testid="add-server-why">
          {t('mem.add.why', { why: reason(addWhy) ?? '' })}
        </p>
      )}
      <div className="mem-server-row">
        <label htmlFor={pickerId}>{t('mem.server')}</label>
        <select
          id={pickerId}
          value={target === null ? '' : String(target)}
          onChange={(e) => {
            // Selecting elsewhere opens the Selected tab; choosing here keeps this panel (and its buttons) open.
            const st = useStore.getState();
            st.selectServer(e.target.value === '' ? null : Number(e.target.value));
            st.setSideTab('network');
          }}
          disabled={!ready}
          data-testid="membership-server"
        >
          <option value="">{t('mem.server.none')}</option>
          {servers.map((s) => (
            <option key={s.id} value={s.id}>
              {serverOption(s.id, v.config, t)}
            </option>
          ))}
        </select>
      </div>
      <div className="strip-buttons">
        {actions.map((a) => (
          <button
            key={a.testId}
            type="button"
            disabled={a.why !== null}
            title={a.why ?? undefined}
            aria-describedby={a.why ? `${base}-${a.testId}-why` : undefined}
            aria-keyshortcuts={a.keys}
            onClick={a.run}
            data-testid={a.testId}
          >
            {a.label}
          </button>
        ))}
      </div>
      {target === null ? (
        <p className="mem-why">{t('mem.why.choose')}</p>
      ) : (
        <ul className="mem-why">
          {actions
            .filter((a) => a.why !== null)
            .map((a) => (
              <li key={a.testId} id={`${base}-${a.testId}-why`} data-testid={`${a.testId}-why`}>
                {t('mem.why.line', { action: a.short, why: a.why! })}
              </li>
            ))}
        </ul>
      )}
      <ChangeMembershipDialog open={dialogOpen} onClose={() => setDialogOpen(false)} />
    </section>
  );
});

function serverOption(id: ServerId, c: ReturnType<typeof membershipView>['config'], t: ReturnType<typeof useT>): string {
  if (!c) return `S${id}`;
  if (c.voters.includes(id) || c.oldVoters?.includes(id)) return t('mem.server.voter', { id });
  if (c.learners.includes(id)) return t('mem.server.learner', { id });
  return t('mem.server.outside', { id });
}
