/** The membership presets (§6) replay to the behaviour they are about. */
import { describe, expect, it } from 'vitest';
import { replayScenario } from '..';
import { action, expectRegistered, notesOf, preset } from './presetTestHelpers';

const IDS = ['add-two-servers', 'joint-consensus'] as const;

describe('the membership presets', () => {
  it('are registered, with texts in both languages, and replay without a safety violation', () => {
    expectRegistered(IDS);
    for (const id of IDS) expect(replayScenario(preset(id)).violations(), id).toEqual([]);
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
});
