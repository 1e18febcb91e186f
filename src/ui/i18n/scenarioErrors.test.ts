/**
 * A refused link or file, and a recording that does not replay, are explained
 * in the reader's language: the reasons are taken from the real codec,
 * validator and worker (not copied strings), so a reworded reason shows up
 * here as a sentence that fell back to "malformed".
 */
import { describe, expect, it } from 'vitest';
import { decodeScenario, encodeScenario, importScenarioFile, scenarioFromLocationHash, SCENARIO_VERSION, type Scenario } from '../../scenario';
import { encodeJsonPayload } from '../../scenario/codec';
import { SimHost } from '../../worker/host';
import { actionLabel, explainFieldError, explainRefusal, explainReplayFailure, SCENARIO_ERROR_STRINGS } from './scenarioErrors';

function linkError(text: string): string {
  const r = decodeScenario(text);
  if (r.ok) throw new Error(`expected ${text.slice(0, 40)} to be refused`);
  return r.error;
}

function fileError(text: string): string {
  const r = importScenarioFile(text);
  if (r.ok) throw new Error(`expected ${text.slice(0, 40)} to be refused`);
  return r.error;
}

const linkOf = (value: unknown): string => encodeJsonPayload(JSON.stringify(value));
const valid: Scenario = { version: SCENARIO_VERSION, options: { servers: 3, seed: 's' }, actions: [] };
/** Chinese with no English words left, except field paths, quoted values and the names that stay Latin. */
const noEnglish = (zh: string): string => zh.replace(/"[^"]*"|“[^”]*”|[A-Za-z_$][\w$]*(?:\[\d+\]|\.[\w$]+)+|\b(?:options|actions|view|version|format|true|false|JSON|UTF|MB|s)\b/g, '');

describe('explainRefusal: a link or a file that cannot be read', () => {
  it('a link that is not one of ours (the e2e "#s=garbage") is explained in Chinese', () => {
    const r = scenarioFromLocationHash('#s=garbage');
    expect(r && !r.ok).toBe(true);
    const raw = (r as { error: string }).error;
    expect(explainRefusal('zh', 'link', raw)).toBe('它不是本应用生成的场景链接，或者被截断了');
    expect(explainRefusal('en', 'link', raw)).toBe('it is not a scenario link from this app, or it was cut short');
  });

  it.each([
    ['a cut link', () => linkError(encodeScenario(valid).slice(0, 30)), /被截断|已损坏/],
    ['a changed character', () => linkError(encodeScenario(valid).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))), /已损坏|被截断/],
    ['a newer link format', () => linkError('v9.AAAA'), /更新版本的本应用生成（链接格式 9；此版本最多能读取 1）/],
    ['an empty link', () => linkError('   '), /它是空的/],
    ['a link with no scenario', () => linkError('https://example.org/#a=1'), /其中没有场景/],
    ['a link that is not JSON', () => linkError(encodeJsonPayload('{nope')), /不是有效的 JSON/],
    ['a newer scenario version', () => linkError(linkOf({ ...valid, version: 99 })), /更新版本的本应用生成（格式 99；此版本最多能读取 2）/],
    ['no version', () => linkError(linkOf({ options: {}, actions: [] })), /缺少“version”字段/],
    ['too many servers', () => linkError(linkOf({ ...valid, options: { servers: 12 } })), /^options\.servers 必须是 1 到 9 之间的整数（实际为 12）$/],
    ['a timeout pair out of order', () => linkError(linkOf({ ...valid, options: { electionTimeoutMs: [300, 150] } })), /options\.electionTimeoutMs 的最小值不能大于最大值（实际为 \[300, 150\]）/],
    ['an unknown option', () => linkError(linkOf({ ...valid, options: { bogus: 1 } })), /^options 含有本应用不认识的字段："bogus"$/],
    [
      'an action on a server the run does not have',
      () => linkError(linkOf({ ...valid, actions: [{ n: 1, at: 1, action: { type: 'crash', server: 9 } }] })),
      /^actions\[0\]\.action\.server 必须是 1 到 3 之间的服务器编号（实际为 9）$/,
    ],
    ['an unknown action', () => linkError(linkOf({ ...valid, actions: [{ n: 1, at: 1, action: { type: 'explode' } }] })), /actions\[0\]\.action\.type 不是本应用认识的操作类型（实际为 "explode"）/],
    [
      'actions out of order',
      () => linkError(linkOf({ ...valid, actions: [{ n: 5, at: 5, action: { type: 'heal' } }, { n: 4, at: 5, action: { type: 'heal' } }] })),
      /actions\[1\]\.n 的事件编号比前一个操作的还早/,
    ],
    ['an unknown field', () => linkError(linkOf({ ...valid, extra: 1 })), /^其中的场景含有本应用不认识的字段："extra"$/],
  ])('%s', (_name, error, expected) => {
    const raw = error();
    const zh = explainRefusal('zh', 'link', raw);
    expect(zh, raw).toMatch(expected);
    expect(noEnglish(zh), `${raw} → ${zh}`).not.toMatch(/[A-Za-z]{3,}/);
    const en = explainRefusal('en', 'link', raw);
    expect(en).not.toMatch(/malformed/);
  });

  it.each([
    ['an empty file', '', /^它是空的$/],
    ['a file that is not JSON', '{', /^它不是有效的 JSON$/],
    ['a file of another program', JSON.stringify({ format: 'other', version: 2 }), /^它不是本应用的场景文件（其“format”为 "other"）$/],
    ['a file with a bad field', JSON.stringify({ ...valid, options: { heartbeatMs: -1 } }), /^options\.heartbeatMs 必须是 1 到 600000 之间的数（实际为 -1）$/],
  ])('%s', (_name, text, expected) => {
    const raw = fileError(text);
    expect(explainRefusal('zh', 'file', raw), raw).toMatch(expected);
  });

  it('a reason no pattern knows says "malformed" in the reader\'s language and keeps the detail as text', () => {
    const raw = 'something <b>odd</b> happened';
    expect(explainRefusal('zh', 'link', raw)).toBe('链接格式有误（详情：something <b>odd</b> happened）');
    expect(explainRefusal('en', 'file', raw)).toBe('the file is malformed (details: something <b>odd</b> happened)');
  });
});

describe('explainReplayFailure: a link that decodes but does not replay', () => {
  const host = new SimHost();
  // Decodes (every field is valid) but asks a server that is not crashed to restart… after the run has
  // no event 99999: the worker's replay fails at the first action.
  const bad: Scenario = {
    ...valid,
    actions: [
      { n: 0, at: 0, action: { type: 'timeout', server: 1 } },
      { n: 99_999, at: 1, action: { type: 'crash', server: 2 } },
    ],
  };

  function replayError(s: Scenario): string {
    try {
      host.loadScenario(s);
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('expected the replay to fail');
  }

  it('says the recording does not match, and which action, in the UI language (no API names)', () => {
    const raw = replayError(bad);
    expect(raw).toMatch(/^the recording does not match this run: action 2 of 2 \(crash at event 99999, 1 ms\)/);
    const zh = explainReplayFailure('zh', 'link', raw, bad.actions);
    expect(zh).toBe('此链接记录的运行与这次运行不一致：第 2 个操作（共 2 个；让 S2 崩溃，事件 99999，0.001 秒）无法重放。改为显示一个新的运行。');
    const en = explainReplayFailure('en', 'file', raw, bad.actions);
    expect(en).toBe("This file's recording does not match this run: action 2 of 2 (crash S2, at event 99999, 0.001 s) could not be replayed. The current run is unchanged.");
    expect(zh + en).not.toMatch(/runToEvent|must be/);
  });

  it('a failing action is named even without the scenario at hand', () => {
    const raw = replayError(bad);
    expect(explainReplayFailure('en', 'link', raw)).toMatch(/action 2 of 2 \(crash \?, at event 99999/);
  });

  it('another failure keeps the translated wrapper', () => {
    expect(explainReplayFailure('zh', 'link', 'the link is empty')).toBe('此链接无法在这里重放：它是空的。改为显示一个新的运行。');
  });
});

describe('explainFieldError (the Settings dialog reads the simulator\'s own checks)', () => {
  it('names the field and says the rule in Chinese', () => {
    expect(explainFieldError('zh', 'servers must be a whole number from 1 to 9 (got 0)')).toEqual({ field: 'servers', text: 'servers 必须是 1 到 9 之间的整数（实际为 0）' });
    expect(explainFieldError('en', 'electionTimeoutMs[0] must be a number from 1 to 600000 (got NaN)')).toEqual({
      field: 'electionTimeoutMs[0]',
      text: 'electionTimeoutMs[0] must be a number from 1 to 600000 (it is NaN)',
    });
  });
});

describe('the strings', () => {
  it('both languages have the same keys and placeholders', () => {
    const { en, zh } = SCENARIO_ERROR_STRINGS;
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    const holes = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
    for (const key of Object.keys(en)) expect(holes(zh[key]!), key).toEqual(holes(en[key]!));
  });

  it('every action type has a label in both languages', () => {
    for (const type of ['crash', 'restart', 'timeout', 'disconnect', 'connect', 'setLink', 'partition', 'heal', 'setNetwork', 'submit', 'dropMessage', 'duplicateMessage', 'processEvent', 'addServer', 'removeServer', 'changeMembership', 'transferLeadership', 'snapshot', 'clientRequest'] as const) {
      for (const lang of ['en', 'zh'] as const) {
        const label = actionLabel(lang, { type, server: 2, from: 1, to: 3, message: 7, client: 1 } as never);
        expect(label, `${lang} ${type}`).not.toMatch(/action\.|\{|\?/);
      }
    }
  });
});
