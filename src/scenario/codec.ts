/**
 * Scenarios as share links and as files.
 *
 * A link carries `#s=v1.<payload>`: the scenario as compact JSON (UTF-8),
 * compressed with DEFLATE (fflate, level 9), followed by the CRC-32 of the
 * JSON (4 bytes, big-endian), all in base64url without padding. "v1" is the
 * link format (this packing), separate from the scenario's own `version`
 * inside the JSON (older scenario versions are upgraded by migrate.ts). The
 * checksum is there because raw DEFLATE has none: a link damaged in copying
 * would otherwise often unpack to a different, valid-looking scenario.
 *
 * Reading is defensive throughout, as links and files come from anyone: the
 * text, the packed and the unpacked sizes are bounded (inflating is streamed
 * and stopped at LINK_LIMITS.maxUnpackedBytes, so a small "zip bomb" cannot
 * exhaust memory), and every failure comes back as { ok: false, error } with a
 * plain-English message; decodeScenario, scenarioFromLocationHash and
 * importScenarioFile never throw.
 *
 * encodeScenario, scenarioToLinkHash and exportScenarioFile write the cleaned
 * form of their scenario (so anything they write reads back) and throw a
 * RangeError if it is not a valid scenario: that is a bug in the caller.
 */
import { deflateSync, Inflate } from 'fflate';
import { describeValue as describe } from '../sim';
import type { Scenario } from './types';
import { parseScenario, type ParseResult } from './validate';

/** The link packing described above; a newer app may write v2 and read both. */
export const LINK_FORMAT = 1;
/** The `format` field of an exported file. */
export const FILE_FORMAT = 'raft-visualizer-scenario';
export const LINK_LIMITS = Object.freeze({
  /**
   * Characters of link data (`v1.…`, the part after `#s=`): the one bound both
   * sides use. encodeLink refuses to make a longer link, and decoding refuses
   * to read one, so the app never makes a link it will not open.
   */
  maxChars: 200_000,
  /** Characters of a whole pasted text or location hash: the link data plus room for the address and other parameters. */
  maxTextChars: 200_000 + 4_096,
  /** Bytes of JSON a link may unpack to, and of a file. */
  maxUnpackedBytes: 5 * 1024 * 1024,
});

/**
 * Characters of a scenario file: the one bound the exporter and the importer
 * share (issue 10: a 100,000-action run exported to 13.5 MB, and the importer
 * refused anything over 5 MB). exportScenarioFile refuses to write more.
 */
export const FILE_LIMITS = Object.freeze({
  maxChars: 64 * 1024 * 1024,
});

export type DecodeResult = ParseResult;

// ---- bytes --------------------------------------------------------------

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DIGIT[ALPHABET.charCodeAt(i)] = i;

function toBase64Url(bytes: Uint8Array): string {
  const out: string[] = [];
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out.push(ALPHABET[v >> 18] + ALPHABET[(v >> 12) & 63] + ALPHABET[(v >> 6) & 63] + ALPHABET[v & 63]);
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const v = bytes[i] << 16;
    out.push(ALPHABET[v >> 18] + ALPHABET[(v >> 12) & 63]);
  } else if (rest === 2) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out.push(ALPHABET[v >> 18] + ALPHABET[(v >> 12) & 63] + ALPHABET[(v >> 6) & 63]);
  }
  return out.join('');
}

/** Strict base64url (no padding, canonical last digit); a message on failure. */
function fromBase64Url(text: string, what = 'scenario'): Uint8Array | string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || DIGIT[c] < 0) {
      const ch = String.fromCodePoint(text.codePointAt(i) ?? c);
      return `the link contains ${describe(ch)} at position ${i + 1} of its data, which cannot be part of a ${what} link (it may have been changed when it was copied)`;
    }
  }
  if (text.length % 4 === 1) return 'the link is cut short or damaged (its data has an impossible length)';
  const bytes = new Uint8Array(Math.floor((text.length * 6) / 8));
  let acc = 0;
  let bits = 0;
  let k = 0;
  for (let i = 0; i < text.length; i++) {
    acc = (acc << 6) | DIGIT[text.charCodeAt(i)];
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[k++] = (acc >> bits) & 255;
      acc &= (1 << bits) - 1;
    }
  }
  if (acc !== 0) return 'the link is cut short or damaged (its last character is not one this app writes)';
  return bytes;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 255] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Inflate at most `max` bytes, streaming in small pieces so a bomb is stopped early. */
function inflateBounded(data: Uint8Array, max: number, what = 'scenario'): Uint8Array | string {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let tooLarge = false;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > max) tooLarge = true;
    else chunks.push(chunk);
  });
  const PIECE = 1024;
  try {
    for (let i = 0; i < data.length && !tooLarge; i += PIECE) inflater.push(data.subarray(i, i + PIECE), i + PIECE >= data.length);
  } catch (e) {
    return `the link is damaged: its compressed data is corrupt (${e instanceof Error ? e.message : String(e)}); it may have been cut short when it was copied`;
  }
  if (tooLarge) return `the ${what} in the link is too large (over ${max / 1024 / 1024} MB when unpacked)`;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

// ---- links --------------------------------------------------------------

/** Pack JSON text as link data (`v1.` + payload), without checking it is a scenario. For tools and tests. */
export function encodeJsonPayload(json: string): string {
  const raw = new TextEncoder().encode(json);
  const packed = deflateSync(raw, { level: 9 });
  const out = new Uint8Array(packed.length + 4);
  out.set(packed);
  new DataView(out.buffer).setUint32(packed.length, crc32(raw));
  return `v${LINK_FORMAT}.${toBase64Url(out)}`;
}

function cleanOrThrow(s: Scenario, who: string): Scenario {
  const r = parseScenario(s);
  if (!r.ok) throw new RangeError(`${who}: not a valid scenario: ${r.error}`);
  return r.scenario;
}

/**
 * The link data for a scenario: `v1.` + base64url(deflate(JSON) + CRC-32). Throws RangeError if `s` is invalid.
 * A long run can make data over LINK_LIMITS.maxChars, which no link opens: use encodeLink to know.
 */
export function encodeScenario(s: Scenario): string {
  return encodeJsonPayload(JSON.stringify(cleanOrThrow(s, 'encodeScenario')));
}

export type LinkResult =
  | { ok: true; /** The link data (`v1.…`); a share link is the page's address + `#s=` + this. */ data: string; chars: number }
  | { ok: false; reason: 'tooLong'; chars: number; maxChars: number; error: string };

/**
 * The link data for a scenario if a link can carry it (at most LINK_LIMITS.maxChars
 * characters, the bound decoding applies), or why not: the share dialog then offers
 * the file instead. Throws RangeError if `s` is not a valid scenario (a bug in the caller).
 */
export function encodeLink(s: Scenario): LinkResult {
  const data = encodeScenario(s);
  if (data.length <= LINK_LIMITS.maxChars) return { ok: true, data, chars: data.length };
  return {
    ok: false,
    reason: 'tooLong',
    chars: data.length,
    maxChars: LINK_LIMITS.maxChars,
    error: `this run is too long for a link (${data.length} characters; a scenario link holds at most ${LINK_LIMITS.maxChars}); share it as a file instead`,
  };
}

/** Whether a link can carry this scenario (see encodeLink). */
export function linkFits(s: Scenario): boolean {
  return encodeLink(s).ok;
}

function tooLong(part: string, chars: number, max: number, what = 'scenario'): { ok: false; error: string } {
  return { ok: false, error: `the link is too long (${chars} characters${part}; a ${what} link has at most ${max})` };
}

/** `#s=<encoded>`: the fragment of a share link (never sent to a server). */
export function scenarioToLinkHash(s: Scenario): string {
  return `#s=${encodeScenario(s)}`;
}

/** The `s` parameter of a "#a=1&s=…" or "?s=…" part, or null. */
function param(part: string): string | null {
  for (const kv of part.split('&')) if (kv.startsWith('s=')) return kv.slice(2);
  return null;
}

/** The link data in a pasted text: the data itself, `#s=…`, `s=…` or a whole URL. Null: a link with no scenario. */
function extractPayload(text: string): string | null {
  if (/^v\d+\./.test(text)) return text;
  const hash = text.indexOf('#');
  const fromHash = hash >= 0 ? param(text.slice(hash + 1)) : null;
  if (fromHash !== null) return fromHash;
  const query = text.indexOf('?');
  const fromQuery = query >= 0 ? param(text.slice(query + 1, hash > query ? hash : undefined)) : null;
  if (fromQuery !== null) return fromQuery;
  const bare = param(text);
  if (bare !== null) return bare;
  return hash >= 0 || query >= 0 || text.includes('://') ? null : text;
}

/** Unpacked link data: the JSON value inside, not yet checked, or why it could not be read. */
export type UnpackResult = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * Link data (`v1.…`) to the JSON value it packs: bounded, checksummed, never
 * throws. `what` names the content in messages ("scenario"; lessons reuse this
 * packing with "lesson"), `param` the link parameter that carried it.
 */
export function unpackPayload(payload: string, what = 'scenario', param = 's'): UnpackResult {
  const fail = (error: string): UnpackResult => ({ ok: false, error });
  let data = payload;
  if (data.includes('%')) {
    try {
      data = decodeURIComponent(data);
    } catch {
      return fail('the link is damaged (it has a broken %-escape)');
    }
  }
  // Mail and chat programs sometimes break long links across lines.
  data = data.replace(/\s+/g, '');
  if (data.length > LINK_LIMITS.maxChars) return tooLong(` of ${what} data`, data.length, LINK_LIMITS.maxChars, what);
  if (data === '') return fail(`the link has an empty ${what} (nothing after "${param}=")`);
  const tag = /^v(0|[1-9]\d{0,8})\./.exec(data);
  if (!tag) {
    return fail(`the link data does not start with a format tag like "v${LINK_FORMAT}." (it starts with ${describe(data.slice(0, 8))}); it is not a ${what} link from this app or it was cut`);
  }
  const format = Number(tag[1]);
  if (format > LINK_FORMAT) {
    return fail(`This link was made by a newer version of this app (link format ${format}; this app reads up to ${LINK_FORMAT}). Open it with the latest version of the app.`);
  }
  if (format !== LINK_FORMAT) return fail(`the link has an unknown format tag "v${tag[1]}." (this app reads v${LINK_FORMAT}.)`);
  const bytes = fromBase64Url(data.slice(tag[0].length), what);
  if (typeof bytes === 'string') return fail(bytes);
  if (bytes.length < 5) return fail(`the link is cut short (it has too little data to hold a ${what})`);
  const json = inflateBounded(bytes.subarray(0, bytes.length - 4), LINK_LIMITS.maxUnpackedBytes, what);
  if (typeof json === 'string') return fail(json);
  const expected = new DataView(bytes.buffer, bytes.byteOffset + bytes.length - 4, 4).getUint32(0);
  if (crc32(json) !== expected) return fail('the link is damaged (its checksum does not match); it may have been cut short or changed when it was copied');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(json);
  } catch {
    return fail(`the ${what} in the link is not valid UTF-8 text`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return fail(`the ${what} in the link is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  return { ok: true, value };
}

function decodePayload(payload: string): DecodeResult {
  const r = unpackPayload(payload);
  return r.ok ? parseScenario(r.value) : r;
}

function guard(run: () => DecodeResult): DecodeResult {
  try {
    return run();
  } catch (e) {
    let detail = 'unknown error';
    try {
      detail = e instanceof Error ? e.message : String(e);
    } catch {
      // keep the generic detail
    }
    return { ok: false, error: `could not read the scenario (${detail})` };
  }
}

/**
 * Read a scenario from link data: the encoded text alone, `#s=…`, or a whole
 * URL (spaces and line breaks inside are ignored). Never throws.
 */
export function decodeScenario(text: string): DecodeResult {
  return guard(() => {
    if (typeof text !== 'string') return { ok: false, error: `a scenario link must be text (got ${describe(text)})` };
    if (text.length > LINK_LIMITS.maxTextChars) return tooLong('', text.length, LINK_LIMITS.maxTextChars);
    const trimmed = text.trim();
    if (trimmed === '') return { ok: false, error: 'the link is empty' };
    const payload = extractPayload(trimmed);
    if (payload === null) return { ok: false, error: 'the link has no scenario in it (no "#s=…" part)' };
    return decodePayload(payload);
  });
}

/**
 * The scenario in a page's location.hash ("#s=…", possibly among other
 * "&"-separated parameters). Null when the hash has no `s` parameter (an
 * ordinary visit); otherwise the decoded scenario or why it could not be read.
 * Never throws.
 */
export function scenarioFromLocationHash(hash: string): DecodeResult | null {
  if (typeof hash !== 'string') return null;
  const s = param(hash.startsWith('#') ? hash.slice(1) : hash);
  if (s === null) return null;
  if (hash.length > LINK_LIMITS.maxTextChars) return tooLong('', hash.length, LINK_LIMITS.maxTextChars);
  return guard(() => decodePayload(s));
}

// ---- files --------------------------------------------------------------

/** A scenario file: pretty JSON, `{"format": "raft-visualizer-scenario", "version": 2, …}`. Throws RangeError if `s` is invalid. */
export function exportScenarioFile(s: Scenario): string {
  const text = `${JSON.stringify({ format: FILE_FORMAT, ...cleanOrThrow(s, 'exportScenarioFile') }, null, 2)}\n`;
  if (text.length > FILE_LIMITS.maxChars) throw new RangeError(`this run is too long for a file (${text.length} characters; a scenario file holds at most ${FILE_LIMITS.maxChars})`);
  return text;
}

/**
 * Read a scenario file: the JSON exportScenarioFile writes, or a bare scenario
 * object (no "format" field). A share link pasted instead is read as a link.
 * Never throws.
 */
export function importScenarioFile(text: string): DecodeResult {
  return guard(() => {
    if (typeof text !== 'string') return { ok: false, error: `a scenario file must be text (got ${describe(text)})` };
    if (text.length > FILE_LIMITS.maxChars) {
      return { ok: false, error: `the file is too large (${text.length} characters; a scenario file has at most ${FILE_LIMITS.maxChars})` };
    }
    const trimmed = text.replace(/^\uFEFF/, '').trim();
    if (trimmed === '') return { ok: false, error: 'the file is empty' };
    if (/^(v\d+\.|#s=|s=|https?:\/\/)/.test(trimmed)) return decodeScenario(trimmed);
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (e) {
      return { ok: false, error: `the file is not valid JSON (${e instanceof Error ? e.message : String(e)})` };
    }
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.prototype.hasOwnProperty.call(value, 'format')) {
      const { format, ...scenario } = value as Record<string, unknown>;
      if (format !== FILE_FORMAT) {
        return { ok: false, error: `this is not a Raft visualizer scenario file (its "format" is ${describe(format)}, not "${FILE_FORMAT}")` };
      }
      return parseScenario(scenario);
    }
    return parseScenario(value);
  });
}
