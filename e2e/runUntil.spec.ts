/**
 * "Run until…" (issue 13): U opens it from the keyboard; a listed condition
 * runs the cluster until it holds and says so; a condition that never holds
 * stops at the limit and says what did not happen; bad JSON and a bad limit
 * are refused in the reader's language, with nothing run. Simulated time only.
 */
import { test, expect } from './fixtures';

test('U opens Run until…; "S3 is leader" runs until S3 leads, and the notice says so', async ({ raft, page }) => {
  await page.keyboard.press('u');
  const form = page.getByTestId('run-until');
  await expect(form).toBeVisible();
  await expect(form.getByTestId('run-until-template')).toBeFocused();
  await form.getByTestId('run-until-template').selectOption('isLeader');
  await form.getByTestId('run-until-server').selectOption('3');
  await expect(form.getByTestId('run-until-said')).toHaveText('Runs until S3 is the leader, for at most 10 simulated s.');
  // S3 may never win by itself within 10 s; make it likely: S3 times out first.
  await page.keyboard.press('Escape');
  await expect(form).toBeHidden();
  await expect(page.getByTestId('run-until-open')).toBeFocused();
  await raft.page.evaluate(() => window.__raft!.store.getState().act({ type: 'timeout', server: 3 }));
  // Reopened, it remembers the choice.
  await page.keyboard.press('u');
  await expect(form.getByTestId('run-until-server')).toHaveValue('3');
  await form.getByTestId('run-until-go').click();
  await expect.poll(async () => (await raft.snapshot()).leaderId).toBe(3);
  await expect(page.getByTestId('toast').last()).toContainText(/^Stopped: S3 is the leader \(at /);
});

test('a condition that never holds stops at the limit and says so, in Chinese too', async ({ raft, page }) => {
  await raft.page.evaluate(() => window.__raft!.store.getState().setLang('zh'));
  await page.getByTestId('run-until-open').click();
  const form = page.getByTestId('run-until');
  await form.getByTestId('run-until-template').selectOption('violation');
  await form.getByTestId('run-until-limit').fill('2');
  await form.getByTestId('run-until-go').click();
  await expect.poll(async () => (await raft.snapshot()).now).toBe(2_000);
  await expect(page.getByTestId('toast').last()).toContainText('没有发生');
  await expect(page.getByTestId('toast').last()).toContainText('违反安全性');
});

test('custom JSON: bad JSON and a wrong field are refused, naming the field; nothing runs', async ({ raft, page }) => {
  await page.getByTestId('run-until-open').click();
  const form = page.getByTestId('run-until');
  await form.getByTestId('run-until-template').selectOption('custom');
  const json = form.getByTestId('run-until-json');
  await json.fill('{"kind": "committedOn", "index": 0');
  await expect(form.getByTestId('run-until-error')).toHaveText('The condition is not valid JSON.');
  await expect(form.getByTestId('run-until-go')).toBeDisabled();
  await json.fill('{"kind": "committedOn", "index": 0, "servers": "all"}');
  await expect(form.getByTestId('run-until-error')).toContainText('condition.index');
  await json.fill('{"kind": "committedOn", "index": 1, "servers": "<b>all</b>"}');
  await expect(form.getByTestId('run-until-error')).toContainText('condition.servers');
  await expect(form.locator('b')).toHaveCount(0);
  await json.fill('{"kind": "leaderExists"}');
  await form.getByTestId('run-until-limit').fill('99999');
  await expect(form.getByTestId('run-until-error')).toContainText('at most 3600');
  await expect(form.getByTestId('run-until-go')).toBeDisabled();
  expect(await raft.eventCount()).toBe(0);
  // A good one runs: a leader exists.
  await form.getByTestId('run-until-limit').fill('10');
  await form.getByTestId('run-until-go').click();
  await expect.poll(async () => (await raft.snapshot()).leaderId).not.toBeNull();
});

test.describe('on a phone (390×844)', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('Stops and Run until… are in More; each opens its panel; the toolbar fits the screen', async ({ raft, page }) => {
    await expect(page.getByTestId('run-until-open')).toHaveCount(0);
    await expect(page.getByTestId('next-stops')).toHaveCount(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByTestId('more').click();
    await page.getByTestId('more-run-until').click();
    const form = page.getByTestId('run-until');
    await expect(form).toBeVisible();
    await expect(form.getByTestId('run-until-template')).toBeFocused();
    await form.getByTestId('run-until-template').selectOption('leaderTerm');
    await form.getByTestId('run-until-number').fill('1');
    await form.getByTestId('run-until-go').click();
    await expect(page.getByTestId('toast').last()).toContainText(/^Stopped: a leader exists in term 1 or later/);
    expect((await raft.snapshot()).leaderId).not.toBeNull();
    await page.keyboard.press('Escape');
    await expect(form).toBeHidden();
    await page.getByTestId('more').click();
    await page.getByTestId('more-next-stops').click();
    await expect(page.getByTestId('next-stops-panel')).toBeVisible();
  });
});
