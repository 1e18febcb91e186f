/** The presets about keeping and handing over leadership (§6, PreVote, CheckQuorum, transfer) replay to the behaviour they are about. */
import { describe, expect, it } from 'vitest';
import { replayScenario } from '..';
import { leaderStepDowns } from './leadership';
import { action, delivered, expectRegistered, notesOf, preset, terms } from './presetTestHelpers';

const IDS = ['removed-server-disrupts', 'removed-server-quiet', 'rejoin-without-prevote', 'rejoin-with-prevote', 'check-quorum', 'leadership-transfer'] as const;

describe('the leadership presets', () => {
  it('are registered, with texts in both languages, and replay without a safety violation', () => {
    expectRegistered(IDS);
    for (const id of IDS) expect(replayScenario(preset(id)).violations(), id).toEqual([]);
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
});
