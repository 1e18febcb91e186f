/**
 * Chinese vocabulary: 提交 means an entry being committed (已提交 committed), as
 * in the course notes ("这样的条目称为已提交(Committed)"); a client sending a
 * command is 发送命令 (or 客户端请求). One word for two ideas made "提交" on the
 * send button read as "commit", the very step the command has not reached yet.
 * And Figure 2's field names, where they label a value, carry a Chinese gloss.
 */
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../scenario/presets';
import { DICTS } from './index';

/** The keys whose text is about sending a command (checked by name, so a reworded English string cannot hide one). */
const SENDING_KEYS = ['command.title', 'command.send', 'command.hint.direct', 'logs.empty', 'keys.submit'] as const;

/** English that speaks of submitting or sending a command (not of committing an entry). */
const SENDING_EN = /\bsubmit|\bsend (a |the )?(client )?command/i;

describe('Chinese: 提交 is commit, never submit', () => {
  it('the keys for sending a command do not say 提交', () => {
    for (const key of SENDING_KEYS) {
      expect(DICTS.zh[key], key).toBeTruthy();
      expect(DICTS.zh[key], key).not.toMatch(/提交/);
    }
    expect(DICTS.zh['command.send']).toBe('发送');
    expect(DICTS.zh['command.title']).toMatch(/发送命令/);
  });

  it('no Chinese string whose English speaks of submitting or sending a command says 提交', () => {
    const offenders = Object.keys(DICTS.en)
      .filter((key) => SENDING_EN.test(DICTS.en[key]!) && /提交/.test(DICTS.zh[key] ?? ''))
      .map((key) => `${key}: ${DICTS.zh[key]}`);
    expect(offenders).toEqual([]);
  });

  it('no preset suggestion or description uses 提交 where its English submits or sends a command', () => {
    const offenders: string[] = [];
    for (const { id, scenario } of PRESETS) {
      const texts = [scenario.description, ...(scenario.suggestions ?? [])];
      for (const t of texts) {
        if (!t?.zh) continue;
        // Sentence by sentence: a description may speak of sending in one and committing in another.
        const en = t.en.split(/(?<=[.:;])\s+/);
        const zh = t.zh.split(/(?<=[。：；])/);
        if (en.length === zh.length) {
          en.forEach((s, i) => {
            if (SENDING_EN.test(s) && /提交/.test(zh[i]!)) offenders.push(`${id}: ${zh[i]}`);
          });
        } else if (SENDING_EN.test(t.en) && !/commit/i.test(t.en) && /提交/.test(t.zh)) {
          offenders.push(`${id}: ${t.zh}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('where the English says an entry is committed, the Chinese says 提交', () => {
    for (const key of ['logs.cell.committed', 'logs.legend.uncommitted', 'ev.commit.leader', 'ev.cat.commit', 'timeline.kind.commit']) {
      expect(DICTS.zh[key], key).toMatch(/提交/);
    }
  });
});

describe('Chinese: Figure 2 field names are glossed where they label a value', () => {
  it.each([
    ['inspector.gloss.nextIndex', /下一个发送索引/],
    ['inspector.gloss.matchIndex', /已匹配索引/],
    ['logs.marker.next.title', /nextIndex（下一个发送索引）/],
    ['logs.marker.match.title', /matchIndex（已匹配索引）/],
    ['logs.marker.commit', /commitIndex（已提交索引）/],
    ['logs.marker.applied', /lastApplied（已应用索引）/],
    ['logs.row.summary', /commitIndex（已提交索引）.*lastApplied（已应用索引）/],
    ['inspector.msg.gloss.leaderCommit', /commitIndex（已提交索引）/],
    ['cluster.server.tip.log', /已提交索引（commitIndex）/],
  ])('%s', (key, gloss) => {
    expect(DICTS.zh[key]).toMatch(gloss);
  });
});
