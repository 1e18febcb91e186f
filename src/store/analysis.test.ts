/**
 * The store's analysis slice (issue 14) with in-process workers: a search for
 * the rule the settings turn off reports progress, finds a counterexample and
 * opens it at the violation with its "About this scenario"; the Figure 16
 * experiment reports its ranges; Cancel ends the worker and keeps no result.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { AnalysisHost } from '../worker/analysisHost';
import type { AnalysisConnection } from '../worker/analysisClient';
import { initialAnalysisState, useStore } from './index';
import { initialSimState } from './simSlice';
import { inProcessAnalysis, inProcessClient } from './storeTestHelpers';
import { initialUiState } from './uiSlice';

beforeEach(() => {
  useStore.setState({ sim: initialSimState, ui: initialUiState, settings: {}, client: null, busy: false, analysis: initialAnalysisState });
});

describe('store: find a counterexample', () => {
  it('§5.2: with voteTwicePerTerm off in the settings, finds Election Safety broken and opens the run at the violation', async () => {
    await useStore.getState().connect(inProcessClient(), { seed: 'store-cx', unsafe: { voteTwicePerTerm: true } });
    const conn = inProcessAnalysis();
    useStore.getState().setAnalysisWorker(async () => conn);
    const progress: number[] = [];
    const unsubscribe = useStore.subscribe((s) => {
      const p = s.analysis.counterexample.progress;
      if (p) progress.push(p.schedulesTried);
    });
    const r = await useStore.getState().findCounterexample({ maxSchedules: 300, maxShrinkRuns: 60 });
    unsubscribe();
    expect(r?.found).toBe(true);
    const a = useStore.getState().analysis.counterexample;
    expect(a).toMatchObject({ status: 'done', unsafe: { voteTwicePerTerm: true }, error: null });
    expect(a.result?.violation?.property).toBe('Election Safety');
    expect(progress.length).toBeGreaterThan(0);
    expect(conn.terminated).toBe(1); // each job's worker ends with it

    expect(await useStore.getState().openCounterexample()).toBe(true);
    const s = useStore.getState();
    expect(s.sim.timeline.position.n).toBe(r!.violation!.event);
    expect(s.sim.violations.map((v) => v.property)).toContain('Election Safety');
    expect(s.ui.aboutOpen).toBe(true);
    expect(s.ui.scenarioInfo?.en.description).toContain('voteTwicePerTerm');
    expect(s.ui.scenarioInfo?.zh.title).toContain('选举安全性');

    // Shared from here, the run keeps its title and About in both languages, and its position.
    const shared = await s.exportScenario({ about: true });
    expect(shared?.title).toEqual(r!.scenario!.title);
    expect(shared?.description).toEqual(r!.scenario!.description);
    expect(shared?.view?.n).toBe(r!.violation!.event);
    expect((await s.exportScenario())?.description).toBeUndefined();
    // A new run is no longer the counterexample: its link says nothing about it.
    await s.reset();
    expect((await useStore.getState().exportScenario({ about: true }))?.description).toBeUndefined();
  });

  it('Cancel ends the worker at once and the search leaves no result', async () => {
    useStore.setState({ settings: { unsafe: {} } });
    let terminated = 0;
    // A search that never answers, as a long one in a real worker.
    const stuck: AnalysisConnection = {
      findCounterexample: () => new Promise(() => {}),
      runElectionExperiment: () => new Promise(() => {}),
      terminate: () => void terminated++,
    };
    useStore.getState().setAnalysisWorker(async () => stuck);
    const pending = useStore.getState().findCounterexample();
    await Promise.resolve();
    await Promise.resolve();
    expect(useStore.getState().analysis.counterexample.status).toBe('running');
    useStore.getState().cancelAnalysis('counterexample');
    expect(useStore.getState().analysis.counterexample).toMatchObject({ status: 'cancelled', result: null });
    expect(terminated).toBe(1);
    void pending;
  });

  it('the worker stops a search at its wall-clock budget, saying so', () => {
    const r = new AnalysisHost().findCounterexample({ unsafe: {}, seed: 1, maxSchedules: 1_000_000, maxEventsPerSchedule: 500, wallBudgetMs: 0 });
    expect(r).toMatchObject({ found: false, stopped: true });
  });
});

describe('store: the Figure 16 experiment', () => {
  it('§9.3: runs the ranges asked for and keeps the job beside the result', async () => {
    useStore.getState().setAnalysisWorker(async () => inProcessAnalysis());
    const job = { timeoutRangesMs: [[150, 300], [12, 24]] as [number, number][], trials: 60, servers: 5, latencyMs: [1, 3] as [number, number], seed: 1 };
    const r = await useStore.getState().runExperiment(job);
    expect(r?.ranges.map((x) => x.range)).toEqual([[150, 300], [12, 24]]);
    const e = useStore.getState().analysis.experiment;
    expect(e.status).toBe('done');
    expect(e.job).toEqual(job);
    expect(e.progress?.trialsDone).toBe(100); // reported every 50 trials
    expect(e.result?.ranges[1]!.meanMs).toBeLessThan(e.result!.ranges[0]!.meanMs);
  });
});
