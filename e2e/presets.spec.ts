/**
 * The preset menu: every preset loads from the toolbar without errors, shows
 * its title, explanation and things to try, and lands on its recorded moment.
 */
import { expect, test } from './fixtures';
import { PRESETS } from '../src/scenario/presets';

test.describe.configure({ mode: 'parallel' });

/**
 * Six presets to a page, one after another as a lecturer opens them (a page load
 * cost more than a preset's checks; 24 loads were 138 s of the suite's test time).
 */
const GROUP = 6;
for (let from = 0; from < PRESETS.length; from += GROUP) {
  const group = PRESETS.slice(from, from + GROUP);
  test(`presets ${group.map((p) => p.id).join(', ')}: each loads from the menu and shows its title`, async ({ raft }) => {
    const page = raft.page;
    for (const { id, scenario } of group) {
      await test.step(`preset ${id}`, async () => {
        await raft.choosePreset(id);
        const dialog = page.getByRole('dialog', { name: scenario.title!.en });
        await expect(dialog).toBeVisible();
        await expect(dialog.getByTestId('preset-title')).toHaveText(scenario.title!.en);
        await expect(dialog.getByTestId('preset-description')).toHaveText(scenario.description!.en);
        await expect(dialog.getByTestId('preset-suggestions').locator('li')).toHaveCount(scenario.suggestions!.length);
        if (scenario.view?.n !== undefined) {
          await page.waitForFunction((n) => window.__raft?.store.getState().sim.eventCount === n, scenario.view.n);
        } else {
          await page.waitForFunction((t) => window.__raft?.store.getState().sim.now === t, scenario.runUntil!);
        }
        const snap = await raft.snapshot();
        expect(snap.servers).toHaveLength(scenario.options.servers ?? 5);
        expect(snap.violations).toBe(0);
        await dialog.getByTestId('preset-close').click();
        await expect(dialog).toBeHidden();
        // Focus is back on the Presets button, and the menu is closed.
        await expect(page.getByTestId('preset-menu')).toBeFocused();
        await expect(page.getByTestId('preset-list')).toHaveCount(0);
      });
    }
  });
}

test.describe('in Chinese', () => {
  test.use({ raftParams: { lang: 'zh' } });

  test('the menu lists the titles in Chinese and the dialog explains in Chinese', async ({ raft }) => {
    const page = raft.page;
    const preset = PRESETS.find((p) => p.id === 'figure-7')!.scenario;
    await raft.clickTool('preset-menu');
    await expect(page.getByTestId('preset-item').filter({ hasText: preset.title!.zh! })).toHaveCount(1);
    await page.locator('[data-testid="preset-item"][data-preset="figure-7"]').click();
    const dialog = page.getByRole('dialog', { name: preset.title!.zh! });
    await expect(dialog.getByTestId('preset-description')).toHaveText(preset.description!.zh!);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });
});
