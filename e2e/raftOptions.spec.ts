/**
 * The Settings dialog's Raft options, driven by simulated time: PreVote,
 * CheckQuorum, leader stickiness, snapshots, read leases and client sessions
 * change what the new run does and are shown again; invalid values are
 * explained and nothing is applied.
 */
import { expect, test } from './fixtures';
import type { RaftPage } from './pages/raftPage';

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
  const opts = (await raft.clusterState()).options!;
  expect(opts).toMatchObject({ preVote: true, readLeases: true, snapshotThreshold: 3, clientTimeoutMs: 1200 });

  // PreVote: the first server to time out becomes a pre-candidate, not a candidate.
  const pre = await raft.advanceUntilState((x) => x.servers.some((v) => v.role !== 'follower'), { stepMs: 5, what: 'a timeout' });
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
  const s = await raft.advanceUntilState((x) => x.servers.every((v) => v.snapshotIndex >= 3), { what: 'every server compacting' });
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
  expect((await raft.clusterState()).options!.checkQuorum).toBe(true);
  const leader = await raft.advanceUntilLeader();
  await raft.clickNetwork('isolate-leader');
  await raft.advanceUntilState((x) => x.servers.find((v) => v.id === leader)!.role !== 'leader', { maxMs: 700, stepMs: 10, what: 'the isolated leader stepping down' });
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
  expect((await raft.clusterState()).options).toMatchObject({ leaderStickiness: true, snapshotChunkBytes: 128, clientSessions: false, preVote: false, checkQuorum: false });

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
  expect((await raft.clusterState()).options).toMatchObject({ preVote: false, snapshotThreshold: 0, snapshotChunkBytes: 64, clientTimeoutMs: 500 });
  await expect(raft.page.getByTestId('toast')).toHaveCount(0);
});
