import { describe, expect, it } from 'vitest';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { Prng, seedToInt } from './prng';

/** pure-rand's own generator, seeded the way Prng.fromSeed seeds. */
function reference(seed: string): ReturnType<typeof xoroshiro128plus> {
  const g = xoroshiro128plus(seedToInt(seed));
  g.jump();
  return g;
}

describe('Prng: the port of xoroshiro128+ gives exactly what pure-rand gives (issue 14)', () => {
  it('the same integers over many ranges, including a range of one and ones wider than 2^32', () => {
    const ranges: [number, number][] = [[10, 20], [0, 1], [150, 300], [-5, 5], [0, 2], [7, 7], [0, 2 ** 32 - 1], [0, 2 ** 32], [-(2 ** 40), 2 ** 40], [1, 3]];
    const ours = Prng.fromSeed('port');
    const theirs = reference('port');
    for (let k = 0; k < 20_000; k++) {
      const [min, max] = ranges[k % ranges.length]!;
      const expected = min === max ? min : uniformInt(theirs, min, max);
      expect(ours.int(min, max)).toBe(expected);
    }
    expect(ours.state()).toEqual(theirs.getState());
  });

  it('the same floats and the same state after a checkpoint', () => {
    const ours = Prng.fromSeed(42);
    const theirs = xoroshiro128plus(seedToInt(42));
    theirs.jump();
    for (let k = 0; k < 1_000; k++) expect(ours.float()).toBe((theirs.next() >>> 0) / 0x100000000);
    const resumed = Prng.fromState(ours.state());
    for (let k = 0; k < 100; k++) expect(resumed.int(0, 1000)).toBe(ours.int(0, 1000));
  });

  it('refuses a state of the wrong shape, as before', () => {
    expect(() => Prng.fromState([1, 2, 3])).toThrow();
  });
});
