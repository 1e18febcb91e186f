/**
 * Shared helpers for the codec tests (codec.roundtrip, codec.hostile and
 * codec.size): a deterministic generator for the tests themselves, hostile
 * texts, a decode that must never throw, an independent packer for link data,
 * and a check that Object.prototype is left untouched. Not a test file.
 */
import { deflateSync } from 'fflate';
import { afterAll, expect } from 'vitest';
import type { UserAction } from '../sim';
import { decodeScenario, type DecodeResult } from './codec';

/** A small deterministic generator for the tests themselves (not part of any simulation). */
export function rng(seed: number) {
  let x = (2654435761 * (seed + 1)) | 0;
  const next = (): number => {
    x = (Math.imul(x ^ (x >>> 15), 2246822507) + 0x9e3779b9) | 0;
    x ^= x >>> 13;
    return (x >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return {
    next,
    int,
    bool: (p = 0.5): boolean => next() < p,
    pick: <T>(xs: readonly T[]): T => xs[int(xs.length)],
  };
}
export type Rng = ReturnType<typeof rng>;

export const HOSTILE_TEXT = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(document.cookie)>',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
  '{{constructor.constructor("alert(1)")()}}',
  '${alert(1)}',
  '__proto__',
];
export const COMMANDS = ['x=1', 'y=2', 'name=Ada', 'del x', '', 'emoji=🦀', '键=值', 'quote="\'', 'back\\slash', 'line\nbreak', '\u0000nul', ...HOSTILE_TEXT];

/** Own-property snapshot of Object.prototype, to prove nothing was added to it. */
export const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort();

/** Registers, in the calling test file, a last check that nothing was added to Object.prototype. */
export function expectPrototypeUntouchedAfterAll(): void {
  afterAll(() => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
}

export function expectFailure(r: DecodeResult | null, what: string): string {
  expect(r, what).not.toBeNull();
  if (r === null) return '';
  expect(r.ok, `${what} should be refused`).toBe(false);
  if (r.ok) return '';
  expect(typeof r.error, what).toBe('string');
  expect(r.error.trim().length, what).toBeGreaterThan(0);
  return r.error;
}

/** Never throws: every call in these tests goes through this. */
export function decode(text: unknown): DecodeResult {
  let r: DecodeResult | undefined;
  expect(() => {
    r = decodeScenario(text as string);
  }).not.toThrow();
  return r!;
}

/** The link data packed by hand (Node's base64url), independent of the codec's own encoder. */
export function packBytes(json: Uint8Array, opts: { crc?: boolean } = {}): string {
  const packed = deflateSync(json, { level: 9 });
  const crc = opts.crc === false ? [] : (() => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(crc32(json));
    return [...b];
  })();
  return `v1.${Buffer.from([...packed, ...crc]).toString('base64url')}`;
}

function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

export function payloadBytes(link: string): Buffer {
  return Buffer.from(link.slice(3), 'base64url');
}

/** The action types and options format 2 added. */
export const FORMAT_2_ACTIONS: ReadonlySet<string> = new Set(['addServer', 'removeServer', 'changeMembership', 'transferLeadership', 'snapshot', 'clientRequest']);
export const format2Only = (a: UserAction): boolean => FORMAT_2_ACTIONS.has(a.type);
export const FORMAT_2_OPTIONS = ['preVote', 'checkQuorum', 'leaderStickiness', 'snapshotThreshold', 'snapshotChunkBytes', 'clientSessions', 'readLeases', 'clientTimeoutMs'] as const;
