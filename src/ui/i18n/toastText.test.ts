/**
 * The store keeps what a toast means (a key, a moment, or text already worded);
 * the toast view words it in the reader's language (issue 11: the store does
 * not import the UI's dictionaries).
 */
import { describe, expect, it } from 'vitest';
import { toastText } from '.';

describe('toast wording', () => {
  it('a key with counts is said with digit grouping in each language', () => {
    const content = { key: 'load.tooCostly', params: { seconds: 3600 }, counts: { events: 2_100_000_000, budget: 12_000_000 } };
    expect(toastText(content, 'en')).toBe(
      'This run is too long to replay here: about 2,100,000,000 events over 3600 simulated seconds, and the page replays at most 12,000,000. Shorten it, or use fewer servers or slower timers.',
    );
    expect(toastText(content, 'zh')).toContain('约 2,100,000,000 个事件、3600 秒模拟时间');
  });

  it('a moment is described (the same sentence Next gives)', () => {
    const moment = { kind: 'commit' as const, n: 12, time: 1_234, server: 3, params: { server: 3, index: 4, term: 2, section: '§5.3' } };
    expect(toastText({ moment }, 'en')).toBe('Stopped: leader S3 commits up to index 4 (term 2) (§5.3)');
    expect(toastText({ moment }, 'zh')).toMatch(/^停在：.*S3.*4/);
  });

  it('text already worded is shown as it is', () => {
    expect(toastText('unknown server id 42', 'zh')).toBe('unknown server id 42');
  });
});
