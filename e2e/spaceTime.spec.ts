/**
 * The space-time diagram (issue "Time across servers"): lanes per server,
 * arrows per message, a cursor that follows the page's moment, selection
 * shared with the inspector, seeking from a lane, and an SVG export. Driven
 * by simulated time through window.__raft; never by sleeping.
 */
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures';
import type { RaftPage } from './pages/raftPage';

const SHOTS = process.env.SPACE_TIME_SHOTS ?? '/tmp/pw-st-shots';

async function openDiagram(raft: RaftPage) {
  await raft.page.getByTestId('view-spaceTime').click();
  const diagram = raft.page.getByTestId('space-time');
  await expect(diagram).toBeVisible();
  return diagram;
}

async function cursorTime(raft: RaftPage): Promise<number> {
  return Number(await raft.page.getByTestId('st-cursor').getAttribute('data-time'));
}

test.describe('space-time diagram', () => {
  test('opens with one lane per server and arrows for the election', async ({ raft, page }) => {
    await raft.advanceUntilLeader();
    await raft.advance(100);
    const diagram = await openDiagram(raft);
    await expect(diagram.getByTestId('st-lane')).toHaveCount(5);
    const lanes = await diagram.getByTestId('st-lane').evaluateAll((els) => els.map((e) => e.getAttribute('data-lane')));
    expect(lanes).toEqual(['S1', 'S2', 'S3', 'S4', 'S5']);
    await expect(diagram.getByTestId('st-arrow').first()).toBeVisible();
    // Heartbeats are hidden by default; showing them adds arrows.
    const quiet = await diagram.getByTestId('st-arrow').count();
    await page.getByTestId('st-heartbeats').check();
    await expect.poll(() => diagram.getByTestId('st-arrow').count()).toBeGreaterThan(quiet);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: `${SHOTS}/space-time-1280x800.png` });
    // Back to the ring.
    await page.getByTestId('view-ring').click();
    await expect(raft.cluster).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/ring-with-switch-1280x800.png` });
  });

  test('the cursor follows advancing, seeking and stepping back', async ({ raft, page }) => {
    await raft.advance(400);
    await openDiagram(raft);
    await expect.poll(() => cursorTime(raft)).toBe(400);
    const xAt = async () => Number(await page.getByTestId('st-cursor').getAttribute('x1'));
    const xHead = await xAt();
    await page.evaluate(() => window.__raft!.store.getState().seekTime(150));
    await expect.poll(() => cursorTime(raft)).toBe(150);
    expect(await xAt()).toBeLessThan(xHead);
    await raft.stepBackButton().click();
    await expect.poll(() => cursorTime(raft)).toBeLessThanOrEqual(150);
    await page.evaluate(() => window.__raft!.store.getState().seekTime(400));
    await expect.poll(() => cursorTime(raft)).toBe(400);
    // Zooming in (d3-zoom, time only) moves the cursor on screen; Fit shows the whole run again.
    const fit = page.getByTestId('st-fit');
    await expect(fit).toBeDisabled();
    const plot = (await page.getByTestId('st-svg').boundingBox())!;
    await page.mouse.move(plot.x + plot.width * 0.25, plot.y + plot.height / 2);
    await page.mouse.wheel(0, -400);
    await expect(fit).toBeEnabled();
    await expect.poll(xAt).toBeGreaterThan(xHead);
    await fit.click();
    await expect(fit).toBeDisabled();
    await expect.poll(xAt).toBe(xHead);
  });

  test('clicking an arrow selects that message in the inspector; clicking a lane goes to its nearest event', async ({ raft, page }) => {
    await raft.advanceUntilLeader();
    await raft.advance(30);
    const diagram = await openDiagram(raft);
    const arrow = diagram.locator('[data-testid="st-arrow"][data-outcome="delivered"]').last();
    const id = Number(await arrow.getAttribute('data-message'));
    await arrow.dispatchEvent('click');
    await expect.poll(async () => (await raft.ui()).selectedMessage).toBe(id);
    await expect(raft.messageInspector).toBeVisible();

    const before = (await raft.snapshot()).eventCount;
    const lane = diagram.locator('[data-testid="st-lane"][data-lane="S2"] rect');
    const box = (await lane.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.3, box.y + box.height / 2);
    await expect.poll(async () => (await raft.snapshot()).eventCount).toBeLessThan(before);
    // The cursor went back with the page: to the event's time, about 30% along the run.
    const now = (await raft.snapshot()).now;
    await expect.poll(() => cursorTime(raft)).toBe(now);
    expect(await cursorTime(raft)).toBeLessThan(Number(await page.getByTestId('st-cursor').getAttribute('data-head')));
  });

  test('arrows from the keyboard: one Tab stop, arrow keys move in send order with a visible ring, Enter shows the message', async ({ raft, page }) => {
    await raft.advanceUntilLeader();
    await raft.advance(30);
    const diagram = await openDiagram(raft);
    const arrows = diagram.getByTestId('st-arrow');
    await expect(arrows.first()).toBeVisible();
    const ids = (await arrows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-message'))))) as number[];
    expect(ids.length).toBeGreaterThan(3);
    const focusedId = () => page.evaluate(() => Number(document.activeElement?.closest('[data-testid="st-arrow"]')?.getAttribute('data-message') ?? NaN));
    const ringShown = (id: number) => diagram.locator(`[data-testid="st-arrow"][data-message="${id}"] .st-focusring`).first().evaluate((el) => getComputedStyle(el).visibility);

    // Tab from the last tool lands on the first arrow; only it is in the Tab order.
    await page.getByTestId('st-export-png').focus();
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe(ids[0]);
    expect(await arrows.evaluateAll((els) => els.filter((e) => e.getAttribute('tabindex') === '0').length)).toBe(1);
    expect(await ringShown(ids[0]!)).toBe('visible');
    expect(await ringShown(ids[1]!)).toBe('hidden');

    // The arrow keys move between messages and do not step the run (they are also the step shortcuts).
    const events = await raft.eventCount();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    expect(await focusedId()).toBe(ids[2]);
    await page.keyboard.press('ArrowLeft');
    expect(await focusedId()).toBe(ids[1]);
    expect(await ringShown(ids[1]!)).toBe('visible');
    expect(await ringShown(ids[0]!)).toBe('hidden');
    await page.keyboard.press('End');
    expect(await focusedId()).toBe(ids.at(-1));
    await page.keyboard.press('Home');
    expect(await focusedId()).toBe(ids[0]);
    await page.keyboard.press('ArrowRight');
    expect(await raft.eventCount()).toBe(events);
    await page.screenshot({ path: `${SHOTS}/space-time-keyboard-focus.png` });

    // Enter selects it: the inspector shows that message.
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await raft.ui()).selectedMessage).toBe(ids[1]);
    await expect(raft.messageInspector).toBeVisible();
    await expect(diagram.locator(`[data-testid="st-arrow"][data-message="${ids[1]}"]`)).toHaveAttribute('aria-pressed', 'true');
    // Tab leaves the arrows (the next Tab stop is not another arrow).
    await diagram.locator(`[data-testid="st-arrow"][data-message="${ids[1]}"]`).focus();
    await page.keyboard.press('Tab');
    expect(Number.isNaN(await focusedId())).toBe(true);
  });

  test('exports the diagram as a valid SVG file', async ({ raft, page }) => {
    await raft.advanceUntilLeader();
    const diagram = await openDiagram(raft);
    await expect(diagram.getByTestId('st-arrow').first()).toBeVisible();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('st-export').click()]);
    expect(download.suggestedFilename()).toBe('raft-space-time.svg');
    const text = await readFile((await download.path())!, 'utf8');
    const parsed = await page.evaluate((svg) => {
      const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
      return { root: doc.documentElement.localName, errors: doc.getElementsByTagName('parsererror').length, lanes: doc.querySelectorAll('[data-lane]').length };
    }, text);
    expect(parsed).toEqual({ root: 'svg', errors: 0, lanes: 5 });
  });

  test('exports the diagram as a PNG for slides: a real PNG at twice the drawn size, not blank', async ({ raft, page }) => {
    await raft.advanceUntilLeader();
    const diagram = await openDiagram(raft);
    await expect(diagram.getByTestId('st-arrow').first()).toBeVisible();
    const svg = page.getByTestId('st-svg');
    const drawn = { width: Number(await svg.getAttribute('width')), height: Number(await svg.getAttribute('height')) };
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('st-export-png').click()]);
    expect(download.suggestedFilename()).toBe('raft-space-time.png');
    const png = await readFile((await download.path())!);
    // The PNG signature, then the IHDR chunk's width and height (big-endian).
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual({ width: drawn.width * 2, height: drawn.height * 2 });
    expect(png.length).toBeGreaterThan(10_000);
    expect(png.length).toBeLessThan(5_000_000);
    // Decoded in the page: it has the diagram's ink (lane shading and arrows), not one flat colour.
    const colours = await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const g = c.getContext('2d')!;
      g.drawImage(img, 0, 0);
      const d = g.getImageData(0, 0, c.width, c.height).data;
      const seen = new Set<number>();
      for (let i = 0; i < d.length; i += 4 * 97) seen.add((d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!);
      return seen.size;
    }, png.toString('base64'));
    expect(colours).toBeGreaterThan(5);
  });

  test('clients get lanes with their operations and a verdict', async ({ raft, page }) => {
    await raft.advanceUntilLeader();
    await raft.clientWrite('x=1', 1);
    await raft.advanceUntilClientDone(1, 1);
    const diagram = await openDiagram(raft);
    await expect(diagram.locator('[data-testid="st-lane"][data-lane="C1"]')).toBeVisible();
    await expect(diagram.getByTestId('st-op-label').first()).toHaveText('W x=1 → ok');
    await expect(page.getByTestId('st-verdict')).toHaveAttribute('data-verdict', 'ok');
    await expect(page.getByTestId('st-verdict')).toHaveText('linearizable');
  });

  test('the stale-read preset: the verdict turns "not linearizable" as the run reaches the stale read, which is outlined', async ({ raft, page }) => {
    await raft.choosePreset('stale-read');
    await page.getByTestId('preset-close').click();
    const diagram = await openDiagram(raft);
    const verdict = page.getByTestId('st-verdict');
    // At the preset's mark both writes are done and the read is still to come (drawn, veiled, as the recorded future).
    await expect(verdict).toHaveAttribute('data-verdict', 'ok');
    await expect(verdict).toHaveText('linearizable');
    await expect(diagram.getByTestId('st-op')).toHaveCount(3);
    await expect(diagram.locator('[data-testid="st-op"][data-flagged="true"]')).toHaveCount(0);
    const markMs = await raft.now();
    // Advance through the recorded future in small slices: the chip changes once, at the stale answer.
    const seen: string[] = [];
    for (let i = 0; i < 40 && !seen.includes('illegal'); i++) {
      await raft.advance(25);
      await expect.poll(async () => Number(await page.getByTestId('st-cursor').getAttribute('data-time'))).toBe(await raft.now());
      seen.push((await verdict.getAttribute('data-verdict'))!);
    }
    expect(seen.at(-1)).toBe('illegal');
    expect(seen.slice(0, -1).every((v) => v === 'ok')).toBe(true);
    await expect(verdict).toHaveText('not linearizable');
    // Porcupine's highlight: only client 1's read of x (answered x=1 after x=2 was acknowledged).
    const flagged = diagram.locator('[data-testid="st-op"][data-flagged="true"]');
    await expect(flagged).toHaveCount(1);
    await expect(flagged.locator('rect')).toHaveAttribute('stroke', '#b42318');
    await expect(diagram.locator('[data-testid="st-op-label"][data-flagged="true"]')).toHaveText('R x → 1');
    // Back before the read: linearizable again.
    await page.evaluate((t) => window.__raft!.store.getState().seekTime(t), markMs);
    await expect(verdict).toHaveAttribute('data-verdict', 'ok');
    await expect(diagram.locator('[data-testid="st-op"][data-flagged="true"]')).toHaveCount(0);
    // Arrows are buttons in a labelled group, operations text: axe finds nothing serious in the diagram.
    const axe = await new AxeBuilder({ page }).include('[data-testid="space-time"]').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });

  test('text fits and reads in every room: axis and operation labels inside the drawing, labels over the arrows, larger in presentation mode', async ({ raft, page }) => {
    await raft.choosePreset('stale-read');
    await page.getByTestId('preset-close').click();
    await raft.runToEnd();
    await openDiagram(raft);
    const rooms = [
      { name: '1024x768', width: 1024, height: 768, presentation: false, lang: 'en', fontPx: 13 },
      { name: '390x844-zh', width: 390, height: 844, presentation: false, lang: 'zh', fontPx: 13 },
      { name: 'presentation-1920x1080', width: 1920, height: 1080, presentation: true, lang: 'en', fontPx: 18 },
    ] as const;
    for (const room of rooms) {
      await page.setViewportSize({ width: room.width, height: room.height });
      await page.evaluate(([on, lang]) => {
        const s = window.__raft!.store.getState();
        if (s.ui.presentation !== on) s.togglePresentation();
        if (s.ui.lang !== lang) s.setLang(lang);
      }, [room.presentation, room.lang] as const);
      await expect(page.getByTestId('st-op-label')).toHaveCount(3);
      await expect(page.getByTestId('st-op-label').first()).toHaveText(room.lang === 'zh' ? '写 x=1 → 成功' : 'W x=1 → ok');
      const fit = await page.getByTestId('st-svg').evaluate((svg: SVGSVGElement) => {
        const width = svg.width.baseVal.value;
        const boxes = [...svg.querySelectorAll<SVGTextElement>('[data-testid="st-axis"] text, [data-testid="st-op-label"]')].map((el) => {
          const b = el.getBBox();
          return { text: el.textContent, left: b.x, right: b.x + b.width };
        });
        const labels = svg.querySelector('.st-op-labels')!;
        const arrows = svg.querySelector('.st-arrows')!;
        return {
          outside: boxes.filter((b) => b.left < 0 || b.right > width),
          labelsAfterArrows: (arrows.compareDocumentPosition(labels) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0,
          fontPx: parseFloat(getComputedStyle(svg.querySelector('[data-testid="st-axis"] text')!).fontSize),
        };
      });
      expect(fit.outside, room.name).toEqual([]);
      expect(fit.labelsAfterArrows, room.name).toBe(true);
      expect(fit.fontPx, room.name).toBeGreaterThanOrEqual(room.fontPx);
      await page.screenshot({ path: `${SHOTS}/space-time-labels-${room.name}.png` });
    }
  });

  test.describe('on a phone', () => {
    test.use({ viewport: { width: 390, height: 844 } });
    test('is readable and fits the width', async ({ raft, page }) => {
      await raft.advanceUntilLeader();
      await raft.advance(200);
      const diagram = await openDiagram(raft);
      await expect(diagram.getByTestId('st-lane')).toHaveCount(5);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `${SHOTS}/space-time-390x844.png` });
    });
  });

  test('in presentation mode', async ({ raft, page }) => {
    await raft.advanceUntilLeader();
    await raft.advance(200);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.evaluate(() => window.__raft!.store.getState().togglePresentation());
    const diagram = await openDiagram(raft);
    await expect(diagram.getByTestId('st-lane')).toHaveCount(5);
    await page.screenshot({ path: `${SHOTS}/space-time-presentation-1280x800.png` });
  });
});
