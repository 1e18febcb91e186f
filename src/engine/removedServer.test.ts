/**
 * Dissertation §4.2.2 (and §6): "a server that is not part of its own latest
 * configuration should still start new elections, as it might still be needed
 * until the C_new entry is committed (as in Figure 4.6). It does not count its
 * own vote in elections unless it is part of its latest configuration."
 * One step at a time, no simulator; restarts lose commitIndex (Figure 2).
 */
import { describe, expect, it } from 'vitest';
import { step } from './node';
import { makeConfig } from './config';
import { mayStandForElection } from './election';
import { createNode, restartNode } from './state';
import type { RequestVote } from './messages';
import type { Configuration, Entry } from './types';
import { engineOptions, Net } from './testing';

const opts = engineOptions();

describe('dissertation §4.2.2: a server outside its latest configuration stands until C_new is committed', () => {
  it('Figure 4.6: S1 removes itself from {S1, S2}, C_new never reaches S2, S1 restarts: only S1 can lead, and it does', () => {
    const net = new Net(opts, [{ id: 1 }, { id: 2 }]);
    net.elect(1, [2]);
    net.propose(1, 'x=1');
    net.run(); // committed in S1's term, so a membership change is allowed
    net.input(1, { type: 'changeConfig', change: { type: 'remove', id: 1 } });
    net.queue = []; // C_new = {S2} is lost on the way
    net.crash(1);
    net.restart(1);
    const s1 = net.node(1);
    expect(s1.config.voters).toEqual([2]);
    expect(s1.configIndex).toBeGreaterThan(s1.commitIndex); // after the restart commitIndex is 0

    // S2 still uses {S1, S2}: it needs S1's vote, which S1 refuses for S2's shorter log (§5.4.1).
    net.timeout(2);
    net.run();
    expect(net.node(2).role).toBe('candidate');

    // S1 stands. Its own vote does not count in {S2}: S2's vote elects it.
    expect(mayStandForElection(s1)).toBe(true);
    net.timeout(1);
    expect(net.node(1).role).toBe('candidate');
    expect(net.queue.filter((m) => m.type === 'RequestVote').map((m) => m.to)).toEqual([2]);
    net.run((m) => m.type === 'RequestVote' || m.type === 'RequestVoteReply');
    expect(net.node(1).role).toBe('leader');

    // It leads until C_new commits (with an entry of its own term, §5.4.2), then steps down and stays quiet.
    net.propose(1, 'y=2');
    net.run();
    net.heartbeat(1);
    net.run();
    expect(net.node(2).config.voters).toEqual([2]);
    expect(net.node(1).role).toBe('follower');
    expect(net.node(1).commitIndex).toBeGreaterThanOrEqual(net.node(1).configIndex);
    expect(mayStandForElection(net.node(1))).toBe(false);
    const quiet = net.timeout(1);
    expect(quiet.notes).toContainEqual({ kind: 'notVoter' });
    expect(quiet.election).toBe('stop');
  });

  // Fuzz seed 7703: S2 joined a one-server cluster later, led {2,3}, removed itself and restarted.
  // Its commitIndex fell back to 0, whose configuration is the initial {1}; judged by that, it
  // stopped its timer, and S3 (still on {2,3}) could never get its vote.
  const cfg = (voters: number[], learners: number[] = []): Configuration => makeConfig(voters, learners);
  const history: Configuration[] = [cfg([1], [2]), cfg([1, 2]), cfg([1, 2], [3]), cfg([1, 2, 3]), cfg([2, 3]), cfg([3])];
  const entries: Entry[] = history.map((config, k) => ({ index: k + 1, term: k < 4 ? 1 : 2, command: null, config }));
  const restartedS2 = (): ReturnType<typeof createNode> =>
    restartNode(
      createNode(2, cfg([1]), {
        currentTerm: 2,
        votedFor: 2,
        log: { snapshotIndex: 0, snapshotTerm: 0, entries: entries.map((e) => ({ ...e })), snapshotConfig: cfg([1]), snapshot: null },
      }),
    );

  it('seed 7703: a server added after creation, restarted after appending its own removal, still stands', () => {
    const s2 = restartedS2();
    expect([s2.commitIndex, s2.configIndex, s2.config.voters]).toEqual([0, 6, [3]]);
    const r = step(s2, { type: 'electionTimeout' }, opts);
    expect(r.notes).not.toContainEqual({ kind: 'notVoter' });
    expect(s2.role).toBe('candidate');
    const asked = r.messages.filter((m): m is RequestVote => m.type === 'RequestVote');
    expect(asked.map((m) => m.to)).toEqual([3]); // votes are counted in its latest configuration
  });

  it('stays quiet once it knows C_new is committed, and a learner never stands', () => {
    const s2 = restartedS2();
    s2.commitIndex = 6;
    expect(mayStandForElection(s2)).toBe(false);
    // S4 was only ever a learner: neither its latest configuration nor the one before makes it a voter.
    const s4 = createNode(4, cfg([1]), {
      currentTerm: 1,
      votedFor: null,
      log: { snapshotIndex: 0, snapshotTerm: 0, entries: [{ index: 1, term: 1, command: null, config: cfg([1], [4]) }, { index: 2, term: 1, command: null, config: cfg([1]) }], snapshotConfig: cfg([1]), snapshot: null },
    });
    expect(mayStandForElection(s4)).toBe(false);
    expect(step(s4, { type: 'electionTimeout' }, opts).notes).toContainEqual({ kind: 'notVoter' });
  });
});
