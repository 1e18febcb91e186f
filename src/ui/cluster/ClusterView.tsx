/**
 * The cluster ring: servers, the links between them, and the messages on the
 * wire at the current simulated time. d3 computes (geometry.ts), React
 * renders. The SVG's viewBox is the container's size in CSS pixels, so the
 * ring uses the whole area and text keeps a readable size in pixels.
 *
 * In SVG, paint order is also Tab order, so the layers are: link lines,
 * servers (each a Tab stop), link targets (one Tab stop, arrow keys inside),
 * messages (one Tab stop, arrow keys inside), and the centre text on top
 * (no Tab stop, transparent to the pointer).
 * Clients (§8) sit in a column left of the ring (clusterLayout.ts); servers
 * are drawn against the leader's configuration (membership.ts).
 */
import { useCallback, useId, useMemo, useRef } from 'react';
import type { ServerId } from '../../engine';
import { useStore } from '../../store';
import { useT } from '../i18n';
import { CentreText } from './CentreText';
import { ClientLayer } from './ClientLayer';
import { centreTextAt, clusterLayout } from './clusterLayout';
import { pairs as allPairs, type RingNode, type Sizes } from './geometry';
import { membershipOf, referenceConfig } from './membership';
import { LinkHitLayer, LinkLayer } from './LinkLine';
import { LinkMenu } from './LinkMenu';
import { MessageLayer } from './MessageGlyph';
import { ServerNode } from './ServerNode';
import { TransferArrow } from './TransferArrow';
import { useElementSize, type Size } from './useElementSize';
import './ClusterView.css';

const FALLBACK_SIZE: Size = { width: 800, height: 600 };
/** Narrower than this (a phone), the centre text sits on a line of its own below the ring. */
const NARROW_WIDTH = 560;
const NARROW_CENTRE_LINE = 34;

function ServerLayer({ positions, sizes }: { positions: Map<ServerId, RingNode>; sizes: Sizes }) {
  const servers = useStore((s) => s.sim.servers);
  const now = useStore((s) => s.sim.now);
  const selected = useStore((s) => s.ui.selectedServer);
  const leaderId = useStore((s) => s.sim.leaderId);
  const config = useMemo(() => referenceConfig(servers, leaderId), [servers, leaderId]);
  return (
    <g className="cv-servers">
      {servers.map((s) => {
        const pos = positions.get(s.id);
        const m = membershipOf(s.id, config);
        return pos ? <ServerNode key={s.id} server={s} now={now} pos={pos} sizes={sizes} selected={s.id === selected} member={m.kind} joint={m.joint} /> : null;
      })}
    </g>
  );
}

/** A text summary of the cluster for screen readers (the SVG's description). */
function ClusterSummary({ id }: { id: string }) {
  const t = useT();
  const servers = useStore((s) => s.sim.servers);
  const leaderId = useStore((s) => s.sim.leaderId);
  const cut = useStore((s) => s.sim.network.cut);
  const inFlight = useStore((s) => s.sim.messages.length);
  const names = (xs: { id: ServerId }[]) => xs.map((x) => `S${x.id}`).join(', ');
  const parts = [t('cluster.summary.servers', { count: servers.length })];
  const leader = servers.find((s) => s.id === leaderId);
  parts.push(leader ? t('cluster.summary.leader', { id: leader.id, term: leader.term }) : t('cluster.summary.noLeader'));
  const candidates = servers.filter((s) => s.alive && s.role === 'candidate');
  if (candidates.length > 0) parts.push(t('cluster.summary.candidates', { list: names(candidates) }));
  const pre = servers.filter((s) => s.alive && s.role === 'precandidate');
  if (pre.length > 0) parts.push(t('cluster.summary.precandidates', { list: names(pre) }));
  const config = referenceConfig(servers, leaderId);
  const learners = servers.filter((s) => membershipOf(s.id, config).kind === 'learner');
  if (learners.length > 0) parts.push(t('cluster.summary.learners', { list: names(learners) }));
  const removed = servers.filter((s) => membershipOf(s.id, config).kind === 'removed');
  if (removed.length > 0) parts.push(t('cluster.summary.removed', { list: names(removed) }));
  const crashed = servers.filter((s) => !s.alive);
  if (crashed.length > 0) parts.push(t('cluster.summary.crashed', { list: names(crashed) }));
  const offline = servers.filter((s) => !s.connected);
  if (offline.length > 0) parts.push(t('cluster.summary.offline', { list: names(offline) }));
  if (cut.length > 0) parts.push(t('cluster.summary.cut', { list: cut.map(([f, to]) => `S${f}→S${to}`).join(', ') }));
  parts.push(t('cluster.summary.messages', { count: inFlight }));
  parts.push(t('cluster.summary.keys'));
  return <desc id={id}>{parts.join(' ')}</desc>;
}

/** The cluster view. Fills its parent (give the parent a size); reads everything from the store. */
export function ClusterView() {
  const t = useT();
  const rootRef = useRef<HTMLDivElement>(null);
  const size = useElementSize(rootRef, FALLBACK_SIZE);
  const idsKey = useStore((s) => s.sim.servers.map((v) => v.id).join(','));
  const clientsKey = useStore((s) => s.sim.clients.map((c) => c.id).join(','));
  const presentation = useStore((s) => s.ui.presentation);
  const selectedLink = useStore((s) => s.ui.selectedLink);
  const titleId = useId();
  const descId = useId();

  const ids = useMemo(() => (idsKey === '' ? [] : idsKey.split(',').map(Number)), [idsKey]);
  const clientIds = useMemo(() => (clientsKey === '' ? [] : clientsKey.split(',').map(Number)), [clientsKey]);
  // On a phone the ring has no room inside for the centre text: it gets a line below the ring.
  const narrow = size.width < NARROW_WIDTH && ids.length > 1;
  const ringHeight = narrow ? Math.max(1, size.height - NARROW_CENTRE_LINE) : size.height;
  const layout = useMemo(
    () => clusterLayout(ids, clientIds, size.width, ringHeight, presentation ? 1.2 : 1),
    [ids, clientIds, size.width, ringHeight, presentation],
  );
  const positions = layout.positions;
  const pairs = useMemo(() => allPairs(ids), [ids]);
  const { sizes } = layout;

  const closeMenu = useCallback((restoreFocus: boolean) => {
    const st = useStore.getState();
    const link = st.ui.selectedLink;
    if (!link) return;
    st.selectLink(null);
    if (restoreFocus) rootRef.current?.querySelector<SVGElement>(`[data-link="${link[0]}-${link[1]}"]`)?.focus();
  }, []);

  // With one server the ring is its centre: the centre text goes below it.
  const single = ids.length === 1 ? layout.nodes[0] : undefined;
  const centreAt = single
    ? { x: single.x, y: single.y + sizes.timerOuter + sizes.centreFont * 2.2 }
    : narrow
      ? { x: size.width / 2, y: size.height - NARROW_CENTRE_LINE / 2 }
      : centreTextAt(layout, sizes.timerOuter, Math.min(Math.max(200, layout.rx * 0.95), 440) / 2);
  const centreWidth = single || narrow ? size.width * 0.9 : Math.min(Math.max(200, layout.rx * 0.95), 440);

  const pa = selectedLink ? positions.get(selectedLink[0]) : undefined;
  const pb = selectedLink ? positions.get(selectedLink[1]) : undefined;

  return (
    <div className="cluster-view" ref={rootRef} data-testid="cluster-view">
      <svg
        className="cv-svg"
        viewBox={`0 0 ${size.width} ${size.height}`}
        width={size.width}
        height={size.height}
        role="group"
        aria-labelledby={titleId}
        aria-describedby={descId}
      >
        <title id={titleId}>{t('cluster.title')}</title>
        <ClusterSummary id={descId} />
        <rect className="cv-bg" width={size.width} height={size.height} onClick={() => closeMenu(false)} />
        <LinkLayer pairs={pairs} positions={positions} sizes={sizes} />
        <TransferArrow positions={positions} sizes={sizes} centre={layout.centre} />
        <ClientLayer slots={layout.clients} sizes={sizes} />
        <ServerLayer positions={positions} sizes={sizes} />
        <LinkHitLayer pairs={pairs} positions={positions} sizes={sizes} />
        <MessageLayer positions={positions} sizes={sizes} />
        {/* Over the messages (which pass under it, still visible and clickable): no glyph crosses the words. */}
        <CentreText at={centreAt} sizes={sizes} maxWidth={centreWidth} />
      </svg>
      {selectedLink && pa && pb && (
        <LinkMenu
          a={selectedLink[0]}
          b={selectedLink[1]}
          anchor={{ x: (pa.x + pb.x) / 2, y: (pa.y + pb.y) / 2 }}
          towards={layout.centre}
          bounds={size}
          onClose={closeMenu}
        />
      )}
    </div>
  );
}
