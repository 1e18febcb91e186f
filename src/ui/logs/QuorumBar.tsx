/**
 * The quorum the hovered (or keyboard-focused) log entry needs to commit: the
 * voters of the configuration that counts for it (C_new and C_old during joint
 * consensus, §6), how many of each must hold it, and which do (from the
 * leader's matchIndex, §5.3). Without a leader, who holds it is unknown and
 * only the configuration is shown. Laid over the panel's head while an entry
 * is hovered or focused (empty otherwise), announced politely to screen readers.
 */
import type { LogIndex, ServerId } from '../../engine';
import { useStore, useT } from '../../store';
import { entryAt } from './logModel';
import { entryQuorum, holdersOf, type EntryQuorum, type QuorumSource } from './quorum';

export interface ProbeTarget {
  server: ServerId;
  index: LogIndex;
}

function useQuorum(probe: ProbeTarget | null): EntryQuorum | null {
  const servers = useStore((s) => s.sim.servers);
  const logs = useStore((s) => s.sim.logs);
  const leaderId = useStore((s) => s.sim.leaderId);
  const initial = useStore((s) => s.sim.options?.servers ?? 0);
  if (!probe) return null;
  const leader = leaderId === null ? undefined : servers.find((v) => v.id === leaderId);
  // The leader's view decides; without one, the hovered server's own.
  const view = leader && leader.lastLogIndex >= probe.index && leader.snapshotIndex < probe.index ? leader : servers.find((v) => v.id === probe.server);
  if (!view) return null;
  const src: QuorumSource = {
    log: logs[view.id] ?? [],
    snapshotIndex: view.snapshotIndex,
    commitIndex: view.commitIndex,
    lastLogIndex: view.lastLogIndex,
    config: view.config,
    configIndex: view.configIndex,
    bootstrap: { voters: Array.from({ length: initial }, (_, k) => k + 1), learners: [] },
  };
  const holders = leader && view === leader ? holdersOf(probe.index, leader.id, leader.lastLogIndex, leader.matchIndex) : null;
  return entryQuorum(probe.index, src, holders);
}

export function QuorumBar({ probe }: { probe: ProbeTarget | null }) {
  const t = useT();
  const q = useQuorum(probe);
  const logs = useStore((s) => s.sim.logs);
  // Over the panel's head for rows in the lower half, along its bottom for the upper half: never over the row probed.
  const rowAt = useStore((s) => (probe ? s.sim.servers.findIndex((v) => v.id === probe.server) / Math.max(1, s.sim.servers.length) : 1));
  const entry = probe ? entryAt(logs[probe.server] ?? [], probe.index) : undefined;
  return (
    <div className={`logs-quorum ${rowAt < 0.5 ? 'at-bottom' : 'at-top'}`} aria-live="polite" data-testid="log-quorum">
      {!q || !probe ? null : (
        <>
          <span className="logs-quorum-title">
            {t('logs.quorum.title', { index: probe.index, term: entry?.term ?? '?' })}
            {q.configIndex > 0 ? ` ${t('logs.quorum.configAt', { index: q.configIndex })}` : ` ${t('logs.quorum.configStart')}`}
          </span>
          {q.groups.map((g) => (
            <span key={g.half} className={`logs-quorum-group${g.met ? ' is-met' : ''}`}>
              <span className="logs-quorum-half">{t(`logs.quorum.half.${g.half}`)}</span>
              <span className="logs-quorum-need">
                {q.holdersKnown ? t('logs.quorum.count', { have: g.holders.length, needed: g.needed, total: g.voters.length }) : t('logs.quorum.needs', { needed: g.needed, total: g.voters.length })}
              </span>
              {g.voters.map((id) => {
                const has = q.holdersKnown && g.holders.includes(id);
                return (
                  <span key={id} className={`logs-quorum-voter${q.holdersKnown ? (has ? ' has' : ' lacks') : ''}`} title={q.holdersKnown ? t(has ? 'logs.quorum.has' : 'logs.quorum.lacks', { server: `S${id}` }) : undefined}>
                    S{id}
                    {q.holdersKnown && <span aria-hidden="true">{has ? ' ✓' : ' ✗'}</span>}
                    {q.holdersKnown && <span className="visually-hidden">{t(has ? 'logs.quorum.hasShort' : 'logs.quorum.lacksShort')}</span>}
                  </span>
                );
              })}
            </span>
          ))}
          {q.config.learners.length > 0 && (
            <span className="logs-quorum-learners">{t('logs.quorum.learners', { list: q.config.learners.map((id) => `S${id}`).join(', ') })}</span>
          )}
          {q.holdersKnown && (
            <span className={`logs-quorum-verdict${q.met ? ' is-met' : ''}`}>{t(q.met ? 'logs.quorum.met' : 'logs.quorum.notMet')}</span>
          )}
          {!q.holdersKnown && <span className="logs-quorum-note">{t('logs.quorum.noLeader')}</span>}
          {q.approximate && <span className="logs-quorum-note">{t('logs.quorum.approximate')}</span>}
        </>
      )}
    </div>
  );
}
