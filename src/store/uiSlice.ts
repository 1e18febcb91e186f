/** View state that belongs to the page, not to the run. Edited with immer. */
import type { Condition } from '../analysis';
import type { Lesson } from '../lessons/types';
import type { RecordedLessonAction } from '../lessons/patterns';
import type { LoadProgress } from '../worker/protocol';
import type { ServerId } from '../engine';
import type { Scenario } from '../scenario/types';
import { MOMENT_KINDS, type Moment, type MomentKind } from '../worker/momentKinds';

/** The page's languages (the dictionaries live in ui/i18n, which translates). */
export type Lang = 'en' | 'zh';

export type EventCategory = 'election' | 'replication' | 'client' | 'fault' | 'network' | 'commit' | 'membership' | 'snapshot';

/** The tabs of the side panel (laptop, projector) or of the bottom sheet (phone, tablet: also the logs). */
export type SideTab = 'selection' | 'events' | 'network' | 'clients' | 'stats' | 'logs';
export const SIDE_TABS: readonly SideTab[] = ['logs', 'selection', 'events', 'network', 'clients', 'stats'];

/** What the cluster area shows: the ring of servers, or the space-time diagram of the run. */
export type ClusterViewKind = 'ring' | 'spaceTime';

/** What a loaded preset or shared link says about itself ("About this scenario"). */
export interface ScenarioInfo {
  title: string;
  description: string;
  suggestions: string[];
}

/** What a scenario says about itself, as it says it (both languages), so a shared link can say it again. */
export type ScenarioAbout = Pick<Scenario, 'title' | 'description' | 'suggestions'>;

/**
 * What a toast says. The store does not translate (it sits below the UI):
 * it keeps a dictionary key with its parameters, or a moment, and the toast
 * view says it in the reader's language, so a language switch re-words it
 * too. Raw text is for messages that come already worded (errors from the
 * simulator naming a field and its range, or a caller's own words).
 */
export type ToastContent =
  | string
  | { key: string; params?: Record<string, string | number>; counts?: Record<string, number> }
  | { moment: Moment }
  /** Where "Run until…" stopped: the condition held at atMs, or limitMs passed without it (to atMs). */
  | { condition: Condition; held: boolean; atMs: number; fromMs: number; limitMs: number };

export interface Toast {
  id: number;
  tone: 'info' | 'error';
  content: ToastContent;
}

/** Where the student is in a lesson: the step, and what they have done in it (types.ts in src/lessons: the step model). */
export interface LessonProgress {
  lesson: Lesson;
  step: number;
  /** The event count when the step's state was loaded: history conditions count events after it. */
  since: number;
  /** The prediction choice picked, and whether it is locked in (then time may move). */
  answer: number | null;
  locked: boolean;
  /** Each choice's condition after the observation (null until observed). */
  observed: boolean[] | null;
  /** The student's actions in this step, with the leader at that moment (for the task's pattern). */
  recorded: RecordedLessonAction[];
  taskDone: boolean;
  /** A step is loading or Watch mode is playing. */
  busy: boolean;
  /** "Watch the whole lesson" is running (each step plays itself, then the next opens). */
  watching: boolean;
  /** The run shown is a counterexample the step's search found, not the step's own run (restarting the step returns to it). */
  counterexampleShown: boolean;
}

export interface UiState {
  lang: Lang;
  presentation: boolean;
  helpOpen: boolean;
  playing: boolean;
  /** Simulated ms per wall ms (1/1000 to 10). */
  speed: number;
  selectedServer: ServerId | null;
  selectedMessage: number | null;
  /** The link whose menu is open, as [a, b] with a < b. */
  selectedLink: [ServerId, ServerId] | null;
  eventFilter: { server: ServerId | null; categories: EventCategory[] };
  /** Follow the end of the logs as they grow. */
  followLogTail: boolean;
  /** Manual mode: the user picks each next event from the pending ones. */
  manual: boolean;
  /** §8: the simulated client whose requests the client panel shows (1..clientTabs). */
  activeClient: number;
  /** How many simulated clients the client panel offers (CLIENT_TABS_MIN..CLIENT_TABS_MAX). */
  clientTabs: number;
  toasts: Toast[];
  /** Which tab of the side panel is open. */
  sideTab: SideTab;
  /** The command box is open where it is not always shown (presentation mode, phone). */
  commandOpen: boolean;
  /** Bumped by the S shortcut: the command box takes the focus with its text selected. */
  commandFocus: number;
  /** The loaded preset's or link's explanation, in both languages, for "About this scenario". */
  scenarioInfo: { en: ScenarioInfo; zh: ScenarioInfo } | null;
  /** The same as the scenario wrote it, for a link shared from the run (a counterexample's About travels with it). */
  scenarioAbout: ScenarioAbout | null;
  aboutOpen: boolean;
  /** `?embed=1`: cluster, narration, logs and transport only, for an iframe. */
  embed: boolean;
  /** The high-contrast theme (projectors that wash out colour). */
  highContrast: boolean;
  /** An event the user picked in the event log: the narration shows it instead of the latest. */
  narrationEvent: number | null;
  /** The kinds of teaching moment Next (N) stops at. */
  nextStops: MomentKind[];
  /** The lesson being followed (issue 13), or null. */
  lesson: LessonProgress | null;
  /** The list of lessons is open. */
  lessonsOpen: boolean;
  /** The Record lesson dialog is open (it keeps its draft while closed). */
  recordOpen: boolean;
  /** The Run until… panel is open (U opens it from the keyboard). */
  runUntilOpen: boolean;
  /** The Stops panel (what Next stops at) is open. */
  stopsOpen: boolean;
  /** A link, file or preset being replayed beside the current run (issue 10), or null. */
  loading: LoadProgress | null;
  clusterView: ClusterViewKind;
  /** The space-time diagram draws heartbeats (empty AppendEntries and their replies); hidden by default, they crowd out the rest. */
  spaceTimeHeartbeats: boolean;
}

export const SPEED_MIN = 0.001;
export const SPEED_MAX = 10;
export const DEFAULT_SPEED = 0.05;
/** Clients C1..C3 are always offered; more can be added up to the simulator's nine. */
export const CLIENT_TABS_MIN = 3;
export const CLIENT_TABS_MAX = 9;

export const initialUiState: UiState = {
  lang: 'en',
  presentation: false,
  helpOpen: false,
  playing: false,
  speed: DEFAULT_SPEED,
  selectedServer: null,
  selectedMessage: null,
  selectedLink: null,
  eventFilter: { server: null, categories: [] },
  followLogTail: true,
  manual: false,
  activeClient: 1,
  clientTabs: CLIENT_TABS_MIN,
  toasts: [],
  sideTab: 'events',
  commandOpen: false,
  commandFocus: 0,
  scenarioInfo: null,
  scenarioAbout: null,
  aboutOpen: false,
  embed: false,
  narrationEvent: null,
  nextStops: MOMENT_KINDS.slice(),
  runUntilOpen: false,
  lesson: null,
  lessonsOpen: false,
  recordOpen: false,
  stopsOpen: false,
  highContrast: false,
  loading: null,
  clusterView: 'ring',
  spaceTimeHeartbeats: false,
};

export function clampSpeed(speed: number): number {
  if (!Number.isFinite(speed)) return DEFAULT_SPEED;
  return Math.min(SPEED_MAX, Math.max(SPEED_MIN, speed));
}
