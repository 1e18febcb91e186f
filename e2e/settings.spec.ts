/**
 * The Settings dialog shows every invalid field at once, next to the field
 * (aria-invalid, aria-describedby), in the reader's language; valid but
 * pathological timing is accepted with a warning that says why; and a link
 * that cannot be opened is explained in the reader's language.
 */
import type { Locator } from '@playwright/test';
import { encodeScenario, SCENARIO_VERSION } from '../src/scenario';
import { expect, test } from './fixtures';

/** The error or warning shown for `field`, and check that the field points to it. */
async function shownFor(dialog: Locator, field: string, testId: 'settings-error' | 'settings-warning'): Promise<Locator> {
  const input = dialog.getByTestId(`settings-${field}`);
  const note = dialog.locator(`[data-testid="${testId}"][data-field="${field}"]`);
  await expect(note).toBeVisible();
  // Next to the field: in the field's own box, and named by its aria-describedby.
  await expect(input.locator('xpath=..').getByTestId(testId)).toHaveCount(1);
  const id = await note.getAttribute('id');
  expect((await input.getAttribute('aria-describedby'))?.split(' ')).toContain(id);
  return note;
}

const INVALID: Array<[field: string, value: string]> = [
  ['servers', '0'],
  ['etMin', ''],
  ['heartbeat', '0'],
  ['maxEntries', '2.5'],
  ['clientTimeoutMs', '700000'],
];

for (const { lang, title, messages } of [
  {
    lang: 'en' as const,
    title: 'Cluster settings',
    messages: {
      servers: 'Servers must be a whole number from 1 to 9.',
      etMin: 'Election timeouts must be between 1 and 600000 ms.',
      heartbeat: 'The heartbeat interval must be between 1 and 600000 ms.',
      maxEntries: 'Max entries per AppendEntries must be a whole number from 1 to 10000.',
      clientTimeoutMs: 'The client retry timeout must be between 1 and 600000 ms.',
    } as Record<string, string>,
  },
  {
    lang: 'zh' as const,
    title: '集群设置',
    messages: {
      servers: '服务器数量必须是 1 到 9 之间的整数。',
      etMin: '选举超时必须在 1 到 600000 毫秒之间。',
      heartbeat: '心跳间隔必须在 1 到 600000 毫秒之间。',
      maxEntries: '每个 AppendEntries 最多条目数必须是 1 到 10000 之间的整数。',
      clientTimeoutMs: '客户端重试超时必须在 1 到 600000 毫秒之间。',
    } as Record<string, string>,
  },
]) {
  test.describe(`in ${lang}`, () => {
    test.use({ raftParams: { lang } });

    test('Settings: every invalid field is shown at once, next to it, and nothing is applied', async ({ raft }) => {
      await raft.advance(200);
      const before = await raft.snapshot();
      const dialog = await raft.openSettings();
      await expect(dialog).toHaveAccessibleName(title);
      for (const [field, value] of INVALID) await dialog.getByTestId(`settings-${field}`).fill(value);
      await dialog.getByTestId('settings-apply').click();

      await expect(dialog.getByTestId('settings-error')).toHaveCount(INVALID.length);
      for (const [field] of INVALID) {
        await expect(dialog.getByTestId(`settings-${field}`)).toHaveAttribute('aria-invalid', 'true');
        await expect(await shownFor(dialog, field, 'settings-error')).toHaveText(messages[field]!);
      }
      // Valid fields are not marked.
      await expect(dialog.getByTestId('settings-etMax')).not.toHaveAttribute('aria-invalid', 'true');
      // The first invalid field has the focus, so its error is read with it.
      await expect(dialog.getByTestId('settings-servers')).toBeFocused();

      // Fixing a field clears its error, and only its error.
      await dialog.getByTestId('settings-servers').fill('3');
      await expect(dialog.getByTestId('settings-error')).toHaveCount(INVALID.length - 1);
      await expect(dialog.getByTestId('settings-servers')).not.toHaveAttribute('aria-invalid', 'true');

      await dialog.getByTestId('settings-apply').click();
      await expect(dialog).toBeVisible();
      await raft.page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
      const same = await raft.snapshot();
      expect(same.run).toBe(before.run);
      expect(same.servers).toHaveLength(5);
    });
  });
}

test('Settings: a 1–2 ms election timeout against 10–20 ms latency is accepted with a warning that says why', async ({ raft }) => {
  const dialog = await raft.openSettings();
  await dialog.getByTestId('settings-etMin').fill('1');
  await dialog.getByTestId('settings-etMax').fill('2');
  // Said before Apply, next to the fields to change.
  const election = await shownFor(dialog, 'etMin', 'settings-warning');
  await expect(election).toHaveText(/^Accepted, but elections may never end: the minimum election timeout \(1 ms\) is no longer than one round trip \(40 ms, with messages taking 10–20 ms each way\).*§5\.6 asks for broadcastTime ≪ electionTimeout\.$/);
  await expect(await shownFor(dialog, 'heartbeat', 'settings-warning')).toContainText('not below the minimum election timeout (1 ms)');
  await expect(dialog.getByTestId('settings-etMin')).not.toHaveAttribute('aria-invalid', 'true');

  await dialog.getByTestId('settings-apply').click();
  await expect(dialog).toBeHidden();
  const options = (await raft.clusterState()).options as { electionTimeoutMs: number[] };
  expect(options.electionTimeoutMs).toEqual([1, 2]);
  // The dialog is gone, so the warning stays as a notice.
  await expect(raft.page.getByTestId('toast').filter({ hasText: 'elections may never end' })).toHaveCount(1);

  // Reopened with sound values, it warns no more.
  const again = await raft.openSettings();
  await again.getByTestId('settings-etMin').fill('150');
  await again.getByTestId('settings-etMax').fill('300');
  await expect(again.getByTestId('settings-warning')).toHaveCount(0);
});

test.describe('in zh', () => {
  test.use({ raftParams: { lang: 'zh' } });

  test('Settings: the timing warning is in Chinese', async ({ raft }) => {
    const dialog = await raft.openSettings();
    await dialog.getByTestId('settings-heartbeat').fill('200');
    await expect(await shownFor(dialog, 'heartbeat', 'settings-warning')).toHaveText(
      '已接受，但领导者会不断被取代：每 200 毫秒一次的心跳最多还要 20 毫秒才到达，并不小于选举超时下限（150 毫秒），跟随者会在两次心跳之间超时并发起选举（§5.2）。',
    );
  });
});

test('a Chinese page explains a broken link in Chinese, and a link whose recording does not replay names the action', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/?play=0&lang=zh#s=garbage');
  await page.waitForFunction(() => window.__raft?.store.getState().sim.ready === true);
  await expect(page.getByTestId('toast')).toHaveText(/无法打开此链接：它不是本应用生成的场景链接，或者被截断了。改为显示一个新的运行。/);
  await expect(page.getByTestId('toast')).not.toContainText('format tag');

  // Decodes (every field valid) but cannot replay: no event 99999 comes before 1 ms.
  const hash = `#s=${encodeScenario({
    version: SCENARIO_VERSION,
    options: { servers: 3, seed: 's' },
    actions: [{ n: 99_999, at: 1, action: { type: 'crash', server: 2 } }],
  })}`;
  const other = await context.newPage();
  await other.goto(`/?play=0&lang=zh${hash}`);
  await other.waitForFunction(() => window.__raft?.store.getState().sim.ready === true);
  const toast = other.getByTestId('toast');
  await expect(toast).toHaveText(/此链接记录的运行与这次运行不一致：第 1 个操作（共 1 个；让 S2 崩溃，事件 99999，0\.001 秒）无法重放。改为显示一个新的运行。/);
  await expect(toast).not.toContainText('runToEvent');
  // The page still runs.
  await other.evaluate(() => window.__raft!.advance(1_000));
  await expect.poll(() => other.evaluate(() => window.__raft!.store.getState().sim.eventCount)).toBeGreaterThan(0);
  await context.close();
});
