/**
 * Time travel in the browser: step back and forward, scrub, jump to a mark,
 * and fork by acting in the past, then return to the old branch.
 */
import { expect, test } from './fixtures';

test('step back one event and forward again returns to the same state', async ({ raft }) => {
  await raft.advance(800);
  const before = await raft.snapshot();
  await raft.stepBackButton().click();
  await expect.poll(async () => (await raft.snapshot()).eventCount).toBe(before.eventCount - 1);
  await expect(raft.page.getByTestId('to-present')).toBeVisible();
  await raft.page.keyboard.press('ArrowLeft');
  await expect.poll(async () => (await raft.snapshot()).eventCount).toBe(before.eventCount - 2);
  await raft.page.getByTestId('step-forward').click();
  await raft.page.getByTestId('step-forward').click();
  await expect.poll(async () => (await raft.snapshot()).eventCount).toBe(before.eventCount);
  const after = await raft.snapshot();
  expect(after.servers).toEqual(before.servers);
});

test('scrubbing the timeline and clicking a mark go to that moment', async ({ raft }) => {
  await raft.advanceUntilLeader();
  await raft.advance(1_000);
  const slider = raft.page.getByTestId('timeline-slider');
  await slider.focus();
  await raft.page.keyboard.press('Home');
  await expect.poll(async () => (await raft.snapshot()).now).toBe(0);
  await expect(raft.page.getByTestId('timeline-position')).toContainText('event 0 /');
  const election = raft.page.getByRole('button', { name: /^Leader elected at/ }).first();
  await election.click();
  await expect.poll(async () => (await raft.snapshot()).leaderId).not.toBeNull();
  await raft.page.getByTestId('to-present').click();
  await expect(raft.page.getByTestId('to-present')).toBeHidden();
});

test('acting in the past forks; the old branch can be chosen again', async ({ raft }) => {
  await raft.advanceUntilLeader();
  await raft.advance(500);
  const end = await raft.snapshot();
  await raft.page.evaluate(() => window.__raft!.store.getState().seekTime(200));
  await expect.poll(async () => (await raft.snapshot()).now).toBe(200);
  await raft.page.evaluate(() => window.__raft!.store.getState().act({ type: 'crash', server: 1 }));
  const branches = raft.page.getByTestId('branch-select');
  await expect(branches).toBeVisible();
  await expect(branches.locator('option')).toHaveCount(2);
  await branches.selectOption('1');
  await expect.poll(async () => (await raft.snapshot()).eventCount).toBe(end.eventCount);
  expect((await raft.snapshot()).servers).toEqual(end.servers);
});

test('manual mode: choose which pending event happens next, and the choice replays from a link', async ({ raft, browser }) => {
  await raft.advanceUntilLeader();
  await raft.page.getByTestId('manual-toggle').click();
  await expect(raft.page.getByTestId('manual-toggle')).toHaveAttribute('aria-pressed', 'true');
  await expect(raft.page.getByTestId('play')).toBeDisabled();
  const panel = raft.page.getByTestId('manual-panel');
  await expect(panel).toBeVisible();
  const choices = panel.getByTestId('pending-event');
  await expect(choices.first()).toBeVisible();
  // Pick the last pending event, not the first.
  const last = choices.last();
  const seq = Number(await last.getAttribute('data-seq'));
  const before = await raft.eventCount();
  await last.click();
  await expect.poll(() => raft.eventCount()).toBe(before + 1);
  await expect(panel.locator(`[data-seq="${seq}"]`)).toHaveCount(0);
  for (let i = 0; i < 3; i++) {
    const n = await raft.eventCount();
    await choices.last().click();
    await expect.poll(() => raft.eventCount()).toBe(n + 1);
  }
  const state = await raft.snapshot();
  // The run with its hand-picked order travels in a link and replays exactly.
  await raft.clickTool('open-share');
  const link = await raft.page.getByTestId('share-link').inputValue();
  expect(link).toContain('#s=v1.');
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  await page.waitForFunction((n) => window.__raft?.store.getState().sim.eventCount === n, state.eventCount);
  const now = await page.evaluate(() => window.__raft!.store.getState().sim.now);
  expect(now).toBe(state.now);
  await context.close();
  // Leaving manual mode lets time run again.
  await raft.page.keyboard.press('Escape');
  await raft.page.getByTestId('manual-toggle').click();
  await expect(raft.page.getByTestId('play')).toBeEnabled();
});

test('jump to the previous and next mark of a kind', async ({ raft }) => {
  await raft.advanceUntilLeader();
  await raft.page.evaluate(async () => {
    const s = window.__raft!.store.getState();
    await s.act({ type: 'crash', server: 1 });
    await window.__raft!.advance(300);
    await s.act({ type: 'restart', server: 1 });
    await window.__raft!.advance(300);
  });
  const marks = await raft.page.evaluate(() => window.__raft!.store.getState().sim.timeline.marks);
  const crash = marks.find((m) => m.kind === 'crash')!;
  await raft.page.getByTestId('mark-kind').selectOption('crash');
  await raft.page.getByTestId('prev-mark').click();
  await expect.poll(async () => (await raft.snapshot()).eventCount).toBe(crash.n);
  await raft.page.getByTestId('mark-kind').selectOption('restart');
  await raft.page.getByTestId('next-mark').click();
  const restart = marks.find((m) => m.kind === 'restart')!;
  await expect.poll(async () => (await raft.snapshot()).eventCount).toBe(restart.n);
  // ] with no later mark of any kind says so and stays put.
  await raft.page.getByTestId('to-present').click();
  await raft.page.keyboard.press(']');
  await expect(raft.page.getByTestId('toast')).toContainText('No later mark');
});

test('malformed links each give a clear message and a working page', async ({ browser }) => {
  const good = 'v1.' + 'A'.repeat(40);
  const links = [
    '#s=',
    '#s=v1.',
    '#s=v9.abcdef',
    '#s=v1.!!!!',
    `#s=${good}`,
    '#s=v1.eJzLSM3JyVcozy_KSQEAGgQEXQ',
    '#s=' + 'x'.repeat(300_000),
    '#s=v1.%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  ];
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  for (const hash of links) {
    await page.goto(`/?play=0${hash}`);
    await expect(page.getByTestId('toast').first()).toContainText('This link could not be opened');
    await page.evaluate(() => window.__raft!.advance(500));
    await expect.poll(() => page.evaluate(() => window.__raft!.store.getState().sim.eventCount)).toBeGreaterThan(0);
  }
  await expect(page.locator('script', { hasText: 'alert(1)' })).toHaveCount(0);
  expect(errors).toEqual([]);
  await context.close();
});
