/**
 * What replaying a scenario will cost, estimated before it starts (issue 10:
 * a valid link of 9 servers with a 1 ms heartbeat and timeout, duplicating
 * every message, for an hour, kept the worker busy for 28 minutes).
 *
 * The estimate is a cheap upper bound from the servers, the timing, the
 * network and the duration; it does not run anything. A run whose election
 * timeout cannot outlast a heartbeat's round trip never settles (every server
 * keeps standing, §5.2 and §9.3's broadcastTime ≪ electionTimeout), so it is
 * costed as an endless election; otherwise as a leader's heartbeats. The
 * page refuses a scenario over LOAD_BUDGET_EVENTS with a sentence naming the
 * estimate and the budget; below it, replay shows progress and can be
 * cancelled, so an estimate that is off costs waiting, never a hung page.
 */
import { DEFAULT_OPTIONS, MAX_SERVERS, type ClusterOptions } from '../sim';
import type { Scenario } from './types';

/** Events the page replays at most for one link, file or preset: about half a minute in the worker on a 2-core laptop (~400,000 events/s measured in e2e/loading.spec.ts under the dev server). */
export const LOAD_BUDGET_EVENTS = 12_000_000;

export interface ScenarioCost {
  /** Estimated events (an upper bound for the runs the simulator makes). */
  events: number;
  /** Simulated ms the replay reaches. */
  durationMs: number;
  /** Whether the timing gives endless elections (timeout shorter than a heartbeat's round trip). */
  electionStorm: boolean;
}

function num(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

function pair(v: unknown, fallback: readonly [number, number]): [number, number] {
  return Array.isArray(v) && v.length === 2 ? [num(v[0], fallback[0]), num(v[1], fallback[1])] : [fallback[0], fallback[1]];
}

/** The estimate for a (validated) scenario. Pure and cheap: O(actions). */
export function estimateScenarioCost(s: Scenario): ScenarioCost {
  const o: Partial<ClusterOptions> = s.options ?? {};
  let servers = Math.max(num(o.servers, DEFAULT_OPTIONS.servers), ...(o.initial ?? []).map((i) => num(i.id, 0)));
  let duplicateRate = num(o.duplicateRate, DEFAULT_OPTIONS.duplicateRate);
  let latencyMax = pair(o.latencyMs, DEFAULT_OPTIONS.latencyMs)[1];
  let durationMs = num(s.runUntil, 0);
  for (const a of s.actions) {
    durationMs = Math.max(durationMs, a.at);
    if (a.action.type === 'addServer') servers++;
    if (a.action.type === 'changeMembership') servers = Math.max(servers, ...a.action.servers);
    if (a.action.type === 'setNetwork') {
      duplicateRate = Math.max(duplicateRate, num(a.action.settings.duplicateRate, 0));
      latencyMax = Math.max(latencyMax, pair(a.action.settings.latencyMs, [0, 0])[1]);
    }
  }
  servers = Math.min(servers, MAX_SERVERS);
  const heartbeat = Math.max(1, num(o.heartbeatMs, DEFAULT_OPTIONS.heartbeatMs));
  const electionMin = Math.max(1, pair(o.electionTimeoutMs, DEFAULT_OPTIONS.electionTimeoutMs)[0]);
  // One round: a request to each peer and its reply, each delivered (1 + duplicateRate) times, plus the timer.
  const round = (servers - 1) * 2 * (1 + duplicateRate) + 1;
  // Every server's timer fires before an answer can come back: each stands every electionMin ms,
  // and any of them may lead for a moment and send heartbeats; otherwise one leader sends them.
  const electionStorm = electionMin <= 2 * latencyMax + heartbeat;
  const perMs = electionStorm ? servers * round * (1 / electionMin + 1 / heartbeat) : round / heartbeat + servers / electionMin;
  // Each action is an event and may start a round of messages.
  const events = Math.ceil(perMs * durationMs + s.actions.length * (round + 1));
  return { events, durationMs, electionStorm };
}
