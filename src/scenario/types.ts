/**
 * The scenario format: the single source for share links, exported files, the
 * presets and the tests. A run is fully described by its options (including the
 * seed and any starting state) and the list of user actions with the event
 * number and simulated time at which each happened; replaying them gives the
 * identical run (see replay.ts).
 *
 * Versioned: SCENARIO_VERSION bumps on any incompatible change, and
 * migrate.ts upgrades every older version (links already shared keep working).
 */
import type { ServerId } from '../engine';
import type { ClusterOptions, UserAction } from '../sim';

export const SCENARIO_VERSION = 2;

/** One user action, applied after event number `n` (0: before any event) at simulated time `at` ms. */
export interface RecordedAction {
  n: number;
  at: number;
  action: UserAction;
}

/** Title and description in each language (plain text, never HTML). */
export interface LocalizedText {
  en: string;
  zh?: string;
}

/** Where the viewer was: restored when a link is opened. */
export interface ScenarioView {
  /** Event number to show (defaults to the end of the recorded actions). */
  n?: number;
  selectedServer?: ServerId | null;
  speed?: number;
  lang?: 'en' | 'zh';
}

export interface Scenario {
  version: typeof SCENARIO_VERSION;
  title?: LocalizedText;
  description?: LocalizedText;
  /** Things to try, one sentence each. */
  suggestions?: LocalizedText[];
  /** Cluster options: servers, seed, timing, network, protocol, unsafe rules, starting state. */
  options: Partial<ClusterOptions>;
  /** User actions in the order they happened (n and at never decrease). */
  actions: RecordedAction[];
  /** Run up to here (simulated ms) after the last action, e.g. so a preset's outcome is visible. */
  runUntil?: number;
  view?: ScenarioView;
}
