/**
 * The store driven by an in-process worker host (same code as the real worker,
 * without the thread): frames apply in order, actions report results, bad input
 * becomes a message and leaves the run as it was.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { useStore } from './index';
import { inProcessClient } from './storeTestHelpers';
import { initialSimState } from './simSlice';
import { initialUiState } from './uiSlice';

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
    expect(ui.toasts.at(-1)).toMatchObject({ tone: 'error', content: expect.stringMatching(/unknown server id 42/) });
    expect(sim.eventCount).toBe(before);
  });

  it('a bad reset keeps the current run and says which option was wrong', async () => {
    await useStore.getState().connect(inProcessClient(), { seed: 'keep' });
    await useStore.getState().advance(700);
    expect(await useStore.getState().reset({ servers: 0 })).toBe(false);
    const { ui, sim, settings } = useStore.getState();
    expect(ui.toasts.at(-1)?.content).toMatch(/servers must be a whole number from 1 to 9 \(got 0\)/);
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

  it('offers clients C1..C3, more on demand up to nine, and never an unknown one', () => {
    const s = useStore.getState();
    expect(useStore.getState().ui).toMatchObject({ activeClient: 1, clientTabs: 3 });
    s.addClientTab();
    expect(useStore.getState().ui).toMatchObject({ activeClient: 4, clientTabs: 4 });
    s.setActiveClient(2);
    expect(useStore.getState().ui).toMatchObject({ activeClient: 2, clientTabs: 4 });
    s.setActiveClient(7); // a loaded run's client: offered from then on
    expect(useStore.getState().ui).toMatchObject({ activeClient: 7, clientTabs: 7 });
    s.setActiveClient(0);
    s.setActiveClient(10);
    s.setActiveClient(2.5);
    expect(useStore.getState().ui.activeClient).toBe(7);
    for (let k = 0; k < 5; k++) s.addClientTab();
    expect(useStore.getState().ui).toMatchObject({ activeClient: 9, clientTabs: 9 });
  });
});

/** A run with a leader that has committed an entry of its term, so membership changes are allowed (§6). */
async function withLeader(seed: string): Promise<number> {
  await useStore.getState().connect(inProcessClient(), { seed, leaderNoop: true });
  for (let k = 0; k < 20 && useStore.getState().sim.leaderId === null; k++) await useStore.getState().advance(200);
  await useStore.getState().advance(300);
  const leader = useStore.getState().sim.leaderId;
  expect(leader).not.toBeNull();
  return leader!;
}

describe('store: the Raft extensions (#5)', () => {
  it('adds a server: it appears in the frame, then becomes a voter in the leader\'s configuration', async () => {
    await withLeader('add');
    const r = await useStore.getState().act({ type: 'addServer' });
    expect(r?.started).toEqual([6]);
    expect(useStore.getState().sim.servers.map((v) => v.id)).toEqual([1, 2, 3, 4, 5, 6]);
    await useStore.getState().advance(1_500);
    const { sim } = useStore.getState();
    const leader = sim.servers.find((v) => v.id === sim.leaderId)!;
    expect(leader.config.voters).toContain(6);
  });

  it('a membership change that is not possible becomes a toast that says why', async () => {
    await useStore.getState().connect(inProcessClient(), { seed: 'no-leader' });
    expect(await useStore.getState().act({ type: 'addServer' })).toBeNull();
    expect(useStore.getState().ui.toasts.at(-1)).toMatchObject({ tone: 'error', content: expect.stringMatching(/there is no leader/) });
    expect(useStore.getState().sim.servers).toHaveLength(5);
  });

  it('changes membership by joint consensus, removes a server, transfers leadership and takes a snapshot', async () => {
    const leader = await withLeader('joint');
    const keep = [1, 2, 3, 4, 5].filter((id) => id !== leader).slice(0, 2);
    const target = [leader, ...keep, 6].sort((a, b) => a - b);
    const r = await useStore.getState().act({ type: 'changeMembership', servers: target });
    expect(r?.started).toEqual([6]);
    await useStore.getState().advance(2_000);
    let { sim } = useStore.getState();
    expect(sim.servers.find((v) => v.id === sim.leaderId)!.config.voters).toEqual(target);

    const other = target.find((id) => id !== sim.leaderId && id !== 6)!;
    expect(await useStore.getState().act({ type: 'removeServer', server: other })).not.toBeNull();
    await useStore.getState().advance(1_000);
    sim = useStore.getState().sim;
    expect(sim.servers.find((v) => v.id === sim.leaderId)!.config.voters).not.toContain(other);

    expect(await useStore.getState().act({ type: 'transferLeadership', server: 6 })).not.toBeNull();
    await useStore.getState().advance(1_000);
    expect(useStore.getState().sim.leaderId).toBe(6);

    await useStore.getState().act({ type: 'clientRequest', client: 1, command: 'x=1' });
    // Client 1 starts at S1; a server that knows no leader turns it away, and it retries after its timeout.
    await useStore.getState().advance(1_500);
    expect(useStore.getState().sim.clients[0]!.pending).toBeNull();
    expect(await useStore.getState().act({ type: 'snapshot', server: 6 })).not.toBeNull();
    const s6 = useStore.getState().sim.servers.find((v) => v.id === 6)!;
    expect(s6.snapshotIndex).toBeGreaterThan(0);
    expect(s6.snapshot?.kv).toMatchObject({ x: '1' });
  });

  it('a client write and read show up in the frame: pending, then done with index, value and how the read was made safe', async () => {
    await withLeader('clients');
    await useStore.getState().act({ type: 'clientRequest', client: 2, command: 'k=7' });
    const pending = useStore.getState().sim.clients.find((c) => c.id === 2)!;
    expect(pending.pending).toMatchObject({ seq: 1, kind: 'write', command: 'k=7', attempts: 1 });
    expect(pending.deadline).toBeGreaterThan(useStore.getState().sim.now);
    // One request at a time: a second one while waiting is refused with a message.
    expect(await useStore.getState().act({ type: 'clientRequest', client: 2, read: 'k' })).toBeNull();
    expect(useStore.getState().ui.toasts.at(-1)?.content).toMatch(/client 2 is still waiting/);
    await useStore.getState().advance(1_000);
    await useStore.getState().act({ type: 'clientRequest', client: 2, read: 'k' });
    await useStore.getState().advance(1_000);
    const c2 = useStore.getState().sim.clients.find((c) => c.id === 2)!;
    expect(c2.pending).toBeNull();
    expect(c2.history[0]).toMatchObject({ kind: 'write', status: 'done' });
    expect(c2.history[0]!.index).toBeGreaterThan(0);
    expect(c2.history[1]).toMatchObject({ kind: 'read', value: '7', readVia: 'readIndex' });
  });
});

describe('store loads (issue 10)', () => {
  const long = {
    version: 2 as const,
    options: { seed: 'long-load', servers: 9, heartbeatMs: 5 },
    actions: [],
    runUntil: 120_000,
  };

  it('refuses up front a scenario over the replay budget, saying the estimate, and keeps the current run', async () => {
    await useStore.getState().connect(inProcessClient(), { seed: 'store' });
    await useStore.getState().advance(500);
    const before = useStore.getState().sim.eventCount;
    let message = '';
    const hostile = { version: 2 as const, options: { servers: 9, heartbeatMs: 1, electionTimeoutMs: [1, 1] as [number, number], latencyMs: [0, 0] as [number, number], duplicateRate: 1 }, actions: [], runUntil: 3_600_000 };
    expect(await useStore.getState().loadScenario(hostile, (m) => (message = m))).toBe(false);
    expect(message).toMatch(/too costly to replay: about \d+ events over 3600 simulated s; the page replays at most 12000000/);
    expect(useStore.getState().sim.eventCount).toBe(before);
    expect(useStore.getState().ui.loading).toBeNull();
  });

  it('shows progress while replaying, and a cancel keeps the current run', async () => {
    await useStore.getState().connect(inProcessClient(), { seed: 'store' });
    await useStore.getState().advance(500);
    const before = useStore.getState().sim;
    const seen: number[] = [];
    const unsub = useStore.subscribe((s) => {
      const l = s.ui.loading;
      if (l && seen[seen.length - 1] !== l.events) seen.push(l.events);
      if (l && seen.length === 2) s.cancelLoad();
    });
    const ok = await useStore.getState().loadScenario(long);
    unsub();
    expect(ok).toBe(false);
    expect(seen.length).toBe(2);
    expect(seen[1]).toBeGreaterThan(seen[0]!);
    const after = useStore.getState();
    expect(after.ui.loading).toBeNull();
    expect(after.sim.eventCount).toBe(before.eventCount);
    expect(after.sim.run).toBe(before.run);
    // The store keeps the key; the toast view words it (ui/i18n toastText).
    expect(after.ui.toasts.some((x) => typeof x.content === 'object' && 'key' in x.content && x.content.key === 'load.cancelled')).toBe(true);
    // The current run goes on.
    await after.advance(100);
    expect(useStore.getState().sim.now).toBe(before.now + 100);
  });

  it('replays a long scenario to its end in slices and shows it', async () => {
    await useStore.getState().connect(inProcessClient(), { seed: 'store' });
    expect(await useStore.getState().loadScenario(long)).toBe(true);
    const s = useStore.getState();
    expect(s.sim.now).toBe(120_000);
    expect(s.ui.loading).toBeNull();
  });
});
