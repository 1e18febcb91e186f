/**
 * Where everything sits in the cluster view: servers on the ring (any ids, in
 * ascending order, so servers added at run time with ids beyond the initial
 * count take their place between the others and everyone slides over), and
 * the simulated clients (§8) in a column left of the ring, C1 at the top.
 * Clients are keyed by their network address (client k is -k, as in
 * messages.ts), so a ClientRequest's `from` finds its client like a server id
 * finds its server. Pure: no DOM, no React.
 */
import { clamp, ringLayout, snap, type Point, type RingLayout, type RingNode } from './geometry';

export interface ClientSlot extends Point {
  client: number;
  /** Half the width / height of the client's box. */
  halfW: number;
  halfH: number;
}

export interface ClusterLayout extends RingLayout {
  /** Servers by id, clients by address (-k). Clients have angle π (their captions go left). */
  positions: Map<number, RingNode>;
  clients: ClientSlot[];
  /** Width of the client column (0 without clients). */
  columnWidth: number;
}

/** Width of the client column for a view `width` px wide. */
export function clientColumnWidth(width: number, clients: number): number {
  return clients === 0 ? 0 : clamp(Math.round(width * 0.085), 64, 120);
}

export function clusterLayout(serverIds: readonly number[], clientIds: readonly number[], width: number, height: number, textScale = 1): ClusterLayout {
  const ids = [...serverIds].sort((a, b) => a - b);
  const clientsSorted = [...clientIds].sort((a, b) => a - b);
  const col = clientColumnWidth(width, clientsSorted.length);
  const ring = ringLayout(ids.length, Math.max(1, width - col), height, textScale);
  const shift = (p: RingNode): RingNode => ({ ...p, x: snap(p.x + col) });
  const nodes = ring.nodes.map(shift);
  const positions = new Map<number, RingNode>(ids.map((id, i) => [id, nodes[i]!] as const));

  const n = clientsSorted.length;
  const halfW = clamp(col * 0.34, 20, 38);
  // Rows share the height; a box is never taller than its row allows.
  const rowH = n > 0 ? height / n : height;
  const halfH = clamp(Math.min(rowH * 0.34, halfW * 0.8), 12, 28);
  const clients = clientsSorted.map((client, k): ClientSlot => {
    const y = n === 1 ? height / 2 : rowH * (k + 0.5);
    return { client, x: snap(col / 2), y: snap(y), halfW, halfH };
  });
  for (const c of clients) positions.set(-c.client, { x: c.x, y: c.y, angle: Math.PI });

  return { ...ring, nodes, centre: { x: ring.centre.x + col, y: ring.centre.y }, positions, clients, columnWidth: col };
}

/**
 * Where the centre line goes: the ring's centre, moved up or down into the
 * middle of the free band between the servers that sit in its way (those within
 * `halfWidth` of the centre sideways). With three servers the two lower ones
 * sit half a radius below the centre, and a line at the centre ran across them.
 */
export function centreTextAt(layout: Pick<RingLayout, 'nodes' | 'centre'>, nodeRadius: number, halfWidth: number): Point {
  const { x, y } = layout.centre;
  let above = -Infinity;
  let below = Infinity;
  for (const node of layout.nodes) {
    if (Math.abs(node.x - x) > halfWidth + nodeRadius) continue;
    if (node.y <= y) above = Math.max(above, node.y + nodeRadius);
    else below = Math.min(below, node.y - nodeRadius);
  }
  if (above === -Infinity || below === Infinity) return { x, y };
  return { x, y: snap((above + below) / 2) };
}
