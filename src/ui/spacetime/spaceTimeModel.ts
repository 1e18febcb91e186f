/**
 * The space-time diagram's geometry and picking, as pure functions: where
 * each lane sits, how a lane's stretch is shaded, and which event a click on a
 * lane means. A lane is named by its network address: a server's id, or -k
 * for client k (as messages name their ends, §8).
 */
import type { Role } from '../../engine';
import type { SpaceTimeWindow } from '../../worker/protocol';

export interface Lanes {
  /** Lane addresses top to bottom: servers, then clients. */
  order: number[];
  top: number;
  height: number;
  /** The centre line of a lane (NaN for an address with no lane). */
  y(address: number): number;
}

export function lanesOf(servers: readonly number[], clients: readonly number[], top: number, available: number, minHeight: number, maxHeight: number): Lanes {
  const order = [...servers, ...clients.map((c) => -c)];
  const height = Math.max(minHeight, Math.min(maxHeight, order.length > 0 ? available / order.length : maxHeight));
  const index = new Map(order.map((a, i) => [a, i]));
  return {
    order,
    top,
    height,
    y: (address) => {
      const i = index.get(address);
      return i === undefined ? NaN : top + (i + 0.5) * height;
    },
  };
}

/** A lane stretch's fill: the role's colour, grey while crashed. */
export function segmentFill(role: Role, alive: boolean): string {
  if (!alive) return '#a9b0b8'; // darker than any role's tint: a crashed server has no role
  switch (role) {
    case 'leader':
      return '#f3ddb0'; // a tint of the ring's leader gold (--leader)
    case 'candidate':
      return '#cfe3f7';
    case 'precandidate':
      return '#e6eff9';
    default:
      return '#dfe4ea';
  }
}

/** The event nearest `timeMs` on lane `address` among what the window holds (null: nothing drawn there). */
export function nearestEvent(w: SpaceTimeWindow, address: number, timeMs: number): { n: number; time: number } | null {
  let best: { n: number; time: number } | null = null;
  const consider = (n: number, time: number) => {
    if (n <= 0) return;
    if (!best || Math.abs(time - timeMs) < Math.abs(best.time - timeMs)) best = { n, time };
  };
  for (const m of w.messages) {
    if (m.from === address) consider(m.sentN, m.sentAt);
    if (m.to === address && m.endAt !== null) consider(m.endN, m.endAt);
  }
  for (const s of w.segments) if (s.server === address) consider(s.n, s.fromMs);
  for (const o of w.operations) {
    if (-o.clientId !== address) continue;
    consider(o.callN, o.callTime);
    if (o.returnTime !== null) consider(o.returnN, o.returnTime);
  }
  return best;
}

/** Where an arrow ends: its delivery or drop, or (still on the wire) its point at `headMs` on the way. */
export function arrowEnd(m: { sentAt: number; endAt: number | null; deliverAt: number }, headMs: number): { time: number; fraction: number } {
  if (m.endAt !== null) return { time: m.endAt, fraction: 1 };
  const span = m.deliverAt - m.sentAt;
  const fraction = span > 0 ? Math.max(0, Math.min(1, (headMs - m.sentAt) / span)) : 1;
  return { time: m.sentAt + fraction * span, fraction };
}

/** The words an operation's label is made of, in the page's language (W/R/ok in English). */
export interface OperationWords {
  write: string;
  read: string;
  ok: string;
}

/** An operation's label: "W x=1 → ok" for a write, "R x → 1" for a read answered (user text, drawn as text only). */
export function operationLabel(o: { kind: 'write' | 'read'; text: string; value?: string | null; answered: boolean }, w: OperationWords): string {
  if (o.kind === 'write') return o.answered ? `${w.write} ${o.text} → ${w.ok}` : `${w.write} ${o.text}`;
  if (!o.answered) return `${w.read} ${o.text}`;
  return `${w.read} ${o.text} → ${o.value === null || o.value === undefined ? '∅' : o.value}`;
}

/**
 * Where a time-axis label goes: centred on its tick, but moved inside the
 * drawing when that would cut it off at either edge (the last label at the
 * right edge of a 1024 px screen or a phone).
 */
export function tickLabelPlace(x: number, labelWidth: number, left: number, right: number): { x: number; anchor: 'start' | 'middle' | 'end' } {
  if (x + labelWidth / 2 > right) return { x: right, anchor: 'end' };
  if (x - labelWidth / 2 < left) return { x: left, anchor: 'start' };
  return { x, anchor: 'middle' };
}

/** A label's width estimated without the DOM (no measuring during render): CJK characters are square, others ~0.6 em. */
export function textWidth(text: string, fontPx: number): number {
  let w = 0;
  for (const ch of text) w += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? fontPx : fontPx * 0.6;
  return w;
}
