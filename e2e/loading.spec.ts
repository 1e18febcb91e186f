/**
 * Issue 10: a long link, file or preset replays beside the current run, with
 * progress and Cancel (or Escape); a cancel leaves the current run as it was;
 * a link over the replay budget is refused up front with a sentence.
 */
import { expect, test } from './fixtures';
import { encodeScenario, SCENARIO_VERSION, type Scenario } from '../src/scenario';

/** Half an hour of nine servers with a 3 ms heartbeat: just under the budget, seconds of replay. */
const LONG: Scenario = { version: SCENARIO_VERSION, options: { seed: 'e2e-load', servers: 9, heartbeatMs: 3 }, actions: [], runUntil: 1_800_000 };

test('a long replay shows progress; Escape cancels it and the current run goes on unchanged', async ({ raft, page }) => {
  await page.evaluate(() => window.__raft!.advance(1_000));
  const before = await page.evaluate(() => {
    const s = window.__raft!.store.getState().sim;
    return { n: s.eventCount, now: s.now, run: s.run };
  });
  await page.evaluate((s) => void window.__raft!.store.getState().loadScenario(s), LONG);
  const banner = page.getByTestId('load-progress');
  await expect(banner).toBeVisible();
  await expect(banner).toHaveAttribute('role', 'status');
  await expect(page.getByTestId('load-progress-text')).toContainText(/[\d,]+ events · .* of 1800.000 s simulated/);
  // The current run answers while the new one replays.
  await page.evaluate(() => window.__raft!.advance(100));
  await expect.poll(() => page.evaluate(() => window.__raft!.store.getState().sim.now)).toBe(before.now + 100);
  await page.keyboard.press('Escape');
  await expect(banner).toHaveCount(0);
  await expect(page.getByTestId('toast')).toContainText('Loading cancelled: the previous run is unchanged.');
  const after = await page.evaluate(() => {
    const s = window.__raft!.store.getState().sim;
    return { now: s.now, run: s.run, n: s.eventCount };
  });
  expect(after.run).toBe(before.run);
  expect(after.now).toBe(before.now + 100);
  expect(after.n).toBeGreaterThanOrEqual(before.n);
  void raft;
});

test('the Cancel button stops a load as well; a load left alone ends on the new run', async ({ raft, page }) => {
  const before = await page.evaluate(() => window.__raft!.store.getState().sim.run);
  await page.evaluate((s) => void window.__raft!.store.getState().loadScenario(s), LONG);
  await page.getByTestId('load-cancel').click();
  await expect(page.getByTestId('load-progress')).toHaveCount(0);
  expect(await page.evaluate(() => window.__raft!.store.getState().sim.run)).toBe(before);

  const short: Scenario = { ...LONG, runUntil: 60_000 };
  expect(await page.evaluate((s) => window.__raft!.store.getState().loadScenario(s), short)).toBe(true);
  await expect(page.getByTestId('load-progress')).toHaveCount(0);
  const sim = await page.evaluate(() => window.__raft!.store.getState().sim);
  expect(sim.now).toBe(60_000);
  expect(sim.servers).toHaveLength(9);
  void raft;
});

for (const lang of ['en', 'zh'] as const) {
  test(`a link over the replay budget is refused up front, in ${lang}, and the default run stays`, async ({ page }) => {
    const hostile: Scenario = {
      version: SCENARIO_VERSION,
      options: { servers: 9, heartbeatMs: 1, electionTimeoutMs: [1, 1], latencyMs: [0, 0], duplicateRate: 1 },
      actions: [],
      runUntil: 3_600_000,
    };
    await page.goto(`/?play=0&lang=${lang}#s=${encodeScenario(hostile)}`);
    await page.waitForFunction(() => window.__raft?.store.getState().sim.ready === true);
    const toast = page.getByTestId('toast');
    await expect(toast).toContainText(lang === 'en' ? /too long to replay here: about [\d,]+ events over 3600 simulated seconds, and the page replays at most 12,000,000/ : /太长，无法在这里重放：约 [\d,]+ 个事件、3600 秒模拟时间/);
    await expect(page.getByTestId('load-progress')).toHaveCount(0);
    expect(await page.evaluate(() => window.__raft!.store.getState().sim.servers.length)).toBe(5);
    await page.evaluate(() => window.__raft!.advance(1_000));
    await expect.poll(() => page.evaluate(() => window.__raft!.store.getState().sim.eventCount)).toBeGreaterThan(0);
  });
}
