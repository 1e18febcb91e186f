/**
 * The toolbar and the cluster settings dialog: play/pause, Step, Next, speed,
 * New run, Settings. Time is simulated: pages start paused with a fixed seed and
 * only these controls (or the test hook) move it.
 */
import { expect, test } from './fixtures';
import { DEFAULT_SEED } from './pages/raftPage';

test.describe.configure({ mode: 'parallel' });

test('play runs simulated time and pause stops it', async ({ raft }) => {
  const play = raft.playButton();
  await expect(play).toHaveAccessibleName('Play');
  await expect(play).toContainText('▶');
  await expect(play).toHaveAttribute('aria-pressed', 'false');
  await expect(raft.simTime).toHaveText('0.000 s');

  // Paused: several animation frames go by and simulated time does not move.
  for (let i = 0; i < 4; i++) {
    await raft.animationFrames();
    expect(await raft.now()).toBe(0);
  }

  await play.click();
  await expect(play).toHaveAccessibleName('Pause');
  await expect(play).toContainText('❚❚');
  await expect(play).toHaveAttribute('aria-pressed', 'true');
  // Stepping makes no sense while time runs.
  await expect(raft.stepButton()).toBeDisabled();
  await expect(raft.nextButton()).toBeDisabled();
  await expect.poll(() => raft.now()).toBeGreaterThan(0);
  await expect(raft.simTime).not.toHaveText('0.000 s');

  await play.click();
  await expect(play).toHaveAccessibleName('Play');
  await expect(play).toContainText('▶');
  await expect(raft.stepButton()).toBeEnabled();
  // A worker call started by the last frame may still land; after that, time stands still.
  await expect.poll(() => raft.page.evaluate(() => window.__raft!.store.getState().busy)).toBe(false);
  const stopped = await raft.now();
  for (let i = 0; i < 4; i++) {
    await raft.animationFrames();
    expect(await raft.now()).toBe(stopped);
  }
  await expect(raft.simTime).toHaveText(`${(stopped / 1000).toFixed(3)} s`);
});

test('Step processes exactly one event and the event log gains one row', async ({ raft }) => {
  const count = raft.toolbar.locator('.events-count');
  await expect(count).toHaveText('0 events');
  await expect(raft.eventList.locator('li.empty')).toBeVisible();
  await expect(raft.eventRows).toHaveCount(0);

  await raft.stepButton().click();
  await expect(count).toHaveText('1 events');
  await expect(raft.eventRows).toHaveCount(1);
  expect(await raft.eventCount()).toBe(1);
  const first = (await raft.events(1))[0]!;
  expect(first.n).toBe(1);
  // Nothing is due before a timer fires: the first event is an election timeout, at its own time.
  expect(first.kind).toBe('electionTimeout');
  expect(await raft.now()).toBe(first.time);

  // Later in the run as well: one click, one event, one row.
  await raft.advance(100);
  const before = await raft.eventCount();
  await expect(raft.eventRows).toHaveCount(before);
  await raft.stepButton().click();
  await expect(count).toHaveText(`${before + 1} events`);
  await expect(raft.eventRows).toHaveCount(before + 1);
  const last = (await raft.events(1))[0]!;
  expect(last.n).toBe(before + 1);
  // The newest row is on top and shows that event's time.
  await expect(raft.eventRows.first().locator('.when')).toHaveText(`${(last.time / 1000).toFixed(3)} s`);
});

test('Next runs to the next role change', async ({ raft }) => {
  const before = await raft.snapshot();
  expect(before.servers.every((s) => s.role === 'follower')).toBe(true);

  await raft.nextButton().click();
  // From a quiet start the first interesting event is a follower becoming a candidate.
  await expect.poll(async () => (await raft.snapshot()).servers.filter((s) => s.role === 'candidate').length).toBe(1);
  const after = await raft.snapshot();
  expect(after.now).toBeGreaterThan(0);
  const candidate = after.servers.find((s) => s.role === 'candidate')!;
  expect(candidate.term).toBe(1);
  // It stopped right at the role change: the last event is that server's timeout.
  const [last] = await raft.events(1);
  expect(last).toMatchObject({ kind: 'electionTimeout', server: candidate.id, time: after.now });
  await expect(raft.server(candidate.id)).toHaveClass(/cv-candidate/);
  await expect(raft.centreTitle()).toHaveText('Election in term 1');
});

test('Next pressed again runs on to the following interesting event', async ({ raft }) => {
  await raft.nextButton().click();
  await expect.poll(() => raft.eventCount()).toBeGreaterThan(0);
  const first = await raft.snapshot();

  // Pressing Next again must not stop at the event it already stopped at.
  await raft.nextButton().click();
  await expect.poll(() => raft.eventCount(), { message: 'the second Next processed no event', timeout: 2_000 }).toBeGreaterThan(first.eventCount);
  // From a candidate, the next role change is the election's winner.
  await expect.poll(() => raft.leaderId()).not.toBeNull();
  const leader = (await raft.leaderId())!;
  await expect(raft.crown(leader)).toBeVisible();
});

test('the speed slider and + / − change the speed readout', async ({ raft }) => {
  await expect(raft.speedReadout).toHaveText('1/20×');

  await raft.speedSlider.fill('0');
  await expect(raft.speedReadout).toHaveText('1/1000×');
  await expect(raft.speedSlider).toHaveAttribute('aria-valuetext', '1/1000×');
  expect((await raft.ui()).speed).toBeCloseTo(0.001, 6);

  await raft.speedSlider.fill('1000');
  await expect(raft.speedReadout).toHaveText('10×');
  expect((await raft.ui()).speed).toBeCloseTo(10, 6);

  // Keyboard on the focused slider: Home and End reach the ends.
  await raft.speedSlider.focus();
  await raft.page.keyboard.press('Home');
  await expect(raft.speedReadout).toHaveText('1/1000×');
  await raft.page.keyboard.press('End');
  await expect(raft.speedReadout).toHaveText('10×');

  // Page shortcuts + and − walk a 1-2-5 ladder (not while focus is in the slider).
  await raft.speedSlider.fill('500');
  await expect(raft.speedReadout).toHaveText('1/10×');
  await raft.page.locator('body').click({ position: { x: 2, y: 2 } });
  await raft.page.keyboard.press('+');
  await expect(raft.speedReadout).toHaveText('1/5×');
  await raft.page.keyboard.press('+');
  await raft.page.keyboard.press('+');
  await expect(raft.speedReadout).toHaveText('1×');
  await raft.page.keyboard.press('-');
  await expect(raft.speedReadout).toHaveText('1/2×');
  await raft.page.keyboard.press('-');
  await raft.page.keyboard.press('-');
  await expect(raft.speedReadout).toHaveText('1/10×');
});

test('New run changes the seed and starts again at time 0', async ({ raft }) => {
  expect(await raft.shownSeed()).toBe(DEFAULT_SEED);
  await raft.advanceUntilLeader();
  const before = await raft.snapshot();
  expect(before.now).toBeGreaterThan(0);

  await raft.clickTool('reset');
  await expect.poll(() => raft.shownSeed()).not.toBe(DEFAULT_SEED);
  await expect(raft.simTime).toHaveText('0.000 s');
  await expect(raft.toolbar.locator('.events-count')).toHaveText('0 events');
  const after = await raft.snapshot();
  expect(after.run).toBeGreaterThan(before.run);
  expect(after.now).toBe(0);
  expect(after.eventCount).toBe(0);
  expect(after.leaderId).toBeNull();
  expect(after.seed).not.toBe(DEFAULT_SEED);
  expect(await raft.shownSeed()).toBe(after.seed!);
  await raft.openTab('events');
  await expect(raft.eventList).toBeVisible();
  await expect(raft.eventRows).toHaveCount(0);
  // Still paused: a new run does not start playing by itself.
  await expect(raft.playButton()).toHaveAttribute('aria-pressed', 'false');
});

test('Settings: 3 servers applied start a 3-server run', async ({ raft }) => {
  await expect(raft.cluster.locator('g.cv-server')).toHaveCount(5);
  await raft.advance(300);

  const dialog = await raft.openSettings();
  await expect(dialog).toHaveAccessibleName('Cluster settings');
  await expect(dialog.getByLabel('Servers')).toHaveValue('5');
  await expect(dialog.getByLabel('Seed')).toHaveValue(DEFAULT_SEED);
  await dialog.getByLabel('Servers').fill('3');
  await dialog.getByRole('button', { name: 'Apply and start a new run' }).click();

  await expect(dialog).toBeHidden();
  await expect(raft.cluster.locator('g.cv-server')).toHaveCount(3);
  await expect(raft.logsView.locator('.logs-server-row')).toHaveCount(0); // empty logs: no rows yet
  await expect(raft.commandTarget.locator('option')).toHaveText(['the leader', 'S1', 'S2', 'S3']);
  const s = await raft.snapshot();
  expect(s.servers.map((v) => v.id)).toEqual([1, 2, 3]);
  expect(s.now).toBe(0);
  expect(s.seed).toBe(DEFAULT_SEED);
  // The new run works.
  const leader = await raft.advanceUntilLeader();
  await expect(raft.crown(leader)).toBeVisible();
});

test('Settings: an invalid election timeout is explained and the old run keeps working', async ({ raft }) => {
  await raft.advance(200);
  const before = await raft.snapshot();

  const dialog = await raft.openSettings();
  await dialog.getByLabel('Servers').fill('3');
  await dialog.getByLabel('Election timeout min (ms)').fill('400');
  await dialog.getByLabel('Election timeout max (ms)').fill('300');
  await dialog.getByTestId('settings-apply').click();

  const error = dialog.getByTestId('settings-error');
  await expect(error).toBeVisible();
  await expect(error).toHaveRole('alert');
  await expect(error).toHaveText('The minimum election timeout must not exceed the maximum.');
  await expect(dialog).toBeVisible();
  // Said once, in the dialog: no duplicate toast.
  await expect(raft.page.getByTestId('toast')).toHaveCount(0);

  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();

  // Nothing was reset: same run, same servers, same time; and it still runs.
  const same = await raft.snapshot();
  expect(same.run).toBe(before.run);
  expect(same.now).toBe(before.now);
  expect(same.servers).toHaveLength(5);
  await expect(raft.cluster.locator('g.cv-server')).toHaveCount(5);
  await raft.advance(500);
  expect(await raft.now()).toBe(before.now + 500);
  await raft.advanceUntilLeader();
});

test('dialogs own the keyboard: Escape closes them and shortcuts do not reach the page behind', async ({ raft, page }) => {
  await page.keyboard.press('2');
  const dialog = await raft.openSettings();
  // Focus on a button of the dialog (not a text field): page shortcuts must stay off.
  await dialog.getByRole('button', { name: 'Cancel' }).focus();
  await page.keyboard.press('c');
  await page.keyboard.press('n');
  await page.keyboard.press('4');
  await raft.flush();
  const s = await raft.snapshot();
  expect(s.servers.find((v) => v.id === 2)!.alive).toBe(true);
  expect(s.eventCount).toBe(0);
  expect((await raft.ui()).selectedServer).toBe(2);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await raft.clickNetwork('open-network-settings');
  const net = page.getByRole('dialog', { name: 'Network settings' });
  await expect(net).toBeVisible();
  await net.getByRole('button', { name: 'Cancel' }).focus();
  await page.keyboard.press('Escape');
  await expect(net).toBeHidden();
});

test('a smaller run forgets servers it no longer has: client target, selection and event filter', async ({ raft, page }) => {
  await raft.advanceUntilLeader();
  await raft.commandTarget.selectOption('5');
  await raft.selectServer(5);
  await raft.openTab('events');
  const filter = page.getByTestId('event-filter-server');
  await filter.selectOption('5');

  await raft.openSettings();
  await page.getByTestId('settings-servers').fill('3');
  await page.getByTestId('settings-apply').click();
  await expect(raft.cluster.locator('g.cv-server')).toHaveCount(3);
  await raft.advanceUntilLeader();

  // Nothing is selected, and the buttons that act on the selection say so.
  expect((await raft.ui()).selectedServer).toBeNull();
  await raft.openInspector();
  await expect(raft.inspector).toContainText('Select a server');
  await raft.openTab('network');
  await expect(raft.networkButton('isolate-selected')).toBeDisabled();
  // The event filter shows all servers, and does so.
  await raft.openTab('events');
  await expect(filter).toHaveValue('');
  await expect(raft.eventRows).toHaveCount(await raft.eventCount());
  // The client sends to the leader, as its select shows.
  await expect(raft.commandTarget).toHaveValue('leader');
  await raft.submitButton.click();
  await expect(raft.submitOutcome).toHaveText(/^The leader appended "x=1" at index 1/);
  await expect(page.getByTestId('toast')).toHaveCount(0);
});

test('event log filters: by server and by kind', async ({ raft, page }) => {
  const leader = await raft.advanceUntilLeader();
  const follower = leader === 1 ? 2 : 1;
  await page.evaluate((id) => window.__raft!.store.getState().act({ type: 'crash', server: id }), follower);
  await raft.advance(200);
  const total = await raft.eventCount();
  await expect(raft.eventRows).toHaveCount(total);

  const filter = page.getByTestId('event-filter-server');
  await filter.selectOption(String(follower));
  const involving = await page.evaluate((id) => {
    const ev = window.__raft!.store.getState().sim.events;
    return ev.filter((e) => e.server === id || e.message?.from === id || e.message?.to === id).length;
  }, follower);
  expect(involving).toBeGreaterThan(0);
  expect(involving).toBeLessThan(total);
  await expect(raft.eventRows).toHaveCount(involving);
  for (const text of await raft.eventRows.locator('.text').allTextContents()) expect(text).toContain(`S${follower}`);

  const faults = page.getByRole('button', { name: 'Faults', exact: true });
  await faults.click();
  await expect(faults).toHaveAttribute('aria-pressed', 'true');
  // The crash, and the heartbeats lost because the receiver is crashed (newest first).
  await expect(raft.eventRows.last()).toHaveAttribute('data-kind', 'crash');
  await expect(raft.eventRows.last()).toContainText(`S${follower} crashed`);
  const faultRows = await raft.eventRows.locator('.text').allTextContents();
  expect(faultRows.length).toBeGreaterThan(1);
  for (const text of faultRows.slice(0, -1)) expect(text).toMatch(new RegExp(`lost: S${follower} is crashed$`));

  await filter.selectOption('');
  await faults.click();
  await expect(faults).toHaveAttribute('aria-pressed', 'false');
  await expect(raft.eventRows).toHaveCount(total);
  const elections = page.getByRole('button', { name: 'Elections', exact: true });
  await elections.click();
  const kinds = await raft.eventRows.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind')));
  expect(kinds.length).toBeGreaterThan(0);
  expect(kinds).not.toContain('crash');
  expect(kinds).not.toContain('heartbeatTimeout');
});

test('logs view: a row selects its server, and Follow newest returns to the end', async ({ raft, page }) => {
  await raft.advanceUntilLeader();
  await page.evaluate(async () => {
    const s = window.__raft!.store.getState();
    for (let i = 1; i <= 30; i++) await s.act({ type: 'submit', command: `k${i}=${i}` });
  });
  await raft.advanceUntil((s) => s.servers.every((v) => v.commitIndex >= 30), { what: '30 entries committed' });

  await raft.logRow(2).getByRole('button').click();
  await expect(raft.inspector.getByRole('heading', { level: 2 })).toHaveText('Server S2');
  await expect(raft.logRow(2)).toHaveClass(/is-selected/);
  await expect(raft.server(2)).toHaveAttribute('aria-pressed', 'true');

  const follow = raft.logsView.getByRole('button', { name: 'Follow newest' });
  const scroller = raft.logsView.getByRole('region');
  await expect(follow).toHaveAttribute('aria-pressed', 'true');
  await expect(raft.logCell(1, 30)).toBeVisible();
  await scroller.evaluate((el) => el.scrollTo({ left: 0 }));
  await expect(follow).toHaveAttribute('aria-pressed', 'false');
  await expect(raft.logCell(1, 1)).toBeVisible();
  await expect(raft.logCell(1, 30)).toHaveCount(0); // outside the rendered window
  await follow.click();
  await expect(follow).toHaveAttribute('aria-pressed', 'true');
  await expect(raft.logCell(1, 30)).toBeVisible();
  await expect.poll(() => scroller.evaluate((el) => el.scrollWidth - el.clientWidth - el.scrollLeft)).toBeLessThanOrEqual(1);
});

test.describe('start parameters', () => {
  test.use({ raftParams: { servers: 3, leaderNoop: true, speed: 2 } });

  test('servers, leaderNoop and speed come from the address; unusable ones are reported', async ({ raft, page }) => {
    await expect(raft.cluster.locator('g.cv-server')).toHaveCount(3);
    await expect(raft.speedReadout).toHaveText('2×');
    const leader = await raft.advanceUntilLeader();
    await expect(raft.logCell(leader, 1)).toContainText('no-op');
    await expect(raft.logCell(leader, 1)).toHaveClass(/is-noop/);

    // Out of range: clamped to 10×.
    await raft.goto({ speed: 50 });
    await expect(raft.speedReadout).toHaveText('10×');

    await raft.goto({ raw: 'servers=20&lang=xx' });
    const toast = page.getByTestId('toast');
    await expect(toast).toHaveRole('alert');
    await expect(toast).toContainText('Ignored unusable settings in the address: servers, lang. Using defaults for them.');
    await expect(raft.cluster.locator('g.cv-server')).toHaveCount(5);
    await toast.getByRole('button', { name: 'Dismiss' }).click();
    await expect(toast).toHaveCount(0);
  });
});
