import { describe, expect, it } from 'vitest';
import { applyAction, createCluster, type RaftCluster } from '../../sim';
import { decodeScenario, encodeScenario, parseScenario, replayActions, replayScenario, type Scenario } from '..';
import { PRESETS } from '.';

function preset(id: string): Scenario {
  const p = PRESETS.find((x) => x.id === id);
  if (!p) throw new Error(`no preset ${id}`);
  return p.scenario;
}

/** Replay a scenario, calling look(c) after every event and action. */
function observe(s: Scenario, look: (c: RaftCluster) => void): RaftCluster {
  const c = createCluster(s.options);
  look(c);
  for (const a of s.actions) {
    while (c.eventCount < a.n) {
      c.step();
      look(c);
    }
    c.runToEvent(a.n, a.at);
    applyAction(c, a.action);
    look(c);
  }
  c.runUntil((x) => (look(x), false), Math.max(0, (s.runUntil ?? c.now) - c.now));
  return c;
}

/** The cluster just before action k is applied. */
function before(s: Scenario, k: number): RaftCluster {
  const c = createCluster(s.options);
  replayActions(c, s.actions.slice(0, k));
  const a = s.actions[k]!;
  c.runToEvent(a.n, a.at);
  return c;
}

const terms = (c: RaftCluster, id: number): number[] => c.server(id).log.map((e) => e.term);
const commands = (c: RaftCluster, id: number): Array<string | null> => c.server(id).log.map((e) => e.command);
const indexOfAction = (s: Scenario, type: string): number => s.actions.findIndex((a) => a.action.type === type);

describe('presets', () => {
  it('has unique ids and at least the nine topics', () => {
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length);
    expect(PRESETS.length).toBeGreaterThanOrEqual(9);
  });

  for (const { id, scenario } of PRESETS) {
    describe(id, () => {
      it('is a valid scenario that survives a link round trip', () => {
        const parsed = parseScenario(scenario);
        expect(parsed.ok, parsed.ok ? '' : parsed.error).toBe(true);
        if (!parsed.ok) return;
        expect(parsed.scenario).toEqual(scenario);
        const decoded = decodeScenario(encodeScenario(scenario));
        expect(decoded.ok).toBe(true);
        if (decoded.ok) expect(decoded.scenario).toEqual(scenario);
      });

      it('has texts in both languages', () => {
        for (const text of [scenario.title, scenario.description, ...(scenario.suggestions ?? [])]) {
          expect(text?.en.trim()).toBeTruthy();
          expect(text?.zh?.trim()).toBeTruthy();
          expect(text?.zh).toMatch(/[\u4e00-\u9fff]/);
        }
        expect(scenario.suggestions?.length).toBeGreaterThanOrEqual(2);
        expect(scenario.suggestions?.length).toBeLessThanOrEqual(3);
        expect(scenario.runUntil).toBeGreaterThan(0);
      });

      it('replays deterministically with no safety violation', () => {
        const a = replayScenario(scenario);
        const b = replayScenario(scenario);
        expect(a.traceHash()).toBe(b.traceHash());
        expect(a.eventCount).toBe(b.eventCount);
        expect(a.eventCount).toBeLessThan(20_000);
        expect(a.violations()).toEqual([]);
        if (scenario.view?.n !== undefined) expect(scenario.view.n).toBeLessThanOrEqual(a.eventCount);
      });
    });
  }
});

describe('preset outcomes', () => {
  it('first election: one leader in term 1, and x=1 committed everywhere', () => {
    const c = replayScenario(preset('first-election'));
    const leader = c.leaderId();
    expect(leader).not.toBeNull();
    expect(c.server(leader!).term).toBe(1);
    for (const s of c.servers()) {
      expect(s.commitIndex).toBe(1);
      expect(s.log.map((e) => e.command)).toEqual(['x=1']);
    }
  });

  it('split vote: two candidates in the same term with no leader, then one leader in a later term', () => {
    const s = preset('split-vote');
    let splitTerm = 0;
    const leaderTerms = new Set<number>();
    const c = observe(s, (x) => {
      const cands = x.servers().filter((v) => v.role === 'candidate');
      for (const v of cands) if (cands.some((w) => w.id !== v.id && w.term === v.term)) splitTerm = Math.max(splitTerm, v.term);
      for (const v of x.servers()) if (v.role === 'leader') leaderTerms.add(v.term);
    });
    expect(splitTerm).toBeGreaterThanOrEqual(1);
    expect(leaderTerms.has(splitTerm)).toBe(false);
    const leader = c.leaderId();
    expect(leader).not.toBeNull();
    expect(c.server(leader!).term).toBeGreaterThan(splitTerm);
    expect(c.servers().filter((v) => v.role === 'leader')).toHaveLength(1);
  });

  it('leader crash: a new leader in a higher term; the old one rejoins as a follower with the same log', () => {
    const s = preset('leader-crash');
    const crash = s.actions.find((a) => a.action.type === 'crash')!.action as { server: number };
    const k = indexOfAction(s, 'crash');
    const oldTerm = before(s, k).server(crash.server).term;
    const c = replayScenario(s);
    const leader = c.leaderId()!;
    expect(leader).not.toBe(crash.server);
    expect(c.server(leader).term).toBeGreaterThan(oldTerm);
    const old = c.server(crash.server);
    expect(old.alive).toBe(true);
    expect(old.role).toBe('follower');
    expect(old.term).toBe(c.server(leader).term);
    expect(commands(c, crash.server)).toEqual(commands(c, leader));
    expect(commands(c, leader)).toEqual(['x=1', 'y=2']);
  });

  it('figure 7: S1 wins term 8 and every follower ends with the leader’s log', () => {
    const s = preset('figure-7');
    const start = createCluster(s.options);
    expect(terms(start, 5)).toEqual([1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 7, 7]);
    const c = replayScenario(s);
    expect(c.leaderId()).toBe(1);
    expect(c.server(1).term).toBe(8);
    const leaderLog = terms(c, 1);
    expect(leaderLog).toEqual([1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 8]);
    for (const id of [2, 3, 4, 5, 6, 7]) {
      expect(terms(c, id).slice(0, 10), `S${id}`).toEqual(leaderLog.slice(0, 10));
      expect(terms(c, id), `S${id}`).toEqual(leaderLog);
      expect(c.server(id).commitIndex).toBe(11);
    }
  });

  it('figure 8 (d): the term-2 entry at index 2, on a majority, is overwritten by S5', () => {
    const s = preset('figure-8d');
    const start = createCluster(s.options);
    expect([1, 2, 3].map((id) => terms(start, id)[1])).toEqual([2, 2, 2]);
    const c = replayScenario(s);
    expect(c.leaderId()).toBe(5);
    for (const v of c.servers()) {
      expect(terms(c, v.id), `S${v.id}`).toEqual([1, 3, c.server(5).term]);
      expect(v.commitIndex).toBe(3);
    }
  });

  it('figure 8 (e): S5 never wins, and the term-2 and term-4 entries survive and commit', () => {
    const s = preset('figure-8e');
    let s5Led = false;
    const c = observe(s, (x) => {
      if (x.summary(5).role === 'leader') s5Led = true;
    });
    expect(s5Led).toBe(false);
    const leader = c.leaderId()!;
    expect([2, 3]).toContain(leader);
    for (const v of c.servers()) {
      expect(terms(c, v.id).slice(0, 3), `S${v.id}`).toEqual([1, 2, 4]);
      expect(v.commitIndex).toBe(4);
    }
  });

  it('partitioned old leader: its uncommitted commands never commit and vanish after healing', () => {
    const s = preset('partitioned-leader');
    const part = s.actions.find((a) => a.action.type === 'partition')!.action as { groups: number[][] };
    const old = part.groups[0]![0]!;
    const k = indexOfAction(s, 'heal');
    const atHeal = before(s, k);
    expect(commands(atHeal, old)).toContain('y=stale');
    expect(atHeal.server(old).role).toBe('leader');
    expect(atHeal.server(old).commitIndex).toBe(1);
    const c = replayScenario(s);
    expect(c.leaderId()).not.toBe(old);
    expect(c.server(old).role).toBe('follower');
    for (const v of c.servers()) {
      expect(commands(c, v.id)).not.toContain('y=stale');
      expect(commands(c, v.id)).not.toContain('z=stale');
      expect(commands(c, v.id)).toContain('y=new');
    }
  });

  it('minority partition: no leader in the minority while the majority commits', () => {
    const s = preset('minority-partition');
    const kPart = indexOfAction(s, 'partition');
    const kHeal = indexOfAction(s, 'heal');
    const minority = (s.actions[kPart]!.action as { groups: number[][] }).groups[1]!;
    const atPart = before(s, kPart);
    const leader = atPart.leaderId()!;
    expect(minority).not.toContain(leader);
    let minorityLed = false;
    let maxMinorityTerm = 0;
    const partitioned = createCluster(s.options);
    // Replay to the heal, watching the minority after the partition.
    for (const [k, a] of s.actions.slice(0, kHeal).entries()) {
      while (partitioned.eventCount < a.n) {
        partitioned.step();
        if (k > kPart) {
          for (const id of minority) {
            const v = partitioned.summary(id);
            if (v.role === 'leader') minorityLed = true;
            maxMinorityTerm = Math.max(maxMinorityTerm, v.term);
          }
        }
      }
      partitioned.runToEvent(a.n, a.at);
      applyAction(partitioned, a.action);
    }
    expect(minorityLed).toBe(false);
    expect(maxMinorityTerm).toBeGreaterThan(atPart.server(leader).term + 1);
    const atHeal = before(s, kHeal);
    expect(atHeal.server(leader).commitIndex).toBeGreaterThanOrEqual(atPart.server(leader).commitIndex + 3);
    for (const id of minority) {
      expect(atHeal.server(id).commitIndex).toBe(atPart.server(id).commitIndex);
      expect(commands(atHeal, id)).not.toContain('k1=1');
    }
    const c = replayScenario(s);
    const ids = c.ids();
    const final = commands(c, c.leaderId()!);
    expect(final).toEqual(expect.arrayContaining(['x=1', 'k1=1', 'k2=2', 'k3=3']));
    expect(final).not.toContain('m=1');
    for (const id of ids) expect(commands(c, id)).toEqual(final);
  });

  for (const id of ['catch-up', 'catch-up-fast']) {
    it(`${id}: the lagging server ends with the leader's log of 100+ entries`, () => {
      const s = preset(id);
      const lagging = (s.actions.find((a) => a.action.type === 'disconnect')!.action as { server: number }).server;
      const k = indexOfAction(s, 'connect');
      const atConnect = before(s, k);
      expect(atConnect.server(atConnect.leaderId()!).commitIndex).toBeGreaterThanOrEqual(100);
      expect(atConnect.server(lagging).lastLogIndex).toBeLessThan(5);
      const c = replayScenario(s);
      const leader = c.leaderId()!;
      expect(commands(c, lagging)).toEqual(commands(c, leader));
      expect(c.server(lagging).lastLogIndex).toBeGreaterThanOrEqual(100);
      expect(c.server(lagging).commitIndex).toBe(c.server(leader).commitIndex);
    });
  }

  it('catch-up: fast backup needs fewer rejected AppendEntries than the one-by-one walk', () => {
    const rejections = (id: string): number => {
      const s = preset(id);
      const k = indexOfAction(s, 'connect');
      let n = 0;
      // Count rejections after the reconnection in the retained trace.
      const from = s.actions[k]!.n;
      const replay = replayScenario(s);
      for (const ev of replay.trace()) {
        const m = ev.message as { type?: string; success?: boolean } | undefined;
        if (ev.n > from && ev.kind === 'deliver' && m?.type === 'AppendEntriesReply' && m.success === false) n++;
      }
      return n;
    };
    const slow = rejections('catch-up');
    const fast = rejections('catch-up-fast');
    expect(slow).toBeGreaterThan(50);
    expect(fast).toBeLessThan(slow / 5);
  });

  it('one-way link: the deaf server keeps raising the term and disrupting the cluster', () => {
    const s = preset('one-way-link');
    const cuts = s.actions.filter((a) => a.action.type === 'setLink').map((a) => a.action as { from: number; to: number; up: boolean });
    expect(cuts).toHaveLength(4);
    const deaf = cuts[0]!.to;
    expect(cuts.every((l) => l.to === deaf && !l.up)).toBe(true);
    const k = s.actions.findIndex((a) => a.action.type === 'setLink');
    const termAtCut = before(s, k).server(deaf).term;
    const leaderTerms = new Set<number>();
    let deafLed = false;
    const c = observe(s, (x) => {
      if (x.eventCount <= s.actions[k]!.n) return;
      for (const id of x.ids()) {
        const v = x.summary(id);
        if (v.role === 'leader') leaderTerms.add(v.term);
        if (id === deaf && v.role === 'leader') deafLed = true;
      }
    });
    expect(deafLed).toBe(false);
    expect(Math.max(...c.servers().map((v) => v.term))).toBeGreaterThanOrEqual(termAtCut + 4);
    expect(leaderTerms.size).toBeGreaterThanOrEqual(3);
  });
});

describe('preset menu strings', () => {
  it('has the same keys in English and Chinese', async () => {
    const { presetsEn } = await import('../../ui/i18n/presets.en');
    const { presetsZh } = await import('../../ui/i18n/presets.zh');
    expect(Object.keys(presetsZh).sort()).toEqual(Object.keys(presetsEn).sort());
  });
});
