/**
 * The page's side of the analysis worker: start it, check its protocol, and
 * end it to cancel (a search is one long call; ending the worker is the only
 * way to stop it at once, and the next job starts a fresh one).
 */
import * as Comlink from 'comlink';
import type { CounterexampleProgress, CounterexampleResult, ElectionExperimentProgress, ElectionExperimentResult } from '../analysis';
import { ANALYSIS_PROTOCOL_VERSION, type AnalysisApi, type CounterexampleJob, type ExperimentJob } from './analysisProtocol';

/** What the store needs of an analysis worker (an in-process host in tests). */
export interface AnalysisConnection {
  findCounterexample(job: CounterexampleJob, onProgress: (p: CounterexampleProgress) => void): Promise<CounterexampleResult>;
  runElectionExperiment(job: ExperimentJob, onProgress: (p: ElectionExperimentProgress) => void): Promise<ElectionExperimentResult>;
  /** End the worker: a call in flight never resolves. */
  terminate(): void;
}

export async function startAnalysisWorker(): Promise<AnalysisConnection> {
  const worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module', name: 'raft-analysis' });
  const api = Comlink.wrap<AnalysisApi>(worker);
  const version = await api.protocolVersion();
  if (version !== ANALYSIS_PROTOCOL_VERSION) {
    worker.terminate();
    throw new Error(`The analysis worker speaks protocol ${version}, the page ${ANALYSIS_PROTOCOL_VERSION}: reload the page.`);
  }
  return {
    findCounterexample: (job, onProgress) => api.findCounterexample(job, Comlink.proxy(onProgress)),
    runElectionExperiment: (job, onProgress) => api.runElectionExperiment(job, Comlink.proxy(onProgress)),
    terminate: () => worker.terminate(),
  };
}
