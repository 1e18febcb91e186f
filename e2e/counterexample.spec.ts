/**
 * Issue 14: turn a rule off, "Find a counterexample", and land on the
 * violation in the run it opens, with "About this scenario" saying which rule
 * and which property; Cancel stops a search that would run on.
 */
import { findCounterexample } from '../src/analysis';
import { PAGE_COUNTEREXAMPLE_BUDGET } from '../src/store/analysisSlice';
import { expect, test } from './fixtures';

test('§5.2: without one vote per term, the search finds Election Safety broken and opens the run at the violation', async ({ raft, page }) => {
  const dialog = await raft.openSettings();
  // The search starts from the run's settings (with the form's switches).
  const settings = await page.evaluate(() => window.__raft!.store.getState().settings);
  await dialog.getByTestId('settings-unsafe-voteTwicePerTerm').check();
  await dialog.getByTestId('counterexample-find').click();
  const found = dialog.getByTestId('counterexample-found');
  await expect(found).toContainText('Election Safety breaks after');
  await dialog.getByTestId('counterexample-open').click();
  await expect(dialog).toBeHidden();

  // Positioned at the violation, with the rule switched off in the loaded run.
  const state = await page.evaluate(() => {
    const s = window.__raft!.store.getState();
    return {
      position: s.sim.timeline.position.n,
      violation: s.analysis.counterexample.result?.violation?.event,
      scenario: s.analysis.counterexample.result?.scenario,
      properties: s.sim.violations.map((v) => v.property),
      unsafe: s.settings.unsafe,
    };
  });
  // Deterministic: the same search in Node (same options, seed and schedule budget) finds the same scenario.
  const { wallBudgetMs: _wall, ...budget } = PAGE_COUNTEREXAMPLE_BUDGET;
  const node = findCounterexample({ ...budget, seed: 1, options: settings, unsafe: { voteTwicePerTerm: true } });
  expect(node.scenario).toEqual(state.scenario);
  expect(state.position).toBe(state.violation);
  expect(state.properties).toContain('Election Safety');
  expect(state.unsafe).toEqual({ voteTwicePerTerm: true });
  const about = page.getByRole('dialog', { name: /Counterexample: Election Safety/ });
  await expect(about).toBeVisible();
  await expect(about).toContainText('voteTwicePerTerm');
});

test('Cancel stops a search with every rule kept, and the page says so', async ({ raft }) => {
  const dialog = await raft.openSettings();
  await dialog.getByTestId('counterexample-find').click();
  await expect(dialog.getByTestId('counterexample-progress')).toBeVisible();
  await dialog.getByTestId('counterexample-cancel').click();
  await expect(dialog.getByTestId('counterexample-cancelled')).toHaveText('Search cancelled.');
  await expect(dialog.getByTestId('counterexample-find')).toBeEnabled();
});
