/**
 * The screen in every room (issue 9): what each room shows without scrolling
 * the page, the type sizes a lecture hall needs, one-row toolbars, no labels
 * drawn over each other, and a phone that keeps the cluster wide and the page
 * from scrolling sideways. Checked in English and Chinese.
 */
import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import { PRESETS } from '../src/scenario/presets';

type Box = { x: number; y: number; width: number; height: number };

const LANGS = ['en', 'zh'] as const;

async function electAndCommit(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const r = window.__raft!;
    await r.advance(3000);
    const s = r.store.getState();
    for (const c of ['x=1', 'y=2', 'z=3']) await s.act({ type: 'submit', command: c });
    await r.advance(400);
  });
}

async function setPresentation(page: Page, on: boolean): Promise<void> {
  await page.evaluate((v) => {
    const s = window.__raft!.store.getState();
    if (s.ui.presentation !== v) s.togglePresentation();
  }, on);
}

async function loadPreset(page: Page, id: string): Promise<void> {
  const scenario = PRESETS.find((p) => p.id === id)!.scenario;
  await page.evaluate(async (sc) => {
    const s = window.__raft!.store.getState();
    await s.loadScenario(sc as never);
    s.setAboutOpen(false);
  }, scenario as unknown);
}

async function box(page: Page, selector: string): Promise<Box> {
  const b = await page.locator(selector).first().boundingBox();
  expect(b, `${selector} is laid out`).not.toBeNull();
  return b!;
}

function inside(inner: Box, outer: { width: number; height: number; x?: number; y?: number }, what: string): void {
  const ox = outer.x ?? 0;
  const oy = outer.y ?? 0;
  expect(inner.x, `${what}: left edge`).toBeGreaterThanOrEqual(ox - 1);
  expect(inner.y, `${what}: top edge`).toBeGreaterThanOrEqual(oy - 1);
  expect(inner.x + inner.width, `${what}: right edge`).toBeLessThanOrEqual(ox + outer.width + 1);
  expect(inner.y + inner.height, `${what}: bottom edge`).toBeLessThanOrEqual(oy + outer.height + 1);
}

async function fontPx(page: Page, selector: string): Promise<number> {
  return page.locator(selector).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
}

/** Pairs of text boxes among `selector` that overlap by more than a pixel each way. */
async function overlaps(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const els = [...document.querySelectorAll(sel)].filter((e) => (e.textContent ?? '').trim() !== '');
    const boxes = els.map((e) => ({ text: (e.textContent ?? '').trim(), r: e.getBoundingClientRect() })).filter((b) => b.r.width > 0 && b.r.height > 0);
    const out: string[] = [];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!.r;
        const b = boxes[j]!.r;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 1 && h > 1) out.push(`"${boxes[i]!.text}" × "${boxes[j]!.text}"`);
      }
    return out;
  }, selector);
}

async function pageScroll(page: Page): Promise<{ sw: number; sh: number; w: number; h: number }> {
  return page.evaluate(() => ({ sw: document.documentElement.scrollWidth, sh: document.documentElement.scrollHeight, w: innerWidth, h: innerHeight }));
}

/** Every server's log row lies inside the logs view and the viewport. */
async function expectAllRowsVisible(page: Page, servers: number): Promise<void> {
  const view = await box(page, '[data-testid="logs-view"]');
  const vp = page.viewportSize()!;
  const rows = page.locator('[data-testid="logs-view"] [data-server]');
  await expect(rows).toHaveCount(servers);
  for (let k = 0; k < servers; k++) {
    // Rows scroll sideways with the log (the view follows its end): their height must fit, not their width.
    const b = (await rows.nth(k).boundingBox())!;
    const vertical = { ...b, x: view.x, width: view.width };
    inside(vertical, view, `log row ${k + 1} in the logs view`);
    inside(vertical, { width: vp.width, height: vp.height }, `log row ${k + 1} in the viewport`);
  }
}

/** The toolbar's items share one row. */
async function expectToolbarOneRow(page: Page): Promise<void> {
  const tops = await page.evaluate(() => {
    const bar = document.querySelector('[role="toolbar"]')!;
    return [...bar.children].map((c) => c.getBoundingClientRect()).filter((r) => r.width > 1).map((r) => r.top + r.height / 2);
  });
  const spread = Math.max(...tops) - Math.min(...tops);
  expect(spread, 'toolbar items are on one row').toBeLessThan(12);
}

const LAPTOPS = [
  { width: 1280, height: 800, narration: 15 },
  { width: 1366, height: 768, narration: 15 },
  { width: 1024, height: 768, narration: 14 },
];

for (const lang of LANGS) {
  for (const vp of LAPTOPS) {
    test.describe(`laptop ${vp.width}×${vp.height} (${lang})`, () => {
      test.use({ viewport: { width: vp.width, height: vp.height }, raftParams: { lang } });

      // One page for both checks: a page load and an election cost more than the checks themselves on 2 cores.
      test('cluster, narration, every log row, timeline and transport without scrolling the page; the event history one click away with at least 8 sentences', async ({ raft, page }) => {
        await electAndCommit(page);
        const s = await pageScroll(page);
        expect(s.sh, 'the page does not scroll vertically').toBeLessThanOrEqual(s.h);
        expect(s.sw, 'the page does not scroll sideways').toBeLessThanOrEqual(s.w);
        const v = page.viewportSize()!;
        for (const sel of ['[data-testid="cluster-view"]', '[data-testid="narration"]', '[data-testid="timeline-slider"]', '[data-testid="play"]', '[data-testid="step"]', '[data-testid="step-back"]', '[data-testid="next-interesting"]']) {
          inside(await box(page, sel), v, sel);
        }
        await expectAllRowsVisible(page, 5);
        expect(await fontPx(page, '[data-testid="narration-text"]')).toBeGreaterThanOrEqual(vp.narration);
        await expectToolbarOneRow(page);
        expect(await overlaps(page, '[data-testid="cluster-view"] text')).toEqual([]);
        expect(await overlaps(page, '[data-testid="logs-view"] .logs-server-name, [data-testid="logs-view"] .logs-tag')).toEqual([]);
        void raft;

        await page.getByTestId('tab-events').click();
        const rows = page.locator('[data-testid="event-list"] li.event');
        let shown = 0;
        for (let k = 0; k < 12; k++) {
          const b = await rows.nth(k).boundingBox();
          if (b && b.y + b.height <= v.height) shown++;
        }
        expect(shown, 'event sentences in view').toBeGreaterThanOrEqual(8);
      });
    });
  }

  for (const vp of [
    { width: 1920, height: 1080, narration: 28, names: 28 },
    { width: 1280, height: 720, narration: 20, names: 0 },
  ]) {
    test.describe(`projector ${vp.width}×${vp.height} (${lang})`, () => {
      test.use({ viewport: { width: vp.width, height: vp.height }, raftParams: { lang } });

      // Both presets in one page (a page load costs more than the checks).
      test('figure-7 and figure-8d: large type, every row, one-row toolbar, nothing clipped', async ({ raft, page }) => {
        void raft;
        await setPresentation(page, true);
        for (const preset of [
          { id: 'figure-7', servers: 7 },
          { id: 'figure-8d', servers: 5 },
        ]) {
          expect(PRESETS.some((p) => p.id === preset.id), `preset ${preset.id} exists`).toBe(true);
          await loadPreset(page, preset.id);
          const s = await pageScroll(page);
          expect(s.sh, `${preset.id}: no vertical scroll`).toBeLessThanOrEqual(s.h);
          expect(s.sw, `${preset.id}: no sideways scroll`).toBeLessThanOrEqual(s.w);
          await expectAllRowsVisible(page, preset.servers);
          expect(await fontPx(page, '[data-testid="narration-text"]')).toBeGreaterThanOrEqual(vp.narration);
          if (vp.names > 0) {
            const names = await page.locator('[data-testid="cluster-view"] .cv-name').evaluateAll((els) => els.map((e) => parseFloat(getComputedStyle(e).fontSize)));
            expect(Math.min(...names), `${preset.id}: server names`).toBeGreaterThanOrEqual(vp.names);
          }
          const cellFonts = await page.locator('[data-testid="logs-view"] .log-cell-index, [data-testid="logs-view"] .log-cell-term').evaluateAll((els) => els.map((e) => parseFloat(getComputedStyle(e).fontSize)));
          expect(cellFonts.length).toBeGreaterThan(0);
          expect(Math.min(...cellFonts), `${preset.id}: log cells`).toBeGreaterThanOrEqual(16);
          await expectToolbarOneRow(page);
          expect(await overlaps(page, '[data-testid="cluster-view"] text'), `${preset.id}: overlapping labels`).toEqual([]);
        }
      });

      test('commands can still be sent: S opens the command box', async ({ raft, page }) => {
        void raft;
        await setPresentation(page, true);
        await page.evaluate(() => window.__raft!.advance(3000));
        await page.keyboard.press('s');
        const input = page.getByTestId('command-input');
        await expect(input).toBeFocused();
        await page.keyboard.type('a=1');
        await expect(input).toHaveValue('a=1');
        await page.keyboard.press('Enter');
        await expect(page.getByTestId('submit-outcome')).toContainText('a=1');
        await page.keyboard.press('Escape');
        await expect(page.getByTestId('command-box')).toHaveCount(0);
      });
    });
  }

  for (const vp of [
    { width: 390, height: 844, name: 'phone' },
    { width: 768, height: 1024, name: 'tablet' },
  ]) {
    test.describe(`${vp.name} ${vp.width}×${vp.height} (${lang})`, () => {
      test.use({ viewport: { width: vp.width, height: vp.height }, raftParams: { lang }, hasTouch: true });

      test('the first screen: a wide cluster, the narration, play, step, step back and the timeline; no sideways scrolling', async ({ raft, page }) => {
        void raft;
        await electAndCommit(page);
        const s = await pageScroll(page);
        expect(s.sw, 'no horizontal scrolling').toBeLessThanOrEqual(s.w);
        const v = page.viewportSize()!;
        const cluster = await box(page, '[data-testid="cluster-view"]');
        if (vp.name === 'phone') expect(cluster.width).toBeGreaterThanOrEqual(0.9 * v.width);
        for (const sel of ['[data-testid="cluster-view"]', '[data-testid="narration"]', '[data-testid="play"]', '[data-testid="step"]', '[data-testid="step-back"]', '[data-testid="timeline-slider"]']) {
          inside(await box(page, sel), v, sel);
        }
        // Touch targets: the toolbar's buttons and the tabs.
        const small = await page.locator('[role="toolbar"] button:visible, [role="tab"]:visible').evaluateAll((els) =>
          els.map((e) => e.getBoundingClientRect()).filter((r) => r.width < 40 || r.height < 40).length,
        );
        expect(small, 'touch targets of at least 40 px').toBe(0);
        expect(await overlaps(page, '[data-testid="cluster-view"] text')).toEqual([]);
        // The Ring/Space-time switch and the Key sit in a row above the ring, covering none of its text
        // (floating over it, the switch hid the top server's caption, the Key the centre line's start).
        const covered = await page.evaluate(() => {
          const controls = [...document.querySelectorAll('.cluster-view-switch, .cv-legend > button')].map((e) => e.getBoundingClientRect());
          const texts = [...document.querySelectorAll('[data-testid="cluster-view"] text')].filter((e) => (e.textContent ?? '').trim() !== '');
          return texts
            .filter((t) => {
              const r = t.getBoundingClientRect();
              return controls.some((c) => Math.min(c.right, r.right) - Math.max(c.left, r.left) > 1 && Math.min(c.bottom, r.bottom) - Math.max(c.top, r.top) > 1);
            })
            .map((t) => t.textContent);
        });
        expect(covered, 'cluster text under the view switch or the Key').toEqual([]);
        expect(await page.locator('.cluster-view-switch').count()).toBe(1);
      });

      test('logs, selection and events are one tap away', async ({ raft, page }) => {
        void raft;
        await electAndCommit(page);
        await page.getByTestId('tab-logs').tap();
        await expect(page.locator('[data-testid="logs-view"] [data-server]')).toHaveCount(5);
        await page.getByTestId('tab-events').tap();
        await expect(page.getByTestId('event-list')).toBeVisible();
        await page.getByTestId('tab-selection').tap();
        await expect(page.getByTestId('server-inspector')).toBeVisible();
      });
    });
  }
}

test.describe('embedded (?embed=1)', () => {
  test.use({ viewport: { width: 800, height: 500 }, raftParams: { raw: 'embed=1' } });
  test('cluster, narration, logs and transport only, with a link to the full visualizer', async ({ raft, page }) => {
        void raft;
    await electAndCommit(page);
    const v = page.viewportSize()!;
    for (const sel of ['[data-testid="cluster-view"]', '[data-testid="narration"]', '[data-testid="logs-view"]', '[data-testid="play"]', '[data-testid="step"]']) {
      inside(await box(page, sel), v, sel);
    }
    await expect(page.getByTestId('side-panel')).toHaveCount(0);
    await expect(page.getByTestId('timeline-slider')).toHaveCount(0);
    const href = await page.getByTestId('embed-open').getAttribute('href');
    expect(href).not.toContain('embed=1');
    const s = await pageScroll(page);
    expect(s.sh).toBeLessThanOrEqual(s.h);
  });
});
