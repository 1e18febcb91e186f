/**
 * Quiet when paused (#9): a paused page requests no animation frames and runs
 * no endless CSS animation; and what a step changed is visible: the server's
 * changed badges are highlighted on the ring and the inspector marks changed
 * values with their old value, until the next step.
 *
 * Frames are counted, not timed: window.requestAnimationFrame is wrapped before
 * the page loads. The one wall-clock wait (500 ms) measures idleness; the
 * assertion is a count (zero), never a time limit.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { RaftPage } from './pages/raftPage';

declare global {
  interface Window {
    __rafCalls?: number;
  }
}

/** Count every requestAnimationFrame call the page makes (the main world's only). */
async function countFrames(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__rafCalls = 0;
    const original = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (cb) => {
      window.__rafCalls! += 1;
      return original(cb);
    };
  });
}

const rafCalls = (page: Page) => page.evaluate(() => window.__rafCalls ?? 0);
/** Half a second of wall time in which nothing is asked of the page. */
const idle = (page: Page) => page.evaluate(() => new Promise<void>((r) => setTimeout(r, 500)));
/** Animations that never end (iterations: Infinity) running now. */
const endlessAnimations = (page: Page) =>
  page.evaluate(() => document.getAnimations().filter((a) => a.effect?.getComputedTiming().iterations === Infinity).length);

/** The server whose election timer fires first, and how many Step clicks until it is a candidate (§5.2). */
async function stepUntilCandidate(raft: RaftPage, id: number): Promise<void> {
  for (let i = 0; i < 50; i++) {
    if ((await raft.serverState(id)).role === 'candidate') return;
    await raft.clickStep();
  }
  throw new Error(`S${id} did not become a candidate within 50 steps`);
}

async function firstToTimeOut(raft: RaftPage): Promise<number> {
  return raft.page.evaluate(() => {
    const servers = window.__raft!.store.getState().sim.servers;
    return servers.reduce((a, b) => ((b.electionDeadline ?? Infinity) < (a.electionDeadline ?? Infinity) ? b : a)).id;
  });
}

test('a paused page requests no animation frames, before and after a step; playing does', async ({ page }) => {
  await countFrames(page);
  const raft = new RaftPage(page);
  await raft.goto({ servers: 5 });
  await raft.advanceUntilLeader();

  let before = await rafCalls(page);
  await idle(page);
  expect(await rafCalls(page)).toBe(before);
  expect(await endlessAnimations(page)).toBe(0);

  // A step (and its highlights) must not start a loop either.
  await raft.clickStep();
  await raft.clickStep();
  before = await rafCalls(page);
  await idle(page);
  expect(await rafCalls(page)).toBe(before);
  expect(await endlessAnimations(page)).toBe(0);

  // The counter sees the playback loop: playing asks for frames, pausing stops them.
  await page.evaluate(() => window.__raft!.store.getState().setPlaying(true));
  await idle(page);
  expect(await rafCalls(page)).toBeGreaterThan(before);
  await page.evaluate(() => window.__raft!.store.getState().setPlaying(false));
  await raft.flush();
  before = await rafCalls(page);
  await idle(page);
  expect(await rafCalls(page)).toBe(before);
  expect(await endlessAnimations(page)).toBe(0);
});

test('after a step the changed term and role are highlighted on the ring and marked in the inspector', async ({ raft }) => {
  const id = await firstToTimeOut(raft);
  await raft.selectServer(id);
  await stepUntilCandidate(raft, id);

  // §5.2: the candidate's term and role changed in this step.
  const node = raft.server(id);
  await expect(node.locator('.cv-term')).toHaveClass(/cv-changed/);
  await expect(node.locator('.cv-caption .cv-changed').first()).toHaveText(/candidate/);
  // Servers this step did not touch are not highlighted.
  const others = (await raft.snapshot()).servers.filter((s) => s.id !== id && s.term === 0).map((s) => s.id);
  expect(others.length).toBeGreaterThan(0);
  for (const o of others) await expect(raft.server(o).locator('.cv-changed')).toHaveCount(0);

  // The inspector: bold and underlined, the old value in the title.
  const term = raft.inspector.locator('[data-changed="term"]');
  await expect(term).toHaveText('1');
  await expect(term).toHaveAttribute('title', 'was 0');
  await expect(raft.inspector.locator('[data-changed="votedFor"]')).toHaveAttribute('title', 'was none');
  await expect(raft.inspector.locator('[data-changed="role"]').first()).toHaveAttribute('title', 'was follower');
  // Unchanged values are not marked.
  await expect(raft.inspector.locator('[data-changed="commitIndex"]')).toHaveCount(0);

  // Step back: the same fields changed again, back to what they were.
  await raft.page.evaluate(() => window.__raft!.store.getState().stepBack());
  await expect.poll(async () => (await raft.serverState(id)).role).toBe('follower');
  await expect(raft.inspector.locator('[data-changed="term"]')).toHaveAttribute('title', 'was 1');
  await expect(node.locator('.cv-term')).toHaveClass(/cv-changed/);

  // A frame that changes nothing clears the marks: they last until the next step only.
  await raft.flush();
  await expect(raft.inspector.locator('.changed-value')).toHaveCount(0);
  await expect(node.locator('.cv-changed')).toHaveCount(0);
});

test('with reduced motion the marks are still (no animation at all)', async ({ page, raft }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const id = await firstToTimeOut(raft);
  await raft.selectServer(id);
  await stepUntilCandidate(raft, id);
  await expect(raft.server(id).locator('.cv-term')).toHaveClass(/cv-changed/);
  await expect(raft.inspector.locator('[data-changed="term"]')).toBeVisible();
  expect(await page.evaluate(() => document.getAnimations().length)).toBe(0);
});
