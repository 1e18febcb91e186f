/**
 * The store driven by an in-process worker host (same code as the real worker,
 * without the thread): frames apply in order, actions report results, bad input
 * becomes a message and leaves the run as it was.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { SimHost } from '../worker/host';
import { useStore, type SimClientLike } from './index';
import { initialSimState } from './simSlice';
import { initialUiState } from './uiSlice';

function inProcessClient(host = new SimHost()): SimClientLike {
  const wrap =
    <A extends unknown[], R>(fn: (...a: A) => R) =>
    (...a: A): Promise<R> =>
      new Promise((resolve, reject) => {
        try {
          // A structured clone, as the worker boundary does.
          resolve(structuredClone(fn(...a)));
        } catch (err) {
          reject(err);
        }
      });
  return {
    protocolVersion: wrap(() => host.protocolVersion()),
    reset: wrap((o) => host.reset(o)),
    advance: wrap((ms) => host.advance(ms)),
    step: wrap(() => host.step()),
    runUntilInteresting: wrap((ms) => host.runUntilInteresting(ms)),
    act: wrap((a) => host.act(a)),
    resync: wrap(() => host.resync()),
    seekEvent: wrap((n, time) => host.seekEvent(n, time)),
    seekTime: wrap((ms) => host.seekTime(ms)),
    stepBack: wrap(() => host.stepBack()),
    switchBranch: wrap((id) => host.switchBranch(id)),
    exportScenario: wrap(() => host.exportScenario()),
    loadScenario: wrap((s) => host.loadScenario(s)),
  };
}

beforeEach(() => {
  useStore.setState({ sim: initialSimState, ui: initialUiState, settings: {}, client: null, busy: false });
});

describe('store', () => {
  it('connects, runs and shows a leader with replicated logs', async () => {
    await useStore.getState().connect(inProcessClient(), { seed: 'store' });
    const s = useStore.getState();
    expect(s.sim.ready).toBe(true);
    expect(s.sim.servers).toHaveLength(5);
    await s.nextInteresting();
    await s.advance(1_000);
    expect(useStore.getState().sim.leaderId).not.toBeNull();
    const r = await s.act({ type: 'submit', command: 'x=1' });
    expect(r?.submit?.ok).toBe(true);
    await s.advance(300);
    const { logs, servers } = useStore.getState().sim;
    for (const v of servers) expect(logs[v.id]!.map((e) => e.command)).toEqual(['x=1']);
    expect(useStore.getState().sim.events.length).toBeGreaterThan(10);
  });

  it('queues calls: frames apply in the order they were asked for', async () => {
    await useStore.getState().connect(inProcessClient(), { seed: 'order' });
    const s = useStore.getState();
    await Promise.all([s.advance(100), s.advance(100), s.step(), s.advance(50)]);
    const { now, events } = useStore.getState().sim;
    expect(now).toBeGreaterThanOrEqual(250);
    const ns = events.map((e) => e.n);
    expect(ns).toEqual([...ns].sort((a, b) => a - b));
    expect(useStore.getState().busy).toBe(false);
  });

  it('a bad action becomes an error message and changes nothing', async () => {
    await useStore.getState().connect(inProcessClient(), { seed: 'bad' });
    const s = useStore.getState();
    await s.advance(500);
    const before = useStore.getState().sim.eventCount;
    expect(await s.act({ type: 'crash', server: 42 })).toBeNull();
    const { ui, sim } = useStore.getState();
    expect(ui.toasts.at(-1)).toMatchObject({ tone: 'error', text: expect.stringMatching(/unknown server id 42/) });
    expect(sim.eventCount).toBe(before);
  });

  it('a bad reset keeps the current run and says which option was wrong', async () => {
    await useStore.getState().connect(inProcessClient(), { seed: 'keep' });
    await useStore.getState().advance(700);
    expect(await useStore.getState().reset({ servers: 0 })).toBe(false);
    const { ui, sim, settings } = useStore.getState();
    expect(ui.toasts.at(-1)?.text).toMatch(/servers must be a whole number from 1 to 9 \(got 0\)/);
    expect(sim.now).toBe(700);
    expect(settings.seed).toBe('keep');
  });

  it('reset starts a new run whose frames replace the old one', async () => {
    await useStore.getState().connect(inProcessClient(), { seed: 'a', servers: 5 });
    await useStore.getState().advance(2_000);
    expect(await useStore.getState().reset({ seed: 'b', servers: 3 })).toBe(true);
    const { sim } = useStore.getState();
    expect(sim.now).toBe(0);
    expect(sim.servers).toHaveLength(3);
    expect(Object.keys(sim.logs)).toHaveLength(3);
    expect(sim.events).toEqual([]);
  });

  it('clamps speed and toggles page state', () => {
    const s = useStore.getState();
    s.setSpeed(1e6);
    expect(useStore.getState().ui.speed).toBe(10);
    s.setSpeed(0);
    expect(useStore.getState().ui.speed).toBe(0.001);
    s.togglePlaying();
    expect(useStore.getState().ui.playing).toBe(true);
    s.setLang('zh');
    expect(useStore.getState().ui.lang).toBe('zh');
    s.toast('info', 'hello');
    const id = useStore.getState().ui.toasts[0]!.id;
    s.dismissToast(id);
    expect(useStore.getState().ui.toasts).toEqual([]);
  });
});
