/**
 * The one source of randomness in a run (as in TigerBeetle's VOPR): a seeded
 * xoroshiro128+ generator from pure-rand. Its state is four 32-bit integers, so
 * it checkpoints as plain data.
 */
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus, xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';

type Generator = ReturnType<typeof xoroshiro128plus>;

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

export class Prng {
  private gen: Generator;

  private constructor(gen: Generator) {
    this.gen = gen;
  }

  static fromSeed(seed: Seed): Prng {
    const gen = xoroshiro128plus(seedToInt(seed));
    // The first outputs of xoroshiro from a small seed are poorly mixed; a jump
    // moves 2^64 steps away and leaves a well-mixed state.
    gen.jump();
    return new Prng(gen);
  }

  static fromState(state: PrngState): Prng {
    return new Prng(xoroshiro128plusFromState(state));
  }

  state(): PrngState {
    return this.gen.getState();
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min === max ? min : uniformInt(this.gen, min, max);
  }

  /** Uniform float in [0, 1) from 32 random bits. */
  float(): number {
    return (this.gen.next() >>> 0) / 0x100000000;
  }

  /** True with probability p; draws nothing when p is 0 or 1, so turning a fault off does not shift other draws. */
  chance(p: number): boolean {
    if (p <= 0) return false;
    if (p >= 1) return true;
    return this.float() < p;
  }
}
