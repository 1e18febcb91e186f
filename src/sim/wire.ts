/**
 * Putting a message on the wire. Its fate is drawn when it is sent: latency,
 * loss and duplication, from the world's one PRNG, in a fixed order. Whether
 * it arrives is decided on delivery (network.ts: links, disconnections, the
 * receiver crashed).
 */
import { messageBytes, type Message, type MessageType } from '../engine';
import { draw, type World } from './live';
import type { InFlightMessage } from './network';

/** Send `m` now; returns its id. A duplicate is a copy of its own with its own delay. */
export function send(w: World, m: Message, duplicate: boolean): number {
  const net = w.state.network;
  const stats = w.state.stats;
  const bytes = messageBytes(m);
  stats.messages++;
  stats.bytes += bytes;
  const t = stats.byType[m.type as MessageType] ?? (stats.byType[m.type] = { count: 0, bytes: 0 });
  t.count++;
  t.bytes += bytes;
  const id = w.state.nextMessageId++;
  const now = w.state.time;
  const deliverAt = now + draw(w, net.latencyMs);
  const lost = w.rng.chance(net.dropRate);
  // The engine hands over fresh message objects, so the envelope fields are added
  // in place (no copy on the hot path); a duplicate gets a copy of its own.
  const inFlight = (duplicate ? { ...m } : m) as InFlightMessage;
  inFlight.id = id;
  inFlight.sentAt = now;
  inFlight.deliverAt = deliverAt;
  inFlight.lost = lost;
  inFlight.duplicate = duplicate;
  w.queue.push({ kind: 'deliver', message: inFlight, time: deliverAt, seq: w.state.seq++ });
  if (!duplicate && w.rng.chance(net.duplicateRate)) send(w, m, true);
  return id;
}
