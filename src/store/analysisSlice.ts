/**
 * The store's analysis slice (issue 14): "Find a counterexample" for the rules
 * the settings turn off, and the Figure 16 election experiment. Each job runs
 * in an analysis worker of its own, started for it and ended when it is done
 * or cancelled (ending the worker is what makes Cancel immediate); progress
 * arrives while it runs. A job cancelled or replaced never writes its result.
 */
import type { UnsafeRules } from '../engine';
import type { CounterexampleProgress, CounterexampleResult, ElectionExperimentProgress, ElectionExperimentResult } from '../analysis';
import type { ClusterOptions } from '../sim';
import type { Scenario } from '../scenario/types';
import type { AnalysisConnection } from '../worker/analysisClient';
import type { CounterexampleJob, ExperimentJob } from '../worker/analysisProtocol';

export type JobStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';
export type AnalysisKind = 'counterexample' | 'experiment';

export interface AnalysisState {
  counterexample: {
    status: JobStatus;
    /** The rules that were off for the search under way or last finished. */
    unsafe: UnsafeRules | null;
    progress: CounterexampleProgress | null;
    result: CounterexampleResult | null;
    error: string | null;
  };
  experiment: {
    status: JobStatus;
    job: ExperimentJob | null;
    progress: ElectionExperimentProgress | null;
    result: ElectionExperimentResult | null;
    error: string | null;
  };
}

export const initialAnalysisState: AnalysisState = {
  counterexample: { status: 'idle', unsafe: null, progress: null, result: null, error: null },
  experiment: { status: 'idle', job: null, progress: null, result: null, error: null },
};

/**
 * The budget of a search from the page: enough for every switch (the slowest
 * needs a few hundred schedules, see the README), capped at a minute of wall time.
 */
export const PAGE_COUNTEREXAMPLE_BUDGET = { maxSchedules: 5_000, maxEventsPerSchedule: 2_000, wallBudgetMs: 60_000 } as const;

export interface AnalysisActions {
  /** How to start an analysis worker (the page's, or an in-process one in tests). */
  setAnalysisWorker(start: () => Promise<AnalysisConnection>): void;
  /**
   * Search for a run that breaks safety with the rules turned off: those given
   * (the settings form's switches before Apply), else those of the settings.
   */
  findCounterexample(job?: Partial<CounterexampleJob>): Promise<CounterexampleResult | null>;
  /** Open the counterexample found like a shared link, at the violation, with its "About this scenario". */
  openCounterexample(): Promise<boolean>;
  runExperiment(job: ExperimentJob): Promise<ElectionExperimentResult | null>;
  cancelAnalysis(kind: AnalysisKind): void;
}

/** What the slice needs of the rest of the store. */
interface StoreView {
  analysis: AnalysisState;
  settings: Partial<ClusterOptions>;
  loadScenario(s: Scenario): Promise<boolean>;
  setAboutOpen(open: boolean): void;
}

type Set = (fn: (s: StoreView) => Partial<StoreView>) => void;

export function analysisActions(set: Set, get: () => StoreView): AnalysisActions {
  let start: (() => Promise<AnalysisConnection>) | null = null;
  const running: Partial<Record<AnalysisKind, AnalysisConnection>> = {};
  const tokens: Record<AnalysisKind, number> = { counterexample: 0, experiment: 0 };
  const patch = <K extends AnalysisKind>(kind: K, edit: Partial<AnalysisState[K]>): void =>
    set((s) => ({ analysis: { ...s.analysis, [kind]: { ...s.analysis[kind], ...edit } } }));

  /** Run one job in a fresh worker; null when cancelled, replaced or failed (the slice says which). */
  async function run<K extends AnalysisKind, R>(kind: K, job: (c: AnalysisConnection, current: () => boolean) => Promise<R>): Promise<R | null> {
    if (start === null) return null;
    const token = ++tokens[kind];
    const current = (): boolean => token === tokens[kind];
    running[kind]?.terminate();
    let conn: AnalysisConnection | undefined;
    try {
      conn = await start();
      if (!current()) return null;
      running[kind] = conn;
      const r = await job(conn, current);
      return current() ? r : null;
    } catch (err) {
      if (current()) patch(kind, { status: 'error', error: err instanceof Error ? err.message : String(err) } as Partial<AnalysisState[K]>);
      return null;
    } finally {
      if (conn !== undefined && running[kind] === conn) delete running[kind];
      conn?.terminate();
    }
  }

  return {
    setAnalysisWorker(s) {
      start = s;
    },

    async findCounterexample(given = {}) {
      const { settings } = get();
      const unsafe = { ...(given.unsafe ?? settings.unsafe ?? {}) };
      patch('counterexample', { status: 'running', unsafe, progress: null, result: null, error: null });
      const job: CounterexampleJob = { ...PAGE_COUNTEREXAMPLE_BUDGET, seed: 1, options: settings, ...given, unsafe };
      const result = await run('counterexample', (c, current) =>
        c.findCounterexample(job, (progress) => {
          if (current()) patch('counterexample', { progress });
        }),
      );
      if (result !== null) patch('counterexample', { status: 'done', result });
      return result;
    },

    async openCounterexample() {
      const scenario = get().analysis.counterexample.result?.scenario;
      if (scenario === undefined) return false;
      const ok = await get().loadScenario(scenario);
      if (ok) get().setAboutOpen(true);
      return ok;
    },

    async runExperiment(job) {
      patch('experiment', { status: 'running', job, progress: null, result: null, error: null });
      const result = await run('experiment', (c, current) =>
        c.runElectionExperiment(job, (progress) => {
          if (current()) patch('experiment', { progress });
        }),
      );
      if (result !== null) patch('experiment', { status: 'done', result });
      return result;
    },

    cancelAnalysis(kind) {
      if (get().analysis[kind].status !== 'running') return;
      tokens[kind]++;
      running[kind]?.terminate();
      delete running[kind];
      patch(kind, { status: 'cancelled' });
    },
  };
}
