/**
 * The app never makes a link it will not open (issue #10): encodeLink and
 * decoding bound the link data by the same constant, LINK_LIMITS.maxChars, and
 * a run too long for a link is said so up front (the share dialog then offers
 * the file). A link whose data is within the bound opens even as a whole URL.
 */
import { describe, expect, it } from 'vitest';
import { decodeScenario, encodeLink, encodeScenario, exportScenarioFile, FILE_LIMITS, importScenarioFile, linkFits, LINK_LIMITS, scenarioFromLocationHash } from './codec';
import { rng } from './codecTestHelpers';
import { SCENARIO_VERSION, type RecordedAction, type Scenario } from './types';

const ORIGIN = 'https://raft.example.edu/visualizer/';

/** A valid scenario of `count` actions at full-precision fractional times (the part of a link that does not compress). */
function longRun(count: number): Scenario {
  const actions: RecordedAction[] = [];
  for (let k = 0; k < count; k++) {
    actions.push({ n: 3 * k, at: k * 7.123456789 + (k % 7) / 3, action: { type: k % 2 === 0 ? 'crash' : 'restart', server: 1 + (k % 5) } });
  }
  return { version: SCENARIO_VERSION, options: { servers: 5 }, actions };
}

/** A scenario whose link data is just within LINK_LIMITS.maxChars. */
function nearTheLimit(): { scenario: Scenario; data: string } {
  const r = rng(10);
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/';
  const random = (n: number): string => Array.from({ length: n }, () => alphabet[r.int(alphabet.length)]).join('');
  // Random text hardly compresses: 19 commands of 10,000 characters make ~190,000 characters of link data.
  const full = Array.from({ length: 20 }, () => random(10_000));
  const make = (last: number): Scenario => ({
    version: SCENARIO_VERSION,
    options: {},
    actions: full.map((command, k) => ({ n: 0, at: 0, action: { type: 'submit' as const, command: k === full.length - 1 ? command.slice(0, last) : command } })),
  });
  // The data grows about linearly with the last command's length: interpolate, then step down until it fits.
  const at0 = encodeScenario(make(0)).length;
  const at1 = encodeScenario(make(10_000)).length;
  let lo = Math.min(10_000, Math.floor(((LINK_LIMITS.maxChars - at0) / (at1 - at0)) * 10_000));
  while (encodeScenario(make(lo)).length > LINK_LIMITS.maxChars) lo -= 50;
  const scenario = make(lo);
  return { scenario, data: encodeScenario(scenario) };
}

describe('links: one limit on both sides', () => {
  it('a valid 100,000-action scenario is too long for a link, and encodeLink says so (naming both sizes)', () => {
    const s = longRun(100_000);
    const r = encodeLink(s);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toBe('tooLong');
    expect(r.maxChars).toBe(LINK_LIMITS.maxChars);
    expect(r.chars).toBeGreaterThan(LINK_LIMITS.maxChars);
    expect(r.error).toBe(`this run is too long for a link (${r.chars} characters; a scenario link holds at most ${LINK_LIMITS.maxChars}); share it as a file instead`);
    // Decoding refuses data over the same bound (the last test); the dialog offers the file instead.
  });

  it('a scenario that fits opens from its data, its #s= hash and a whole URL, even when the URL is longer than the data bound', () => {
    const { scenario, data } = nearTheLimit();
    expect(data.length).toBeLessThanOrEqual(LINK_LIMITS.maxChars);
    expect(data.length).toBeGreaterThan(LINK_LIMITS.maxChars - 200);
    const r = encodeLink(scenario);
    expect(r).toStrictEqual({ ok: true, data, chars: data.length });
    expect(linkFits(scenario)).toBe(true);
    const url = `${ORIGIN}#s=${data}`;
    expect(url.length).toBeGreaterThan(LINK_LIMITS.maxChars);
    for (const text of [data, `#s=${data}`, url]) expect(decodeScenario(text)).toStrictEqual({ ok: true, scenario });
    expect(scenarioFromLocationHash(`#a=1&s=${data}`)).toStrictEqual({ ok: true, scenario });
  });

  it('link data over the bound is refused however it is wrapped, and so is a text far over it', () => {
    const over = `v1.${'A'.repeat(LINK_LIMITS.maxChars)}`;
    for (const text of [over, `#s=${over}`, `${ORIGIN}#s=${over}`]) {
      const r = decodeScenario(text);
      expect(!r.ok && r.error).toBe(`the link is too long (${over.length} characters of scenario data; a scenario link has at most ${LINK_LIMITS.maxChars})`);
    }
    const hash = scenarioFromLocationHash(`#s=${over}`);
    expect(hash !== null && !hash.ok && hash.error).toMatch(/^the link is too long/);
    const huge = 'x'.repeat(LINK_LIMITS.maxTextChars + 1);
    const r = decodeScenario(huge);
    expect(!r.ok && r.error).toBe(`the link is too long (${huge.length} characters; a scenario link has at most ${LINK_LIMITS.maxTextChars})`);
  });
});

describe('the file bound (issue 10)', () => {
  it('a run of the most actions a scenario may have exports to a file the importer opens', () => {
    const s = longRun(100_000);
    const text = exportScenarioFile(s);
    expect(text.length).toBeGreaterThan(5 * 1024 * 1024); // over the old 5 MB import bound
    expect(text.length).toBeLessThanOrEqual(FILE_LIMITS.maxChars);
    const back = importScenarioFile(text);
    expect(back.ok).toBe(true);
    if (back.ok) expect(back.scenario.actions).toHaveLength(100_000);
  });

  it('export refuses a run over the bound instead of writing a file it would not open, and import refuses over it', () => {
    const huge = 'x'.repeat(10_000);
    const s: Scenario = { version: SCENARIO_VERSION, options: {}, actions: Array.from({ length: 7_000 }, () => ({ n: 0, at: 0, action: { type: 'submit' as const, command: huge } })) };
    expect(() => exportScenarioFile(s)).toThrow(/too long for a file .* at most 67108864/);
    expect(importScenarioFile(' '.repeat(FILE_LIMITS.maxChars + 1))).toMatchObject({ ok: false, error: expect.stringMatching(/too large/) });
  });
});
