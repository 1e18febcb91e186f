/** The presets for the second half of Raft (#5): each replays to the behaviour it is about. */
import { describe, expect, it } from 'vitest';
import type { Note } from '../../engine';
import type { RaftCluster, TraceEvent, UserAction } from '../../sim';
import { replayScenario, type Scenario } from '..';
import { PRESETS } from '.';
import { leaderStepDowns } from './extensionsElections';

const NEW_PRESETS = [
  'snapshot-install',
  'add-two-servers',
  'joint-consensus',
  'removed-server-disrupts',
  'removed-server-quiet',
  'rejoin-without-prevote',
  'rejoin-with-prevote',
  'check-quorum',
  'leadership-transfer',
  'retry-without-sessions',
  'retry-with-sessions',
  'read-index',
];

function preset(id: string): Scenario {
  const p = PRESETS.find((x) => x.id === id);
  if (!p) throw new Error(`no preset ${id}`);
  return p.scenario;
}

/** The k-th recorded action of a type (its event number and the action). */
function action<T extends UserAction['type']>(s: Scenario, type: T, k = 0): { n: number; at: number; action: Extract<UserAction, { type: T }> } {
  const found = s.actions.filter((a) => a.action.type === type)[k];
  if (!found) throw new Error(`no ${type} action #${k}`);
  return found as { n: number; at: number; action: Extract<UserAction, { type: T }> };
}

/** Every note of a kind, with the event it belongs to. */
function notesOf<K extends Note['kind']>(c: RaftCluster, kind: K, after = 0): Array<{ e: TraceEvent; note: Extract<Note, { kind: K }> }> {
  const out: Array<{ e: TraceEvent; note: Extract<Note, { kind: K }> }> = [];
  for (const e of c.trace()) if (e.n > after) for (const note of e.notes) if (note.kind === kind) out.push({ e, note: note as Extract<Note, { kind: K }> });
  return out;
}

const delivered = (c: RaftCluster, type: string, after = 0): TraceEvent[] => c.trace().filter((e) => e.n > after && e.kind === 'deliver' && e.message?.type === type);
const terms = (c: RaftCluster, ids: number[]): number[] => ids.map((id) => c.server(id).term);

describe('presets for the Raft extensions', () => {
  it('are all registered, each with English and Chinese texts', () => {
    for (const id of NEW_PRESETS) {
      const s = preset(id);
      for (const text of [s.title, s.description, ...(s.suggestions ?? [])]) {
        expect(text?.en.trim(), id).toBeTruthy();
        expect(text?.zh, id).toMatch(/[\u4e00-\u9fff]/);
      }
      expect(s.view?.n, id).toBeGreaterThan(0);
    }
  });

  it('every one replays without a safety violation', () => {
    for (const id of NEW_PRESETS) expect(replayScenario(preset(id)).violations(), id).toEqual([]);
  });

  it('snapshot: the restarted follower gets the snapshot in several chunks and ends with the leader’s state', () => {
    const s = preset('snapshot-install');
    const away = action(s, 'crash').action.server;
    const restart = action(s, 'restart');
    const c = replayScenario(s);
    const leader = c.leaderId()!;
    const chunks = delivered(c, 'InstallSnapshot', restart.n).filter((e) => e.server === away);
    const offsets = new Set(chunks.map((e) => (e.message as unknown as { offset: number }).offset));
    expect(offsets.size).toBeGreaterThanOrEqual(4);
    const installed = notesOf(c, 'snapshotInstalled', restart.n).filter(({ e }) => e.server === away);
    expect(installed).toHaveLength(1);
    const f = c.server(away);
    const l = c.server(leader);
    expect(f.snapshotIndex).toBeGreaterThan(0);
    expect(f.snapshotIndex).toBe(installed[0]!.note.index);
    expect(l.snapshotIndex).toBeGreaterThan(0);
    expect(f.commitIndex).toBe(30);
    expect(f.lastApplied).toBe(l.lastApplied);
    expect(f.stateMachine.kv).toEqual(l.stateMachine.kv);
    expect(l.stateMachine.kv).toEqual({ x: '28', y: '29', z: '30' });
  });

  it('adding two servers: each joins as a learner, is promoted, and the next starts only afterwards', () => {
    const s = preset('add-two-servers');
    const c = replayScenario(s);
    const changes = notesOf(c, 'configAppended').map(({ note }) => [note.change, ...note.servers].join(' '));
    expect(changes.map((x) => x.split(' ')[0])).toEqual(['addLearner', 'promote', 'addLearner', 'promote']);
    const promotions = notesOf(c, 'configAppended').filter(({ note }) => note.change === 'promote');
    // The second addServer comes after the first promotion was committed by the leader.
    const firstPromotion = promotions[0]!;
    const committed = notesOf(c, 'commitAdvanced').find(({ e, note }) => e.server === firstPromotion.e.server && note.to >= firstPromotion.note.index)!;
    expect(action(s, 'addServer', 1).n).toBeGreaterThan(committed.e.n);
    for (const v of c.servers()) {
      expect(v.config.voters, `S${v.id}`).toEqual([1, 2, 3, 4, 5]);
      expect(v.config.learners, `S${v.id}`).toEqual([]);
      expect(v.stateMachine.kv, `S${v.id}`).toEqual({ x: '1', y: '2' });
    }
  });

  it('joint consensus: C_old,new then C_new; the old leader steps down once C_new commits; a C_new member leads', () => {
    const s = preset('joint-consensus');
    const change = action(s, 'changeMembership');
    const target = change.action.servers;
    const c = replayScenario(s);
    const kinds = notesOf(c, 'configAppended', change.n).map(({ note }) => note.change);
    expect(kinds).toEqual(['addLearner', 'enterJoint', 'leaveJoint']);
    const leaveJoint = notesOf(c, 'configAppended', change.n).find(({ note }) => note.change === 'leaveJoint')!;
    const oldLeader = leaveJoint.e.server!;
    expect(target).not.toContain(oldLeader);
    const stepDown = notesOf(c, 'roleChanged', change.n).find(({ e }) => e.server === oldLeader)!;
    expect(stepDown.note.reason).toBe('removedFromConfig');
    const commitCNew = notesOf(c, 'commitAdvanced', change.n).find(({ e, note }) => e.server === oldLeader && note.to >= leaveJoint.note.index)!;
    expect(commitCNew.e.n).toBe(stepDown.e.n);
    const leader = c.leaderId()!;
    expect(target).toContain(leader);
    for (const id of target) {
      expect(c.server(id).config).toEqual({ voters: target, learners: [] });
      expect(c.server(id).commitIndex).toBe(c.server(leader).commitIndex);
      expect(c.server(id).stateMachine.kv).toEqual({ x: '1', y: '2' });
    }
  });

  it('removed server: without the §6 rule terms inflate and leaders fall; with it nothing changes', () => {
    const runs = ['removed-server-disrupts', 'removed-server-quiet'].map((id) => {
      const s = preset(id);
      const removal = action(s, 'removeServer');
      const c = replayScenario(s);
      const members = c.ids().filter((x) => x !== removal.action.server);
      return { c, removal, members, stepDowns: leaderStepDowns(c, removal.n), higherTerm: notesOf(c, 'roleChanged', removal.n).filter(({ note }) => note.from === 'leader' && note.reason === 'higherTerm').length };
    });
    const [loud, quiet] = runs as [(typeof runs)[0], (typeof runs)[0]];
    expect(loud.stepDowns).toBeGreaterThanOrEqual(3);
    expect(loud.higherTerm).toBe(loud.stepDowns);
    expect(Math.min(...terms(loud.c, loud.members))).toBeGreaterThanOrEqual(6);
    expect(quiet.stepDowns).toBe(0);
    expect(new Set(terms(quiet.c, quiet.members))).toEqual(new Set([1]));
    expect(quiet.c.server(quiet.removal.action.server).term).toBeGreaterThan(3);
    expect(notesOf(quiet.c, 'voteIgnored', quiet.removal.n).length).toBeGreaterThan(0);
    for (const { c, members, removal } of runs) {
      expect(c.server(removal.action.server).config.voters).toContain(removal.action.server);
      for (const id of members) expect(c.server(id).config.voters).not.toContain(removal.action.server);
      expect(c.clients()[0]!.history.at(-1)!.status).toBe('done');
    }
  });

  it('rejoin: without PreVote the returning server’s term deposes the leader; with PreVote nothing happens', () => {
    const runs = ['rejoin-without-prevote', 'rejoin-with-prevote'].map((id) => {
      const s = preset(id);
      const back = action(s, 'connect');
      const c = replayScenario(s);
      return { c, back, isolated: back.action.server, stepDowns: leaderStepDowns(c, back.n) };
    });
    const [without, withPreVote] = runs as [(typeof runs)[0], (typeof runs)[0]];
    expect(without.stepDowns).toBeGreaterThanOrEqual(1);
    expect(notesOf(without.c, 'roleChanged', without.back.n).find(({ note }) => note.from === 'leader')!.note.reason).toBe('higherTerm');
    expect(without.c.server(without.c.leaderId()!).term).toBeGreaterThan(3);
    expect(withPreVote.stepDowns).toBe(0);
    expect(new Set(terms(withPreVote.c, withPreVote.c.ids()))).toEqual(new Set([1]));
    const isolatedRoles = (r: (typeof runs)[0]): string[] => notesOf(r.c, 'roleChanged').filter(({ e }) => e.server === r.isolated).map(({ note }) => note.to);
    expect(isolatedRoles(withPreVote)).toContain('precandidate');
    expect(isolatedRoles(withPreVote)).not.toContain('candidate');
    expect(isolatedRoles(without)).toContain('candidate');
    for (const { c, isolated } of runs) {
      expect(c.leaderId()).not.toBe(isolated);
      expect(c.server(isolated).commitIndex).toBe(3);
    }
  });

  it('CheckQuorum: the cut-off leader steps down within two election timeouts and the majority carries on', () => {
    const s = preset('check-quorum');
    const cut = action(s, 'partition');
    const cutOff = cut.action.groups[0]![0]!;
    const c = replayScenario(s);
    const stepDown = notesOf(c, 'roleChanged', cut.n).find(({ e, note }) => e.server === cutOff && note.from === 'leader')!;
    expect(stepDown.note.reason).toBe('checkQuorum');
    expect(stepDown.e.time - cut.at).toBeLessThanOrEqual(600);
    expect(notesOf(c, 'checkQuorumFailed', cut.n)[0]!.note.active).toEqual([cutOff]);
    expect(c.server(cutOff).role).not.toBe('leader');
    const leader = c.leaderId()!;
    expect(leader).not.toBe(cutOff);
    expect(c.server(leader).stateMachine.kv).toEqual({ x: '1', y: '2' });
  });

  it('leadership transfer: entries first, then TimeoutNow, then the target leads', () => {
    const s = preset('leadership-transfer');
    const t = action(s, 'transferLeadership');
    const to = t.action.server;
    const c = replayScenario(s);
    const started = notesOf(c, 'transferStarted', t.n - 1);
    expect(started).toHaveLength(1);
    expect(started[0]!.note).toEqual({ kind: 'transferStarted', to, upToDate: false });
    const from = started[0]!.e.server!;
    const caughtUp = notesOf(c, 'matchIndexAdvanced', t.n).find(({ e, note }) => e.server === from && note.peer === to && note.to === 3)!;
    const sent = notesOf(c, 'timeoutNowSent', t.n)[0]!;
    expect(sent.e.n).toBeGreaterThanOrEqual(caughtUp.e.n);
    expect(delivered(c, 'TimeoutNow', t.n).map((e) => e.server)).toEqual([to]);
    const campaign = notesOf(c, 'roleChanged', t.n).find(({ e }) => e.server === to)!;
    expect(campaign.note.reason).toBe('timeoutNow');
    expect(c.leaderId()).toBe(to);
    expect(c.server(from).role).toBe('follower');
    expect(c.server(to).stateMachine.kv).toEqual({ a: '1', b: '2', c: '3', d: '4' });
  });

  it('a retried write: balance 20 without sessions, 10 with them', () => {
    for (const [id, balance] of [['retry-without-sessions', '20'], ['retry-with-sessions', '10']] as const) {
      const s = preset(id);
      const drop = action(s, 'dropMessage');
      const c = replayScenario(s);
      const dropped = c.trace().find((e) => e.n === drop.n + 1)!;
      expect(dropped.kind, id).toBe('dropMessage');
      expect(dropped.message?.type, id).toBe('ClientReply');
      for (const v of c.servers()) expect(v.stateMachine.kv.balance, `${id} S${v.id}`).toBe(balance);
      const op = c.clients()[0]!.history.at(-1)!;
      expect(op.retries, id).toBe(1);
      expect(op.status, id).toBe('done');
      if (balance === '20') {
        expect(notesOf(c, 'appliedTwice').length, id).toBe(c.ids().length);
        expect(c.server(c.leaderId()!).log.filter((e) => e.command === 'balance+=10')).toHaveLength(2);
      } else {
        expect(notesOf(c, 'clientDuplicateAnswered')).toHaveLength(1);
        expect(op.duplicate).toBe(true);
        expect(c.server(c.leaderId()!).log.filter((e) => e.command === 'balance+=10')).toHaveLength(1);
      }
    }
  });

  it('ReadIndex: the cut-off leader cannot confirm the read; the client reads the latest value from the real leader', () => {
    const s = preset('read-index');
    const cut = action(s, 'partition');
    const stale = cut.action.groups[0]![0]!;
    const read = action(s, 'clientRequest', 2);
    expect(read.action.read).toBe('x');
    const c = replayScenario(s);
    expect(c.server(stale).stateMachine.kv.x).toBe('1');
    const started = notesOf(c, 'readStarted', read.n);
    expect(started[0]!.e.server).toBe(stale);
    expect(notesOf(c, 'readServed', read.n).map(({ e }) => e.server)).toEqual([c.leaderId()]);
    const op = c.clients().find((k) => k.id === 1)!.history.at(-1)!;
    expect(op).toMatchObject({ kind: 'read', key: 'x', value: '2', readVia: 'readIndex', retries: 1, servedBy: c.leaderId() });
  });
});
