/**
 * Next (N) stops at teaching moments and says why; the user chooses which
 * kinds it stops at; acting in the past says that it forked, and the branch
 * list names the branch by its action. Driven by simulated time only.
 */
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures';
import type { RaftPage } from './pages/raftPage';

/** Load Figure 8 (d) from the preset menu and close its explanation. */
async function openFigure8d(raft: RaftPage): Promise<void> {
  const run = (await raft.snapshot()).run;
  await raft.choosePreset('figure-8d');
  const dialog = raft.page.getByRole('dialog').filter({ has: raft.page.getByTestId('preset-info') });
  await dialog.getByTestId('preset-close').click();
  await expect(dialog).toBeHidden();
  await expect.poll(async () => (await raft.snapshot()).run).toBeGreaterThan(run);
}

/** Click Next and wait until it stopped somewhere new; returns the notice it gave. */
async function clickNext(raft: RaftPage): Promise<string> {
  const before = await raft.eventCount();
  // The newest notice (ids only grow; at most four notices are kept).
  const latest = () => raft.page.evaluate(() => window.__raft!.store.getState().ui.toasts.at(-1) ?? { id: 0 });
  const { id } = await latest();
  await raft.page.getByTestId('next-interesting').click();
  await expect.poll(() => raft.eventCount()).toBeGreaterThan(before);
  await expect.poll(async () => (await latest()).id).toBeGreaterThan(id);
  // The store keeps the moment; the toast says it in the page's language.
  return (await raft.page.getByTestId('toast').last().locator('span').textContent()) ?? '';
}

/** Index-2 entry of server `id` in the page's copy of its log. */
async function entryAt2(raft: RaftPage, id: number): Promise<{ index: number; term: number } | undefined> {
  return (await raft.snapshot()).logs[id]?.find((e) => e.index === 2);
}

test('Figure 8 (d): Next walks through the log repair to the overwrite of index 2, and says so', async ({ raft, page }) => {
  await openFigure8d(raft);
  const start = await raft.eventCount();
  const said: string[] = [];
  for (let i = 0; i < 12 && !said.at(-1)?.includes('index 2 conflicted'); i++) said.push(await clickNext(raft));
  // On the way: a follower refusing AppendEntries (§5.3) and S5 stepping nextIndex back.
  expect(said.some((x) => /^Stopped: S\d rejects AppendEntries from S5: its entry at index 2 is not from term 3 \(§5\.3\)$/.test(x))).toBe(true);
  expect(said.some((x) => /^Stopped: leader S5 steps nextIndex for S\d back from 3 to 2/.test(x))).toBe(true);
  const last = said.at(-1)!;
  expect(last).toMatch(/^Stopped: S([23])’s entry at index 2 conflicted with the leader’s log and is overwritten by its term-3 entry \(§5\.3\)$/);
  // The notice is on screen, and the log it names now holds S5's term-3 entry at index 2.
  await expect(page.getByTestId('toast').filter({ hasText: last })).toBeVisible();
  const server = Number(/S(\d)’s entry/.exec(last)![1]);
  expect(await entryAt2(raft, server)).toMatchObject({ index: 2, term: 3 });
  // It stopped well before the commit at the end (event ~125), which is where Next used to go.
  expect(await raft.eventCount()).toBeLessThan(start + 20);
  // The timeline marks the overwrite.
  await expect(page.locator('.timeline-mark.mark-overwrite').first()).toBeAttached();
});

test('unchecking kinds in the Stops menu makes Next skip them; Escape closes it and N works at once', async ({ raft, page }) => {
  await openFigure8d(raft);
  const button = page.getByTestId('next-stops');
  await button.click();
  const panel = page.getByTestId('next-stops-panel');
  await expect(panel).toBeVisible();
  // The list is usable from the keyboard at once: its first box has the focus.
  await expect(panel.locator('input[type="checkbox"]').first()).toBeFocused();
  await panel.getByTestId('next-stop-appendRejected').uncheck();
  await panel.getByTestId('next-stop-nextIndexBackoff').uncheck();
  await panel.getByTestId('next-stop-roleChange').uncheck();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(button).toBeFocused();
  await expect(button).toContainText('7 of 10');
  const stops = await page.evaluate(() => window.__raft!.store.getState().ui.nextStops);
  expect(stops).not.toContain('appendRejected');
  expect(stops).not.toContain('nextIndexBackoff');

  // N (from the keyboard, focus still on the menu's button) goes straight to the overwrite.
  const before = await raft.eventCount();
  await page.keyboard.press('n');
  await expect.poll(() => raft.eventCount()).toBeGreaterThan(before);
  const text = (await page.getByTestId('toast').last().locator('span').textContent()) ?? '';
  expect(text).toMatch(/^Stopped: S[23]’s entry at index 2 conflicted/);
  // The refusals and nextIndex steps between (six events in this run) were passed over.
  expect((await raft.eventCount()) - before).toBeGreaterThanOrEqual(6);
});

test('the stop reason in Chinese', async ({ raft, page }) => {
  await raft.chooseLang('zh');
  await openFigure8d(raft);
  await page.evaluate(() => window.__raft!.store.getState().setNextStops(['oldTermMajority']));
  const text = await clickNext(raft);
  expect(text).toBe('停在：领导者 S5 在索引 2 的条目（任期 3）已在多数派上，但未提交：它来自比 5 更早的任期（§5.4.2）');
});

test('acting in the past says it forked, and the branch list names the branch by its action', async ({ raft, page }) => {
  await openFigure8d(raft);
  // The preset opens in the past (its recorded run goes on to the commit).
  await clickNext(raft);
  const at = await raft.now();
  await page.evaluate(() => window.__raft!.store.getState().act({ type: 'crash', server: 4 }));
  const notice = page.getByTestId('toast').filter({ hasText: 'New branch: the old future is kept in Branches.' });
  await expect(notice).toBeVisible();
  const branches = page.getByTestId('branch-select');
  await expect(branches.locator('option')).toHaveCount(2);
  await expect(branches.locator('option[value="1"]')).toHaveText(/^#1 Original run \(to \d+\.\d{3} s\)$/);
  await expect(branches.locator('option[value="2"]')).toHaveText(`#2 crash S4 at ${(at / 1000).toFixed(3)} s`);
  // The branch menu is whole on screen, inside the timeline.
  const box = await branches.boundingBox();
  const timeline = await page.locator('.timeline').boundingBox();
  const viewport = page.viewportSize()!;
  expect(box && timeline).toBeTruthy();
  expect(box!.x).toBeGreaterThanOrEqual(timeline!.x);
  expect(box!.x + box!.width).toBeLessThanOrEqual(Math.min(timeline!.x + timeline!.width, viewport.width) + 0.5);
  expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height + 0.5);
  // Back to the old future by its name.
  await branches.selectOption('1');
  // Wait on the worker's queue (switching is a worker call), not on the clock.
  await raft.flush();
  await expect(branches).toHaveValue('1');
  expect((await raft.clusterState()).servers.find((s) => s.id === 4)!.alive).toBe(true);
});

test('the timeline legend lists the teaching-moment marks and Escape closes it', async ({ raft, page }) => {
  await openFigure8d(raft);
  const legend = page.getByTestId('timeline-legend');
  await legend.locator('summary').click();
  const list = legend.locator('.timeline-legend-list');
  await expect(list).toBeVisible();
  for (const text of ['AppendEntries rejected (§5.3)', 'Entries overwritten (§5.3)', 'Older-term entry on a majority, not committed (§5.4.2)']) await expect(list).toContainText(text);
  await page.keyboard.press('Escape');
  await expect(list).toBeHidden();
  // Jumping to the next mark of a teaching kind lands on it.
  await page.getByTestId('mark-kind').selectOption('overwrite');
  const before = await raft.eventCount();
  await page.getByTestId('next-mark').click();
  await expect.poll(() => raft.eventCount()).toBeGreaterThan(before);
  const n = await raft.eventCount();
  const marks = await page.evaluate(() => window.__raft!.store.getState().sim.timeline.marks);
  expect(marks.find((m) => m.n === n && m.kind === 'overwrite')).toBeTruthy();
});

test('axe: the Stops chooser and the mark legend, open, with a branch list', async ({ raft, page }) => {
  await openFigure8d(raft);
  await clickNext(raft);
  await page.evaluate(() => window.__raft!.store.getState().act({ type: 'crash', server: 4 }));
  await expect(page.getByTestId('branch-select')).toBeVisible();
  await page.getByTestId('next-stops').click();
  await expect(page.getByTestId('next-stops-panel')).toBeVisible();
  await page.getByTestId('timeline-legend').locator('summary').click();
  const results = await new AxeBuilder({ page }).include('.next-stops').include('.timeline').analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});
