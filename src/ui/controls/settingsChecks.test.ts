/**
 * The Settings dialog's checks: every invalid field at once, each with the
 * simulator's own range; valid but pathological timing accepted with a
 * warning that says why (§5.6 broadcastTime ≪ electionTimeout; §5.2 heartbeats
 * below the election timeout).
 */
import { describe, expect, it } from 'vitest';
import { LIMITS, MAX_SERVERS } from '../../sim';
import { resolveOptions } from '../../sim/options';
import { draftProblems, draftWarnings, NUMBER_FIELDS, optionsOf, rangeOf, type Draft } from './settingsChecks';

const ok: Draft = {
  servers: '5',
  seed: 'lecture-1',
  etMin: '150',
  etMax: '300',
  heartbeat: '50',
  maxEntries: '64',
  leaderNoop: false,
  fastBackup: false,
  preVote: false,
  checkQuorum: false,
  leaderStickiness: false,
  snapshotThreshold: '0',
  snapshotChunkBytes: '64',
  clientSessions: true,
  readLeases: false,
  clientTimeoutMs: '500',
  unsafe: {},
};

describe('draftProblems', () => {
  it('the defaults are valid and draw no warning', () => {
    expect(draftProblems(ok, 'en')).toEqual({});
    expect(draftWarnings(ok, 'en')).toEqual({});
    expect(() => resolveOptions(optionsOf(ok))).not.toThrow();
  });

  it('reports every invalid field at once, each with its range, in both languages', () => {
    const bad: Draft = { ...ok, servers: '0', etMin: '', etMax: '700000', heartbeat: '0', maxEntries: '2.5', snapshotThreshold: '-1', snapshotChunkBytes: '0', clientTimeoutMs: '' };
    const en = draftProblems(bad, 'en');
    expect(en).toEqual({
      servers: 'Servers must be a whole number from 1 to 9.',
      etMin: 'Election timeouts must be between 1 and 600000 ms.',
      etMax: 'Election timeouts must be between 1 and 600000 ms.',
      heartbeat: 'The heartbeat interval must be between 1 and 600000 ms.',
      maxEntries: 'Max entries per AppendEntries must be a whole number from 1 to 10000.',
      snapshotThreshold: 'Snapshot after must be a whole number from 0 to 1000000.',
      snapshotChunkBytes: 'The InstallSnapshot chunk size must be a whole number from 1 to 1000000 bytes.',
      clientTimeoutMs: 'The client retry timeout must be between 1 and 600000 ms.',
    });
    const zh = draftProblems(bad, 'zh');
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    expect(zh.servers).toBe('服务器数量必须是 1 到 9 之间的整数。');
    expect(zh.etMin).toBe('选举超时必须在 1 到 600000 毫秒之间。');
  });

  it('min above max is said once, at the max', () => {
    expect(draftProblems({ ...ok, etMin: '400', etMax: '300' }, 'en')).toEqual({ etMax: 'The minimum election timeout must not exceed the maximum.' });
  });

  it("the ranges are the simulator's, not copies", () => {
    expect(rangeOf('servers')).toEqual({ min: 1, max: MAX_SERVERS });
    expect(rangeOf('snapshotThreshold')).toEqual({ min: 0, max: LIMITS.snapshotThreshold });
    expect(rangeOf('maxEntries')).toEqual({ min: 1, max: LIMITS.maxEntriesPerAppend });
    for (const key of NUMBER_FIELDS) {
      const r = rangeOf(key)!;
      expect(r, key).not.toBeNull();
      // The bounds themselves are accepted, one step beyond is refused (both ends of the timeout move together).
      const at = (v: number): Draft => (key === 'etMin' || key === 'etMax' ? { ...ok, etMin: String(v), etMax: String(v) } : { ...ok, [key]: String(v) });
      expect(draftProblems(at(r.min), 'en')[key], `${key}=${r.min}`).toBeUndefined();
      expect(draftProblems(at(r.max), 'en')[key], `${key}=${r.max}`).toBeUndefined();
      expect(draftProblems(at(r.max + 1), 'en')[key], `${key}=${r.max + 1}`).toBeDefined();
    }
  });
});

describe('draftWarnings (valid, accepted, but Raft misbehaves)', () => {
  it('a 1–2 ms election timeout with 10–20 ms latency: elections may never end (§5.6)', () => {
    const w = draftWarnings({ ...ok, etMin: '1', etMax: '2' }, 'en');
    expect(w.etMin).toBe(
      'Accepted, but elections may never end: the minimum election timeout (1 ms) is no longer than one round trip (40 ms, with messages taking 10–20 ms each way), so a candidate can time out before its votes come back. §5.6 asks for broadcastTime ≪ electionTimeout.',
    );
    // The 50 ms heartbeat is now far above the election timeout too.
    expect(w.heartbeat).toMatch(/^Accepted, but leaders will keep being replaced: a heartbeat every 50 ms, arriving up to 20 ms later, is not below the minimum election timeout \(1 ms\)/);
    expect(draftProblems({ ...ok, etMin: '1', etMax: '2' }, 'en')).toEqual({});
    expect(draftWarnings({ ...ok, etMin: '1', etMax: '2' }, 'zh').etMin).toMatch(/^已接受，但选举可能永远无法结束：选举超时下限（1 毫秒）不超过一次往返（40 毫秒；消息单程 10–20 毫秒）/);
  });

  it('an election timeout above one round trip but under three is called unstable', () => {
    const w = draftWarnings({ ...ok, etMin: '100', etMax: '200', heartbeat: '20' }, 'en');
    expect(w.etMin).toMatch(/^Accepted, but elections may be unstable: the minimum election timeout \(100 ms\) is less than 3 round trips \(40 ms each/);
    expect(w.heartbeat).toBeUndefined();
    expect(draftWarnings({ ...ok, etMin: '120', etMax: '200' }, 'en')).toEqual({});
  });

  it('a heartbeat not below the minimum election timeout (§5.2)', () => {
    const w = draftWarnings({ ...ok, heartbeat: '150' }, 'en');
    expect(Object.keys(w)).toEqual(['heartbeat']);
    expect(draftWarnings({ ...ok, heartbeat: '130' }, 'en').heartbeat).toBeDefined(); // 130 + 20 ms of latency reaches 150
    expect(draftWarnings({ ...ok, heartbeat: '129' }, 'en').heartbeat).toBeUndefined();
  });

  it('an invalid timing field is an error, not also a warning', () => {
    expect(draftWarnings({ ...ok, etMin: '', heartbeat: '1' }, 'en')).toEqual({});
  });
});
