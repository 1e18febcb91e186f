/**
 * The one store (zustand). Three parts: `sim` (what the worker last reported),
 * `ui` (page state, edited with immer) and `settings` (options for the next
 * reset). Actions live in the store and talk to the worker through `client`;
 * calls are queued so frames are applied in the order they were asked for.
 */
import { produce } from 'immer';
import { create } from 'zustand';
import type { ServerId } from '../engine';
import type { ActionResult, ClusterOptions, UserAction } from '../sim';
import type { Frame, HistoryFormat, SimApi, SpaceTimeQuery, SpaceTimeWindow, StopReason } from '../worker/protocol';
import type { Scenario } from '../scenario/types';
import { applyFrame, initialSimState, type SimState } from './simSlice';
import type { LessonProgress } from './uiSlice';
import { CLIENT_TABS_MAX, clampSpeed, initialUiState, type ClusterViewKind, type EventCategory, type Lang, type SideTab, type ToastContent, type UiState } from './uiSlice';
import { scenarioAboutOf, scenarioInfoOf } from './scenarioInfo';
import { MOMENT_KINDS, type MomentKind } from '../worker/momentKinds';
import { estimateScenarioCost, LOAD_BUDGET_EVENTS } from '../scenario/cost';
import { analysisActions, initialAnalysisState, type AnalysisActions, type AnalysisState } from './analysisSlice';
import type { Condition } from '../analysis';

/**
 * Events replayed per worker call while loading (issue 10): small enough that
 * the current run's frames and the user's actions wait at most a few tens of
 * ms behind a slice, and the progress moves visibly.
 */
export const LOAD_SLICE_EVENTS = 25_000;

/** The worker API as the page sees it: every call is asynchronous. */
export type SimClientLike = { [K in keyof SimApi]: (...args: Parameters<SimApi[K]>) => Promise<ReturnType<SimApi[K]>> };

export { PAGE_COUNTEREXAMPLE_BUDGET, initialAnalysisState, type AnalysisKind, type AnalysisState, type JobStatus } from './analysisSlice';

export interface Store extends AnalysisActions {
  sim: SimState;
  ui: UiState;
  settings: Partial<ClusterOptions>;
  /** Counterexample search and election experiment (issue 14), run in an analysis worker. */
  analysis: AnalysisState;
  client: SimClientLike | null;
  /** A worker call is in flight (the playback loop waits for it instead of piling up calls). */
  busy: boolean;

  connect(client: SimClientLike, options?: Partial<ClusterOptions>): Promise<void>;
  /** Start a new run. Errors go to `onError` when given (e.g. a form shows them), otherwise to a toast. */
  reset(options?: Partial<ClusterOptions>, onError?: (message: string) => void): Promise<boolean>;
  advance(ms: number): Promise<void>;
  step(): Promise<void>;
  /** Run to the next teaching moment of the kinds in ui.nextStops; a notice says what it was. */
  nextInteresting(): Promise<StopReason | null>;
  setNextStops(kinds: readonly MomentKind[]): void;
  setRunUntilOpen(open: boolean): void;
  setLessonsOpen(open: boolean): void;
  setRecordOpen(open: boolean): void;
  /** Replace (or end, with null) the lesson progress. */
  setLesson(lesson: LessonProgress | null): void;
  editLesson(edit: (l: LessonProgress) => void): void;
  /** Lessons: whether each condition holds now (history kinds after sinceEvent); null if the worker call failed. */
  evaluateConditions(conditions: Condition[], sinceEvent: number): Promise<boolean[] | null>;
  setStopsOpen(open: boolean): void;
  /**
   * "Run until…" (issue 13): run until `condition` holds or maxMs pass. Says
   * in a notice what happened (held, at what time; or the condition did not
   * happen within the limit). A bad condition becomes an error notice and
   * changes nothing. null when the worker call failed.
   */
  runUntil(condition: Condition, maxMs: number): Promise<{ held: boolean; atMs: number } | null>;
  act(action: UserAction): Promise<ActionResult | null>;
  seekEvent(n: number, time?: number): Promise<void>;
  seekTime(ms: number): Promise<void>;
  stepBack(): Promise<void>;
  switchBranch(id: number): Promise<void>;
  /** The run as a scenario; with `about`, carrying the loaded scenario's title and About (for a shared link or file). */
  exportScenario(opts?: { about?: boolean }): Promise<Scenario | null>;
  /** The recorded run as a ShiViz log, Porcupine operations or a Jepsen history (null before the worker is up). */
  exportHistory(format: HistoryFormat): Promise<string | null>;
  /**
   * Replay a scenario beside the current run, a slice at a time with progress
   * in ui.loading, and show it when done. Refused up front when its estimated
   * cost is over LOAD_BUDGET_EVENTS. A failure goes to onError (e.g. to say it
   * in the reader's words), else to a toast; false when it failed or was
   * cancelled (the current run is then as it was).
   */
  loadScenario(s: Scenario, onError?: (message: string) => void): Promise<boolean>;
  /** Stop the load under way; the current run stays. */
  cancelLoad(): void;

  setPlaying(playing: boolean): void;
  togglePlaying(): void;
  setSpeed(speed: number): void;
  selectServer(id: ServerId | null): void;
  selectMessage(id: number | null): void;
  selectLink(link: [ServerId, ServerId] | null): void;
  setLang(lang: Lang): void;
  togglePresentation(): void;
  setHelpOpen(open: boolean): void;
  setEventFilter(filter: { server?: ServerId | null; categories?: EventCategory[] }): void;
  setFollowLogTail(follow: boolean): void;
  setManual(manual: boolean): void;
  /** Show client `id` (1..9) in the client panel, offering it if it was not yet. */
  setActiveClient(id: number): void;
  /** Offer one more simulated client (up to nine); it becomes the active one. */
  addClientTab(): void;
  updateSettings(edit: (draft: Partial<ClusterOptions>) => void): void;
  toast(tone: 'info' | 'error', content: ToastContent): void;
  setSideTab(tab: SideTab): void;
  setCommandOpen(open: boolean): void;
  /** Open the command box (where it is not always shown) and focus it with its text selected (S). */
  focusCommand(): void;
  setAboutOpen(open: boolean): void;
  setEmbed(embed: boolean): void;
  toggleHighContrast(): void;
  /** Show event `n` in the narration (null: follow the latest event). */
  setNarrationEvent(n: number | null): void;
  dismissToast(id: number): void;
  setClusterView(view: ClusterViewKind): void;
  setSpaceTimeHeartbeats(show: boolean): void;
  /**
   * The space-time diagram's view of [fromMs, toMs] (null without a worker or
   * on error). Not queued behind frames: it reads the worker's index and
   * changes nothing, so it may pass a frame in flight.
   */
  spaceTimeWindow(q: SpaceTimeQuery): Promise<SpaceTimeWindow | null>;
}

const LANG_KEY = 'raft-visualizer.lang';
let toastSeq = 0;

function storedLang(): Lang {
  try {
    const v = globalThis.localStorage?.getItem(LANG_KEY);
    return v === 'zh' || v === 'en' ? v : 'en';
  } catch {
    return 'en';
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export const useStore = create<Store>()((set, get) => {
  let queue: Promise<unknown> = Promise.resolve();
  /** Bumped by each load and by cancel: a load whose token is stale stops. */
  let loadToken = 0;

  /** Run one worker call after the previous ones; apply its frame; report errors (as a toast by default). */
  function call<T>(fn: (c: SimClientLike) => Promise<T>, frameOf: (r: T) => Frame, onError?: (message: string) => void): Promise<T | null> {
    const client = get().client;
    if (!client) return Promise.resolve(null);
    const job = queue.then(async () => {
      set({ busy: true });
      try {
        const r = await fn(client);
        set((s) => ({ sim: applyFrame(s.sim, frameOf(r)) }));
        return r;
      } catch (err) {
        if (onError) onError(messageOf(err));
        else get().toast('error', messageOf(err));
        return null;
      } finally {
        set({ busy: false });
      }
    });
    queue = job;
    return job;
  }

  const ui = (edit: (d: UiState) => void): void => set((s) => ({ ui: produce(s.ui, edit) }));

  return {
    sim: initialSimState,
    ui: { ...initialUiState, lang: storedLang() },
    settings: {},
    client: null,
    busy: false,
    analysis: initialAnalysisState,
    ...analysisActions(set, get),

    async connect(client, options = {}) {
      set({ client, settings: { ...options } });
      await get().reset(options);
    },

    async reset(options, onError) {
      const opts = options ?? get().settings;
      const r = await call((c) => c.reset(opts), (f) => f, onError);
      if (r === null) return false;
      set((s) => ({
        settings: { ...opts },
        ui: produce(s.ui, (d) => {
          d.selectedMessage = null;
          d.selectedLink = null;
          // A new run is no longer the loaded scenario.
          d.scenarioInfo = null;
          d.scenarioAbout = null;
          d.aboutOpen = false;
          d.narrationEvent = null;
          // A server the new run does not have can be neither selected nor filtered on.
          const ids = new Set(s.sim.servers.map((v) => v.id));
          if (d.selectedServer !== null && !ids.has(d.selectedServer)) d.selectedServer = null;
          if (d.eventFilter.server !== null && !ids.has(d.eventFilter.server)) d.eventFilter.server = null;
        }),
      }));
      return true;
    },

    async advance(ms) {
      await call((c) => c.advance(ms), (f) => f);
    },

    async step() {
      await call((c) => c.step(), (r) => r.frame);
    },

    async nextInteresting() {
      const r = await call((c) => c.runUntilInteresting(10_000, get().ui.nextStops), (x) => x.frame);
      if (r?.moment) get().toast('info', { moment: r.moment });
      return r?.reason ?? null;
    },

    async runUntil(condition, maxMs) {
      const fromMs = get().sim.now;
      const r = await call((c) => c.runUntilCondition(condition, maxMs), (x) => x.frame);
      if (r === null) return null;
      get().toast('info', { condition, held: r.held, atMs: r.atMs, fromMs, limitMs: maxMs });
      return { held: r.held, atMs: r.atMs };
    },

    async seekEvent(n, time) {
      await call((c) => c.seekEvent(n, time), (f) => f);
    },

    async seekTime(ms) {
      await call((c) => c.seekTime(ms), (f) => f);
    },

    async stepBack() {
      await call((c) => c.stepBack(), (f) => f);
    },

    async switchBranch(id) {
      await call((c) => c.switchBranch(id), (f) => f);
    },

    async exportScenario(opts) {
      const client = get().client;
      if (!client) return null;
      await queue;
      const s = await client.exportScenario();
      const about = opts?.about === true ? get().ui.scenarioAbout : null;
      return about === null ? s : { ...about, ...s };
    },

    async exportHistory(format) {
      const client = get().client;
      if (!client) return null;
      await queue;
      return client.exportHistory(format);
    },

    async loadScenario(scenario, onError) {
      const client = get().client;
      if (!client) return false;
      const report = (message: string) => (onError ? onError(message) : get().toast('error', message));
      const cost = estimateScenarioCost(scenario);
      if (cost.events > LOAD_BUDGET_EVENTS) {
        // Raw for a caller that says it in its own words (explainReplayFailure knows this pattern).
        const seconds = Math.round(cost.durationMs / 1000);
        if (onError) onError(`the recording is too costly to replay: about ${cost.events} events over ${seconds} simulated s; the page replays at most ${LOAD_BUDGET_EVENTS}`);
        else get().toast('error', { key: 'load.tooCostly', params: { seconds }, counts: { events: cost.events, budget: LOAD_BUDGET_EVENTS } });
        return false;
      }
      const token = ++loadToken;
      const current = () => token === loadToken;
      try {
        await queue; // after the calls asked for before it
        if (!current()) return false;
        const first = await client.beginLoad(scenario);
        for (let progress = first; ; ) {
          if (!current()) return false;
          const r = await client.continueLoad(LOAD_SLICE_EVENTS);
          if (!current()) return false;
          if (r.done) break;
          progress = r.progress;
          ui((d) => void (d.loading = progress));
        }
        ui((d) => void (d.loading = null)); // replayed: the swap below is quick and not cancelled
      } catch (err) {
        if (current()) {
          ui((d) => void (d.loading = null));
          report(messageOf(err));
        }
        return false;
      }
      // The swap goes through the queue, so its frame lands in order with the current run's.
      const frame = await call((c) => c.finishLoad(), (f) => f, report);
      if (frame === null) return false;
      set((s) => ({
        settings: { ...scenario.options },
        ui: produce(s.ui, (d) => {
          d.selectedMessage = null;
          d.selectedLink = null;
          d.selectedServer = scenario.view?.selectedServer ?? null;
          if (scenario.view?.speed !== undefined) d.speed = scenario.view.speed;
          d.scenarioInfo = scenarioInfoOf(scenario);
          d.scenarioAbout = scenarioAboutOf(scenario);
          d.narrationEvent = null;
        }),
      }));
      return true;
    },

    cancelLoad() {
      if (get().ui.loading === null) return;
      loadToken++;
      ui((d) => void (d.loading = null));
      void get().client?.cancelLoad();
      get().toast('info', { key: 'load.cancelled' });
    },

    async act(action) {
      // In a lesson, the step's task is matched against the student's actions, with the leader at that moment.
      const leaderId = get().sim.leaderId;
      const r = await call((c) => c.act(action), (x) => x.frame);
      if (r && get().ui.lesson) ui((d) => void d.lesson!.recorded.push({ action: structuredClone(action), leaderId }));
      if (r?.forked) get().toast('info', { key: 'timeline.forked' });
      return r?.result ?? null;
    },

    setPlaying: (playing) => ui((d) => void (d.playing = playing && !d.manual)),
    togglePlaying: () => ui((d) => void (d.playing = !d.playing && !d.manual)),
    setSpeed: (speed) => ui((d) => void (d.speed = clampSpeed(speed))),
    // Selecting something opens the place that says what can be done to it.
    selectServer: (id) =>
      ui((d) => {
        d.selectedServer = id;
        if (id !== null) d.sideTab = 'selection';
      }),
    selectMessage: (id) =>
      ui((d) => {
        d.selectedMessage = id;
        if (id !== null) d.sideTab = 'selection';
      }),
    selectLink: (link) => ui((d) => void (d.selectedLink = link)),
    setLang(lang) {
      try {
        globalThis.localStorage?.setItem(LANG_KEY, lang);
      } catch {
        // Private mode or storage disabled: the choice lasts for this page only.
      }
      ui((d) => void (d.lang = lang));
    },
    togglePresentation: () => ui((d) => void (d.presentation = !d.presentation)),
    setHelpOpen: (open) => ui((d) => void (d.helpOpen = open)),
    setEventFilter: (filter) =>
      ui((d) => {
        if (filter.server !== undefined) d.eventFilter.server = filter.server;
        if (filter.categories !== undefined) d.eventFilter.categories = filter.categories;
      }),
    setFollowLogTail: (follow) => ui((d) => void (d.followLogTail = follow)),
    setManual: (manual) =>
      ui((d) => {
        d.manual = manual;
        // Time does not run by itself while the user chooses each event.
        if (manual) d.playing = false;
      }),
    setActiveClient: (id) =>
      ui((d) => {
        if (!Number.isInteger(id) || id < 1 || id > CLIENT_TABS_MAX) return;
        d.activeClient = id;
        d.clientTabs = Math.max(d.clientTabs, id);
      }),
    addClientTab: () =>
      ui((d) => {
        if (d.clientTabs >= CLIENT_TABS_MAX) return;
        d.clientTabs += 1;
        d.activeClient = d.clientTabs;
      }),
    updateSettings: (edit) => set((s) => ({ settings: produce(s.settings, edit) })),
    toast(tone, content) {
      const id = ++toastSeq;
      ui((d) => {
        d.toasts.push({ id, tone, content });
        if (d.toasts.length > 4) d.toasts.shift();
      });
    },
    setSideTab: (tab) => ui((d) => void (d.sideTab = tab)),
    setCommandOpen: (open) => ui((d) => void (d.commandOpen = open)),
    focusCommand: () =>
      ui((d) => {
        d.commandOpen = true;
        d.commandFocus += 1;
      }),
    setAboutOpen: (open) => ui((d) => void (d.aboutOpen = open && d.scenarioInfo !== null)),
    setEmbed: (embed) => ui((d) => void (d.embed = embed)),
    toggleHighContrast: () => ui((d) => void (d.highContrast = !d.highContrast)),
    setNarrationEvent: (n) => ui((d) => void (d.narrationEvent = n)),
    setRunUntilOpen: (open) => ui((d) => void (d.runUntilOpen = open)),
    setLessonsOpen: (open) => ui((d) => void (d.lessonsOpen = open)),
    setRecordOpen: (open) => ui((d) => void (d.recordOpen = open)),
    setLesson: (lesson) => ui((d) => void (d.lesson = lesson)),
    editLesson: (edit) =>
      ui((d) => {
        if (d.lesson) edit(d.lesson);
      }),
    async evaluateConditions(conditions, sinceEvent) {
      const client = get().client;
      if (!client) return null;
      // After the calls already asked for, so it sees their frames' state.
      const job = queue.then(
        () => client.evaluateConditions(conditions, sinceEvent),
        () => client.evaluateConditions(conditions, sinceEvent),
      );
      queue = job.catch(() => undefined);
      try {
        return await job;
      } catch (err) {
        get().toast('error', messageOf(err));
        return null;
      }
    },
    setStopsOpen: (open) => ui((d) => void (d.stopsOpen = open)),
    setNextStops: (kinds) => ui((d) => void (d.nextStops = MOMENT_KINDS.filter((k) => kinds.includes(k)))),
    dismissToast: (id) => ui((d) => void (d.toasts = d.toasts.filter((t) => t.id !== id))),
    setClusterView: (view) => ui((d) => void (d.clusterView = view)),
    setSpaceTimeHeartbeats: (show) => ui((d) => void (d.spaceTimeHeartbeats = show)),
    async spaceTimeWindow(q) {
      const client = get().client;
      if (!client) return null;
      try {
        return await client.spaceTimeWindow(q);
      } catch {
        return null;
      }
    },
  };
});

export type { SimState } from './simSlice';
export type { UiState, EventCategory, Lang, Toast, ToastContent } from './uiSlice';
export { CLIENT_TABS_MAX, CLIENT_TABS_MIN, SIDE_TABS } from './uiSlice';
export type { SideTab, ScenarioInfo, ClusterViewKind } from './uiSlice';
