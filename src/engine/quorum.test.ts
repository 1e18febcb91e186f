/**
 * §5.2 and §6: quorum arithmetic has one home (engine/quorum.ts); the page asks
 * it rather than computing ⌊n/2⌋+1 itself (issue 11).
 */
import { describe, expect, it } from 'vitest';
import { committedIndex, isMajority, majoritySize, makeConfig } from '.';

describe('§5.2 majorities', () => {
  it('a majority of n voters is ⌊n/2⌋+1', () => {
    for (const [n, m] of [[1, 1], [2, 2], [3, 2], [4, 3], [5, 3], [7, 4], [9, 5]] as const) {
      expect(majoritySize(makeConfig(Array.from({ length: n }, (_, k) => k + 1))), `${n} voters`).toBe(m);
    }
  });

  it('learners do not count toward a majority (§6)', () => {
    const c = makeConfig([1, 2, 3], [4, 5]);
    expect(majoritySize(c)).toBe(2);
    expect(isMajority(c, (id) => id >= 3)).toBe(false); // S3 alone among the voters
    expect(isMajority(c, (id) => id <= 2)).toBe(true);
  });
});

describe('§6 joint consensus', () => {
  const joint = { ...makeConfig([1, 4, 5]), oldVoters: [1, 2, 3] };

  it('needs a majority of C_old and a majority of C_new', () => {
    expect(isMajority(joint, (id) => [1, 2, 3].includes(id))).toBe(false); // C_old only
    expect(isMajority(joint, (id) => [1, 4, 5].includes(id))).toBe(false); // C_new only
    expect(isMajority(joint, (id) => [1, 2, 4].includes(id))).toBe(true);
  });

  it('commits the lower of the two halves\' answers (§5.3, §6)', () => {
    const match: Record<number, number> = { 1: 10, 2: 9, 3: 2, 4: 4, 5: 3 };
    expect(committedIndex(joint, (id) => match[id] ?? 0)).toBe(4); // C_new: 10,4,3 → 4; C_old: 10,9,2 → 9
  });
});
