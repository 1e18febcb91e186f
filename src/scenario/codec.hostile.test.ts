/**
 * Hostile and damaged share links and files are refused with a specific
 * message, never thrown: truncation, bit flips, wrong format tags and versions,
 * out-of-range numbers, oversized and deeply nested input, bytes that are not
 * UTF-8, prototype-pollution keys (Object.prototype stays untouched) and script
 * payloads (kept verbatim as plain data).
 */
import { describe, expect, it } from 'vitest';
import {
  encodeJsonPayload,
  encodeScenario,
  exportScenarioFile,
  FILE_FORMAT,
  importScenarioFile,
  FILE_LIMITS,
  LINK_LIMITS,
  scenarioFromLocationHash,
  scenarioToLinkHash,
  type DecodeResult,
} from './codec';
import { decode, expectFailure, expectPrototypeUntouchedAfterAll, HOSTILE_TEXT, packBytes, payloadBytes, protoBefore, rng } from './codecTestHelpers';
import { liveSession } from './codecTestSessions';
import { SCENARIO_VERSION, type Scenario } from './types';

expectPrototypeUntouchedAfterAll();

describe('hostile and damaged links are refused with a message, never thrown', () => {
  const { scenario } = liveSession(7);
  const link = encodeScenario(scenario);
  const url = `https://example.edu/raft/#s=${link}`;

  it('a real link truncated at every length', () => {
    const messages = new Set<string>();
    for (let len = 0; len < link.length; len++) messages.add(expectFailure(decode(link.slice(0, len)), `link cut to ${len}`));
    for (let len = 0; len < url.length; len++) messages.add(expectFailure(decode(url.slice(0, len)), `URL cut to ${len}`));
    // Several different, specific explanations, not one catch-all.
    expect(messages.size).toBeGreaterThan(5);
  });

  it('random bit flips in the packed data and random character substitutions', () => {
    const r = rng(99);
    const bytes = payloadBytes(link);
    let unchanged = 0;
    const replacements = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', '+', '/', '=', '.', '%', '#', '&', 'é', '\u0000', '😀', '\u202e'];
    for (let k = 0; k < 400; k++) {
      let damaged: string;
      if (k % 2 === 0) {
        const b = Buffer.from(bytes);
        const bit = r.int(b.length * 8);
        b[bit >> 3] ^= 1 << (bit & 7);
        damaged = `v1.${b.toString('base64url')}`;
      } else {
        const at = 3 + r.int(link.length - 3);
        const ch = r.pick(replacements);
        if (ch === link[at]) continue;
        damaged = link.slice(0, at) + ch + link.slice(at + 1);
      }
      const res = decode(damaged);
      // A flip in the padding bits after the compressed data's last symbol changes nothing: the same scenario.
      if (res.ok) {
        expect(res.scenario).toStrictEqual(scenario);
        unchanged++;
      } else expectFailure(res, damaged);
    }
    console.log(`damaged links: ${unchanged} of 400 unpacked to the identical scenario (padding bits); the rest were refused`);
    expect(unchanged).toBeLessThan(10);
  });

  it('wrong or future format tags, and future, missing or odd scenario versions', () => {
    const data = link.slice(3);
    expect(expectFailure(decode(`v2.${data}`), 'v2')).toMatch(/newer version of this app \(link format 2; this app reads up to 1\)/);
    for (const tag of ['v0.', 'V1.', 'x1.', '1.', 'v1', 'v01.', 'v-1.', 'v1,', '']) expectFailure(decode(tag + data), tag);
    const json = (v: unknown) => JSON.stringify({ ...scenario, version: v });
    // A format-3 scenario (from a future release) is refused, saying why and what to do.
    expect(expectFailure(decode(encodeJsonPayload(json(3))), 'version 3')).toBe(
      'This scenario was made by a newer version of this app (format 3; this app reads up to 2). Open it with the latest version of the app.',
    );
    expect(expectFailure(scenarioFromLocationHash(`#s=${encodeJsonPayload(json(3))}`), 'version 3 in the address')).toMatch(/format 3; this app reads up to 2/);
    expect(expectFailure(importScenarioFile(JSON.stringify({ format: FILE_FORMAT, ...scenario, version: 3 })), 'version 3 file')).toMatch(/format 3; this app reads up to 2/);
    // The current format and the older ones read.
    expect(decode(encodeJsonPayload(json(2)))).toStrictEqual({ ok: true, scenario });
    expect(expectFailure(decode(encodeJsonPayload(json(1e300))), 'version 1e300')).toMatch(/newer version/);
    for (const v of ['1', 1.5, -1, null, [1], { v: 1 }]) expectFailure(decode(encodeJsonPayload(json(v))), `version ${JSON.stringify(v)}`);
    const { version: _v, ...noVersion } = scenario;
    expect(expectFailure(decode(encodeJsonPayload(JSON.stringify(noVersion))), 'no version')).toMatch(/version is missing/);
  });

  it('out-of-range numbers, including JSON tricks (1e999 is Infinity, -1e999)', () => {
    const base = '{"version":1,"options":{},"actions":[]}';
    const cases: Array<[string, RegExp]> = [
      ['{"version":1,"options":{"servers":10000},"actions":[]}', /^options\.servers must be a whole number from 1 to 9 \(got 10000\)$/],
      ['{"version":1,"options":{"latencyMs":[-5,10]},"actions":[]}', /^options\.latencyMs\[0\] must be a number from 0 to 60000 \(got -5\)$/],
      ['{"version":1,"options":{"dropRate":2},"actions":[]}', /^options\.dropRate must be a number from 0 to 1 \(got 2\)$/],
      ['{"version":1,"options":{"duplicateRate":1e999},"actions":[]}', /duplicateRate .*Infinity/],
      ['{"version":1,"options":{"seed":-1e999},"actions":[]}', /seed/],
      ['{"version":1,"options":{"heartbeatMs":0},"actions":[]}', /heartbeatMs/],
      ['{"version":1,"options":{"electionTimeoutMs":[300,150]},"actions":[]}', /electionTimeoutMs must have min <= max/],
      ['{"version":1,"options":{"snapshotThreshold":-1},"actions":[]}', /options\.snapshotThreshold must be a whole number/],
      ['{"version":1,"options":{"traceLimit":1e300},"actions":[]}', /traceLimit/],
      ['{"version":1,"options":{},"actions":[{"n":0,"at":1e300,"action":{"type":"heal"}}]}', /^actions\[0\]\.at must be a number from 0 to 3600000 ms \(got 1e\+300\)$/],
      ['{"version":1,"options":{},"actions":[{"n":0,"at":1e999,"action":{"type":"heal"}}]}', /actions\[0\]\.at .*Infinity/],
      ['{"version":1,"options":{},"actions":[{"n":1e999,"at":0,"action":{"type":"heal"}}]}', /actions\[0\]\.n must be a whole number/],
      ['{"version":1,"options":{},"actions":[{"n":1e300,"at":0,"action":{"type":"heal"}}]}', /actions\[0\]\.n must be a whole number/],
      ['{"version":1,"options":{},"actions":[{"n":-1,"at":0,"action":{"type":"heal"}}]}', /actions\[0\]\.n/],
      ['{"version":1,"options":{},"actions":[{"n":0.5,"at":0,"action":{"type":"heal"}}]}', /actions\[0\]\.n/],
      ['{"version":1,"options":{},"actions":[{"n":0,"at":-0.001,"action":{"type":"heal"}}]}', /actions\[0\]\.at/],
      ['{"version":1,"options":{},"actions":[{"n":0,"at":0,"action":{"type":"crash","server":9}}]}', /^actions\[0\]\.action\.server must be a server id from 1 to 5 \(got 9\)$/],
      ['{"version":1,"options":{},"actions":[{"n":0,"at":0,"action":{"type":"dropMessage","message":1e999}}]}', /message must be a whole number/],
      ['{"version":1,"options":{},"actions":[{"n":0,"at":0,"action":{"type":"setNetwork","settings":{"dropRate":2}}}]}', /^actions\[0\]\.action\.settings\.dropRate must be a number from 0 to 1 \(got 2\)$/],
      ['{"version":1,"options":{},"actions":[],"runUntil":1e999}', /runUntil/],
      ['{"version":1,"options":{},"actions":[],"runUntil":3600001}', /runUntil must be a number from 0 to 3600000 ms/],
      ['{"version":1,"options":{},"actions":[],"view":{"speed":0}}', /view\.speed/],
      ['{"version":1,"options":{},"actions":[],"view":{"speed":1e999}}', /view\.speed/],
      ['{"version":1,"options":{},"actions":[],"view":{"n":-1}}', /view\.n/],
      ['{"version":1,"options":{},"actions":[],"view":{"selectedServer":6}}', /view\.selectedServer must be a server id from 1 to 5/],
    ];
    expect(decode(encodeJsonPayload(base)).ok).toBe(true);
    for (const [json, message] of cases) expect(expectFailure(decode(encodeJsonPayload(json)), json)).toMatch(message);
  });

  it('100,001 actions are refused (and 100,000 accepted); an unpacked size over 5 MB is refused', () => {
    const heal = '{"n":0,"at":0,"action":{"type":"heal"}}';
    const many = (count: number) => `{"version":1,"options":{},"actions":[${Array(count).fill(heal).join(',')}]}`;
    const over = encodeJsonPayload(many(100_001));
    expect(over.length).toBeLessThan(LINK_LIMITS.maxChars);
    expect(expectFailure(decode(over), '100001 actions')).toBe('actions must have at most 100000 entries (got 100001)');
    const atLimit = decode(encodeJsonPayload(many(100_000)));
    expect(atLimit.ok && atLimit.scenario.actions.length).toBe(100_000);
    // A "zip bomb": about 40,000 characters of link that would unpack to 30 MB.
    const bomb = encodeJsonPayload(`{"version":1,"options":{},"actions":[],"title":{"en":"${'a'.repeat(30_000_000)}"}}`);
    expect(bomb.length).toBeLessThan(LINK_LIMITS.maxChars);
    expect(expectFailure(decode(bomb), 'bomb')).toMatch(/too large \(over 5 MB when unpacked\)/);
    expect(expectFailure(decode(`v1.${'A'.repeat(LINK_LIMITS.maxChars)}`), 'too long')).toMatch(/the link is too long/);
    expect(expectFailure(importScenarioFile(' '.repeat(FILE_LIMITS.maxChars + 1)), 'big file')).toMatch(/file is too large/);
  });

  it('deeply nested and wide junk', () => {
    const deep = (n: number, leaf = '1') => '['.repeat(n) + leaf + ']'.repeat(n);
    const deepObj = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
    const junk = [
      deep(100_000),
      deepObj(50_000),
      `{"version":1,"options":{},"actions":[],"title":${deepObj(10_000)}}`,
      `{"version":1,"options":{"seed":${deep(10_000)}},"actions":[]}`,
      `{"version":1,"options":{"initial":${deep(10_000)}},"actions":[]}`,
      `{"version":1,"options":{},"actions":${deep(10_000)}}`,
      `{"version":1,"options":{},"actions":[{"n":0,"at":0,"action":{"type":"partition","groups":${deep(10_000)}}}]}`,
      `{"version":1,"options":{},"actions":[{"n":0,"at":0,"action":{"type":"submit","command":${deepObj(10_000)}}}]}`,
      `{"version":1,"options":{},"actions":[],"view":${deepObj(10_000)}}`,
      `{"version":1,"options":{},"actions":[],${Array.from({ length: 10_000 }, (_, i) => `"k${i}":${i}`).join(',')}}`,
      `{"version":1,"options":{"unsafe":{${Array.from({ length: 10_000 }, (_, i) => `"k${i}":true`).join(',')}}},"actions":[]}`,
      '"just a string"',
      '42',
      'null',
      'true',
      '[]',
      '{}',
      '',
      '   ',
      '{"version":1,',
      '{"version":1,"options":{},"actions":[]}garbage',
      "{'version':1}",
      '{"version":1,"options":{},"actions":[],}',
      'NaN',
      '{"version":NaN}',
      '{"version":Infinity}',
      '{"version":1,"options":{},"actions":[{"n":0,"at":0,"action":null}]}',
      '{"version":1,"options":{},"actions":[null]}',
      '{"version":1,"options":{},"actions":[[0,0,{"type":"heal"}]]}',
      '{"version":1,"options":[],"actions":[]}',
      '{"version":1,"options":null,"actions":[]}',
      '{"version":1,"options":{},"actions":{}}',
      '{"version":1,"options":{},"actions":"[]"}',
    ];
    for (const json of junk) expectFailure(decode(encodeJsonPayload(json)), json.slice(0, 80));
  });

  it('bytes that are not UTF-8, data with no checksum, random bytes, and not-a-string arguments', () => {
    const json = new TextEncoder().encode(JSON.stringify(scenario));
    const notUtf8 = new Uint8Array([...json.slice(0, 20), 0xff, 0xfe, 0xc3, ...json.slice(20)]);
    expect(expectFailure(decode(packBytes(notUtf8)), 'not UTF-8')).toMatch(/not valid UTF-8/);
    expectFailure(decode(packBytes(json, { crc: false })), 'no checksum');
    const r = rng(5);
    for (let k = 0; k < 100; k++) {
      const random = Buffer.from(Array.from({ length: 5 + r.int(300) }, () => r.int(256)));
      expectFailure(decode(`v1.${random.toString('base64url')}`), `random bytes ${k}`);
    }
    for (const x of [undefined, null, 42, {}, [], () => link, Symbol('s'), 10n, new String(link)]) {
      expectFailure(decode(x), `argument ${typeof x}`);
      let r2: DecodeResult | undefined;
      expect(() => (r2 = importScenarioFile(x as string))).not.toThrow();
      expectFailure(r2!, `file ${typeof x}`);
    }
    for (const bad of ['https://example.edu/raft/', 'https://example.edu/raft/#lang=zh', '#', '#s=', 's=', 'v1.', 'v1.A', 'v1.AA==', 'v1.++//', 'v1.%E0%A4%A', '\u0000', '😀']) {
      expectFailure(decode(bad), bad);
    }
  });

  it('prototype-pollution keys are refused or kept as inert data, and Object.prototype is untouched', () => {
    const pollute = [
      '{"__proto__":{"polluted":true},"version":1,"options":{},"actions":[]}',
      '{"constructor":{"prototype":{"polluted":true}},"version":1,"options":{},"actions":[]}',
      '{"version":1,"options":{"__proto__":{"polluted":true}},"actions":[]}',
      '{"version":1,"options":{"constructor":{"prototype":{"polluted":true}}},"actions":[]}',
      '{"version":1,"options":{"unsafe":{"__proto__":{"polluted":true}}},"actions":[]}',
      '{"version":1,"options":{"initial":[{"id":1,"__proto__":{"polluted":true}}]},"actions":[]}',
      '{"version":1,"options":{"initial":[{"id":1,"log":[{"term":1,"command":"x","__proto__":{"polluted":true}}]}]},"actions":[]}',
      '{"version":1,"options":{},"actions":[{"n":0,"at":0,"__proto__":{"polluted":true},"action":{"type":"heal"}}]}',
      '{"version":1,"options":{},"actions":[{"n":0,"at":0,"action":{"type":"heal","__proto__":{"polluted":true}}}]}',
      '{"version":1,"options":{},"actions":[{"n":0,"at":0,"action":{"type":"__proto__"}}]}',
      '{"version":1,"options":{},"actions":[{"n":0,"at":0,"action":{"type":"constructor"}}]}',
      '{"version":1,"options":{},"actions":[{"n":0,"at":0,"action":{"type":"toString"}}]}',
      '{"version":1,"options":{},"actions":[{"n":0,"at":0,"action":{"type":"hasOwnProperty"}}]}',
      '{"version":1,"options":{},"actions":[{"n":0,"at":0,"action":{"type":"setNetwork","settings":{"__proto__":{"dropRate":2}}}}]}',
      '{"version":1,"options":{},"actions":[],"title":{"en":"x","__proto__":{"polluted":true}}}',
      '{"version":1,"options":{},"actions":[],"view":{"__proto__":{"polluted":true}}}',
      '{"version":1,"options":{},"actions":[],"view":{"lang":"__proto__"}}',
      '{"version":0,"seed":"x","options":{"__proto__":{"polluted":true}},"actions":[]}',
      '{"version":0,"__proto__":{"polluted":true},"options":{},"actions":[]}',
    ];
    for (const json of pollute) {
      expect(expectFailure(decode(encodeJsonPayload(json)), json)).toMatch(/__proto__|constructor|toString|hasOwnProperty/);
      expectFailure(importScenarioFile(json), json);
    }
    // As plain text, the same words are just text.
    const inert: Scenario = {
      version: SCENARIO_VERSION,
      title: { en: '__proto__', zh: 'constructor' },
      options: { seed: '__proto__' },
      actions: [{ n: 0, at: 0, action: { type: 'submit', command: '__proto__=constructor' } }],
    };
    expect(decode(encodeScenario(inert))).toStrictEqual({ ok: true, scenario: inert });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoBefore);
  });

  it('script payloads in titles, texts, seeds and commands of a valid scenario are kept verbatim as plain data', () => {
    for (const payload of HOSTILE_TEXT) {
      const s: Scenario = {
        version: SCENARIO_VERSION,
        title: { en: payload.slice(0, 200), zh: payload },
        description: { en: payload },
        suggestions: [{ en: payload }],
        options: { seed: payload },
        actions: [{ n: 0, at: 0, action: { type: 'submit', command: payload } }],
      };
      const r = decode(scenarioToLinkHash(s));
      expect(r).toStrictEqual({ ok: true, scenario: s });
      const file = importScenarioFile(exportScenarioFile(s));
      expect(file).toStrictEqual({ ok: true, scenario: s });
    }
  });

  it('files: not JSON, the wrong format, or a scenario that is not valid', () => {
    const cases: Array<[string, RegExp]> = [
      ['', /file is empty/],
      ['hello', /not valid JSON/],
      ['{"format":"something-else","version":1,"options":{},"actions":[]}', /not a Raft visualizer scenario file/],
      ['{"format":null,"version":1,"options":{},"actions":[]}', /not a Raft visualizer scenario file/],
      [`{"format":"${FILE_FORMAT}","version":3,"options":{},"actions":[]}`, /newer version of this app \(format 3; this app reads up to 2\)/],
      [`{"format":"${FILE_FORMAT}"}`, /version is missing/],
      [`{"format":"${FILE_FORMAT}","version":1,"options":{},"actions":[],"extra":1}`, /unknown field "extra"/],
      ['v1.', /cut short/],
    ];
    for (const [text, message] of cases) expect(expectFailure(importScenarioFile(text), text)).toMatch(message);
  });
});
