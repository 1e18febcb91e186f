/**
 * Analyses of a run for course staff and the UI (headless, plain data in and
 * out): is what the clients saw linearizable?
 *
 *   import { checkOperations, kvModel } from './src/analysis';
 *   const verdict = checkOperations(kvModel, ops, { timeoutMs: 1000 });
 */
export {
  checkEvents,
  checkOperations,
  operationsOfEvents,
  plainEqual,
  type CheckOptions,
  type CheckResult,
  type HistoryEvent,
  type Model,
  type Operation,
  type PartitionResult,
  type Verdict,
} from './linearizability';
export { kvInputOfCommand, kvModel, type KvInput, type KvOutput, type KvState } from './kvModel';
export { clientOperations, type ClientOperation } from './clientHistory';
export {
  exportsOf,
  parseJepsenEdn,
  parsePorcupine,
  parseShiViz,
  SHIVIZ_REGEX,
  toJepsenEdn,
  toPorcupine,
  toShiViz,
  type JepsenOp,
  type PorcupineInput,
  type ShiVizEvent,
} from './exports';
export {
  findCounterexample,
  type CounterexampleProgress,
  type CounterexampleRequest,
  type CounterexampleResult,
} from './counterexample';
export { BROKEN_RULES, brokenRule, PROPERTY_ZH, type BrokenRule, type UnsafeRule } from './brokenRules';
export {
  electionCdfCsv,
  electionExperimentCsv,
  PAPER_FIGURE_16,
  runElectionExperiment,
  type ElectionExperimentProgress,
  type ElectionExperimentRequest,
  type ElectionExperimentResult,
  type ElectionRangeResult,
  type TimeoutRange,
} from './electionExperiment';
