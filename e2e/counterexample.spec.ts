/**
 * Issue 14: turn a rule off, "Find a counterexample", and land on the
 * violation in the run it opens, with "About this scenario" saying which rule
 * and which property, the narration naming both, and the entries (or, for two
 * leaders of one term, the servers) the violation is about marked in the logs
 * view, in English and Chinese; Cancel stops a search that would run on.
 */
import { findCounterexample, PROPERTY_ZH } from '../src/analysis';
import { PAGE_COUNTEREXAMPLE_BUDGET } from '../src/store/analysisSlice';
import { expect, test } from './fixtures';
import { RaftPage } from './pages/raftPage';

/** Turn one switch on in Settings, find its counterexample and open it; the result as the store holds it. */
async function findAndOpen(raft: RaftPage, rule: string, expected: RegExp) {
  const dialog = await raft.openSettings();
  await dialog.getByTestId(`settings-unsafe-${rule}`).check();
  await dialog.getByTestId('counterexample-find').click();
  await expect(dialog.getByTestId('counterexample-found')).toContainText(expected);
  await dialog.getByTestId('counterexample-open').click();
  await expect(dialog).toBeHidden();
  return raft.page.evaluate(() => {
    const s = window.__raft!.store.getState();
    return { position: s.sim.timeline.position.n, violation: s.analysis.counterexample.result!.violation! };
  });
}

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

  // Two leaders of one term is about servers, not entries: both rows are marked, and the narration says which rule was off.
  const servers = await page.evaluate(() => window.__raft!.store.getState().analysis.counterexample.result!.violation!.servers);
  expect(servers).toHaveLength(2);
  for (const id of servers) {
    await expect(raft.logRow(id)).toHaveAttribute('data-violation', 'true');
    await expect(raft.logRow(id)).toHaveAttribute('aria-label', new RegExp(`S${id} violates Election Safety`));
    await expect(raft.logRow(id).locator('.logs-violation-tag')).toBeVisible();
  }
  const narration = page.getByTestId('narration-violation');
  await expect(narration).toContainText('Election Safety violated');
  await expect(narration).toContainText('Rule turned off: “vote for at most one candidate per term” (§5.2, switch voteTwicePerTerm).');
});

test('§5.4.1: without the up-to-date check, the new leader and the committed entry it lacks are marked at the violation, in English and Chinese; shared, the link opens there with its About', async ({ raft, page, browser }) => {
  const { position, violation } = await findAndOpen(raft, 'skipUpToDateCheck', /Leader Completeness breaks after/);
  expect(position).toBe(violation.event);
  const marked = raft.logsView.locator('li.log-cell[data-violation="true"]');
  await expect(marked.first()).toBeVisible();
  const count = await marked.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    await expect(marked.nth(i)).toBeVisible();
    await expect(marked.nth(i)).toHaveAttribute('aria-label', new RegExp(`violates ${violation.property}`));
  }
  // The new leader is marked too: its entry at the index, or its row when it lacks the entry altogether.
  const leader = violation.servers[0]!;
  const leaderMarks = raft.logRow(leader).locator('li.log-cell[data-violation="true"]');
  if ((await leaderMarks.count()) === 0) await expect(raft.logRow(leader)).toHaveAttribute('data-violation', 'true');
  await expect(page.getByTestId('narration-violation')).toContainText('(§5.4.1, switch skipUpToDateCheck)');

  await page.keyboard.press('Escape');
  await raft.chooseLang('zh');
  await expect(marked.first()).toHaveAttribute('aria-label', new RegExp(`违反${PROPERTY_ZH[violation.property]}`));
  await expect(page.getByTestId('narration-violation')).toContainText('已关闭的规则：“只投票给日志至少一样新的候选人”（§5.4.1，开关 skipUpToDateCheck）');

  // Shared as a link: another browser opens the same moment, marked, with "About this scenario" from the search.
  await raft.clickTool('open-share');
  const input = page.getByTestId('share-link');
  await expect(input).toHaveValue(/#s=v1\./);
  const link = await input.inputValue();
  const context = await browser.newContext();
  const other = new RaftPage(await context.newPage());
  await other.page.goto(link);
  await other.page.waitForFunction((n) => window.__raft?.store.getState().sim.timeline.position.n === n, violation.event);
  await expect(other.logsView.locator('li.log-cell[data-violation="true"]').first()).toBeVisible();
  await other.clickTool('open-about');
  const about = other.page.getByRole('dialog', { name: /Counterexample: Leader Completeness/ });
  await expect(about).toContainText('skipUpToDateCheck');
  await context.close();
});

test('Cancel stops a search with every rule kept, and the page says so', async ({ raft }) => {
  const dialog = await raft.openSettings();
  await dialog.getByTestId('counterexample-find').click();
  await expect(dialog.getByTestId('counterexample-progress')).toBeVisible();
  await dialog.getByTestId('counterexample-cancel').click();
  await expect(dialog.getByTestId('counterexample-cancelled')).toHaveText('Search cancelled.');
  await expect(dialog.getByTestId('counterexample-find')).toBeEnabled();
});
