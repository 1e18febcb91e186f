/**
 * The typed boundary between the page and the analysis worker (issue 14): the
 * counterexample search and the Figure 16 experiment run in a worker of their
 * own, so the simulation worker keeps answering frames while they run, and
 * Cancel is immediate (the page ends that worker). Only plain data crosses;
 * progress comes back through a callback the page passes (Comlink.proxy).
 */
import type { CounterexampleProgress, CounterexampleRequest, CounterexampleResult, ElectionExperimentProgress, ElectionExperimentRequest, ElectionExperimentResult } from '../analysis';

/** 1: findCounterexample and runElectionExperiment. */
export const ANALYSIS_PROTOCOL_VERSION = 1;

/** A search as data: the request without its callbacks, and an optional wall-clock budget. */
export type CounterexampleJob = Omit<CounterexampleRequest, 'onProgress' | 'shouldStop'> & {
  /**
   * Stop after this many wall ms (the result then says stopped). The schedule
   * budget alone decides the result; this only cuts it short.
   */
  wallBudgetMs?: number;
};

export type ExperimentJob = Omit<ElectionExperimentRequest, 'onProgress' | 'shouldStop'>;

export interface AnalysisApi {
  protocolVersion(): number;
  findCounterexample(job: CounterexampleJob, onProgress?: (p: CounterexampleProgress) => void): CounterexampleResult;
  runElectionExperiment(job: ExperimentJob, onProgress?: (p: ElectionExperimentProgress) => void): ElectionExperimentResult;
}
