/**
 * The controls of the Raft extensions (#5), driven by simulated time: the
 * Membership panel (add, remove, change by joint consensus, transfer
 * leadership, snapshot on demand) with the reasons a button is disabled, their
 * keyboard shortcuts, the new settings, the new event-log filters, the quorum
 * bar of a log entry, and a shared link of a run that used the new actions.
 */
import type { Page } from '@playwright/test';
import { scenarioFromLocationHash, type Scenario } from '../src/scenario';
import { replayScenario } from '../src/scenario/replay';
import { eventKindsFor } from '../src/ui/events/categories';
import { expect, test } from './fixtures';
import { RaftPage, type ExtSnapshot } from './pages/raftPage';

const leaderOf = (s: ExtSnapshot) => s.servers.find((v) => v.id === s.leaderId)!;
/** The notice (toast) that says `text`; several may be up at once. */
const toast = (page: Page, text: string) => page.getByTestId('toast').filter({ hasText: text });
const voters = (ids: number[]) => `voters ${ids.map((id) => `S${id}`).join(' ')}`;

// ---- membership ------------------------------------------------------------------

test('Add server: unavailable without a leader (reason shown); the new server joins as a learner, then becomes a voter', async ({ raft, page }) => {
  await raft.openTab('network');
  const add = raft.membershipButton('add-server');
  await expect(add).toBeDisabled();
  await expect(page.getByTestId('add-server-why')).toHaveText('Add server is unavailable: there is no leader; wait for an election.');
  await expect(raft.page.getByTestId('membership-config')).toHaveText('No leader: its configuration is shown once one is elected.');

  // A new leader must commit an entry of its own term first.
  const leader = await raft.advanceUntilLeader();
  await expect(add).toBeDisabled();
  await expect(page.getByTestId('add-server-why')).toHaveText('Add server is unavailable: the new leader has not committed an entry of its own term yet.');
  await raft.advanceUntilLeaderCanChange();
  await expect(page.getByTestId('add-server-why')).toHaveCount(0);

  await add.click();
  await expect(toast(page, 'S6 started: it joins as a learner and becomes a voter once it has caught up (§6).')).toBeVisible();
  await expect(raft.cluster.locator('g.cv-server')).toHaveCount(6);
  await expect(raft.server(6)).toHaveClass(/cv-learner/);
  await expect(raft.serverTag(6)).toHaveText('learner');
  await expect(page.getByTestId('membership-config')).toContainText(`Leader S${leader}: ${voters([1, 2, 3, 4, 5])} · learners S6`);
  await expect(page.getByTestId('membership-server').locator('option[value="6"]')).toHaveText('S6 (learner)');
  // One change at a time.
  await expect(add).toBeDisabled();
  await expect(page.getByTestId('add-server-why')).toContainText('one change at a time');

  const s = await raft.advanceUntilExt((x) => x.leaderId !== null && leaderOf(x).config.voters.includes(6) && leaderOf(x).commitIndex >= leaderOf(x).configIndex, {
    what: 'S6 promoted to voter and committed',
  });
  expect(s.violations).toBe(0);
  await expect(raft.server(6)).not.toHaveClass(/cv-learner/);
  await expect(raft.serverTag(6)).toHaveCount(0);
  await expect(page.getByTestId('membership-config')).toHaveText(`Leader S${s.leaderId}: ${voters([1, 2, 3, 4, 5, 6])}`);
  await expect(page.getByTestId('membership-server').locator('option[value="6"]')).toHaveText('S6 (voter)');
  await expect(add).toBeEnabled();
});

test('Remove server: choose a follower; it leaves the configuration and is drawn as removed', async ({ raft, page }) => {
  await raft.openTab('network');
  const remove = raft.membershipButton('remove-server');
  await expect(remove).toBeDisabled();
  await expect(remove).toHaveText('Remove server');
  await expect(raft.membershipPanel()).toContainText('Choose a server (click it, press 1–9 or use the list) to act on it.');

  const leader = await raft.advanceUntilLeaderCanChange();
  const follower = leader === 2 ? 3 : 2;
  await raft.chooseServer(follower);
  await expect(raft.server(follower)).toHaveAttribute('aria-pressed', 'true');
  await expect(remove).toBeEnabled();
  await expect(page.getByTestId('remove-server-why')).toHaveCount(0);
  await remove.click();
  await expect(toast(page, `The leader proposed a configuration without S${follower} (§6).`)).toBeVisible();
  // The ring is drawn against the leader's newest configuration, committed or not.
  await expect(raft.serverTag(follower)).toHaveText('removed');
  await expect(raft.server(follower)).toHaveClass(/cv-removed/);
  await expect(page.getByTestId('membership-server').locator(`option[value="${follower}"]`)).toHaveText(`S${follower} (not a member)`);
  await expect(page.getByTestId('remove-server-why')).toHaveText(/^Remove: (the previous configuration change is not committed yet|S\d is not in the leader’s configuration)/);

  const s = await raft.advanceUntilExt((x) => leaderOf(x).commitIndex >= leaderOf(x).configIndex, { what: 'the removal committed' });
  const rest = [1, 2, 3, 4, 5].filter((id) => id !== follower);
  expect(leaderOf(s).config.voters).toEqual(rest);
  await expect(page.getByTestId('membership-config')).toHaveText(`Leader S${s.leaderId}: ${voters(rest)}`);
  await expect(page.getByTestId('remove-server-why')).toHaveText(`Remove: S${follower} is not in the leader’s configuration.`);
  expect(s.violations).toBe(0);
});

test('Change membership dialog: blocked without a leader, validation errors, Cancel, then joint consensus to a new set', async ({ raft, page }) => {
  const dialog = page.getByRole('dialog', { name: 'Change membership' });
  const box = (kind: 'current' | 'new', id: number) => dialog.locator(`[data-testid="membership-${kind}"][data-server="${id}"]`);

  // No leader yet: the form says why and cannot be submitted.
  await raft.openTab('network');
  await raft.membershipButton('open-change-membership').click();
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Not possible right now: there is no leader; wait for an election.');
  await expect(dialog.getByTestId('membership-apply')).toBeDisabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();

  const leader = await raft.advanceUntilLeaderCanChange();
  const before = await raft.extSnapshot();
  await raft.membershipButton('open-change-membership').click();
  await expect(dialog.getByTestId('membership-target')).toHaveText('Target voters: S1 S2 S3 S4 S5');
  await expect(box('current', 1)).toBeChecked();
  await expect(dialog.getByTestId('membership-new')).toHaveCount(3);
  await expect(dialog.getByText('New server S6')).toBeVisible();

  // The same voters: refused.
  await dialog.getByTestId('membership-apply').click();
  const error = dialog.getByTestId('membership-error');
  await expect(error).toHaveRole('alert');
  await expect(error).toHaveText('These are already the voters; change at least one.');
  await expect(dialog).toBeVisible();

  // Nobody: refused.
  for (const id of [1, 2, 3, 4, 5]) await box('current', id).uncheck();
  await expect(dialog.getByTestId('membership-target')).toHaveText('Target voters: none');
  await dialog.getByTestId('membership-apply').click();
  await expect(error).toHaveText('Choose at least one voter.');

  // Cancel: nothing was proposed.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await raft.flush();
  const same = await raft.extSnapshot();
  expect(same.eventCount).toBe(before.eventCount);
  expect(leaderOf(same).configIndex).toBe(leaderOf(before).configIndex);

  // Drop a follower, add the new S6.
  const dropped = leader === 5 ? 4 : 5;
  const target = [1, 2, 3, 4, 5].filter((id) => id !== dropped).concat(6);
  await raft.membershipButton('open-change-membership').click();
  await expect(error).toHaveCount(0); // a fresh form
  await box('current', dropped).uncheck();
  await box('new', 6).check();
  await expect(dialog.getByTestId('membership-target')).toHaveText(`Target voters: ${target.map((id) => `S${id}`).join(' ')}`);
  await dialog.getByTestId('membership-apply').click();
  await expect(dialog).toBeHidden();
  await expect(toast(page, `Joint consensus started towards voters ${target.map((id) => `S${id}`).join(', ')} (§6).`)).toBeVisible();
  await expect(raft.serverTag(6)).toHaveText('learner');

  // C_old,new: both majorities; shown as such.
  const joint = await raft.advanceUntilExt((x) => leaderOf(x).config.oldVoters !== undefined, { stepMs: 5, what: 'C_old,new appended' });
  expect(leaderOf(joint).config.oldVoters).toEqual([1, 2, 3, 4, 5]);
  await expect(page.getByTestId('membership-config')).toContainText(`joint consensus, old S1 S2 S3 S4 S5 → new ${target.map((id) => `S${id}`).join(' ')}`);

  // C_new: the dropped server is out.
  const done = await raft.advanceUntilExt((x) => x.leaderId !== null && leaderOf(x).config.oldVoters === undefined && leaderOf(x).config.voters.includes(6), { what: 'C_new appended' });
  expect(leaderOf(done).config.voters).toEqual(target);
  await expect(raft.serverTag(dropped)).toHaveText('removed');
  await expect(raft.serverTag(6)).toHaveCount(0);
  expect(done.violations).toBe(0);
});

test('Transfer leadership: disabled for the leader itself; to a follower, the leader changes', async ({ raft, page }) => {
  const transfer = raft.membershipButton('transfer-leadership');
  const leader = await raft.advanceUntilLeader();
  await raft.chooseServer(leader);
  await expect(transfer).toHaveText(`Transfer leadership to S${leader}`);
  await expect(transfer).toBeDisabled();
  await expect(page.getByTestId('transfer-leadership-why')).toHaveText(`Transfer: S${leader} is already the leader.`);

  const to = leader === 1 ? 2 : 1;
  await raft.chooseServer(to);
  await expect(transfer).toBeEnabled();
  await transfer.click();
  await expect(toast(page, `The leader is bringing S${to} up to date, then sends it TimeoutNow.`)).toBeVisible();
  const s = await raft.advanceUntilExt((x) => x.leaderId === to, { maxMs: 1_000, stepMs: 10, what: `S${to} leading` });
  expect(s.violations).toBe(0);
  await expect(raft.crown(to)).toBeVisible();
  await expect(raft.crown(leader)).toHaveCount(0);
  await expect(page.getByTestId('transfer-leadership-why')).toHaveText(`Transfer: S${to} is already the leader.`);
});

test('Take snapshot: the snapshot block appears at the start of that server’s log, then there is nothing left to compact', async ({ raft, page }) => {
  const snap = raft.membershipButton('take-snapshot');
  const leader = await raft.advanceUntilLeader();
  const follower = leader === 2 ? 3 : 2;
  await raft.chooseServer(follower);
  await expect(snap).toBeDisabled();
  await expect(page.getByTestId('take-snapshot-why')).toHaveText(`Snapshot: S${follower} has applied nothing since its last snapshot.`);

  await raft.submit('a=1');
  await raft.advanceUntil((s) => s.servers.every((v) => v.lastApplied >= 1), { what: 'a=1 applied everywhere' });
  await raft.submit('b=2');
  await raft.advanceUntil((s) => s.servers.every((v) => v.lastApplied >= 2), { what: 'b=2 applied everywhere' });
  await expect(raft.logRow(follower).getByTestId('log-snapshot')).toHaveCount(0);
  await expect(snap).toBeEnabled();
  await snap.click();
  await expect(toast(page, `S${follower} compacted its log into a snapshot (§7).`)).toBeVisible();
  await expect(raft.logRow(follower).getByTestId('log-snapshot')).toHaveText('snapshot ≤ 2 (t1)');
  await expect(raft.logRow(leader).getByTestId('log-snapshot')).toHaveCount(0);
  await expect(snap).toBeDisabled();
  await expect(page.getByTestId('take-snapshot-why')).toHaveText(`Snapshot: S${follower} has applied nothing since its last snapshot.`);
  const s = await raft.extSnapshot();
  expect(s.servers.find((v) => v.id === follower)!.snapshotIndex).toBe(2);

  // A crashed server cannot take one.
  await page.evaluate((id) => window.__raft!.store.getState().act({ type: 'crash', server: id }), leader);
  await raft.chooseServer(leader);
  await expect(page.getByTestId('take-snapshot-why')).toHaveText(`Snapshot: S${leader} is crashed; restart it first.`);
});

test('keyboard: A adds a server, K snapshots the selected server, Shift+T transfers leadership to it', async ({ raft, page }) => {
  const leader = await raft.advanceUntilLeaderCanChange();
  await raft.advanceUntil((s) => s.servers.every((v) => v.lastApplied >= 1), { what: 'x=1 applied everywhere' });
  const body = page.locator('body');
  await body.click({ position: { x: 2, y: 2 } });

  await page.keyboard.press('a');
  await expect(raft.cluster.locator('g.cv-server')).toHaveCount(6);
  await expect(raft.serverTag(6)).toHaveText('learner');

  const follower = leader === 2 ? 3 : 2;
  await page.keyboard.press(String(follower));
  expect((await raft.ui()).selectedServer).toBe(follower);
  await page.keyboard.press('k');
  await expect(raft.logRow(follower).getByTestId('log-snapshot')).toHaveText('snapshot ≤ 1 (t1)');

  // Lower-case t forces a timeout on a follower; Shift+T is the transfer.
  await page.keyboard.press('Shift+T');
  await expect(toast(page, `The leader is bringing S${follower} up to date`)).toBeVisible();
  await raft.advanceUntilExt((x) => x.leaderId === follower, { maxMs: 1_000, stepMs: 10, what: `S${follower} leading` });
  await expect(raft.crown(follower)).toBeVisible();
  expect((await raft.extSnapshot()).violations).toBe(0);
});

test('event log: the Membership and Snapshots filters show exactly those events', async ({ raft, page }) => {
  const leader = await raft.advanceUntilLeaderCanChange();
  await raft.membershipButton('add-server').click();
  await raft.advanceUntilExt((x) => leaderOf(x).config.voters.includes(6), { what: 'S6 promoted' });
  await raft.chooseServer(leader);
  await raft.membershipButton('take-snapshot').click();
  await raft.advance(100);
  const total = await raft.eventCount();
  expect(total).toBeLessThan(200); // every event has a row
  await raft.openTab('events');
  await expect(raft.eventRows).toHaveCount(total);

  // The page's events, categorised here by the page's own rule (plain data crosses; the module runs in Node).
  const events = await page.evaluate(() => window.__raft!.store.getState().sim.events);
  const expected = {
    membership: events.filter((e) => eventKindsFor(e).includes('membership')).length,
    snapshot: events.filter((e) => eventKindsFor(e).includes('snapshot')).length,
  };
  expect(expected.membership).toBeGreaterThanOrEqual(2); // addServer (with the learner entry), the promotion
  expect(expected.snapshot).toBeGreaterThanOrEqual(1);

  const membership = page.getByRole('button', { name: 'Membership', exact: true });
  const snapshots = page.getByRole('button', { name: 'Snapshots', exact: true });
  await expect(membership).toHaveAttribute('aria-pressed', 'false');
  await membership.click();
  await expect(membership).toHaveAttribute('aria-pressed', 'true');
  await expect(raft.eventRows).toHaveCount(expected.membership);
  await expect(raft.eventRows.filter({ hasText: 'as a non-voting learner' })).not.toHaveCount(0);
  await membership.click();

  await snapshots.click();
  await expect(snapshots).toHaveAttribute('aria-pressed', 'true');
  await expect(raft.eventRows).toHaveCount(expected.snapshot);
  await expect(await raft.latestEvent()).toContainText(`S${leader} took a snapshot, as you asked, up to index`);
  await expect(await raft.latestEvent()).toHaveAttribute('data-kind', 'snapshot');
  await snapshots.click();
  await expect(snapshots).toHaveAttribute('aria-pressed', 'false');
  await expect(raft.eventRows).toHaveCount(total);
});

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

// ---- settings ----------------------------------------------------------------------

async function openSettings(raft: RaftPage) {
  const dialog = await raft.openSettings();
  await expect(dialog).toHaveAccessibleName('Cluster settings');
  return dialog;
}

test('Settings: PreVote, snapshot threshold, read leases and client timeout change what the new run does', async ({ raft, page }) => {
  const dialog = await openSettings(raft);
  await expect(dialog.getByTestId('settings-preVote')).not.toBeChecked();
  await expect(dialog.getByTestId('settings-readLeases')).not.toBeChecked();
  await expect(dialog.getByTestId('settings-snapshotThreshold')).toHaveValue('0');
  await expect(dialog.getByTestId('settings-clientTimeoutMs')).toHaveValue('500');
  await dialog.getByTestId('settings-preVote').check();
  await dialog.getByTestId('settings-readLeases').check();
  await dialog.getByTestId('settings-snapshotThreshold').fill('3');
  await dialog.getByTestId('settings-clientTimeoutMs').fill('1200');
  await dialog.getByTestId('settings-apply').click();
  await expect(dialog).toBeHidden();
  const opts = (await raft.extSnapshot()).options!;
  expect(opts).toMatchObject({ preVote: true, readLeases: true, snapshotThreshold: 3, clientTimeoutMs: 1200 });

  // PreVote: the first server to time out becomes a pre-candidate, not a candidate.
  const pre = await raft.advanceUntilExt((x) => x.servers.some((v) => v.role !== 'follower'), { stepMs: 5, what: 'a timeout' });
  const first = pre.servers.find((v) => v.role !== 'follower')!;
  expect(first.role).toBe('precandidate');
  expect(first.term).toBe(0);
  await expect(raft.server(first.id).locator('.cv-caption')).toContainText('pre-candidate');
  await raft.advanceUntilLeader();

  // Client timeout: the pending request's retry is 1200 ms away.
  await raft.clientWrite('x=1');
  await raft.openTab('clients');
  await expect(page.getByTestId('client-pending')).toContainText('retry in 1200 ms');
  await raft.advanceUntilClientDone(1, 1);
  for (let seq = 2; seq <= 4; seq++) {
    await raft.clientWrite(`x=${seq}`);
    await raft.advanceUntilClientDone(1, seq);
  }
  // Snapshot threshold 3: the logs compacted by themselves.
  const s = await raft.advanceUntilExt((x) => x.servers.every((v) => v.snapshotIndex >= 3), { what: 'every server compacting' });
  await expect(raft.logRow(s.leaderId!).getByTestId('log-snapshot')).toHaveText(/^snapshot ≤ \d+ \(t\d+\)$/);
  // Read leases: the read is served without a heartbeat round.
  await raft.clientRead('x');
  await raft.advanceUntilClientDone(1, 5);
  await expect(raft.clientHistoryRow(5)).toContainText('#5 read x → value “4”');
  await expect(raft.clientHistoryRow(5)).toContainText('(lease)');
  expect(s.violations).toBe(0);
});

test('Settings: CheckQuorum on makes an isolated leader step down', async ({ raft, page }) => {
  const dialog = await openSettings(raft);
  await dialog.getByTestId('settings-checkQuorum').check();
  await dialog.getByTestId('settings-apply').click();
  await expect(dialog).toBeHidden();
  expect((await raft.extSnapshot()).options!.checkQuorum).toBe(true);
  const leader = await raft.advanceUntilLeader();
  await raft.clickNetwork('isolate-leader');
  await raft.advanceUntilExt((x) => x.servers.find((v) => v.id === leader)!.role !== 'leader', { maxMs: 700, stepMs: 10, what: 'the isolated leader stepping down' });
  await expect(raft.crown(leader)).toHaveCount(0);
  await raft.openTab('events');
  await expect(raft.eventRows.filter({ hasText: `S${leader} stepped down to follower (CheckQuorum)` })).toHaveCount(1);
  await expect(page.getByTestId('violations')).toHaveCount(0);
});

test('Settings: leader stickiness, chunk size and client sessions are applied to the new run and shown again', async ({ raft }) => {
  let dialog = await openSettings(raft);
  await expect(dialog.getByTestId('settings-clientSessions')).toBeChecked();
  await expect(dialog.getByTestId('settings-snapshotChunkBytes')).toHaveValue('64');
  await dialog.getByTestId('settings-leaderStickiness').check();
  await dialog.getByTestId('settings-snapshotChunkBytes').fill('128');
  await dialog.getByTestId('settings-clientSessions').uncheck();
  await dialog.getByTestId('settings-apply').click();
  await expect(dialog).toBeHidden();
  expect((await raft.extSnapshot()).options).toMatchObject({ leaderStickiness: true, snapshotChunkBytes: 128, clientSessions: false, preVote: false, checkQuorum: false });

  dialog = await openSettings(raft);
  await expect(dialog.getByTestId('settings-leaderStickiness')).toBeChecked();
  await expect(dialog.getByTestId('settings-snapshotChunkBytes')).toHaveValue('128');
  await expect(dialog.getByTestId('settings-clientSessions')).not.toBeChecked();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await raft.advanceUntilLeader();
});

test('Settings: an invalid snapshot threshold, chunk size or client timeout is explained and nothing is applied', async ({ raft }) => {
  await raft.advance(200);
  const before = await raft.snapshot();
  const cases: Array<[string, string, string]> = [
    ['settings-snapshotThreshold', '-1', 'Snapshot after must be a whole number from 0 to 1000000.'],
    ['settings-snapshotThreshold', '2.5', 'Snapshot after must be a whole number from 0 to 1000000.'],
    ['settings-snapshotChunkBytes', '0', 'The InstallSnapshot chunk size must be a whole number from 1 to 1000000 bytes.'],
    ['settings-clientTimeoutMs', '', 'The client retry timeout must be between 1 and 600000 ms.'],
    ['settings-clientTimeoutMs', '700000', 'The client retry timeout must be between 1 and 600000 ms.'],
  ];
  for (const [field, value, message] of cases) {
    const dialog = await openSettings(raft);
    await dialog.getByTestId('settings-preVote').check(); // would change the run if applied
    await dialog.getByTestId(field).fill(value);
    await dialog.getByTestId('settings-apply').click();
    const error = dialog.getByTestId('settings-error');
    await expect(error, `${field}=${value}`).toHaveText(message);
    await expect(error).toHaveRole('alert');
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
  }
  const same = await raft.snapshot();
  expect(same.run).toBe(before.run);
  expect(same.now).toBe(before.now);
  expect((await raft.extSnapshot()).options).toMatchObject({ preVote: false, snapshotThreshold: 0, snapshotChunkBytes: 64, clientTimeoutMs: 500 });
  await expect(raft.page.getByTestId('toast')).toHaveCount(0);
});

// ---- sharing ---------------------------------------------------------------------------

async function exported(page: Page): Promise<Scenario> {
  const s = await page.evaluate(() => window.__raft!.store.getState().exportScenario());
  expect(s).not.toBeNull();
  return s!;
}

test('a link to a run with an added server and a client write reopens to the same trace', async ({ raft, browser }) => {
  await raft.advanceUntilLeaderCanChange();
  await raft.membershipButton('add-server').click();
  await raft.clientWrite('k=<b>v</b>');
  await raft.advanceUntilClientDone(1, 1);
  await raft.advance(300);
  const before = await raft.extSnapshot();
  expect(before.servers).toHaveLength(6);
  const original = await exported(raft.page);
  expect(original.actions.map((a) => a.action.type)).toEqual(['submit', 'addServer', 'clientRequest']);
  const hash = replayScenario(original).traceHash();

  await raft.clickTool('open-share');
  const input = raft.page.getByTestId('share-link');
  await expect(input).toHaveValue(/#s=v1\./);
  const link = await input.inputValue();
  const decoded = scenarioFromLocationHash(new URL(link).hash);
  expect(decoded?.ok).toBe(true);
  if (!decoded?.ok) return;
  expect(replayScenario(decoded.scenario).traceHash()).toBe(hash);

  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(link);
  await page.waitForFunction((n) => window.__raft?.store.getState().sim.eventCount === n, before.eventCount);
  const reopened = await exported(page);
  expect(replayScenario(reopened).traceHash()).toBe(hash);
  const after = await page.evaluate(() => {
    const sim = window.__raft!.store.getState().sim;
    return { now: sim.now, servers: sim.servers.map((v) => ({ id: v.id, term: v.term, commitIndex: v.commitIndex, voters: v.config.voters })), history: sim.clients.map((c) => c.history.length) };
  });
  expect(after.now).toBe(before.now);
  expect(after.servers).toEqual(before.servers.map((v) => ({ id: v.id, term: v.term, commitIndex: v.commitIndex, voters: v.config.voters })));
  expect(after.history).toEqual([1]);
  await new RaftPage(page).openTab('clients');
  await expect(page.locator('[data-testid="client-history-row"][data-seq="1"]')).toContainText('#1 write k=<b>v</b> → applied at index');
  expect(errors).toEqual([]);
  await context.close();
});
