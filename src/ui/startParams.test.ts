import { describe, expect, it } from 'vitest';
import { parseStartParams } from './startParams';

describe('start parameters from the address', () => {
  it('reads seed, servers, options, speed, play and language', () => {
    const p = parseStartParams('?seed=abc&servers=3&leaderNoop=1&fastBackup=false&speed=0.1&play=0&lang=zh');
    expect(p).toEqual({ options: { seed: 'abc', servers: 3, leaderNoop: true, fastBackup: false }, speed: 0.1, play: false, lang: 'zh', embed: false, lesson: null, step: null, rejected: [] });
  });

  it('ignores and reports malformed values instead of applying them', () => {
    const p = parseStartParams('?servers=10000&speed=-1&lang=fr&leaderNoop=maybe&seed=');
    expect(p.options).toEqual({});
    expect(p.speed).toBeNull();
    expect(p.lang).toBeNull();
    expect(p.rejected.sort()).toEqual(['lang', 'leaderNoop', 'seed', 'servers', 'speed']);
  });

  it('reads the PreVote, CheckQuorum, stickiness, session and lease switches and the snapshot threshold', () => {
    const p = parseStartParams('?preVote=1&checkQuorum=true&leaderStickiness=0&clientSessions=false&readLeases=1&snapshotThreshold=20');
    expect(p.options).toEqual({ preVote: true, checkQuorum: true, leaderStickiness: false, clientSessions: false, readLeases: true, snapshotThreshold: 20 });
    const bad = parseStartParams('?preVote=yes&snapshotThreshold=-3');
    expect(bad.options).toEqual({});
    expect(bad.rejected.sort()).toEqual(['preVote', 'snapshotThreshold']);
    expect(parseStartParams('?snapshotThreshold=').rejected).toEqual(['snapshotThreshold']);
  });

  it('clamps speed into 1/1000..10 and opens paused by default (the first election waits for the lecturer)', () => {
    expect(parseStartParams('?speed=500').speed).toBe(10);
    expect(parseStartParams('').play).toBe(false);
    expect(parseStartParams('?play=1').play).toBe(true);
    expect(parseStartParams('?embed=1').embed).toBe(true);
    expect(parseStartParams('?embed=yes').rejected).toEqual(['embed']);
  });

  it('reads a lesson id and a step counted from 1; refuses a malformed id or step', () => {
    expect(parseStartParams('?lesson=log-replication&step=3').lesson).toEqual({ id: 'log-replication', step: 2 });
    expect(parseStartParams('?lesson=why-majority').lesson).toEqual({ id: 'why-majority', step: 0 });
    const bad = parseStartParams('?lesson=%3Cb%3E');
    expect(bad.lesson).toBeNull();
    expect(bad.rejected).toEqual(['lesson']);
    const badStep = parseStartParams('?lesson=why-majority&step=0');
    expect(badStep.lesson).toEqual({ id: 'why-majority', step: 0 });
    expect(badStep.rejected).toEqual(['step']);
  });
});
