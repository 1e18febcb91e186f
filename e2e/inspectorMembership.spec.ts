/**
 * The server inspector's membership actions: snapshot the selected server
 * now (§7), make it leader (dissertation §3.10) and remove it from the cluster
 * (§6), with the same rules as the Membership panel, driven by simulated time.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import type { ClusterState } from './pages/raftPage';

const leaderOf = (s: ClusterState) => s.servers.find((v) => v.id === s.leaderId)!;
const toast = (page: Page, text: string) => page.getByTestId('toast').filter({ hasText: text });

test('Inspector: the selected server can be snapshotted, made leader and removed from its own panel', async ({ raft, page }) => {
  const leader = await raft.advanceUntilLeaderCanChange();
  const follower = leader === 1 ? 2 : 1;
  await raft.selectServer(follower);
  await raft.advanceUntilState((x) => x.servers.find((v) => v.id === follower)!.lastApplied > 0, { what: `S${follower} has applied an entry` });
  const snapshot = page.getByTestId('inspector-action-snapshot');
  const transfer = page.getByTestId('inspector-action-transfer');
  const remove = page.getByTestId('inspector-action-remove');
  await expect(page.getByRole('group', { name: `Membership actions for S${follower}` })).toBeVisible();

  await snapshot.click();
  await expect(toast(page, `S${follower}`)).toBeVisible();
  await expect.poll(async () => (await raft.clusterState()).servers.find((v) => v.id === follower)!.snapshotIndex).toBeGreaterThan(0);
  // Nothing applied since: the button says why it cannot snapshot again.
  await expect(snapshot).toBeDisabled();

  await transfer.click();
  const s = await raft.advanceUntilState((x) => x.leaderId === follower, { what: `S${follower} leads after the transfer` });
  expect(s.violations).toBe(0);
  await expect(transfer).toBeDisabled(); // it is the leader now

  // The new leader may change membership once it has committed an entry of its own term.
  await raft.submit('y=2');
  await raft.advance(500);
  await raft.selectServer(leader);
  await expect(remove).toBeEnabled();
  await remove.click();
  const after = await raft.advanceUntilState((x) => x.leaderId !== null && !leaderOf(x).config.voters.includes(leader) && leaderOf(x).commitIndex >= leaderOf(x).configIndex, {
    what: `S${leader} removed and the change committed`,
  });
  expect(after.violations).toBe(0);
  await expect(raft.serverTag(leader)).toHaveText('removed');
});
