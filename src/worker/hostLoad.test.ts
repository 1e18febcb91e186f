/**
 * Issue 10: a scenario is loaded a slice at a time beside the current run.
 * The slices give the same run as loading it at once; the current run stays
 * playable (and unchanged) until finishLoad; a cancel or a recording that does
 * not match leaves it as it was.
 */
import { describe, expect, it } from 'vitest';
import { SimHost } from './host';
import { SCENARIO_VERSION, type Scenario } from '../scenario/types';
import { PRESETS } from '../scenario/presets';

const LONG: Scenario = {
  version: SCENARIO_VERSION,
  options: { seed: 'slices', servers: 5 },
  actions: [
    { n: 40, at: 400, action: { type: 'crash', server: 1 } },
    { n: 41, at: 400, action: { type: 'crash', server: 2 } },
  ],
  runUntil: 30_000,
};

function hashOf(host: SimHost): string {
  return host.clusterForTests.traceHash();
}

describe('SimHost sliced loads (issue 10)', () => {
  it('loading in slices gives the same run as loading at once, for a long run and every preset', () => {
    for (const s of [LONG, ...PRESETS.map((p) => p.scenario)]) {
      const whole = new SimHost();
      const a = whole.loadScenario(s);
      const sliced = new SimHost();
      let p = sliced.beginLoad(s);
      let slices = 0;
      for (let r = sliced.continueLoad(500); !r.done; r = sliced.continueLoad(500)) {
        expect(r.progress.events).toBeGreaterThan(p.events); // progress moves on every slice
        p = r.progress;
        slices++;
      }
      const b = sliced.finishLoad();
      expect(hashOf(sliced)).toBe(hashOf(whole));
      expect(b.eventCount).toBe(a.eventCount);
      expect(b.now).toBe(a.now);
      if (s === LONG) expect(slices).toBeGreaterThan(3);
    }
  });

  it('the current run plays on and is unchanged while a load is under way, and after a cancel', () => {
    const host = new SimHost({ seed: 'current' });
    const twin = new SimHost({ seed: 'current' });
    host.advance(500);
    twin.advance(500);
    const p = host.beginLoad(LONG);
    expect(p.until).toBe(30_000);
    expect(p.actionsTotal).toBe(2);
    host.continueLoad(1_000);
    host.advance(500); // the page's playback between slices
    twin.advance(500);
    expect(hashOf(host)).toBe(hashOf(twin));
    host.cancelLoad();
    expect(() => host.continueLoad(1_000)).toThrow(/no load is under way/);
    expect(() => host.finishLoad()).toThrow(/no load is under way/);
    host.advance(500);
    twin.advance(500);
    expect(hashOf(host)).toBe(hashOf(twin));
  });

  it('finishLoad before the replay is complete throws and changes nothing', () => {
    const host = new SimHost({ seed: 'current' });
    const before = hashOf(host);
    host.beginLoad(LONG);
    host.continueLoad(100);
    expect(() => host.finishLoad()).toThrow(/not complete/);
    expect(hashOf(host)).toBe(before);
  });

  it('a recording that does not match says which action, drops the load and keeps the current run', () => {
    const host = new SimHost({ seed: 'current' });
    host.advance(300);
    const before = hashOf(host);
    // Event 5 cannot have happened by 1 ms.
    const broken: Scenario = { ...LONG, actions: [{ n: 5, at: 1, action: { type: 'crash', server: 1 } }] };
    host.beginLoad(broken);
    expect(() => {
      for (let r = host.continueLoad(1_000); !r.done; r = host.continueLoad(1_000));
    }).toThrow(/action 1 of 1/);
    expect(() => host.finishLoad()).toThrow(/no load is under way/);
    expect(hashOf(host)).toBe(before);
  });

  it('bad options throw at beginLoad and a bad slice size is refused', () => {
    const host = new SimHost();
    expect(() => host.beginLoad({ ...LONG, options: { servers: 0 } })).toThrow(/servers/);
    host.beginLoad(LONG);
    expect(() => host.continueLoad(0)).toThrow(/maxEvents/);
    expect(() => host.continueLoad(Number.NaN)).toThrow(/maxEvents/);
  });
});
