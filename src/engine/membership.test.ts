/**
 * Membership changes (§6 and dissertation chapter 4), one step at a time (no
 * simulator): joint-consensus quorums, one change at a time, and a change the
 * leader makes by itself.
 */
import { describe, expect, it } from 'vitest';
import { step } from './node';
import { committedIndex, isMajority } from './quorum';
import { makeConfig } from './config';
import { membershipBlocked } from './membership';
import { engineOptions, makeNode } from './testing';

const opts = engineOptions();

describe('§6 quorums, and one change at a time (dissertation §4.1)', () => {
  it('joint consensus needs a majority of C_old and a majority of C_new', () => {
    const joint = { ...makeConfig([3, 4, 5]), oldVoters: [1, 2, 3] };
    expect(isMajority(joint, (id) => [1, 2, 4].includes(id))).toBe(false); // C_new has only S4
    expect(isMajority(joint, (id) => [1, 3, 4].includes(id))).toBe(true);
    const match: Record<number, number> = { 1: 9, 2: 9, 3: 5, 4: 5, 5: 2 };
    expect(committedIndex(joint, (id) => match[id]!)).toBe(5); // C_old alone would allow 9
  });

  it('learners never count towards a majority', () => {
    const c = makeConfig([1, 2, 3], [4, 5]);
    expect(isMajority(c, (id) => [1, 4, 5].includes(id))).toBe(false);
  });

  it('a leader refuses a change while a configuration entry is uncommitted, and before committing in its term', () => {
    const s = makeNode({ id: 1, term: 2, log: [1, 1] }, [1, 2, 3]);
    s.role = 'leader';
    s.commitIndex = 2;
    expect(membershipBlocked(s)).toBe('no-commit-in-term');
    s.log.entries.push({ index: 3, term: 2, command: null });
    s.commitIndex = 3;
    expect(membershipBlocked(s)).toBe(null);
    s.configIndex = 4;
    expect(membershipBlocked(s)).toBe('change-pending');
  });
});

describe('§6 a change the leader makes by itself does not answer someone else’s request', () => {
  it('in a one-server cluster, a command whose commit lets the leader leave joint consensus reports its own index', () => {
    const s = makeNode({ id: 1, term: 1, log: [1] }, [1]);
    s.role = 'leader';
    s.commitIndex = 1;
    // C_old,new (both halves {1}) committed at index 1: the next commit makes the leader append C_new by itself.
    s.config = { ...makeConfig([1]), oldVoters: [1] };
    s.configIndex = 1;
    const r = step(s, { type: 'propose', command: 'x=1' }, opts);
    expect(r.notes.some((n) => n.kind === 'configAppended' && n.change === 'leaveJoint' && n.index === 3)).toBe(true);
    expect(r.proposal).toEqual({ ok: true, index: 2, term: 1 });
  });
});
