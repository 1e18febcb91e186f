/**
 * Analyses of a run for course staff and the UI (headless, plain data in and
 * out): is what the clients saw linearizable?
 *
 *   import { checkOperations, kvModel } from './src/analysis';
 *   const verdict = checkOperations(kvModel, ops, { timeoutMs: 1000 });
 */
export {
  checkEvents,
  checkFrom,
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
export { kvInputOfCommand, kvKeyOf, kvModel, type KvInput, type KvOutput, type KvState } from './kvModel';
export { ClientHistory, clientOperations, type ClientOperation } from './clientHistory';
export { IncrementalChecker, type IncrementalOptions, type IncrementalVerdict } from './incremental';
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
  MARKED_VIOLATIONS_MAX,
  violationFacts,
  violationMarks,
  violationMarksByServer,
  type LogsByServer,
  type ViolationFacts,
  type ViolationMark,
  type ViolationShape,
} from './violationFacts';
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

// Conditions on a run as data (lessons' tasks and predictions, "Run until…").
export {
  checkCondition,
  CONDITION_KINDS,
  CONDITION_LIMITS,
  CONDITION_ROLES,
  parseCondition,
  type Condition,
  type ConditionKind,
  type ConditionRole,
  type ServerRef,
} from './conditions';
export { conditionProbe, evaluateCondition, notHeldMessage, runUntilCondition, type RunUntilResult } from './conditionEval';
export { describeCondition, type ConditionLang } from './conditionText';
export {
  checked,
  describeZh,
  expectArray,
  expectBilingual,
  expectBoolean,
  expectObject,
  expectOneOf,
  expectText,
  expectWhole,
  invalid,
  InvalidField,
  type Bilingual,
  type Checked,
  type FieldError,
} from './fieldErrors';
