/**
 * The client panel's words, as translation keys with parameters (pure, so they
 * are tested without a page): checking what the user typed, and saying what
 * became of a request (§8). User text goes in as a parameter and is rendered
 * as text, never as markup.
 */
import type { ClientOp, ClientView } from '../../sim';

/** Longest command or key the panel sends (the simulator accepts more; this keeps the panel readable). */
export const CLIENT_TEXT_MAX = 200;

export interface Phrase {
  key: string;
  params?: Record<string, string | number>;
}

export function checkCommand(command: string): Phrase | null {
  if (command.trim() === '') return { key: 'clients.err.emptyCommand' };
  if (command.length > CLIENT_TEXT_MAX) return { key: 'clients.err.tooLong', params: { max: CLIENT_TEXT_MAX, n: command.length } };
  return null;
}

export function checkKey(key: string): Phrase | null {
  if (key.trim() === '') return { key: 'clients.err.emptyKey' };
  if (key.length > CLIENT_TEXT_MAX) return { key: 'clients.err.tooLong', params: { max: CLIENT_TEXT_MAX, n: key.length } };
  if (key.includes('=')) return { key: 'clients.err.keyHasEquals' };
  return null;
}

/** What the request is: `write x=1` / `read x`. */
export function opRequest(op: ClientOp): Phrase {
  return op.kind === 'write' ? { key: 'clients.op.write', params: { seq: op.seq, command: op.command ?? '' } } : { key: 'clients.op.read', params: { seq: op.seq, key: op.key ?? '' } };
}

/** What came of a finished request; for reads, also how the leader made it safe (§8). */
export function opOutcome(op: ClientOp): { result: Phrase; how: Phrase | null } {
  const s = op.servedBy ?? op.server;
  if (op.kind === 'write') {
    const key = op.duplicate ? 'clients.out.duplicate' : 'clients.out.applied';
    return { result: { key, params: { index: op.index ?? '?', s } }, how: null };
  }
  const result: Phrase =
    op.value === null || op.value === undefined ? { key: 'clients.out.readUnset', params: { s } } : { key: 'clients.out.read', params: { value: op.value, s } };
  const how: Phrase =
    op.readVia === 'lease' ? { key: 'clients.out.lease' } : op.readVia === 'unconfirmed' ? { key: 'clients.out.unconfirmed' } : { key: 'clients.out.readIndex', params: { round: op.readRound ?? '?', index: op.readIndex ?? '?' } };
  return { result, how };
}

/** Attempts, retries and redirects, when there was more than one attempt. */
export function opTries(op: ClientOp): Phrase | null {
  if (op.attempts <= 1 && op.retries === 0 && op.redirects === 0) return null;
  return { key: 'clients.tries', params: { attempts: op.attempts, retries: op.retries, redirects: op.redirects } };
}

/** Milliseconds until the pending request is retried (0 when due; null when nothing is pending). */
export function msUntilRetry(c: Pick<ClientView, 'pending' | 'deadline'>, now: number): number | null {
  if (!c.pending || c.deadline === null) return null;
  return Math.max(0, Math.round(c.deadline - now));
}
