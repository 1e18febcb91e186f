/**
 * Random sessions played live for the codec tests (codec.roundtrip and
 * codec.hostile): random options, starting states and actions (those of format
 * 1 and, in two sessions of three, those format 2 added), recorded as the app
 * records them. Not a test file.
 */
import { expect } from 'vitest';
import { applyAction, createCluster, LIMITS, MAX_SERVERS, UNSAFE_RULES, type ClusterOptions, type InitialServer, type RaftCluster, type ServerSummary, type UserAction } from '../sim';
import { COMMANDS, HOSTILE_TEXT, rng, type Rng } from './codecTestHelpers';
import { SCENARIO_VERSION, type RecordedAction, type Scenario } from './types';

function randomInitial(r: Rng, servers: number): InitialServer[] {
  const ids = Array.from({ length: servers }, (_, i) => i + 1).filter(() => r.bool(0.6));
  return ids.map((id) => {
    const s: InitialServer = { id };
    let term = 1;
    const log: Array<number | { term: number; command: string | null }> = [];
    for (let i = r.int(6); i > 0; i--) {
      term += r.int(2);
      log.push(r.bool() ? term : { term, command: r.bool(0.8) ? r.pick(COMMANDS) : null });
    }
    if (r.bool(0.8)) s.log = log;
    if (r.bool()) s.currentTerm = (s.log && s.log.length > 0 ? term : 0) + r.int(3);
    if (r.bool()) s.votedFor = r.bool() ? null : 1 + r.int(servers);
    if (r.bool(0.3)) s.crashed = r.bool();
    return s;
  });
}

/** Random options; with `format2`, sometimes the options format 2 added (snapshots, PreVote, CheckQuorum, clients…). */
function randomOptions(r: Rng, format2: boolean): Partial<ClusterOptions> {
  const o: Partial<ClusterOptions> = {};
  const servers = 1 + r.int(MAX_SERVERS);
  if (servers !== 5 || r.bool()) o.servers = servers;
  if (r.bool(0.9)) o.seed = r.bool(0.7) ? `seed-${r.int(1e6)}${r.pick(['', ' é', '🦀', '<b>'])}` : r.bool() ? r.int(2e9) - 1e9 : r.next() * 1000;
  if (r.bool()) {
    const lo = 50 + r.int(300);
    o.electionTimeoutMs = [lo, lo + r.int(300)];
  }
  if (r.bool()) o.heartbeatMs = 20 + r.int(60) + (r.bool() ? 0.5 : 0);
  if (r.bool()) {
    const lo = r.int(20);
    o.latencyMs = [lo, lo + r.int(30) + r.next()];
  }
  if (r.bool(0.3)) o.dropRate = r.bool() ? 0.05 * r.int(4) : r.next() * 0.3;
  if (r.bool(0.3)) o.duplicateRate = r.bool() ? 0.05 * r.int(3) : r.next() * 0.2;
  if (r.bool(0.3)) o.leaderNoop = r.bool();
  if (r.bool(0.2)) o.preVote = false;
  if (r.bool(0.2)) o.checkQuorum = false;
  if (format2) {
    if (r.bool(0.4)) o.preVote = r.bool(0.7);
    if (r.bool(0.4)) o.checkQuorum = r.bool(0.7);
    if (r.bool(0.3)) o.leaderStickiness = r.bool(0.7);
    // Small thresholds and chunks, so that snapshots and chunked InstallSnapshot happen in short runs.
    if (r.bool(0.4)) o.snapshotThreshold = r.bool(0.2) ? 0 : 1 + r.int(8);
    if (r.bool(0.3)) o.snapshotChunkBytes = 16 + r.int(200);
    if (r.bool(0.3)) o.clientSessions = r.bool();
    if (r.bool(0.3)) o.readLeases = r.bool(0.7);
    if (r.bool(0.3)) o.clientTimeoutMs = 100 + r.int(600) + (r.bool() ? r.next() : 0);
  }
  if (r.bool(0.3)) o.fastBackup = r.bool();
  if (r.bool(0.3)) o.maxEntriesPerAppend = 1 + r.int(100);
  if (r.bool(0.3)) o.traceLimit = r.int(5_000);
  if (r.bool(0.3)) o.unsafe = Object.fromEntries(UNSAFE_RULES.filter(() => r.bool(0.25)).map((k) => [k, r.bool()]));
  if (r.bool(0.25)) o.initial = randomInitial(r, servers);
  return o;
}

/** One of the actions format 1 had (on the live cluster's servers, which membership changes may have added to). */
function randomAction(r: Rng, c: RaftCluster): UserAction {
  const ids = c.ids();
  const servers = ids.length;
  const k = r.int(servers);
  const id = ids[k];
  for (;;) {
    switch (r.int(14)) {
      case 0:
      case 1: {
        const a: UserAction = { type: 'submit', command: r.pick(COMMANDS) + (r.bool() ? String(r.int(1000)) : '') };
        if (r.bool(0.3)) a.server = id;
        return a;
      }
      case 2:
        return { type: 'crash', server: id };
      case 3:
        return { type: 'restart', server: id };
      case 4:
        if (c.server(id).alive) return { type: 'timeout', server: id };
        break;
      case 5:
        return { type: r.bool() ? 'disconnect' : 'connect', server: id };
      case 6:
        if (servers >= 2) return { type: 'setLink', from: id, to: ids[(k + 1) % servers], up: r.bool() };
        break;
      case 7: {
        const shuffled = ids.filter(() => r.bool(0.85)).sort(() => r.next() - 0.5);
        const cut = r.int(shuffled.length + 1);
        const groups = r.bool(0.2) ? [shuffled] : [shuffled.slice(0, cut), shuffled.slice(cut)];
        if (r.bool(0.1)) groups.push([]);
        return { type: 'partition', groups };
      }
      case 8:
        return { type: 'heal' };
      case 9: {
        const settings: Extract<UserAction, { type: 'setNetwork' }>['settings'] = {};
        if (r.bool()) {
          const lo = r.int(40);
          settings.latencyMs = [lo, lo + r.int(40)];
        }
        if (r.bool()) settings.dropRate = r.int(5) * 0.05;
        if (r.bool()) settings.duplicateRate = r.next() * 0.2;
        return { type: 'setNetwork', settings };
      }
      case 10:
      case 11: {
        const messages = c.messages();
        if (messages.length > 0) return { type: r.bool() ? 'dropMessage' : 'duplicateMessage', message: r.pick(messages).id };
        break;
      }
      case 12: {
        // Manual mode: a pending event other than the next one.
        const pending = c.pending();
        if (pending.length > 0) return { type: 'processEvent', seq: r.pick(pending).seq };
        break;
      }
      default:
        return { type: 'heal' };
    }
  }
}

/** The term of a server's entry at its commitIndex (the snapshot's term if compacted). */
function committedTerm(c: RaftCluster, s: ServerSummary): number {
  if (s.commitIndex <= s.snapshotIndex) return s.snapshotTerm;
  return c.logEntries(s.id).find((e) => e.index === s.commitIndex)?.term ?? 0;
}

/** Most servers a session may grow to (each one makes the run slower). */
const GROW_LIMIT = 12;

/**
 * One of the actions format 2 added, chosen to be valid in the live cluster
 * where that is cheap to know (a leader for membership changes and transfers, a
 * live server to snapshot, an idle client). The cluster may still refuse it
 * (e.g. a configuration change already in progress, or a stale leader): the
 * caller skips an action that throws.
 */
function randomFormat2Action(r: Rng, c: RaftCluster): UserAction | null {
  const ids = c.ids();
  const leaderId = c.leaderId();
  const leader = leaderId === null ? null : c.summary(leaderId);
  const voters = leader ? leader.config.voters : [];
  // §6 (the engine's membershipBlocked): one change at a time, none during a transfer, and not before the leader has
  // committed an entry of its own term. Now and then try anyway, so that refusals are exercised too.
  const mayChange =
    leader !== null &&
    ((leader.transferee === null && leader.configIndex <= leader.commitIndex && committedTerm(c, leader) === leader.term) || r.bool(0.15));
  switch (r.int(7)) {
    case 0:
      return mayChange && ids.length < GROW_LIMIT ? { type: 'addServer' } : null;
    case 1: {
      if (!leader || !mayChange) return null;
      const members = [...leader.config.voters, ...leader.config.learners];
      return members.length > 1 ? { type: 'removeServer', server: r.pick(members) } : null;
    }
    case 2: {
      if (!leader || !mayChange) return null;
      // Some of the running servers, perhaps with a new one (joint consensus, §6).
      const chosen = ids.filter(() => r.bool(0.6));
      if (ids.length < GROW_LIMIT && r.bool(0.4)) chosen.push(Math.max(...ids) + 1);
      if (chosen.length === 0) chosen.push(leader.id);
      return { type: 'changeMembership', servers: chosen.sort(() => r.next() - 0.5) };
    }
    case 3: {
      const others = voters.filter((v) => v !== leaderId);
      return others.length > 0 ? { type: 'transferLeadership', server: r.pick(others) } : null;
    }
    case 4: {
      const alive = ids.filter((v) => c.summary(v).alive);
      return alive.length > 0 ? { type: 'snapshot', server: r.pick(alive) } : null;
    }
    default: {
      const busy = new Set(c.clients().filter((x) => x.pending !== null).map((x) => x.id));
      const idle = Array.from({ length: LIMITS.clients }, (_, i) => i + 1).filter((v) => !busy.has(v));
      // Now and then a busy client on purpose: the cluster refuses it and the session skips it.
      const client = idle.length > 0 && r.bool(0.9) ? r.pick(idle) : 1 + r.int(LIMITS.clients);
      const key = r.pick(['x', 'y', 'name', '键']);
      return r.bool(0.6) ? { type: 'clientRequest', client, command: `${key}=${r.int(100)}` } : { type: 'clientRequest', client, read: key };
    }
  }
}

/** What the random sessions did, to check they covered what they should. */
export interface SessionStats {
  /** Actions the live cluster refused (and the session skipped), by type. */
  refused: Map<string, number>;
  grew: number;
}

/** Play a random session live, recording each action as the time-travel work does; returns the scenario and the live cluster. */
export function liveSession(k: number, stats: SessionStats = { refused: new Map(), grew: 0 }): { scenario: Scenario; live: RaftCluster; format2: boolean } {
  const r = rng(k);
  // Two in three sessions use format 2's options and actions; the rest only what format 1 had.
  const format2 = k % 3 !== 0;
  const options = randomOptions(r, format2);
  const c = createCluster(options);
  const servers = options.servers ?? 5;
  const actions: RecordedAction[] = [];
  for (let i = r.int(40); i > 0; i--) {
    const move = r.int(4);
    if (move === 0) c.runFor(r.int(300) + (r.bool() ? r.next() : 0));
    else if (move === 1) for (let j = r.int(5); j >= 0; j--) c.step();
    else if (move === 2) c.runUntil((cc) => cc.leaderId() !== null, r.int(500));
    // Each move is followed by one recorded action (its n and at are what replay the move), so a new
    // action the cluster refuses is replaced by one of format 1's.
    let action = format2 && r.bool(0.4) ? randomFormat2Action(r, c) : null;
    if (action !== null) {
      // The API checks everything before it changes anything: a refused action leaves no trace.
      const before = { hash: c.traceHash(), events: c.eventCount, now: c.now, ids: c.ids().length };
      try {
        applyAction(c, action);
        if (c.ids().length > before.ids) stats.grew++;
      } catch {
        expect({ hash: c.traceHash(), events: c.eventCount, now: c.now, ids: c.ids().length }, `session ${k}: refused ${JSON.stringify(action)}`).toStrictEqual(before);
        stats.refused.set(action.type, (stats.refused.get(action.type) ?? 0) + 1);
        action = null;
      }
      if (action !== null) actions.push({ n: before.events, at: before.now, action });
    }
    if (action === null) {
      action = randomAction(r, c);
      actions.push({ n: c.eventCount, at: c.now, action });
      applyAction(c, action);
    }
  }
  const scenario: Scenario = { version: SCENARIO_VERSION, options, actions };
  if (r.bool(0.8)) {
    c.runFor(r.int(800));
    scenario.runUntil = c.now;
  }
  if (r.bool(0.3)) scenario.title = r.bool() ? { en: `Session ${k} ${r.pick(HOSTILE_TEXT)}` } : { en: `Session ${k}`, zh: `会话 ${k}` };
  if (r.bool(0.2)) scenario.description = { en: r.pick(HOSTILE_TEXT).repeat(3), zh: '描述' };
  if (r.bool(0.2)) scenario.suggestions = [{ en: 'Crash the leader.' }, { en: 'Heal the network.', zh: '修复网络。' }].slice(0, 1 + r.int(2));
  if (r.bool(0.3)) {
    scenario.view = {};
    if (r.bool()) scenario.view.n = r.int(c.eventCount + 1);
    // Any running server, one a membership change added too.
    if (r.bool()) scenario.view.selectedServer = r.bool(0.3) ? null : r.bool(0.7) ? 1 + r.int(servers) : r.pick(c.ids());
    if (r.bool()) scenario.view.speed = r.pick([0.001, 0.25, 1, 2.5, 10]);
    if (r.bool()) scenario.view.lang = r.pick(['en', 'zh'] as const);
  }
  return { scenario, live: c, format2 };
}
