/**
 * The space-time view's verdict follows the page's moment: in the stale-read
 * preset (§8 broken: a deposed leader answers a read alone) it is
 * linearizable at the opening mark, turns "not linearizable" at the event
 * the stale answer is taken, flags that read, and goes back when the cursor
 * does. With the rule kept (read-index) it stays linearizable throughout.
 */
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../scenario/presets';
import { SimHost } from './host';

function opened(id: string): SimHost {
  const host = new SimHost();
  host.loadScenario(PRESETS.find((p) => p.id === id)!.scenario);
  return host;
}

const ALL = { fromMs: 0, toMs: 1e9, pxPerMs: 0.001, heartbeats: false };

/** Step one event at a time to the head of the recorded run; the verdict after each. */
function verdictsToHead(host: SimHost): Array<{ n: number; verdict: string | null; flagged: string[] }> {
  const out = [];
  for (let frame = host.resync(); frame.eventCount < frame.timeline.head.n; ) {
    const step = host.step();
    frame = step.frame;
    const w = host.spaceTimeWindow(ALL);
    out.push({ n: frame.eventCount, verdict: w.verdict, flagged: w.operations.filter((o) => o.flagged).map((o) => `C${o.clientId} ${o.kind} ${o.text}`) });
  }
  return out;
}

describe('client verdict at the cursor', () => {
  it('stale-read preset: linearizable at the mark, not linearizable from the stale answer on (that read flagged), and again linearizable when the cursor goes back', () => {
    const host = opened('stale-read');
    const atMark = host.spaceTimeWindow(ALL);
    expect(atMark.verdict).toBe('ok');
    // The diagram already draws the recorded future (the read), but the verdict is of the history as it stood.
    expect(atMark.operations.map((o) => o.kind)).toEqual(['write', 'write', 'read']);
    expect(atMark.operations.some((o) => o.flagged)).toBe(false);
    const mark = host.resync().eventCount;

    const seen = verdictsToHead(host);
    const turn = seen.findIndex((s) => s.verdict === 'illegal');
    expect(turn).toBeGreaterThan(0);
    expect(seen.slice(0, turn).every((s) => s.verdict === 'ok')).toBe(true);
    expect(seen.slice(turn).every((s) => s.verdict === 'illegal')).toBe(true);
    expect(seen[turn]!.flagged).toEqual(['C1 read x']);

    host.seekEvent(mark);
    expect(host.spaceTimeWindow(ALL).verdict).toBe('ok');
    host.seekEvent(seen[turn]!.n);
    expect(host.spaceTimeWindow(ALL).verdict).toBe('illegal');
  });

  it('read-index preset: the same schedule with the rule kept stays linearizable at every event', () => {
    const host = opened('read-index');
    const seen = verdictsToHead(host);
    expect(seen.length).toBeGreaterThan(10);
    expect(new Set(seen.map((s) => s.verdict))).toEqual(new Set(['ok']));
  });
});
