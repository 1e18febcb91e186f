import { describe, expect, it } from 'vitest';
import { actionName, branchName } from './branchName';
import { clearMissingKeys, missingKeys } from '../i18n';
import type { UserAction } from '../../sim';

describe('branch names', () => {
  it('a fork is named by the action that started it and when, in both languages', () => {
    const b = { id: 2, head: { n: 900, time: 4_000 }, origin: { action: { type: 'crash', server: 3 } as UserAction, n: 300, time: 1_250 } };
    expect(branchName(b, 'en')).toBe('#2 crash S3 at 1.250 s');
    expect(branchName(b, 'zh')).toMatch(/^#2 .*1\.250.*S3/);
  });

  it('the first run is the original one', () => {
    expect(branchName({ id: 1, head: { n: 10, time: 8_000 }, origin: null }, 'en')).toBe('#1 Original run (to 8.000 s)');
  });

  it('every kind of action has a name with no placeholder left, and long commands are cut', () => {
    clearMissingKeys();
    const actions: UserAction[] = [
      { type: 'crash', server: 1 },
      { type: 'restart', server: 1 },
      { type: 'timeout', server: 1 },
      { type: 'disconnect', server: 1 },
      { type: 'connect', server: 1 },
      { type: 'setLink', from: 1, to: 2, up: false },
      { type: 'setLink', from: 1, to: 2, up: true },
      { type: 'partition', groups: [[1, 2], [3, 4, 5]] },
      { type: 'heal' },
      { type: 'setNetwork', settings: { dropRate: 0.1 } },
      { type: 'submit', command: 'x=1' },
      { type: 'dropMessage', message: 7 },
      { type: 'duplicateMessage', message: 7 },
      { type: 'processEvent', seq: 3 },
      { type: 'addServer' },
      { type: 'removeServer', server: 2 },
      { type: 'changeMembership', servers: [1, 2, 3] },
      { type: 'transferLeadership', server: 2 },
      { type: 'snapshot', server: 2 },
      { type: 'clientRequest', client: 1, command: 'y=2' },
    ];
    for (const lang of ['en', 'zh'] as const) {
      for (const a of actions) expect(actionName(a, lang), `${lang} ${a.type}`).not.toMatch(/[{}]|branch\.action/);
    }
    expect(missingKeys()).toEqual([]);
    expect(actionName({ type: 'submit', command: 'k'.repeat(100) }, 'en')).toBe(`send “${'k'.repeat(23)}…”`);
    expect(actionName({ type: 'partition', groups: [[1, 2], [3]] }, 'en')).toBe('partition [S1 S2] [S3]');
  });
});
