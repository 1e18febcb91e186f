/**
 * Offline after the first visit (issue 11): a lecturer in a hall with bad Wi-Fi
 * opens the page they opened yesterday. The service worker precaches the built
 * site (vite-plugin-pwa), so this builds the site and serves it with `vite
 * preview` (the dev server has no service worker): load once, go offline,
 * reload, run a preset.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { RaftPage, startUrl } from './pages/raftPage';

const PORT = 4191;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const VITE = join(process.cwd(), 'node_modules/vite/bin/vite.js');

let outDir = '';
let server: ChildProcess | null = null;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  outDir = mkdtempSync(join(tmpdir(), 'raft-offline-'));
  const build = spawnSync(process.execPath, [VITE, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], { encoding: 'utf8' });
  expect(build.status, `vite build failed:\n${build.stderr}`).toBe(0);
  server = spawn(process.execPath, [VITE, 'preview', '--outDir', outDir, '--port', String(PORT), '--strictPort', '--host', '127.0.0.1'], { stdio: 'ignore' });
  await expect
    .poll(async () => {
      try {
        return (await fetch(ORIGIN)).ok;
      } catch {
        return false;
      }
    }, { timeout: 30_000 })
    .toBe(true);
});

test.afterAll(() => {
  server?.kill();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

test('after one visit the page opens offline and runs a preset', async ({ page, context }) => {
  const raft = new RaftPage(page);
  await page.goto(ORIGIN + startUrl());
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
