/**
 * The network model: directed links that can be cut one direction at a time,
 * servers that can be taken off the network, and per-message latency, loss and
 * duplication drawn from the simulator's PRNG.
 */
import type { Message, ServerId } from '../engine';
import type { NetworkSettings } from './options';

export interface NetworkState extends NetworkSettings {
  /** Cut directed links, keyed by linkKey(from, to). */
  cut: Record<number, true>;
  /** Servers taken off the network: nothing reaches them or leaves them. */
  disconnected: Record<ServerId, true>;
}

/** A message on the wire: the RPC plus what the simulator knows about its trip. */
export type InFlightMessage = Message & {
  /** Unique per run, in the order messages were sent. */
  id: number;
  sentAt: number;
  deliverAt: number;
  /** The network will lose it (drop roll at send time); it still travels on screen until deliverAt. */
  lost: boolean;
  /** A copy made by the network's duplication (or by the user). */
  duplicate: boolean;
};

/** The envelope's keys, in the order an InFlightMessage has them after the message's own. */
export const ENVELOPE_KEYS: readonly string[] = ['id', 'sentAt', 'deliverAt', 'lost', 'duplicate'];

/**
 * A message on the wire as the live queue holds it: the engine's message as it
 * was sent, with the envelope beside it rather than added to it (world.ts:
 * WireDelivery), and the InFlightMessage it shows, once made.
 */
export interface WireFields {
  message: Message;
  id: number;
  sentAt: number;
  /** When it is due: shown as deliverAt. */
  time: number;
  lost: boolean;
  duplicate: boolean;
  /** The InFlightMessage, once made (checkpoints, views and the trace share it). */
  shown: InFlightMessage | null;
}

/**
 * The message on the wire as the trace, views and checkpoints show it: the
 * engine's message with the envelope fields after its own (made once, then
 * shared: it is never changed).
 */
export function inFlightMessage(d: WireFields): InFlightMessage {
  if (d.shown !== null) return d.shown;
  const shown = {} as Record<string, unknown>;
  const m = d.message as unknown as Record<string, unknown>;
  for (const k in m) shown[k] = m[k];
  shown.id = d.id;
  shown.sentAt = d.sentAt;
  shown.deliverAt = d.time;
  shown.lost = d.lost;
  shown.duplicate = d.duplicate;
  return (d.shown = shown as unknown as InFlightMessage);
}

export type DeliveryFailure = 'lost' | 'link-cut' | 'sender-disconnected' | 'receiver-disconnected' | 'receiver-crashed';

const LINK_KEY_BASE = 1000;

export function linkKey(from: ServerId, to: ServerId): number {
  return from * LINK_KEY_BASE + to;
}

/** The [from, to] pair a linkKey was made from. */
export function parseLinkKey(key: number): [ServerId, ServerId] {
  return [Math.floor(key / LINK_KEY_BASE), key % LINK_KEY_BASE];
}

export function createNetwork(settings: NetworkSettings): NetworkState {
  return { ...settings, latencyMs: [...settings.latencyMs], cut: {}, disconnected: {} };
}

export function isLinkUp(net: NetworkState, from: ServerId, to: ServerId): boolean {
  return net.cut[linkKey(from, to)] !== true;
}

export function setLinkUp(net: NetworkState, from: ServerId, to: ServerId, up: boolean): void {
  if (up) delete net.cut[linkKey(from, to)];
  else net.cut[linkKey(from, to)] = true;
}

/**
 * Why a message cannot be delivered now, or null if it can: at delivery time
 * its directed link must be up, neither end disconnected, the receiver alive.
 */
export function deliveryFailure(net: NetworkState, m: Message, lost: boolean, receiverAlive: boolean): DeliveryFailure | null {
  if (lost) return 'lost';
  if (net.disconnected[m.from]) return 'sender-disconnected';
  if (net.disconnected[m.to]) return 'receiver-disconnected';
  if (!isLinkUp(net, m.from, m.to)) return 'link-cut';
  if (!receiverAlive) return 'receiver-crashed';
  return null;
}
