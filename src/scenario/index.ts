/**
 * Scenarios: a run as data (options + recorded actions), for share links,
 * exported files, presets and tests. See types.ts for the format.
 */
export { SCENARIO_VERSION } from './types';
export type { LocalizedText, RecordedAction, Scenario, ScenarioView } from './types';
export { parseAction, parseScenario, SCENARIO_LIMITS, type ParseResult } from './validate';
export { migrate, MIGRATIONS, OLDEST_SCENARIO_VERSION, type Migration } from './migrate';
export {
  decodeScenario,
  encodeScenario,
  encodeLink,
  linkFits,
  exportScenarioFile,
  importScenarioFile,
  scenarioFromLocationHash,
  scenarioToLinkHash,
  FILE_FORMAT,
  FILE_LIMITS,
  LINK_FORMAT,
  LINK_LIMITS,
  encodeJsonPayload,
  unpackPayload,
  type DecodeResult,
  type LinkResult,
  type UnpackResult,
} from './codec';
export { replayActions, replayScenario } from './replay';
