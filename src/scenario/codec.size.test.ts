/**
 * Share links stay short: a 5-server scenario with 50 actions (format 1's
 * kinds, and format 2's too), with integer or fractional times and with or
 * without texts, is a whole URL of under 2,000 characters (2,300 with texts)
 * that decodes back and replays to the live run. The sizes are printed.
 */
import { describe, expect, it } from 'vitest';
import { applyAction, createCluster, type ClusterOptions, type UserAction } from '../sim';
import { scenarioToLinkHash } from './codec';
import { decode, expectPrototypeUntouchedAfterAll, format2Only, rng } from './codecTestHelpers';
import { replayScenario } from './replay';
import { SCENARIO_VERSION, type RecordedAction, type Scenario } from './types';

expectPrototypeUntouchedAfterAll();

describe('links stay short', () => {
  /** Where the app is served from: a share link is this plus the `#s=…` fragment. */
  const ORIGIN = 'https://raft.example.edu/visualizer/';
  /** The live runs' trace hashes, to check the links replay them. */
  const live = new Map<string, string>();

  /**
   * 50 actions of the kinds the controls offer, on 5 servers, recorded as the app
   * records them. The app moves simulated time by frame deltas, so action times
   * are full-precision fractions (e.g. 240.22136237472296): the part of a link
   * that does not compress. Integer waits are measured too, for comparison.
   * With `format2`, the options and actions format 2 added are used as well
   * (PreVote, CheckQuorum, snapshots; clients, membership changes, transfers),
   * an action the cluster refuses being replaced by one of format 1's.
   */
  function lecture(fractional: boolean, withTexts: boolean, format2 = false): Scenario {
    const options: Partial<ClusterOptions> = { servers: 5, seed: 'lecture-1' };
    if (format2) Object.assign(options, { preVote: true, checkQuorum: true, leaderNoop: true, snapshotThreshold: 20, readLeases: true });
    const c = createCluster(options);
    const r = rng(2024);
    const actions: RecordedAction[] = [];
    for (let i = 0; i < 50; i++) {
      c.runFor(fractional ? 50 + r.next() * 400 : 50 + r.int(400));
      const ids = c.ids();
      const id = r.pick(ids);
      const others = ids.filter((v) => v !== id);
      const choices: UserAction[] = [
        { type: 'submit', command: `x=${i}` },
        { type: 'submit', command: `name${i}=Ada`, server: id },
        { type: 'crash', server: id },
        { type: 'restart', server: id },
        { type: 'disconnect', server: id },
        { type: 'connect', server: id },
        { type: 'partition', groups: [[id], others] },
        { type: 'partition', groups: [others.slice(0, 2), [id, ...others.slice(2)]] },
        { type: 'heal' },
        { type: 'setLink', from: id, to: others[0], up: r.bool() },
        { type: 'setNetwork', settings: { latencyMs: [10, 50], dropRate: 0.1, duplicateRate: 0 } },
      ];
      const messages = c.messages();
      if (c.server(id).alive) choices.push({ type: 'timeout', server: id });
      if (messages.length > 0) choices.push({ type: r.bool() ? 'dropMessage' : 'duplicateMessage', message: r.pick(messages).id });
      if (format2 && r.bool(0.5)) {
        const format2Actions: UserAction[] = [
          { type: 'clientRequest', client: 1 + r.int(3), command: `x=${i}` },
          { type: 'clientRequest', client: 1 + r.int(3), read: 'x' },
          { type: 'addServer' },
          { type: 'removeServer', server: id },
          { type: 'changeMembership', servers: others.slice(0, 5) },
          { type: 'transferLeadership', server: id },
          { type: 'snapshot', server: id },
        ];
        const action = r.pick(format2Actions);
        const at = { n: c.eventCount, at: c.now };
        try {
          applyAction(c, action);
          actions.push({ ...at, action });
          continue;
        } catch {
          // refused (nothing changed): a format-1 action instead
        }
      }
      const action = r.pick(choices);
      actions.push({ n: c.eventCount, at: c.now, action });
      applyAction(c, action);
    }
    c.runFor(1_000);
    live.set(`${fractional}/${withTexts}/${format2}`, c.traceHash());
    const s: Scenario = { version: SCENARIO_VERSION, options, actions, runUntil: c.now };
    if (withTexts) {
      s.title = { en: 'Leader crash during a partition', zh: '分区期间领导者崩溃' };
      s.description = { en: 'A 5-server cluster loses its leader while the network is split; watch who wins the next election.' };
      s.view = { n: c.eventCount, selectedServer: 1, speed: 1, lang: 'en' };
    }
    return s;
  }

  it('a 5-server scenario with 50 actions is a share link of under 2,000 characters, also with the format-2 actions (sizes printed)', () => {
    const sizes: string[] = [];
    for (const format2 of [false, true]) {
      for (const fractional of [false, true]) {
        for (const withTexts of [false, true]) {
          const s = lecture(fractional, withTexts, format2);
          const format2Count = s.actions.filter((a) => format2Only(a.action)).length;
          if (format2) expect(format2Count).toBeGreaterThanOrEqual(10);
          // The whole link a user copies, not just its fragment: this is what must fit in a chat message or a slide.
          const url = ORIGIN + scenarioToLinkHash(s);
          sizes.push(
            `${format2 ? `format 2 (${format2Count} format-2 actions)` : 'format 1 kinds'}, ${fractional ? 'fractional' : 'integer'} times${withTexts ? ' + title, description, view' : ''}: ` +
              `JSON ${JSON.stringify(s).length} -> link ${url.length} chars`,
          );
          // Texts are extra (and Chinese text hardly compresses): a looser bound, so only real growth fails.
          expect(url.length).toBeLessThan(withTexts ? 2_300 : 2_000);
          expect(decode(url)).toStrictEqual({ ok: true, scenario: s });
          expect(replayScenario(s).traceHash()).toBe(live.get(`${fractional}/${withTexts}/${format2}`));
        }
      }
    }
    console.log(`link sizes, 5 servers, 50 actions, served from ${ORIGIN}:\n  ${sizes.join('\n  ')}`);
  });
});
