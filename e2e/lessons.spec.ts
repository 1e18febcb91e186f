/**
 * The lesson player (issue 13): the list opens from the first-visit screen
 * and with G; a step asks its prediction before time moves; Show me plays the
 * step's demo path, does the task and says whether the prediction was right;
 * Next and Back land on exactly the same state; ?lesson=ID&step=K opens a
 * lesson in either language; an unknown lesson is said, the page keeps working.
 * Simulated time only.
 */
import { test, expect } from './fixtures';
import type { RaftPage } from './pages/raftPage';

async function state(raft: RaftPage): Promise<{ n: number; now: number; step: number | null }> {
  return raft.page.evaluate(() => {
    const s = window.__raft!.store.getState();
    return { n: s.sim.eventCount, now: s.sim.now, step: s.ui.lesson?.step ?? null };
  });
}

test('first visit: Start here lists the lessons; lesson 1 asks first, Show me does the task and answers', async ({ raft, page }) => {
  await page.getByTestId('start-here').click();
  const list = page.getByTestId('lesson-list');
  await expect(list.locator('li')).toHaveCount(11);
  await page.getByTestId('lesson-open-why-majority').click();
  const panel = page.getByTestId('lesson-panel');
  await expect(panel).toBeVisible();
  await expect(page.getByTestId('lesson-progress')).toHaveText('Step 1 of 6');
  // The prediction comes before the task: the task is not shown until an answer is locked in.
  await expect(page.getByTestId('lesson-prediction')).toBeVisible();
  await expect(page.getByTestId('lesson-task')).toHaveCount(0);
  await expect(page.getByTestId('lesson-lock')).toBeDisabled();
  const start = await state(raft);
  await page.getByTestId('lesson-watch').click();
  await expect(page.getByTestId('lesson-verdict')).toBeVisible();
  await expect(page.getByTestId('lesson-task')).toHaveClass(/done/);
  await expect(page.getByTestId('lesson-verdict')).toContainText('Right.');
  expect((await state(raft)).now).toBeGreaterThan(start.now);

  // Next, then Back: the same state as the first time this step was opened.
  await page.getByTestId('lesson-next').click();
  await expect(page.getByTestId('lesson-progress')).toHaveText('Step 2 of 6');
  const second = await state(raft);
  await page.getByTestId('lesson-back').click();
  await expect(page.getByTestId('lesson-progress')).toHaveText('Step 1 of 6');
  expect(await state(raft)).toEqual(start);
  // PageDown (a presenter's clicker) goes forward again, to the same state as before.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('PageDown');
  await expect.poll(() => state(raft)).toEqual(second);
});

test('a wrong prediction says so; the student may act themselves and the task is checked', async ({ raft, page }) => {
  await page.keyboard.press('g');
  await page.getByTestId('lesson-open-leader-election').click();
  await expect(page.getByTestId('lesson-progress')).toHaveText('Step 1 of 5');
  const prediction = await page.evaluate(() => window.__raft!.store.getState().ui.lesson!.lesson.steps[0]!.prediction!);
  const wrong = prediction.answer === 0 ? 1 : 0;
  await page.getByTestId(`lesson-choice-${wrong}`).check();
  await page.getByTestId('lesson-lock').click();
  await expect(page.getByTestId('lesson-task')).toBeVisible();
  await expect(page.getByTestId('lesson-task')).not.toHaveClass(/done/);
  await page.getByTestId('lesson-watch').click();
  await expect(page.getByTestId('lesson-verdict')).toContainText('Not quite.');
  // The locked answer stays the student's.
  await expect(page.getByTestId(`lesson-choice-${wrong}`)).toBeChecked();
  // Restart this step: back to its start, nothing answered.
  await page.getByTestId('lesson-restart').click();
  await expect(page.getByTestId('lesson-lock')).toBeVisible();
  await expect(page.getByTestId('lesson-verdict')).toHaveCount(0);
  // Leave: the run stays, the narration returns.
  await page.getByTestId('lesson-close').click();
  await expect(page.getByTestId('lesson-panel')).toHaveCount(0);
  await expect(page.getByTestId('narration')).toBeVisible();
  expect((await raft.snapshot()).now).toBeGreaterThan(0);
});

test.describe('opened from a link', () => {
  test('?lesson=ID&step=K opens that step in Chinese; an unknown lesson is said and the page works', async ({ page }) => {
    await page.goto('/?lesson=when-committed&step=2&lang=zh');
    await expect(page.getByTestId('lesson-progress')).toHaveText('第 2 步，共 6 步');
    await expect(page.getByTestId('lesson-narration')).not.toBeEmpty();
    await page.goto('/?lesson=no-such-lesson&lang=en');
    await expect(page.getByTestId('toast').last()).toContainText('There is no lesson “no-such-lesson”');
    await expect(page.getByTestId('lesson-panel')).toHaveCount(0);
    await page.goto('/?lesson=%3Cb%3Ex%3C%2Fb%3E&lang=en');
    await expect(page.getByTestId('toast').last()).toContainText('lesson');
    await expect(page.locator('.toast b')).toHaveCount(0);
  });
});
