/**
 * Putting a message on the wire. Its fate is drawn when it is sent: latency,
 * loss and duplication, from the world's one PRNG, in a fixed order. Whether
 * it arrives is decided on delivery (network.ts: links, disconnections, the
 * receiver crashed).
 */
import { messageBytes, type Message, type MessageType } from '../engine';
import { draw, type World } from './live';
import { ENVELOPE_KEYS, inFlightMessage, type InFlightMessage } from './network';
import type { DeliveryEvent, WireDelivery } from './world';

export { inFlightMessage } from './network';

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
  // The envelope goes beside the message, not onto it: the engine's message stays
  // as it was made (and a duplicate can share it: nobody changes a message sent).
  w.queue.push({ kind: 'deliver', message: m, id, sentAt: now, lost, duplicate, shown: null, time: deliverAt, seq: w.state.seq++ });
  if (!duplicate && w.rng.chance(net.duplicateRate)) send(w, m, true);
  return id;
}

/**
 * A checkpoint's delivery back on the live queue (the message without its
 * envelope fields, which go beside it). `originals`: the engine's own messages
 * of a checkpoint taken in this process (traceMarks.ts), put back as they
 * were: a message rebuilt key by key has another hidden class, and the
 * engine's handlers, compiled for its own, would be compiled again for both.
 */
export function wireDelivery(ev: DeliveryEvent, originals: ReadonlyMap<InFlightMessage, Message> | null = null): WireDelivery {
  const { id, sentAt, lost, duplicate } = ev.message;
  return { kind: 'deliver', message: originals?.get(ev.message) ?? withoutEnvelope(ev.message), id, sentAt, lost, duplicate, shown: ev.message, time: ev.time, seq: ev.seq };
}

/** The message of a checkpoint from elsewhere (a link, a file): its own keys, the envelope's left out. */
function withoutEnvelope(m: InFlightMessage): Message {
  const message = {} as Record<string, unknown>;
  const shown = m as unknown as Record<string, unknown>;
  for (const k in shown) if (!ENVELOPE_KEYS.includes(k)) message[k] = shown[k];
  return message as unknown as Message;
}

/** A live delivery as checkpoints keep it. */
export function deliveryEvent(d: WireDelivery): DeliveryEvent {
  return { kind: 'deliver', message: inFlightMessage(d), time: d.time, seq: d.seq };
}
