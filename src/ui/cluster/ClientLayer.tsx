/**
 * The simulated clients (§8), in a column left of the ring: one small box per
 * client that exists, labelled C1, C2…, with what it is doing (waiting for
 * request #n, how many times it retried). Their requests and replies travel
 * between these boxes and the servers like any other message.
 */
import { memo } from 'react';
import type { ClientView } from '../../sim';
import { useStore } from '../../store';
import { useT } from '../i18n';
import type { ClientSlot } from './clusterLayout';
import type { Sizes } from './geometry';

function ClientBox({ slot, client, font }: { slot: ClientSlot; client: ClientView | undefined; font: number }) {
  const t = useT();
  const pending = client?.pending ?? null;
  const name = t('cluster.client.name', { id: slot.client });
  const status = pending
    ? pending.retries > 0
      ? t('cluster.client.retrying', { seq: pending.seq, retries: pending.retries })
      : t('cluster.client.waiting', { seq: pending.seq })
    : t('cluster.client.idle');
  const tip = [t('cluster.client.aria', { id: slot.client, status })];
  if (client?.leaderGuess != null) tip.push(t('cluster.client.guess', { id: client.leaderGuess }));
  const small = Math.max(12, font * 0.72);
  return (
    <g className={`cv-client${pending ? ' cv-client-busy' : ''}`} transform={`translate(${slot.x},${slot.y})`} data-client={slot.client} role="img" aria-label={tip.join(', ')}>
      <title>{tip.join('\n')}</title>
      <rect x={-slot.halfW} y={-slot.halfH} width={2 * slot.halfW} height={2 * slot.halfH} rx={slot.halfH * 0.45} />
      <text className="cv-client-name" fontSize={Math.min(font, slot.halfH * 1.1)}>
        {name}
      </text>
      {pending && (
        <text className="cv-client-status" y={slot.halfH + small * 0.95} fontSize={small}>
          {`${pending.kind === 'read' ? 'R' : 'W'}#${pending.seq}${pending.retries > 0 ? ` ↻${pending.retries}` : ''}`}
        </text>
      )}
    </g>
  );
}

const ClientBoxMemo = memo(ClientBox);

export function ClientLayer({ slots, sizes }: { slots: ClientSlot[]; sizes: Sizes }) {
  const t = useT();
  const clients = useStore((s) => s.sim.clients);
  if (slots.length === 0) return null;
  return (
    <g className="cv-clients" role="group" aria-label={t('cluster.clients.group')}>
      {slots.map((slot) => (
        <ClientBoxMemo key={slot.client} slot={slot} client={clients.find((c) => c.id === slot.client)} font={sizes.captionFont} />
      ))}
    </g>
  );
}
