/**
 * The one source of randomness in a run (as in TigerBeetle's VOPR): a seeded
 * xoroshiro128+ generator from pure-rand. Its state is four 32-bit integers, so
 * it checkpoints as plain data.
 */
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus, xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';

export type Seed = string | number;
export type PrngState = readonly number[];

/** FNV-1a over the seed's text: any string or number becomes a 32-bit seed. */
export function seedToInt(seed: Seed): number {
  const text = typeof seed === 'number' ? `#${seed}` : seed;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/**
 * xoroshiro128+ exactly as pure-rand computes it (its four 32-bit state words,
 * its next(), and uniformInt's rejection sampling for ranges up to 2^32), kept
 * in this class's own fields: pure-rand's generator allocated on every draw
 * (issue 14), and a run draws twice per message. Seeding, the jump and ranges
 * wider than 2^32 still go through pure-rand itself; prng.test.ts checks that
 * both give the same numbers.
 */
export class Prng {
  private s01: number;
  private s00: number;
  private s11: number;
  private s10: number;

  private constructor(state: PrngState) {
    this.s01 = state[0]! | 0;
    this.s00 = state[1]! | 0;
    this.s11 = state[2]! | 0;
    this.s10 = state[3]! | 0;
  }

  static fromSeed(seed: Seed): Prng {
    const gen = xoroshiro128plus(seedToInt(seed));
    // The first outputs of xoroshiro from a small seed are poorly mixed; a jump
    // moves 2^64 steps away and leaves a well-mixed state.
    gen.jump();
    return new Prng(gen.getState());
  }

  static fromState(state: PrngState): Prng {
    xoroshiro128plusFromState(state); // the same check of the state's shape as before
    return new Prng(state);
  }

  state(): PrngState {
    return [this.s01, this.s00, this.s11, this.s10];
  }

  /** The next 32 random bits, as a signed integer (pure-rand's XoroShiro128Plus.next). */
  private next(): number {
    const out = (this.s00 + this.s10) | 0;
    const a0 = this.s10 ^ this.s00;
    const a1 = this.s11 ^ this.s01;
    const s00 = this.s00;
    const s01 = this.s01;
    this.s00 = (s00 << 24) ^ (s01 >>> 8) ^ a0 ^ (a0 << 16);
    this.s01 = (s01 << 24) ^ (s00 >>> 8) ^ a1 ^ ((a1 << 16) | (a0 >>> 16));
    this.s10 = (a1 << 5) ^ (a0 >>> 27);
    this.s11 = (a0 << 5) ^ (a1 >>> 27);
    return out;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    if (min === max) return min;
    const rangeSize = max - min;
    if (rangeSize > 0xffffffff) return this.wideInt(min, max);
    // pure-rand's uniformIntInternal: reject draws from the incomplete last block.
    const size = rangeSize + 1;
    const maxAllowed = size > 2 ? Math.floor(0x100000000 / size) * size : 0x100000000;
    let delta = this.next() + 0x80000000;
    while (delta >= maxAllowed) delta = this.next() + 0x80000000;
    return (delta % size) + min;
  }

  /** A range wider than 2^32: pure-rand's own two-word algorithm, on a generator with this state. */
  private wideInt(min: number, max: number): number {
    const gen = xoroshiro128plusFromState(this.state());
    const v = uniformInt(gen, min, max);
    const after = gen.getState();
    this.s01 = after[0]!;
    this.s00 = after[1]!;
    this.s11 = after[2]!;
    this.s10 = after[3]!;
    return v;
  }

  /** Uniform float in [0, 1) from 32 random bits. */
  float(): number {
    return (this.next() >>> 0) / 0x100000000;
  }

  /** True with probability p; draws nothing when p is 0 or 1, so turning a fault off does not shift other draws. */
  chance(p: number): boolean {
    if (p <= 0) return false;
    if (p >= 1) return true;
    return this.float() < p;
  }
}
