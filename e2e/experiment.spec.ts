/**
 * Issue 14, Figure 16 (§9.3): run a small election experiment from the Stats
 * tab and see the curves with the paper's numbers marked; export CSV and SVG;
 * Cancel stops a long one.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';

test('§9.3 Figure 16: a small experiment draws one curve per timeout range with the paper’s marks, and exports CSV and SVG', async ({ raft, page }) => {
  await raft.openTab('stats');
  await page.getByTestId('open-experiment').click();
  const dialog = page.getByRole('dialog', { name: /Figure 16/ });
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('experiment-trials').selectOption('20');
  await dialog.getByTestId('experiment-run').click();
  const chart = dialog.getByTestId('experiment-chart');
  await expect(chart).toBeVisible({ timeout: 60_000 });
  await expect(chart.locator('g[data-range] path')).toHaveCount(10);
  await expect(chart.getByTestId('paper-mark')).toHaveCount(4);
  await expect(dialog.getByTestId('experiment-table').locator('tbody tr')).toHaveCount(10);

  const [csv] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('experiment-csv').click()]);
  const text = await readFile((await csv.path())!, 'utf8');
  expect(text.split('\n')[0]).toBe('timeout_range_ms,trials,mean_ms,median_ms,p95_ms,worst_ms,no_leader');
  expect(text).toMatch(/^150-155,20,/m);
  const [svg] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('experiment-svg').click()]);
  expect(await readFile((await svg.path())!, 'utf8')).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
});

test('Cancel stops a long experiment and says so', async ({ raft, page }) => {
  await raft.openTab('stats');
  await page.getByTestId('open-experiment').click();
  const dialog = page.getByRole('dialog', { name: /Figure 16/ });
  await dialog.getByTestId('experiment-trials').selectOption('1000');
  await dialog.getByTestId('experiment-run').click();
  await dialog.getByTestId('experiment-cancel').click();
  await expect(dialog.getByTestId('experiment-cancelled')).toHaveText('Experiment cancelled.');
  await expect(dialog.getByTestId('experiment-chart')).toHaveCount(0);
});
