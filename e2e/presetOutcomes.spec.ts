/**
 * The presets about compaction, membership, leadership and clients: each
 * loads from the preset menu, opens at its marked moment, and is then run to
 * its end through the recorded future (simulated time only). At the end the
 * thing it is about is on screen, and no safety violation is shown.
 */
import type { Locator } from '@playwright/test';
import { PRESETS } from '../src/scenario/presets';
import { expect, test } from './fixtures';
import type { ClusterState, RaftPage } from './pages/raftPage';

type Check = (raft: RaftPage, mark: ClusterState, end: ClusterState) => Promise<void>;

const leaderAt = (s: ClusterState) => s.servers.find((v) => v.id === s.leaderId)!;
/** The highest-numbered follower of a leader (who the scripts pick to crash, isolate or remove). */
const followerOf = (s: ClusterState, leader: number) => Math.max(...s.servers.map((v) => v.id).filter((id) => id !== leader));
/** A server's term as its node says it ("S3, leader, term 4, …"). */
const termShown = (raft: RaftPage, id: number) => raft.server(id).getAttribute('aria-label').then((a) => Number(/term (\d+)/.exec(a ?? '')![1]));

async function selectAndReadKv(raft: RaftPage, id: number, key: string): Promise<Locator> {
  await raft.selectServer(id);
  return raft.inspector.locator('table.kv-table').first().locator('tr', { has: raft.page.locator('th', { hasText: new RegExp(`^${key}$`) }) }).locator('td');
}

const CHECKS: Record<string, Check> = {
  'snapshot-install': async (raft, mark, end) => {
    // The follower that was down got the leader's snapshot: its log starts with the block.
    const away = followerOf(mark, mark.leaderId!);
    expect(mark.servers.find((v) => v.id === away)!.snapshotIndex).toBe(0);
    expect(end.servers.find((v) => v.id === away)!.snapshotIndex).toBeGreaterThanOrEqual(24);
    await expect(raft.logRow(away).getByTestId('log-snapshot')).toHaveText(/^snapshot ≤ \d+ \(t1\)$/);
    await raft.openTab('events');
    await expect(raft.eventRows.filter({ hasText: /snapshot/ }).first()).toBeVisible();
  },
  'add-two-servers': async (raft, mark, end) => {
    expect(mark.servers).toHaveLength(3);
    expect(leaderAt(end).config.voters).toEqual([1, 2, 3, 4, 5]);
    await raft.openTab('network');
    await expect(raft.page.getByTestId('membership-config')).toHaveText(`Leader S${end.leaderId}: voters S1 S2 S3 S4 S5`);
    await expect(raft.cluster.locator('g.cv-server')).toHaveCount(5);
    await expect(raft.cluster.locator('.cv-tag')).toHaveCount(0);
    // Back at the marked moment, and on through the recorded future: S4 joins as a learner first.
    await raft.page.evaluate((n) => window.__raft!.store.getState().seekEvent(n), mark.eventCount);
    await raft.advanceUntilState((s) => s.servers.length === 4, { stepMs: 5, what: 'S4 started' });
    await expect(raft.serverTag(4)).toHaveText('learner');
    await raft.openTab('network');
    await expect(raft.page.getByTestId('membership-config')).toContainText('learners S4');
  },
  'joint-consensus': async (raft, mark, end) => {
    const old = mark.leaderId!;
    expect(end.leaderId).not.toBe(old);
    await expect(raft.serverTag(old)).toHaveText('removed');
    await expect(raft.crown(end.leaderId!)).toBeVisible();
    await raft.openTab('network');
    await expect(raft.page.getByTestId('membership-config')).toHaveText(`Leader S${end.leaderId}: voters ${leaderAt(end).config.voters.map((id) => `S${id}`).join(' ')}`);
    expect(leaderAt(end).config.voters).toContain(4);
  },
  'removed-server-disrupts': async (raft, mark, end) => {
    const removed = followerOf(mark, mark.leaderId!);
    await expect(raft.serverTag(removed)).toHaveText('removed');
    expect(leaderAt(end).config.voters).not.toContain(removed);
    // Terms inflated: the leader shows a much higher term than at the removal.
    const before = leaderAt(mark).term;
    expect(await termShown(raft, end.leaderId!)).toBeGreaterThanOrEqual(before + 5);
  },
  'removed-server-quiet': async (raft, mark, end) => {
    const removed = followerOf(mark, mark.leaderId!);
    await expect(raft.serverTag(removed)).toHaveText('removed');
    expect(leaderAt(end).config.voters).not.toContain(removed);
    // The members stayed in their term and kept their leader, while the removed server campaigned on.
    expect(end.leaderId).toBe(mark.leaderId);
    expect(await termShown(raft, end.leaderId!)).toBe(leaderAt(mark).term);
    expect(await termShown(raft, removed)).toBeGreaterThan(leaderAt(mark).term + 2);
    await raft.openTab('events');
    await expect(raft.eventRows.filter({ hasText: `disregarded S${removed}'s RequestVote` }).first()).toBeVisible();
  },
  'rejoin-without-prevote': async (raft, mark, end) => {
    // The rejoining server (a candidate in an inflated term at the mark) deposed the leader.
    const isolated = mark.servers.find((v) => v.role === 'candidate')!;
    expect(isolated.term).toBeGreaterThanOrEqual(leaderAt(mark).term + 3);
    expect(end.leaderId).not.toBe(mark.leaderId);
    await expect(raft.crown(end.leaderId!)).toBeVisible();
    await expect(raft.crown(mark.leaderId!)).toHaveCount(0);
    expect(await termShown(raft, end.leaderId!)).toBeGreaterThan(leaderAt(mark).term);
  },
  'rejoin-with-prevote': async (raft, mark, end) => {
    // The isolated server stayed a pre-candidate in the leader's term; after the rejoin nothing changed.
    const pre = mark.servers.find((v) => v.role === 'precandidate')!;
    expect(pre.term).toBe(leaderAt(mark).term);
    expect(end.leaderId).toBe(mark.leaderId);
    await expect(raft.crown(mark.leaderId!)).toBeVisible();
    for (const v of end.servers) expect(await termShown(raft, v.id)).toBe(leaderAt(mark).term);
    await raft.page.evaluate((n) => window.__raft!.store.getState().seekEvent(n), mark.eventCount);
    await expect(raft.server(pre.id).locator('.cv-caption')).toContainText('pre-candidate');
  },
  'check-quorum': async (raft, mark, end) => {
    const cut = mark.leaderId!;
    expect(end.leaderId).not.toBe(cut);
    await expect(raft.crown(cut)).toHaveCount(0);
    await expect(raft.crown(end.leaderId!)).toBeVisible();
    await raft.openTab('events');
    await expect(raft.eventRows.filter({ hasText: `S${cut} stepped down to follower (CheckQuorum)` })).toHaveCount(1);
  },
  'leadership-transfer': async (raft, mark, end) => {
    const to = followerOf(mark, mark.leaderId!);
    expect(end.leaderId).toBe(to);
    await expect(raft.crown(to)).toBeVisible();
    await expect(raft.crown(mark.leaderId!)).toHaveCount(0);
  },
  'retry-without-sessions': async (raft, _mark, end) => {
    await expect(await selectAndReadKv(raft, end.leaderId!, 'balance')).toHaveText('20');
    await raft.openTab('clients');
    await expect(raft.clientHistoryRow(1)).toContainText('#1 write balance+=10 → applied at index');
    await expect(raft.clientHistoryRow(1)).toContainText('retries 1');
  },
  'retry-with-sessions': async (raft, _mark, end) => {
    await expect(await selectAndReadKv(raft, end.leaderId!, 'balance')).toHaveText('10');
    await raft.openTab('clients');
    await expect(raft.clientHistoryRow(1)).toContainText('#1 write balance+=10 → duplicate: already applied at index 1, not applied again');
  },
  'read-index': async (raft, _mark, end) => {
    const read = end.clients.find((c) => c.id === 1)!.history.find((h) => h.kind === 'read')!;
    expect(read.value).toBe('2');
    await raft.openTab('clients');
    await expect(raft.clientHistoryRow(read.seq)).toHaveText(/^#\d+ read x → value “2” \(S\d\) \(ReadIndex round \d+ at index \d+\)/);
  },
  'stale-read': async (raft, _mark, end) => {
    // The deposed leader answered from its own state machine: the old value.
    const read = end.clients.find((c) => c.id === 1)!.history.find((h) => h.kind === 'read')!;
    expect(read.value).toBe('1');
    expect(read.readVia).toBe('unconfirmed');
    await raft.openTab('clients');
    await expect(raft.clientHistoryRow(read.seq)).toHaveText(/^#\d+ read x → value “1” \(S\d\) \(unconfirmed \(a rule broken\)\)/);
  },
};

const CHECKED_IDS = Object.keys(CHECKS);

test('the thirteen presets checked here are in the menu', () => {
  const ids = PRESETS.map((p) => p.id);
  for (const id of CHECKED_IDS) expect(ids).toContain(id);
  expect(CHECKED_IDS).toHaveLength(13);
});

for (const id of CHECKED_IDS) {
  test(`preset ${id}: runs to its end and shows what it is about`, async ({ raft }) => {
    const page = raft.page;
    const preset = PRESETS.find((p) => p.id === id)!.scenario;
    await raft.choosePreset(id);
    const dialog = page.getByRole('dialog', { name: preset.title!.en });
    await expect(dialog.getByTestId('preset-title')).toHaveText(preset.title!.en);
    await page.waitForFunction((n) => window.__raft?.store.getState().sim.eventCount === n, preset.view!.n!);
    await dialog.getByTestId('preset-close').click();
    await expect(dialog).toBeHidden();

    const mark = await raft.clusterState();
    expect(mark.head.time).toBe(preset.runUntil);
    const end = await raft.runToEnd();
    expect(end.now).toBe(preset.runUntil);
    await CHECKS[id](raft, mark, end);

    expect((await raft.clusterState()).violations).toBe(0);
    await expect(page.getByTestId('violations')).toHaveCount(0);
  });
}
