/**
 * The logs view in the redesigned screen (issue 9): every server's row in the
 * view's box, type sizes a projector needs, the leader's nextIndex/matchIndex
 * as numbers on each follower's row, a quorum bar that agrees with the rows,
 * the Figure 8 lesson on the entry itself (§5.4.2), and the cells a step
 * changed highlighted. Driven by simulated time (steps), never by sleeping.
 */
import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import { PRESETS } from '../src/scenario/presets';

async function loadPreset(page: Page, id: string): Promise<void> {
  const scenario = PRESETS.find((p) => p.id === id)!.scenario;
  await page.evaluate(async (sc) => {
    const s = window.__raft!.store.getState();
    await s.loadScenario(sc as never);
    s.setAboutOpen(false);
  }, scenario as unknown);
}

async function setPresentation(page: Page): Promise<void> {
  await page.evaluate(() => {
    const s = window.__raft!.store.getState();
    if (!s.ui.presentation) s.togglePresentation();
  });
}

/** Step (one event at a time) until a leader is elected; at most `max` steps. */
async function stepUntilLeader(page: Page, max = 60): Promise<number> {
  return page.evaluate(async (limit) => {
    const r = window.__raft!;
    for (let k = 0; k < limit && r.store.getState().sim.leaderId === null; k++) await r.step();
    return r.store.getState().sim.leaderId ?? 0;
  }, max);
}

async function fontSizes(page: Page, selector: string): Promise<number[]> {
  return page.locator(selector).evaluateAll((els) => els.map((e) => parseFloat(getComputedStyle(e).fontSize)));
}

test.describe('projector 1280×720, Figure 7 (seven servers)', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('every row inside the logs view, index and term at least 16 px', async ({ raft, page }) => {
    await setPresentation(page);
    await loadPreset(page, 'figure-7');
    const view = (await raft.logsView.boundingBox())!;
    const rows = raft.logsView.locator('[data-server]');
    await expect(rows).toHaveCount(7);
    for (let k = 0; k < 7; k++) {
      const b = (await rows.nth(k).boundingBox())!;
      expect(b.y, `row ${k + 1} top`).toBeGreaterThanOrEqual(view.y - 1);
      expect(b.y + b.height, `row ${k + 1} bottom`).toBeLessThanOrEqual(view.y + view.height + 1);
    }
    const sizes = await fontSizes(page, '[data-testid="logs-view"] .log-cell-index, [data-testid="logs-view"] .log-cell-term');
    expect(sizes.length).toBeGreaterThan(0);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(16);
    // The leader's next/match numbers for every follower, without hovering.
    await expect(raft.logsView.getByTestId('log-progress')).toHaveCount(6);
  });
});

test.describe('laptop 1280×800', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('nextIndex and matchIndex as numbers on each follower’s row, as the leader has them', async ({ raft, page }) => {
    const leader = await raft.advanceUntilLeader();
    await page.evaluate(async () => {
      const s = window.__raft!.store.getState();
      for (const c of ['x=1', 'y=2']) await s.act({ type: 'submit', command: c });
    });
    await raft.advance(30);
    const progress = await page.evaluate((id) => {
      const v = window.__raft!.store.getState().sim.servers.find((s) => s.id === id)!;
      return { next: v.nextIndex, match: v.matchIndex };
    }, leader);
    for (const id of [1, 2, 3, 4, 5].filter((x) => x !== leader)) {
      const text = raft.logRow(id).getByTestId('log-progress');
      await expect(text).toBeVisible();
      await expect(text).toHaveText(`next ${progress.next[id]} · match ${progress.match[id]}`);
    }
    await expect(raft.logRow(leader).getByTestId('log-progress')).toHaveCount(0);
    const sizes = await fontSizes(page, '[data-testid="logs-view"] .log-cell-index, [data-testid="logs-view"] .log-cell-term');
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(11);
  });

  test('a long command: the cell shows what fits, the full text on hover or focus', async ({ raft, page }) => {
    const leader = await raft.advanceUntilLeader();
    const command = 'account:alice=' + 'x'.repeat(60);
    await page.evaluate(async (c) => void (await window.__raft!.store.getState().act({ type: 'submit', command: c })), command);
    await raft.advance(30);
    const cell = raft.logCell(leader, 1);
    await expect(cell).toHaveAttribute('title', new RegExp(command));
    await expect(cell).toHaveAttribute('aria-label', new RegExp(command));
    await cell.focus();
    await expect(raft.logsView.getByTestId('log-quorum')).toContainText(command);
  });

  test('a step highlights the cells it changed, forward and back', async ({ raft, page }) => {
    await raft.advanceUntilLeader();
    await page.evaluate(async () => void (await window.__raft!.store.getState().act({ type: 'submit', command: 'x=1' })));
    // Step until some follower appends the entry; the step that did it marks its cell.
    const changed = raft.logsView.locator('li.log-cell[class*="is-changed-"]');
    let seen = 0;
    for (let k = 0; k < 30 && seen === 0; k++) {
      await page.evaluate(() => window.__raft!.step());
      seen = await changed.count();
    }
    expect(seen, 'a step changed at least one cell').toBeGreaterThan(0);
    // Back over that step the entry is gone (no cell to mark); forward again, it is marked again.
    await page.evaluate(() => window.__raft!.store.getState().stepBack());
    await page.evaluate(() => window.__raft!.step());
    await expect(changed.first()).toBeVisible();
    // The highlight is a CSS animation that ends by itself: no animation frames are requested for it.
    const animations = await changed.first().evaluate((el) => el.getAnimations().map((a) => (a as CSSAnimation).animationName));
    expect(animations.every((n) => n.startsWith('log-cell-changed'))).toBe(true);
  });
});

for (const lang of ['en', 'zh'] as const) {
  test.describe(`Figure 8 (e) (${lang})`, () => {
    test.use({ viewport: { width: 1280, height: 800 }, raftParams: { lang } });

    test('the leader’s older-term entries on a majority are marked; the quorum bar agrees with the rows', async ({ raft, page }) => {
      await loadPreset(page, 'figure-8e');
      const leader = await stepUntilLeader(page);
      expect(leader).toBe(3);
      const callout = raft.logRow(3).getByTestId('older-term-callout');
      await expect(callout).toBeVisible();
      await expect(callout).toContainText(lang === 'en' ? 'on a majority, not committed: older term, §5.4.2' : '已在多数派上，但未提交：旧任期条目，§5.4.2');
      await expect(callout).toContainText('1–3');
      for (const i of [1, 2, 3]) await expect(raft.logCell(3, i).getByTestId('older-term-badge')).toBeVisible();
      await expect(raft.logCell(2, 3).getByTestId('older-term-badge')).toHaveCount(0);

      // S2's row holds t4 at index 3 while S3's matchIndex for it is still 0: held, not "lacks".
      await expect(raft.logCell(2, 3)).toContainText('T4');
      await raft.logCell(3, 3).hover();
      const quorum = raft.logsView.getByTestId('log-quorum');
      await expect(quorum.locator('[data-server="2"]')).toHaveAttribute('data-state', 'held');
      await expect(quorum.locator('[data-server="1"]')).toHaveAttribute('data-state', 'held');
      await expect(quorum.locator('[data-server="4"]')).toHaveAttribute('data-state', 'lacks');
      await expect(quorum).toContainText(lang === 'en' ? 'on a majority, not committed: older term, §5.4.2' : '已在多数派上，但未提交');
      await expect(quorum).not.toContainText(lang === 'en' ? 'no majority yet' : '尚未达到多数派');

      // Glossed in Chinese: the row's next/match numbers name the fields and explain them.
      const progress = raft.logRow(2).getByTestId('log-progress');
      await expect(progress).toHaveText(/next \d+ · match \d+/);
      if (lang === 'zh') await expect(progress).toHaveAttribute('title', /nextIndex（下一个发送索引）.*matchIndex（已匹配索引）/);
    });
  });
}

test('logs: hovering or focusing an entry shows the quorum its commit needs', async ({ raft }) => {
  const leader = await raft.advanceUntilLeaderCanChange();
  await raft.advanceUntil((s) => s.servers.every((v) => v.commitIndex >= 1), { what: 'x=1 committed everywhere' });
  const quorum = raft.logsView.getByTestId('log-quorum');
  await expect(quorum).toBeEmpty();
  await raft.logCell(leader, 1).hover();
  await expect(quorum).toContainText('Entry 1 (t1)');
  await expect(quorum).toContainText('5 hold it, 3 of 5 needed');
  const follower = leader === 2 ? 3 : 2;
  await raft.logCell(follower, 1).focus();
  await expect(quorum).toContainText('Entry 1 (t1)');
});
