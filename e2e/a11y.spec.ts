/**
 * Language, keyboard-only operation, presentation mode, automated
 * accessibility checks (axe) and the 1024×768 projector layout.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import type { RaftPage, SideTab } from './pages/raftPage';

test.describe.configure({ mode: 'parallel' });

/**
 * Axe violations of impact serious or critical, printed so a failure says what to fix.
 * `within`: only that part of the page (a CSS selector), where the rest was swept already.
 */
async function seriousViolations(page: Page, label: string, within?: string): Promise<string[]> {
  const axe = new AxeBuilder({ page });
  if (within) axe.include(within);
  const results = await axe.analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const lines = bad.map((v) => `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${v.nodes.map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.replace(/\n/g, ' ')}`).join('\n')}`);
  if (lines.length > 0) console.log(`axe (${label}):\n${lines.join('\n')}`);
  return lines;
}

/** A run with a leader, a committed entry and messages in flight: most of the UI is on screen. */
async function busyRun(raft: RaftPage): Promise<number> {
  const leader = await raft.advanceUntilLeader();
  await raft.submit('x=1');
  await raft.advanceUntil((s) => s.servers.every((v) => v.commitIndex >= 1), { what: 'commit' });
  await raft.advanceUntil((s) => s.messages.length > 0, { stepMs: 5, what: 'messages in flight' });
  return leader;
}

test('switching to 中文 translates the interface and the event log, and is remembered', async ({ raft, page }) => {
  const leader = await raft.advanceUntilLeader();
  await expect(await raft.latestEvent()).toContainText(/^[\d.]+ s/);

  await (await raft.openTool('lang')).selectOption({ label: '中文' });
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
  await expect(page).toHaveTitle('Raft 可视化');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Raft 可视化');
  await expect(page.getByRole('toolbar', { name: '模拟控制' })).toBeVisible();
  await expect(raft.playButton()).toHaveAccessibleName('播放');
  await expect(raft.server(leader).locator('.cv-caption')).toHaveText('领导者');
  await expect(raft.server(leader).locator('.cv-term')).toHaveText(/^任期 \d+$/);
  await expect(raft.centreTitle()).toHaveText(/^领导者 S\d · 任期 \d+$/);
  // Event sentences are in Chinese too, and times use 秒.
  await expect(raft.eventRows.first().locator('.when')).toHaveText(/^[\d.]+ 秒$/);
  await expect(raft.eventList).toBeVisible();
  await expect(raft.eventList).toContainText('成为任期');
  await expect(raft.eventList).not.toContainText(' won the election');

  await page.reload();
  await raft.waitReady();
  expect((await raft.ui()).lang).toBe('zh');
  await expect(await raft.openTool('lang')).toHaveValue('zh');
  await expect(raft.playButton()).toHaveAccessibleName('播放');
  await raft.openTab('events');
  await expect(page.getByRole('heading', { name: '事件日志' })).toBeVisible();

  // And back.
  await raft.chooseLang('en');
  await expect(raft.playButton()).toHaveAccessibleName('Play');
  expect(await page.evaluate(() => localStorage.getItem('raft-visualizer.lang'))).toBe('en');
});

test('keyboard only: Tab reaches the controls, digits select, C crashes, Space plays, ? shows help', async ({ raft, page }) => {
  // Tab from the top of the page lands on the toolbar's first control (step back), then the next ones.
  await page.keyboard.press('Tab');
  await expect(raft.stepBackButton()).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(raft.playButton()).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(raft.stepButton()).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(raft.nextButton()).toBeFocused();
  // Next's companions, the choice of what it stops at and Run until…, where the toolbar has them.
  let between = 0;
  for (const id of ['next-stops', 'run-until-open']) {
    const companion = page.getByTestId(id);
    if ((await companion.count()) === 0) continue;
    between++;
    await page.keyboard.press('Tab');
    await expect(companion).toBeFocused();
  }
  await page.keyboard.press('Tab');
  await expect(raft.speedSlider).toBeFocused();
  // Enter on a focused button runs it once (Step), and is not also a page shortcut.
  for (let k = 0; k < 2 + between; k++) await page.keyboard.press('Shift+Tab');
  await expect(raft.stepButton()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect.poll(() => raft.eventCount()).toBe(1);
  // Leave the controls: shortcuts work from the page.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

  await page.keyboard.press('3');
  await expect(raft.server(3)).toHaveAttribute('aria-pressed', 'true');
  await expect(raft.inspector.getByRole('heading', { level: 2 })).toHaveText('Server S3');
  await page.keyboard.press('c');
  await expect(raft.server(3)).toHaveClass(/cv-crashed/);
  expect((await raft.serverState(3)).alive).toBe(false);
  await page.keyboard.press('c');
  await expect(raft.server(3)).not.toHaveClass(/cv-crashed/);
  // A digit with no such server does nothing.
  await page.keyboard.press('9');
  expect((await raft.ui()).selectedServer).toBe(3);

  await page.keyboard.press(' ');
  await expect(raft.playButton()).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => raft.now()).toBeGreaterThan(await raft.now());
  await page.keyboard.press(' ');
  await expect(raft.playButton()).toHaveAttribute('aria-pressed', 'false');

  // Server nodes are Tab stops: focus one and select it with Enter.
  await expect(raft.server(1)).toHaveAttribute('tabindex', '0');
  await raft.server(1).focus();
  await page.keyboard.press('Enter');
  await expect(raft.server(1)).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Escape');
  await expect(raft.server(1)).toHaveAttribute('aria-pressed', 'false');
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  const rows = help.locator('tbody tr');
  await expect(rows).toHaveCount(28);
  await expect(rows.filter({ hasText: 'Space' })).toContainText('Play or pause');
  await expect(rows.filter({ has: page.locator('kbd', { hasText: /^C$/ }) })).toContainText('Crash or restart the selected server');
  await expect(rows.filter({ has: page.locator('kbd', { hasText: /^T$/ }) })).toContainText('election timeout');
  await expect(help.getByRole('button', { name: 'Close' })).toBeFocused();
  // Shortcuts are off while the list is open.
  await page.keyboard.press('1');
  await page.keyboard.press('c');
  await raft.flush();
  expect((await raft.ui()).selectedServer).toBeNull();
  expect((await raft.serverState(3)).alive).toBe(true);
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  expect((await raft.ui()).helpOpen).toBe(false);
  // The help button (inside More at this width) opens it too; its Close button closes it.
  await raft.clickTool('help');
  await expect(help).toBeVisible();
  await help.getByRole('button', { name: 'Close' }).click();
  await expect(help).toBeHidden();
});

test('shortcuts N, →, D, I, M, H, S, L and Shift+R', async ({ raft, page }) => {
  await page.keyboard.press('n');
  await expect.poll(async () => (await raft.snapshot()).servers.some((s) => s.role === 'candidate')).toBe(true);
  const afterNext = await raft.eventCount();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => raft.eventCount()).toBe(afterNext + 1);

  const leader = await raft.advanceUntilLeader();
  const follower = leader === 1 ? 2 : 1;
  await page.keyboard.press(String(follower));
  await page.keyboard.press('d');
  await expect(raft.server(follower)).toHaveClass(/cv-offline/);
  await page.keyboard.press('d');
  await expect(raft.server(follower)).not.toHaveClass(/cv-offline/);

  await page.keyboard.press('i');
  await expect.poll(async () => (await raft.network()).cut.length).toBe(8); // 4 peers × 2 directions
  await page.keyboard.press('h');
  await expect.poll(async () => (await raft.network()).cut.length).toBe(0);
  await page.keyboard.press('m');
  await expect.poll(async () => (await raft.network()).cut.length).toBe(12); // 2 × 3 × 2 directions
  await expect(await raft.latestEvent()).toContainText(`The network was partitioned into [`);
  await page.keyboard.press('h');
  await expect.poll(async () => (await raft.network()).cut.length).toBe(0);

  await page.keyboard.press('s');
  await expect(raft.commandInput).toBeFocused();
  // Letters typed into the box are text, not shortcuts.
  await page.keyboard.press('End');
  await page.keyboard.type('c');
  await expect(raft.commandInput).toHaveValue('x=1c');
  expect((await raft.serverState(follower)).alive).toBe(true);
  await raft.commandInput.blur();

  await page.keyboard.press('l');
  await expect(raft.playButton()).toHaveAccessibleName('播放');
  await page.keyboard.press('l');
  await expect(raft.playButton()).toHaveAccessibleName('Play');

  await page.keyboard.press('Shift+R');
  await expect.poll(() => raft.shownSeed()).not.toBe('e2e-1');
  await expect(raft.simTime).toHaveText('0.000 s');
});

test('links and messages are one Tab stop each; arrow keys move inside without stepping', async ({ raft, page }) => {
  await raft.clickStep();
  const events = await raft.eventCount();
  await raft.link(1, 2).focus();
  await page.keyboard.press('ArrowRight');
  await expect(raft.link(1, 3)).toBeFocused();
  await page.keyboard.press('End');
  await expect(raft.link(4, 5)).toBeFocused();
  await page.keyboard.press('Home');
  await expect(raft.link(1, 2)).toBeFocused();
  // Only one link is in the Tab order.
  await expect(raft.cluster.locator('[data-link][tabindex="0"]')).toHaveCount(1);

  const msgs = await raft.messages();
  await raft.message(msgs[0]!.id).focus();
  await page.keyboard.press('ArrowRight');
  await expect(raft.message(msgs[1]!.id)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(raft.messageInspector.locator('.message-type')).toHaveText(`RequestVote #${msgs[1]!.id}`);
  expect(await raft.eventCount()).toBe(events);
});

test('presentation mode (P) enlarges the type', async ({ raft, page }) => {
  // A 1080p projector (at 720p the ring gives way to the logs, so its names need not grow there).
  await page.setViewportSize({ width: 1920, height: 1080 });
  // At this width the toolbar has room for Presentation: wait until it has unfolded (a click on More while it does would wait for a button that is going away).
  await expect(raft.tool('presentation')).toBeVisible();
  const fontSize = () => page.locator('#root').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  const nameSize = () => raft.server(1).locator('.cv-name').evaluate((el) => el.getBoundingClientRect().height);
  const before = await fontSize();
  const nameBefore = await nameSize();
  const button = await raft.openTool('presentation');
  await expect(button).toHaveAccessibleName('Presentation');
  await expect(button).toHaveAttribute('aria-pressed', 'false');

  await page.keyboard.press('p');
  await expect(page.locator('html')).toHaveAttribute('data-presentation', 'true');
  await expect.poll(fontSize).toBeGreaterThan(before * 1.3);
  await expect.poll(nameSize).toBeGreaterThan(nameBefore);
  // Projected, the tools fold into More: the same button, pressed, is there.
  const pressed = await raft.openTool('presentation');
  await expect(pressed).toHaveAttribute('aria-pressed', 'true');

  await pressed.click();
  await expect(page.locator('html')).toHaveAttribute('data-presentation', 'false');
  await expect.poll(fontSize).toBe(before);
});

/** The side panel's tabs on a laptop (the Selected tab is checked with a selection in it). */
const DESK_TABS: readonly SideTab[] = ['events', 'network', 'clients', 'stats'];

/** Select a server and a message in flight, and open a link's menu: the Selected tab and the cluster's popups are on screen. */
async function selectEverything(raft: RaftPage, leader: number): Promise<void> {
  await raft.selectServer(leader);
  const [m] = await raft.messages();
  await raft.message(m!.id).locator('.cv-msg-target').click();
  await expect(raft.messageInspector).toBeVisible();
  await expect(raft.inspector).toBeVisible();
  await raft.link(1, 2).click();
  await expect(raft.linkMenu).toBeVisible();
}

/**
 * Axe in every tab of the side panel (the Selected tab first, as left by selectEverything):
 * the whole page once, then only the side panel as each other tab opens (nothing else
 * changes, and a whole-page sweep took about nine seconds on 2 cores).
 */
async function everyTab(raft: RaftPage, lang: string): Promise<string[]> {
  await expect(raft.tab('selection')).toHaveAttribute('aria-selected', 'true');
  const problems = await seriousViolations(raft.page, `${lang}, Selected tab with a server, a message and a link menu`);
  await raft.linkMenu.getByRole('button', { name: lang === 'zh' ? '关闭' : 'Close' }).click();
  await expect(raft.linkMenu).toBeHidden();
  for (const tab of DESK_TABS) {
    await raft.openTab(tab);
    await expect(raft.page.getByTestId('side-panel').getByRole('tabpanel').first()).not.toBeEmpty();
    problems.push(...(await seriousViolations(raft.page, `${lang}, ${tab} tab`, '[data-testid="side-panel"]')));
  }
  return problems;
}

test('axe finds no serious or critical violations in any tab, in English', async ({ raft, page }) => {
  await selectEverything(raft, await busyRun(raft));
  const problems = await everyTab(raft, 'en');
  expect(problems, problems.join('\n')).toEqual([]);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test.describe('in Chinese', () => {
  test.use({ raftParams: { lang: 'zh' } });

  test('axe finds no serious or critical violations in any tab, and with the help open', async ({ raft, page }) => {
    await expect(raft.playButton()).toHaveAccessibleName('播放');
    await selectEverything(raft, await busyRun(raft));
    const problems = await everyTab(raft, 'zh');

    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: '键盘快捷键' })).toBeVisible();
    problems.push(...(await seriousViolations(page, 'zh, help open')));

    expect(problems, problems.join('\n')).toEqual([]);
  });
});

test('axe: the More popover, and the floating command box of presentation mode', async ({ raft, page }) => {
  await busyRun(raft);
  await raft.openTool('open-settings');
  await expect(page.getByTestId('more')).toHaveAttribute('aria-expanded', 'true');
  const problems = await seriousViolations(page, 'More open');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('more')).toHaveAttribute('aria-expanded', 'false');

  // Presentation mode hides the command box until S (or the toolbar's button) opens it over the cluster.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('p');
  await expect(page.locator('html')).toHaveAttribute('data-presentation', 'true');
  await expect(raft.commandInput).toHaveCount(0);
  await page.getByTestId('open-command').click();
  await expect(raft.commandInput).toBeFocused();
  await expect(page.getByTestId('command-box')).toBeVisible();
  problems.push(...(await seriousViolations(page, 'presentation, command box open')));
  await raft.openTool('presentation');
  problems.push(...(await seriousViolations(page, 'presentation, More open')));

  expect(problems, problems.join('\n')).toEqual([]);
});

test('axe: the cluster and network settings dialogs', async ({ raft, page }) => {
  await raft.openSettings();
  const problems = await seriousViolations(page, 'settings dialog');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await raft.clickNetwork('open-network-settings');
  await expect(page.getByRole('dialog', { name: 'Network settings' })).toBeVisible();
  problems.push(...(await seriousViolations(page, 'network dialog')));

  expect(problems, problems.join('\n')).toEqual([]);
});

test.describe('on a phone (390×844)', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('axe finds no serious or critical violations with the logs tab and the command box open', async ({ raft, page }) => {
    await busyRun(raft);
    await raft.openTab('logs');
    await expect(raft.logsView).toBeVisible();
    await page.keyboard.press('Escape'); // busyRun sent its command from the floating box: close it
    const problems = await seriousViolations(page, 'phone, logs tab');
    await page.getByTestId('open-command').click();
    await expect(raft.commandInput).toBeFocused();
    problems.push(...(await seriousViolations(page, 'phone, command box open')));
    await page.keyboard.press('Escape');
    await expect(raft.commandInput).toHaveCount(0);
    await raft.openTool('open-settings');
    problems.push(...(await seriousViolations(page, 'phone, More open')));

    expect(problems, problems.join('\n')).toEqual([]);
  });
});

for (const lang of ['en', 'zh'] as const) {
  test.describe(`at 1024×768 (${lang})`, () => {
    test.use({ viewport: { width: 1024, height: 768 }, raftParams: { lang } });

    test('there is no horizontal scrollbar', async ({ raft, page }) => {
      await busyRun(raft);
      await raft.selectServer(1);
      const overflow = () =>
        page.evaluate(() => ({
          doc: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          body: document.body.scrollWidth - document.body.clientWidth,
        }));
      expect(await overflow()).toEqual({ doc: 0, body: 0 });
      // Presentation mode must fit as well.
      await page.evaluate(() => window.__raft!.store.getState().togglePresentation());
      await expect(page.locator('html')).toHaveAttribute('data-presentation', 'true');
      expect(await overflow()).toEqual({ doc: 0, body: 0 });
    });
  });
}
