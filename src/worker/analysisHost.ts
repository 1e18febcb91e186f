/**
 * The analysis worker's object (issue 14): the counterexample search and the
 * election experiment with progress reported to the page. Kept apart from the
 * worker entry so tests run it in-process.
 */
import { findCounterexample, runElectionExperiment } from '../analysis';
import { ANALYSIS_PROTOCOL_VERSION, type AnalysisApi, type CounterexampleJob, type ExperimentJob } from './analysisProtocol';
import type { CounterexampleProgress, ElectionExperimentProgress } from '../analysis';

export class AnalysisHost implements AnalysisApi {
  protocolVersion(): number {
    return ANALYSIS_PROTOCOL_VERSION;
  }

  findCounterexample(job: CounterexampleJob, onProgress?: (p: CounterexampleProgress) => void) {
    const { wallBudgetMs, ...request } = job;
    // Wall time only ever stops the search early: which counterexample it finds depends on the schedules alone.
    const deadline = wallBudgetMs === undefined ? Infinity : performance.now() + wallBudgetMs;
    return findCounterexample({ ...request, onProgress, shouldStop: () => performance.now() > deadline });
  }

  runElectionExperiment(job: ExperimentJob, onProgress?: (p: ElectionExperimentProgress) => void) {
    return runElectionExperiment({ ...job, onProgress });
  }
}
