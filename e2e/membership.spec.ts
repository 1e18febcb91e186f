/**
 * Membership changes and snapshots from the page, driven by simulated time:
 * the Membership panel (add, remove, change by joint consensus, transfer
 * leadership, snapshot on demand) with the reasons a button is disabled, their
 * keyboard shortcuts, and the event log's Membership and Snapshots filters.
 */
import type { Page } from '@playwright/test';
import { eventKindsFor } from '../src/ui/events/categories';
import { expect, test } from './fixtures';
import type { ClusterState } from './pages/raftPage';

const leaderOf = (s: ClusterState) => s.servers.find((v) => v.id === s.leaderId)!;
/** The notice (toast) that says `text`; several may be up at once. */
const toast = (page: Page, text: string) => page.getByTestId('toast').filter({ hasText: text });
const voters = (ids: number[]) => `voters ${ids.map((id) => `S${id}`).join(' ')}`;

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

  const s = await raft.advanceUntilState((x) => x.leaderId !== null && leaderOf(x).config.voters.includes(6) && leaderOf(x).commitIndex >= leaderOf(x).configIndex, {
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

  const s = await raft.advanceUntilState((x) => leaderOf(x).commitIndex >= leaderOf(x).configIndex, { what: 'the removal committed' });
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
  const before = await raft.clusterState();
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
  const same = await raft.clusterState();
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
  const joint = await raft.advanceUntilState((x) => leaderOf(x).config.oldVoters !== undefined, { stepMs: 5, what: 'C_old,new appended' });
  expect(leaderOf(joint).config.oldVoters).toEqual([1, 2, 3, 4, 5]);
  await expect(page.getByTestId('membership-config')).toContainText(`joint consensus, old S1 S2 S3 S4 S5 → new ${target.map((id) => `S${id}`).join(' ')}`);

  // C_new: the dropped server is out.
  const done = await raft.advanceUntilState((x) => x.leaderId !== null && leaderOf(x).config.oldVoters === undefined && leaderOf(x).config.voters.includes(6), { what: 'C_new appended' });
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
  const s = await raft.advanceUntilState((x) => x.leaderId === to, { maxMs: 1_000, stepMs: 10, what: `S${to} leading` });
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
  const s = await raft.clusterState();
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
  await raft.advanceUntilState((x) => x.leaderId === follower, { maxMs: 1_000, stepMs: 10, what: `S${follower} leading` });
  await expect(raft.crown(follower)).toBeVisible();
  expect((await raft.clusterState()).violations).toBe(0);
});

test('event log: the Membership and Snapshots filters show exactly those events', async ({ raft, page }) => {
  const leader = await raft.advanceUntilLeaderCanChange();
  await raft.membershipButton('add-server').click();
  await raft.advanceUntilState((x) => leaderOf(x).config.voters.includes(6), { what: 'S6 promoted' });
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
