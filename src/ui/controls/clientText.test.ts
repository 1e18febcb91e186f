/** The client panel's checks and phrases (§8). */
import { describe, expect, it } from 'vitest';
import type { ClientOp } from '../../sim';
import { translate } from '../i18n';
import { CLIENT_TEXT_MAX, checkCommand, checkKey, msUntilRetry, opOutcome, opRequest, opTries } from './clientText';

const base: ClientOp = { seq: 3, kind: 'write', command: 'x=1', status: 'done', startedAt: 0, attempts: 1, redirects: 0, retries: 0, server: 2, servedBy: 2, index: 7 };
const en = (p: { key: string; params?: Record<string, string | number> }) => translate('en', p.key, p.params);

describe('client panel text', () => {
  it('refuses an empty or too long command or key with a clear message', () => {
    expect(checkCommand('  ')?.key).toBe('clients.err.emptyCommand');
    expect(en(checkCommand('x'.repeat(CLIENT_TEXT_MAX + 1))!)).toBe(`Too long: at most ${CLIENT_TEXT_MAX} characters (this is ${CLIENT_TEXT_MAX + 1}).`);
    expect(checkCommand('x+=1')).toBeNull();
    expect(checkKey('')?.key).toBe('clients.err.emptyKey');
    expect(checkKey('x=1')?.key).toBe('clients.err.keyHasEquals');
    expect(checkKey('x')).toBeNull();
  });

  it('says where a write was applied, and when it was a duplicate', () => {
    expect(en(opRequest(base))).toBe('#3 write x=1');
    expect(en(opOutcome(base).result)).toBe('applied at index 7 (S2)');
    expect(en(opOutcome({ ...base, duplicate: true }).result)).toBe('duplicate: already applied at index 7, not applied again (S2)');
    expect(opTries(base)).toBeNull();
    expect(en(opTries({ ...base, attempts: 3, retries: 1, redirects: 1 })!)).toBe('attempts 3, retries 1, redirects 1');
  });

  it('says what a read returned and how it was made safe (ReadIndex round or lease)', () => {
    const read: ClientOp = { ...base, kind: 'read', command: undefined, key: 'x', index: undefined, value: '5', readVia: 'readIndex', readRound: 4, readIndex: 9 };
    expect(en(opRequest(read))).toBe('#3 read x');
    const o = opOutcome(read);
    expect(en(o.result)).toBe('value “5” (S2)');
    expect(en(o.how!)).toBe('ReadIndex round 4 at index 9');
    expect(en(opOutcome({ ...read, readVia: 'lease' }).how!)).toBe('lease');
    expect(en(opOutcome({ ...read, value: null }).result)).toBe('not set (S2)');
  });

  it('user text with braces or markup stays verbatim', () => {
    expect(en(opRequest({ ...base, command: '<b>{seq}</b>' }))).toBe('#3 write <b>{seq}</b>');
  });

  it('counts down to the retry', () => {
    expect(msUntilRetry({ pending: base, deadline: 1_250 }, 1_000)).toBe(250);
    expect(msUntilRetry({ pending: base, deadline: 900 }, 1_000)).toBe(0);
    expect(msUntilRetry({ pending: null, deadline: null }, 1_000)).toBeNull();
  });
});
