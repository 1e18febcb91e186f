/**
 * The edits the shrinker tries on a failing schedule (issue 14), each a pure
 * function from a plan to a smaller or shorter one: fewer servers, one server
 * left out, every action of one kind gone, later actions moved earlier, a
 * raised delay halved. Whether an edit is kept is the shrinker's business
 * (shrink.ts): only while the same property still breaks.
 */
import type { ServerId } from '../engine';
import type { ActionType, UserAction } from '../sim';
import type { Plan, PlannedAction } from './faultSchedule';

export function withoutEntryLimit(plan: Plan): Plan {
  const { maxEntriesPerAppend: _limit, ...rest } = plan;
  return rest;
}

/** The plan without actions [i, i + n). */
export function withoutRange(plan: Plan, i: number, n: number): Plan {
  return { ...plan, actions: plan.actions.slice(0, i).concat(plan.actions.slice(i + n)) };
}

/**
 * The action kinds a plan uses, most frequent first (ties in the order of
 * first use): removing all of a kind at once takes out the noise that
 * contiguous chunks cannot, such as a drop between every two events.
 */
export function kindsOf(plan: Plan): ActionType[] {
  const count = new Map<ActionType, number>();
  for (const p of plan.actions) count.set(p.action.type, (count.get(p.action.type) ?? 0) + 1);
  return [...count.keys()].sort((a, b) => count.get(b)! - count.get(a)!);
}

export function withoutKind(plan: Plan, kind: ActionType): Plan {
  return { ...plan, actions: plan.actions.filter((p) => p.action.type !== kind) };
}

/** Every action from position i on, `by` ms earlier. */
export function shiftFrom(plan: Plan, i: number, by: number): Plan {
  return { ...plan, actions: plan.actions.map((a, j) => (j < i ? a : { ...a, at: a.at - by })) };
}

/** A setNetwork latency halved towards its minimum, or null when there is nothing to shorten. */
export function shorterDelay(p: PlannedAction): PlannedAction | null {
  if (p.action.type !== 'setNetwork') return null;
  const latency = p.action.settings.latencyMs;
  if (latency === undefined || latency[1] - latency[0] < 2) return null;
  const [lo, hi] = latency;
  return { ...p, action: { type: 'setNetwork', settings: { ...p.action.settings, latencyMs: [lo, lo + ((hi - lo) >> 1)] } } };
}

/** The plan on servers 1..n: actions naming a server above n are dropped, partitions keep the servers that remain. */
export function withServers(plan: Plan, n: number): Plan {
  return renumbered(plan, n, (id) => (id <= n ? id : null));
}

/**
 * The plan with server `gone` left out and the ones above it renumbered down
 * (S4 becomes S3): the server that does not matter is often not the last one.
 */
export function withoutServer(plan: Plan, gone: ServerId): Plan {
  return renumbered(plan, plan.servers - 1, (id) => (id === gone ? null : id > gone ? id - 1 : id));
}

/** The plan on n servers, each old id mapped to its new one (null: that server is gone, and actions naming it go too). */
function renumbered(plan: Plan, n: number, map: (id: ServerId) => ServerId | null): Plan {
  const actions: PlannedAction[] = [];
  for (const p of plan.actions) {
    let pick = p.pick;
    if (pick !== undefined) {
      const from = map(pick.from);
      const to = map(pick.to);
      if (from === null || to === null) continue;
      pick = { ...pick, from, to };
    }
    const action = remap(p.action, map);
    if (action !== null) actions.push(pick === undefined ? { ...p, action } : { ...p, action, pick });
  }
  return { ...plan, servers: n, actions };
}

function remap(a: UserAction, map: (id: ServerId) => ServerId | null): UserAction | null {
  switch (a.type) {
    case 'partition': {
      const groups = a.groups.map((g) => g.map(map).filter((id): id is ServerId => id !== null)).filter((g) => g.length > 0);
      return groups.length < 2 ? null : { type: 'partition', groups };
    }
    case 'setLink': {
      const from = map(a.from);
      const to = map(a.to);
      return from === null || to === null ? null : { ...a, from, to };
    }
    case 'crash':
    case 'restart':
    case 'timeout':
    case 'disconnect':
    case 'connect': {
      const server = map(a.server);
      return server === null ? null : { ...a, server };
    }
    case 'submit': {
      if (a.server === undefined) return a;
      const server = map(a.server);
      return server === null ? null : { ...a, server };
    }
    default:
      return a;
  }
}
