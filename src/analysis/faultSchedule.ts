/**
 * Fault schedules for the counterexample search (issue 14): swarm testing in
 * the manner of Groce et al. — each schedule first draws which fault kinds it
 * uses and how often, so that some schedules are all crashes, some all
 * partitions and delays, and rare combinations are not drowned by the average
 * mix. A schedule is a list of user actions at simulated times; it is drawn
 * online (a crash picks a live server, a drop picks a message in flight) and
 * can then be replayed, cut and moved by the shrinker.
 *
 * Everything here is deterministic: randomness comes from the simulator's
 * seeded PRNG, time from the simulated clock.
 */
import {
  applyAction,
  createCluster,
  LIMITS,
  Prng,
  type ClusterOptions,
  type RaftCluster,
  type SafetyProperty,
  type UserAction,
  type Violation,
} from '../sim';
import type { ServerId } from '../engine';
import type { RecordedAction } from '../scenario';

/** Simulated time after which a schedule stops even below its event budget. */
export const SCHEDULE_LIMIT_MS = 60_000;

/** The kinds of fault a schedule may use (the swarm draws a weight for each). */
export const FAULT_KINDS = ['crash', 'restart', 'partition', 'oneWayLink', 'drop', 'duplicate', 'delay', 'command', 'timeout'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * A drop or duplicate aims at a message by kind and ends, not by id: ids shift
 * when the shrinker removes an earlier action, and "the next AppendEntries from
 * S1 to S3" keeps its meaning.
 */
export interface MessagePick {
  type: string;
  from: number;
  to: number;
  /** Which of the matching messages in flight (0: the first to be delivered). */
  k: number;
}

export interface PlannedAction {
  /** Simulated ms at which the action is applied. */
  at: number;
  action: UserAction;
  pick?: MessagePick;
}

/** A schedule: a cluster size and the actions applied to it. */
export interface Plan {
  servers: number;
  /**
   * Set when the swarm lowered the entries per AppendEntries below the caller's:
   * a follower far behind then catches up over several requests, which is when
   * leaderCommit can run ahead of the last new entry (Figure 2's min).
   */
  maxEntriesPerAppend?: number;
  actions: PlannedAction[];
}

/** One schedule's draw of fault kinds and rates. */
export interface Swarm {
  servers: number;
  maxEntriesPerAppend?: number;
  weights: Record<FaultKind, number>;
  /** Mean simulated ms between two actions. */
  meanGapMs: number;
}

export function drawSwarm(r: Prng, maxServers: number): Swarm {
  const servers = r.int(3, Math.max(3, maxServers));
  const weights = {} as Record<FaultKind, number>;
  for (const kind of FAULT_KINDS) weights[kind] = r.chance(0.5) ? r.int(1, 10) : 0;
  if (FAULT_KINDS.every((k) => weights[k] === 0)) weights.command = 1;
  const meanGapMs = r.int(5, 150);
  return r.chance(0.25) ? { servers, maxEntriesPerAppend: r.int(1, 4), weights, meanGapMs } : { servers, weights, meanGapMs };
}

function pickKind(r: Prng, weights: Record<FaultKind, number>): FaultKind {
  let total = 0;
  for (const k of FAULT_KINDS) total += weights[k];
  let roll = r.int(0, total - 1);
  for (const k of FAULT_KINDS) {
    roll -= weights[k];
    if (roll < 0) return k;
  }
  return 'command';
}

function oneOf<T>(r: Prng, xs: readonly T[]): T | undefined {
  return xs.length === 0 ? undefined : xs[r.int(0, xs.length - 1)];
}

/**
 * The next action of kind `kind` for the cluster as it stands, or null when
 * that kind has nothing to act on (no crashed server to restart, nothing in flight).
 */
export function drawAction(
  r: Prng,
  c: RaftCluster,
  kind: FaultKind,
  up: ReadonlySet<ServerId>,
  base: Pick<ClusterOptions, 'latencyMs'>,
): Omit<PlannedAction, 'at'> | null {
  const ids = c.ids();
  // Only this schedule's own actions crash and restart servers, so it keeps count itself (a server view copies the log).
  const alive = ids.filter((id) => up.has(id));
  switch (kind) {
    case 'crash': {
      // Leaders more often: a leader's crash is what starts most of the paper's stories (Figures 7, 8).
      const leader = c.leaderId();
      const id = leader !== null && r.chance(0.5) ? leader : oneOf(r, alive);
      return id === undefined ? null : { action: { type: 'crash', server: id } };
    }
    case 'restart': {
      const id = oneOf(r, ids.filter((x) => !up.has(x)));
      return id === undefined ? null : { action: { type: 'restart', server: id } };
    }
    case 'partition': {
      if (r.chance(0.3)) return { action: { type: 'heal' } };
      const order = ids.slice();
      for (let i = order.length - 1; i > 0; i--) {
        const j = r.int(0, i);
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      const cut = r.int(1, order.length - 1);
      return { action: { type: 'partition', groups: [order.slice(0, cut), order.slice(cut)] } };
    }
    case 'oneWayLink': {
      const from = oneOf(r, ids)!;
      const to = oneOf(r, ids.filter((id) => id !== from))!;
      return { action: { type: 'setLink', from, to, up: r.chance(0.3) } };
    }
    case 'drop':
    case 'duplicate': {
      if (r.chance(0.3)) {
        const rate = r.int(0, 50) / 100;
        return { action: { type: 'setNetwork', settings: kind === 'drop' ? { dropRate: rate } : { duplicateRate: rate } } };
      }
      const inFlight = c.messages();
      const m = oneOf(r, inFlight);
      if (m === undefined) return null;
      const same = inFlight.filter((x) => x.type === m.type && x.from === m.from && x.to === m.to);
      const pick = { type: m.type, from: m.from, to: m.to, k: same.indexOf(m) };
      return kind === 'drop' ? { action: { type: 'dropMessage', message: m.id }, pick } : { action: { type: 'duplicateMessage', message: m.id }, pick };
    }
    case 'delay': {
      if (r.chance(0.4)) return { action: { type: 'setNetwork', settings: { latencyMs: [base.latencyMs[0], base.latencyMs[1]] } } };
      const lo = r.int(1, 200);
      return { action: { type: 'setNetwork', settings: { latencyMs: [lo, lo + r.int(0, 600)] } } };
    }
    case 'command': {
      // To the leader mostly; sometimes to any server, which reaches a deposed leader that still thinks it leads.
      const server = r.chance(0.7) ? undefined : oneOf(r, alive);
      const command = `x=${r.int(0, 99)}`;
      return { action: server === undefined ? { type: 'submit', command } : { type: 'submit', command, server } };
    }
    case 'timeout': {
      const leader = c.leaderId();
      const id = oneOf(r, alive.filter((x) => x !== leader));
      return id === undefined ? null : { action: { type: 'timeout', server: id } };
    }
  }
}

/**
 * Watches a run for the first violation of `property` (of any property when
 * undefined), looking only at violations recorded since it last looked: with a
 * companion switch on, violations of other properties pile up while the
 * search waits for its own.
 */
export function violationWatch(property: SafetyProperty | undefined): (c: RaftCluster) => Violation | undefined {
  let seen = 0;
  return (c) => {
    const count = c.violationCount;
    if (count === seen) return undefined;
    const fresh = c.violations().slice(seen);
    seen = count;
    return property === undefined ? fresh[0] : fresh.find((v) => v.property === property);
  };
}

/** What running a schedule gave. */
export interface PlanRun {
  violation?: Violation;
  /** The actions as applied (drops and duplicates resolved to message ids; refused actions left out). */
  recorded: RecordedAction[];
  /** The planned actions that were applied (same order as recorded). */
  applied: PlannedAction[];
  events: number;
}

/** The options of a schedule's cluster (as the scenario records them). */
export function planOptions(options: Partial<ClusterOptions>, plan: Pick<Plan, 'servers' | 'maxEntriesPerAppend'>, seed: string): Partial<ClusterOptions> {
  const o = { ...options, servers: plan.servers, seed };
  return plan.maxEntriesPerAppend === undefined ? o : { ...o, maxEntriesPerAppend: plan.maxEntriesPerAppend };
}

/** While searching and shrinking no trace is kept (the checker and the hash still see every event). */
export function searchOptions(options: Partial<ClusterOptions>, plan: Pick<Plan, 'servers' | 'maxEntriesPerAppend'>, seed: string): Partial<ClusterOptions> {
  return { ...planOptions(options, plan, seed), traceLimit: 0 };
}

/**
 * Run a schedule: each action at its time (or at once, if the run is already
 * past it), stopping at the first violation of `property` or after
 * `maxEvents` events. A drop or duplicate takes the first message in flight
 * that matches its pick; an action with nothing to act on, or that the
 * cluster refuses, is skipped (a refused action changes nothing).
 */
export function runPlan(options: Partial<ClusterOptions>, plan: Plan, maxEvents: number, property: SafetyProperty | undefined): PlanRun {
  const c = createCluster(options);
  const recorded: RecordedAction[] = [];
  const applied: PlannedAction[] = [];
  let violation: Violation | undefined;
  const watch = violationWatch(property);
  const done = (cc: RaftCluster): boolean => violation !== undefined || cc.eventCount >= maxEvents || (violation = watch(cc)) !== undefined;
  for (const p of plan.actions) {
    // Always run (even for 0 ms): the search processed the events due at this very ms before acting.
    if (c.runUntil(done, Math.max(0, p.at - c.now))) break;
    const action = resolve(c, p);
    if (action === null) continue;
    // Recorded as the scenario format wants it: after event n (the action may itself be an event).
    const n = c.eventCount;
    try {
      applyAction(c, action);
    } catch {
      continue; // refused: nothing changed
    }
    recorded.push({ n, at: c.now, action });
    applied.push(p);
  }
  if (violation === undefined && !done(c)) c.runUntil(done, LIMITS.timeMs);
  return { violation, recorded, applied, events: c.eventCount };
}

function resolve(c: RaftCluster, p: PlannedAction): UserAction | null {
  if (p.pick === undefined) return p.action;
  const { type, from, to, k } = p.pick;
  const same = c.messages().filter((x) => x.type === type && x.from === from && x.to === to);
  // Fewer such messages than when drawn (the shrinker changed the run): aim at the last one.
  const m = same[Math.min(k, same.length - 1)];
  if (m === undefined) return null;
  return p.action.type === 'dropMessage' ? { type: 'dropMessage', message: m.id } : { type: 'duplicateMessage', message: m.id };
}

/**
 * Draw and run one schedule online: the swarm's kinds and rates, an action
 * every 0–2×meanGapMs, until a violation of `property` or `maxEvents` events.
 */
export function runRandomSchedule(
  options: Partial<ClusterOptions>,
  swarm: Swarm,
  r: Prng,
  maxEvents: number,
  property: SafetyProperty | undefined,
): { plan: Plan; violation?: Violation; events: number } {
  const c = createCluster(options);
  const up = new Set(c.ids());
  const actions: PlannedAction[] = [];
  let violation: Violation | undefined;
  const watch = violationWatch(property);
  // A schedule that crashed every server and may not restart one has no more events: a time limit ends it too.
  const done = (cc: RaftCluster): boolean =>
    violation !== undefined || cc.eventCount >= maxEvents || cc.now >= SCHEDULE_LIMIT_MS || (violation = watch(cc)) !== undefined;
  while (!done(c)) {
    if (c.runUntil(done, r.int(0, 2 * swarm.meanGapMs))) break;
    const drawn = drawAction(r, c, pickKind(r, swarm.weights), up, c.options);
    if (drawn === null) continue;
    try {
      applyAction(c, drawn.action);
    } catch {
      continue;
    }
    if (drawn.action.type === 'crash') up.delete(drawn.action.server);
    if (drawn.action.type === 'restart') up.add(drawn.action.server);
    actions.push({ at: c.now, ...drawn });
  }
  const plan: Plan = swarm.maxEntriesPerAppend === undefined ? { servers: swarm.servers, actions } : { servers: swarm.servers, maxEntriesPerAppend: swarm.maxEntriesPerAppend, actions };
  return { plan, violation, events: c.eventCount };
}
