/**
 * A run too long for a link (issue 10): the share dialog says so, with the
 * numbers, and offers the file instead — the app never makes a link it would
 * refuse to open (the codec's LINK_LIMITS.maxChars bounds both sides).
 */
import { test, expect } from './fixtures';
import { LINK_LIMITS } from '../src/scenario';

test('Share says when a run is too long for a link and offers the file', async ({ raft, page }) => {
  test.setTimeout(120_000);
  await raft.advance(3000);
  // Commands of incompressible text (a fixed LCG, so the run is the same every time) until the link would pass the bound.
  await page.evaluate(async (maxChars) => {
    const s = window.__raft!.store.getState();
    let x = 12345;
    const letter = () => {
      x = (x * 1103515245 + 12345) % 2147483648;
      return String.fromCharCode(33 + (x % 90));
    };
    const commands = Math.ceil(maxChars / 120);
    for (let k = 0; k < commands; k++) await s.act({ type: 'submit', command: Array.from({ length: 180 }, letter).join('') });
  }, LINK_LIMITS.maxChars);
  await raft.openTool('open-share');
  await expect(page.getByTestId('share-status')).toContainText('too long for a link', { timeout: 60_000 });
  await expect(page.getByTestId('share-copy')).toBeDisabled();
  await expect(page.getByTestId('share-export')).toBeEnabled();
});
