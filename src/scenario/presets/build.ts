/**
 * Authoring presets: a script is played live on a fresh cluster and every
 * action is recorded at the exact event number and time it was applied, so the
 * resulting scenario always replays to the same run (see ../replay.ts).
 * Presets are recorded from fixed seeds (deterministic), each when it is first
 * asked for (recordOnUse).
 */
import { applyAction, createCluster, type ClusterOptions, type RaftCluster, type UserAction } from '../../sim';
import { SCENARIO_VERSION, type LocalizedText, type RecordedAction, type Scenario } from '../types';

/** One step of a preset script. */
export type ScriptStep =
  /** Let simulated time run for `wait` ms. */
  | { wait: number }
  /** Run until the predicate holds (checked after each event); fails the build after maxMs. */
  | { until: (c: RaftCluster) => boolean; maxMs: number; what?: string }
  /** Apply (and record) a user action; a function picks it from the live cluster (e.g. "crash the leader"). */
  | { do: UserAction | ((c: RaftCluster) => UserAction) }
  /** Remember this moment as the scenario's view.n (the event the viewer opens at). */
  | { mark: true };

export interface PresetTexts {
  title: LocalizedText;
  description: LocalizedText;
  suggestions: LocalizedText[];
}

/** Play `script` on createCluster(options), recording every action as {n, at, action}; runUntil is the time the script ends. */
export function record(options: Partial<ClusterOptions>, script: readonly ScriptStep[], texts?: PresetTexts): Scenario {
  const c = createCluster(options);
  const actions: RecordedAction[] = [];
  let viewN: number | undefined;
  for (const step of script) {
    if ('wait' in step) {
      c.runFor(step.wait);
    } else if ('until' in step) {
      if (!c.runUntil(step.until, step.maxMs)) {
        throw new Error(`preset script: ${step.what ?? 'a condition'} did not happen within ${step.maxMs} ms (at ${c.now} ms)`);
      }
    } else if ('do' in step) {
      const action = typeof step.do === 'function' ? step.do(c) : step.do;
      actions.push({ n: c.eventCount, at: c.now, action: structuredClone(action) });
      applyAction(c, action);
    } else {
      viewN = c.eventCount;
    }
  }
  const scenario: Scenario = { version: SCENARIO_VERSION, options: structuredClone(options), actions, runUntil: c.now };
  if (texts) {
    scenario.title = texts.title;
    scenario.description = texts.description;
    scenario.suggestions = texts.suggestions;
  }
  if (viewN !== undefined) scenario.view = { n: viewN };
  return orderKeys(scenario);
}

/**
 * A preset whose script is played when its scenario is first asked for, then
 * kept. Its texts (for the preset menu) and options (for lessons that start a
 * fresh run with a preset's settings) are there at once. Recording all of
 * them at module load cost every page load about 450 ms of main-thread script
 * on this machine (of about 700 ms in all; a page load's CPU profile, 2026-12-07),
 * for scenarios a visit mostly never opens.
 */
export class PresetRecording {
  private recorded: Scenario | null = null;

  constructor(
    readonly texts: PresetTexts,
    /** The options the run is recorded with (the scenario's own `options` are an equal copy). */
    readonly options: Partial<ClusterOptions>,
    private readonly play: () => Scenario,
  ) {}

  get scenario(): Scenario {
    return (this.recorded ??= this.play());
  }
}

/** record(), when the scenario is first asked for. */
export function recordOnUse(options: Partial<ClusterOptions>, script: readonly ScriptStep[], texts: PresetTexts): PresetRecording {
  return new PresetRecording(texts, options, () => record(options, script, texts));
}

/** The usual key order (as parseScenario produces), so encode→decode round-trips compare equal. */
function orderKeys(s: Scenario): Scenario {
  const out: Scenario = { version: s.version } as Scenario;
  if (s.title) out.title = s.title;
  if (s.description) out.description = s.description;
  if (s.suggestions) out.suggestions = s.suggestions;
  out.options = s.options;
  out.actions = s.actions;
  if (s.runUntil !== undefined) out.runUntil = s.runUntil;
  if (s.view) out.view = s.view;
  return out;
}

/** The current leader (throws if there is none: a preset script bug). */
export function leaderOf(c: RaftCluster): number {
  const id = c.leaderId();
  if (id === null) throw new Error(`preset script: no leader at ${c.now} ms`);
  return id;
}

export const hasLeader = (c: RaftCluster): boolean => c.leaderId() !== null;

/** The highest-numbered follower of `leader`. */
export const followerOf = (c: RaftCluster, leader: number): number => Math.max(...c.ids().filter((id) => id !== leader));

/** A build-time assertion: the script fails to build unless `pred` holds now (no event is processed when it does). */
export const check = (pred: (c: RaftCluster) => boolean, what: string): ScriptStep => ({ until: pred, maxMs: 0, what: `check: ${what}` });

/** Client `id` has no request outstanding. */
export const clientIdle = (id: number) => (c: RaftCluster): boolean => c.clients().every((k) => k.id !== id || k.pending === null);

/** The leader's latest configuration entry is committed (so the next change may start). */
export const configCommitted = (c: RaftCluster): boolean => {
  const l = c.leaderId();
  if (l === null) return false;
  const s = c.summary(l);
  return s.commitIndex >= s.configIndex;
};
