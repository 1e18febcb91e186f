/**
 * The selected server's membership actions in the inspector, beside crash and
 * restart: remove it from the configuration (§6), hand leadership to it
 * (dissertation §3.10), snapshot it now (§7). The same rules as the Membership
 * panel decide when each is possible; a disabled button says why in its title.
 */
import { memo } from 'react';
import { useStore } from '../../store';
import { useT } from '../i18n';
import type { ServerId } from '../../engine';
import { membershipView, removeBlocked, snapshotBlocked, transferBlocked } from '../controls/membership';
import { membershipAct } from '../controls/membershipAct';

export const MembershipActions = memo(function MembershipActions({ id }: { id: ServerId }) {
  const t = useT();
  const servers = useStore((s) => s.sim.servers);
  const leaderId = useStore((s) => s.sim.leaderId);
  const leaderLog = useStore((s) => (s.sim.leaderId === null ? undefined : s.sim.logs[s.sim.leaderId]));
  const v = membershipView(servers, leaderId);
  const self = servers.find((s) => s.id === id);
  const actions = [
    { key: 'remove', why: removeBlocked(v, leaderLog, id), run: () => void membershipAct({ type: 'removeServer', server: id }) },
    { key: 'transfer', why: transferBlocked(v, id), run: () => void membershipAct({ type: 'transferLeadership', server: id }) },
    { key: 'snapshot', why: snapshotBlocked(self), run: () => void membershipAct({ type: 'snapshot', server: id }) },
  ] as const;
  return (
    <div className="button-row inspector-actions" role="group" aria-label={t('inspector.memActions', { server: `S${id}` })}>
      {actions.map((a) => (
        <button
          key={a.key}
          type="button"
          disabled={a.why !== null}
          title={a.why !== null ? t(a.why, { id }) : t(`inspector.mem.${a.key}.tip`, { server: `S${id}` })}
          onClick={a.run}
          data-testid={`inspector-action-${a.key}`}
        >
          {t(`inspector.mem.${a.key}`)}
        </button>
      ))}
    </div>
  );
});
