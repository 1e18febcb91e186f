/**
 * The quorum the hovered (or keyboard-focused) log entry needs to commit: the
 * voters of the configuration that counts for it (C_new and C_old during joint
 * consensus, §6), how many of each must hold it, and for each voter whether
 * its log holds the entry (what the rows show) and whether the leader knows it
 * (its matchIndex, §5.3): ✓ held and known, ◐ held but not yet acknowledged,
 * ✗ not held. So the bar never says a server lacks an entry its row holds.
 * The verdict says what the leader can do: committed, on a majority but of an
 * older term (§5.4.2, Figure 8), on a majority not yet acknowledged, or no
 * majority. The entry's full command is shown too (the cell may cut it). Laid over the panel's head while an entry
 * is hovered or focused (empty otherwise), announced politely to screen readers.
 */
import type { LogIndex, ServerId } from '../../engine';
import { useStore } from '../../store';
import { useT } from '../i18n';
import type { ServerSummary } from '../../sim';
import { entryAt, shortCommand } from './logModel';
import { entryQuorum, holdersOf, storedOn, type EntryQuorum, type QuorumSource } from './quorum';

export interface ProbeTarget {
  server: ServerId;
  index: LogIndex;
}

interface ProbedQuorum {
  q: EntryQuorum;
  /** The server whose view counts (the leader's when it holds the entry). */
  view: ServerSummary;
  leader: ServerSummary | undefined;
  term: number | undefined;
  command: string | null | undefined;
}

function useQuorum(probe: ProbeTarget | null): ProbedQuorum | null {
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
  // The entry is the view's own at that index (the leader's when it counts): who else holds that very entry.
  const entry = entryAt(src.log, probe.index) ?? entryAt(logs[probe.server] ?? [], probe.index);
  const stored = entry ? storedOn(probe.index, entry.term, servers.map((s) => ({ id: s.id, log: logs[s.id] ?? [], snapshotIndex: s.snapshotIndex, snapshotTerm: s.snapshotTerm }))) : null;
  const holders = leader && view === leader ? holdersOf(probe.index, leader.id, leader.lastLogIndex, leader.matchIndex) : null;
  return { q: entryQuorum(probe.index, src, holders, stored), view, leader: view === leader ? leader : undefined, term: entry?.term, command: entry?.config ? undefined : entry?.command };
}

type Translate = ReturnType<typeof useT>;

/** What the leader can do with the entry, in words. */
function verdict(p: ProbedQuorum, t: Translate): { text: string; met: boolean } | null {
  const { q, view, leader } = p;
  if (q.index <= view.commitIndex) return { text: t('logs.quorum.committed', { commit: view.commitIndex }), met: true };
  if (!leader) return null;
  // §5.4.2: counting replicas never commits an entry of an earlier term (Figure 8).
  if (q.storedMet && p.term !== undefined && p.term < leader.term) return { text: t('logs.quorum.olderTerm'), met: false };
  if (q.met) return { text: t('logs.quorum.met'), met: true };
  if (q.storedMet) return { text: t('logs.quorum.storedMajority'), met: false };
  return { text: t('logs.quorum.notMet'), met: false };
}

export function QuorumBar({ probe }: { probe: ProbeTarget | null }) {
  const t = useT();
  const probed = useQuorum(probe);
  const q = probed?.q ?? null;
  // Over the panel's head for rows in the lower half, along its bottom for the upper half: never over the row probed.
  const rowAt = useStore((s) => (probe ? s.sim.servers.findIndex((v) => v.id === probe.server) / Math.max(1, s.sim.servers.length) : 1));
  const v = probed ? verdict(probed, t) : null;
  return (
    <div className={`logs-quorum ${rowAt < 0.5 ? 'at-bottom' : 'at-top'}`} aria-live="polite" data-testid="log-quorum">
      {!q || !probe ? null : (
        <>
          <span className="logs-quorum-title">
            {t('logs.quorum.title', { index: probe.index, term: probed?.term ?? '?' })}
            {probed?.command ? <span className="logs-quorum-command"> {shortCommand(probed.command, COMMAND_CHARS)}</span> : null}
            {q.configIndex > 0 ? ` ${t('logs.quorum.configAt', { index: q.configIndex })}` : ` ${t('logs.quorum.configStart')}`}
          </span>
          {q.groups.map((g) => (
            <span key={g.half} className={`logs-quorum-group${g.met ? ' is-met' : ''}`}>
              <span className="logs-quorum-half">{t(`logs.quorum.half.${g.half}`)}</span>
              <span className="logs-quorum-need">{countText(q, g, t)}</span>
              {g.voters.map((id) => {
                const known = q.holdersKnown && g.holders.includes(id);
                const held = g.stored.includes(id);
                // Without a leader nothing is acknowledged: the rows alone say who holds it.
                const state = known || (held && !q.holdersKnown) ? 'has' : held ? 'held' : 'lacks';
                const title = known
                  ? t('logs.quorum.known', { server: `S${id}`, index: q.index })
                  : held && q.holdersKnown
                    ? t('logs.quorum.unacked', { server: `S${id}`, match: probed?.leader?.matchIndex[id] ?? 0 })
                    : held
                      ? t('logs.quorum.has', { server: `S${id}` })
                      : t('logs.quorum.lacks', { server: `S${id}` });
                return (
                  <span key={id} className={`logs-quorum-voter ${state}`} title={title} data-server={id} data-state={state}>
                    S{id}
                    <span aria-hidden="true">{MARK[state]}</span>
                    <span className="visually-hidden">{t(SHORT[state])}</span>
                  </span>
                );
              })}
            </span>
          ))}
          {q.config.learners.length > 0 && (
            <span className="logs-quorum-learners">{t('logs.quorum.learners', { list: q.config.learners.map((id) => `S${id}`).join(', ') })}</span>
          )}
          {v && <span className={`logs-quorum-verdict${v.met ? ' is-met' : ''}`}>{v.text}</span>}
          {!q.holdersKnown && <span className="logs-quorum-note">{t('logs.quorum.noLeaderYet')}</span>}
          {q.approximate && <span className="logs-quorum-note">{t('logs.quorum.approximate')}</span>}
        </>
      )}
    </div>
  );
}

/** Characters of the probed entry's command shown (a cell may show only a few). */
const COMMAND_CHARS = 160;

const MARK = { has: ' ✓', held: ' ◐', lacks: ' ✗' } as const;
const SHORT = { has: 'logs.quorum.hasShort', held: 'logs.quorum.unackedShort', lacks: 'logs.quorum.lacksShort' } as const;

/** "3 hold it, 2 of 3 needed", or, when the leader knows of fewer than hold it, both counts. */
function countText(q: EntryQuorum, g: EntryQuorum['groups'][number], t: Translate): string {
  if (!q.holdersKnown) return t('logs.quorum.storedNoLeader', { stored: g.stored.length, needed: g.needed, total: g.voters.length });
  if (g.stored.length === g.holders.length) return t('logs.quorum.count', { have: g.holders.length, needed: g.needed, total: g.voters.length });
  return t('logs.quorum.stored', { stored: g.stored.length, known: g.holders.length, needed: g.needed, total: g.voters.length });
}
