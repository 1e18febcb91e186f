/** The "Run until…" list's templates (issue 13): each is a condition of the lessons' vocabulary. */
import { describe, expect, it } from 'vitest';
import { conditionOf, RUN_UNTIL_TEMPLATES } from './RunUntilForm';
import { parseCondition } from '../../analysis';

describe('the Run until… list', () => {
  it('every template gives a condition that parses (custom: the JSON typed)', () => {
    for (const k of RUN_UNTIL_TEMPLATES) {
      const raw = conditionOf(k, { server: 3, number: 4, json: '{"kind":"crashed","server":2}' });
      expect(parseCondition(raw).ok, k).toBe(true);
    }
  });

  it('custom JSON that does not parse gives no condition; JSON of the wrong shape names the field', () => {
    expect(conditionOf('custom', { server: 1, number: 1, json: '{kind:' })).toBeUndefined();
    const r = parseCondition(conditionOf('custom', { server: 1, number: 1, json: '{"kind":"committedOn","index":0,"servers":"all"}' }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.path).toBe('condition.index');
  });
});
