import { expect, test } from './fixtures';

test('the page loads without errors', async ({ page, pageErrors }) => {
  await page.goto('/');
  await expect(page).toHaveTitle('Raft visualizer');
  await expect(page.getByRole('heading', { level: 1, name: 'Raft visualizer' })).toBeVisible();
  expect(pageErrors).toEqual([]);
});
