/**
 * Offline after the first visit (issue 11): a lecturer in a hall with bad Wi-Fi
 * opens the page they opened yesterday. The service worker (vite-plugin-pwa)
 * precaches the built site, which this project's e2e server serves (`vite
 * preview` of a build; the dev server has no service worker): load once, go
 * offline, reload, run a preset.
 */
import { expect, test } from './fixtures';
import { RaftPage, startUrl } from './pages/raftPage';

// The other specs block service workers (one would only add work to each test); this one needs it.
test.use({ serviceWorkers: 'allow' });

test('after one visit the page opens offline and runs a preset', async ({ page, context }) => {
  const raft = new RaftPage(page);
  await page.goto(startUrl());
  await raft.waitReady();
  // The service worker has installed and precached the build (it activates only once precaching is done).
  await page.waitForFunction(async () => (await navigator.serviceWorker.ready).active?.state === 'activated');

  await context.setOffline(true);
  await page.reload();
  await raft.waitReady();
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  // Served by the service worker, not the network.
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  // A preset loads and its run plays from the cached page and worker.
  const run = (await raft.snapshot()).run;
  await raft.choosePreset('figure-8d');
  const dialog = page.getByRole('dialog').filter({ has: page.getByTestId('preset-info') });
  await dialog.getByTestId('preset-close').click();
  await expect.poll(async () => (await raft.snapshot()).run).toBeGreaterThan(run);
  const before = await raft.eventCount();
  await raft.advance(1_000);
  expect(await raft.eventCount()).toBeGreaterThan(before);
  await context.setOffline(false);
});
