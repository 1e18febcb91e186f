/**
 * Raft scenarios a lecturer drives from the page: crashes, forced timeouts,
 * disconnections, partitions, client commands, cut links and message faults.
 * Every test starts paused with a fixed seed and moves simulated time itself.
 */
import { expect, test } from './fixtures';
import type { RaftPage } from './pages/raftPage';

test.describe.configure({ mode: 'parallel' });

/** Run to the first leader and return it. */
async function elect(raft: RaftPage): Promise<number> {
  const leader = await raft.advanceUntilLeader();
  await expect(raft.crown(leader)).toBeVisible();
  return leader;
}

test('crashing the leader elects a new one; the old one restarts as a follower', async ({ raft }) => {
  const old = await elect(raft);
  await raft.selectServer(old);
  await expect(raft.inspector.locator('.role-badge')).toHaveText('★ leader');
  await expect(raft.inspectorButton('Force election timeout')).toBeDisabled();

  await raft.inspectorButton('Crash').click();
  await expect(raft.server(old)).toHaveClass(/cv-crashed/);
  await expect(raft.server(old)).toContainText('✕ crashed');
  await expect(raft.crown(old)).toHaveCount(0);
  await expect(raft.inspector.getByText('crashed', { exact: true })).toBeVisible();
  await expect(raft.inspectorButton('Restart')).toBeVisible();
  expect((await raft.serverState(old)).alive).toBe(false);
  await expect(await raft.latestEvent()).toContainText(`S${old} crashed`);
  await raft.openInspector();

  const next = await raft.advanceUntilLeader({ not: old });
  expect(next).not.toBe(old);
  const leader = await raft.serverState(next);
  expect(leader.role).toBe('leader');
  await expect(raft.crown(next)).toBeVisible();
  await expect(raft.server(next)).toHaveClass(/cv-leader/);
  await expect(raft.server(next).locator('.cv-caption')).toContainText('leader');
  await expect(raft.centreTitle()).toHaveText(`Leader S${next} · term ${leader.term}`);

  await raft.inspectorButton('Restart').click();
  await expect(raft.server(old)).not.toHaveClass(/cv-crashed/);
  await expect(raft.inspectorButton('Crash')).toBeVisible();
  await expect(raft.inspector.locator('.role-badge')).toHaveText('follower');
  // It hears from the new leader and catches up with its term, without disturbing it.
  await raft.advance(300);
  const back = await raft.serverState(old);
  expect(back).toMatchObject({ alive: true, role: 'follower', term: leader.term, leaderId: next });
  expect(await raft.leaderId()).toBe(next);
});

test('a digit selects a server and T forces its election timeout', async ({ raft }) => {
  const leader = await elect(raft);
  const follower = leader === 2 ? 3 : 2;
  const term = (await raft.serverState(leader)).term;

  await raft.page.keyboard.press(String(follower));
  await expect(raft.server(follower)).toHaveAttribute('aria-pressed', 'true');
  await expect(raft.inspector.getByRole('heading', { level: 2 })).toHaveText(`Server S${follower}`);
  await expect(raft.inspectorButton('Force election timeout')).toBeEnabled();

  await raft.page.keyboard.press('t');
  await expect.poll(async () => (await raft.serverState(follower)).role).toBe('candidate');
  expect((await raft.serverState(follower)).term).toBe(term + 1);
  await expect(raft.server(follower)).toHaveClass(/cv-candidate/);
  await expect(raft.inspector.locator('.role-badge')).toHaveText('candidate');
  await expect(await raft.latestEvent()).toContainText(`S${follower} was made to time out and started an election for term ${term + 1}`);

  // The leader has no election timer: T on it does nothing.
  await raft.page.keyboard.press(String(leader));
  await expect(raft.tab('selection')).toHaveAttribute('aria-selected', 'true');
  await expect(raft.inspectorButton('Force election timeout')).toBeDisabled();
  const events = await raft.eventCount();
  await raft.page.keyboard.press('t');
  await raft.animationFrames();
  expect(await raft.eventCount()).toBe(events);
});

test('the inspector disconnects and reconnects a server', async ({ raft }) => {
  const leader = await elect(raft);
  const follower = leader === 1 ? 2 : 1;
  await raft.selectServer(follower);

  await raft.inspectorButton('Disconnect').click();
  await expect(raft.server(follower)).toHaveClass(/cv-offline/);
  await expect(raft.server(follower).locator('.cv-tag')).toHaveText('offline');
  await expect(raft.inspector.getByText('disconnected', { exact: true })).toBeVisible();
  await expect(raft.logRow(follower)).toHaveCount(0); // logs are still empty: no rows
  expect((await raft.network()).disconnected).toEqual([follower]);
  expect((await raft.serverState(follower)).connected).toBe(false);
  await raft.openTab('network');
  await expect(raft.networkButton('heal')).toBeEnabled();
  await expect(await raft.latestEvent()).toContainText(`S${follower} was taken off the network`);

  // Cut off, it hears no heartbeats and keeps starting elections nobody sees.
  await raft.advance(1_000);
  const away = await raft.serverState(follower);
  expect(away.term).toBeGreaterThan((await raft.serverState(leader)).term);
  expect(await raft.leaderId()).toBe(leader);

  await raft.openInspector();
  await raft.inspectorButton('Reconnect').click();
  await expect(raft.server(follower)).not.toHaveClass(/cv-offline/);
  await expect(raft.inspectorButton('Disconnect')).toBeVisible();
  expect((await raft.network()).disconnected).toEqual([]);
  await expect(await raft.latestEvent()).toContainText(`S${follower} was connected to the network again`);
  // Its higher term disrupts the cluster; a leader is elected again.
  await raft.advanceUntil((s) => s.leaderId !== null && s.servers.every((v) => v.term === s.servers[0]!.term), { what: 'one leader and one term' });
});

test('a minority leader cannot commit; after Heal it steps down and its entry is replaced', async ({ raft }) => {
  const old = await elect(raft);
  await raft.clickNetwork('split-minority');
  await expect.poll(async () => (await raft.network()).cut.length).toBeGreaterThan(0);
  await expect(await raft.latestEvent()).toContainText('The network was partitioned into');
  const minority = [old, ...(await raft.snapshot()).servers.map((s) => s.id).filter((id) => id !== old)].slice(0, 2);
  const majority = (await raft.snapshot()).servers.map((s) => s.id).filter((id) => !minority.includes(id));

  // A command sent to the old leader is appended to its log only.
  await raft.submit('stale=1', old);
  await expect(raft.submitOutcome).toHaveText(/^The leader appended "stale=1" at index 1 in term \d+\./);
  const staleCell = raft.logCell(old, 1);
  await expect(staleCell).toContainText('stale=1');
  await expect(staleCell).toHaveClass(/is-uncommitted/);
  await expect(staleCell).toHaveAttribute('title', /not committed yet/);

  // Three simulated seconds later it is still uncommitted; the majority has its own leader.
  await raft.advance(3_000);
  const s = await raft.snapshot();
  expect(s.servers.find((v) => v.id === old)!.commitIndex).toBe(0);
  const fresh = s.servers.filter((v) => majority.includes(v.id) && v.role === 'leader');
  expect(fresh).toHaveLength(1);
  const next = fresh[0]!.id;
  expect(s.leaderId).toBe(next);
  await expect(raft.crown(next)).toBeVisible();
  await expect(staleCell).toHaveClass(/is-uncommitted/);
  await expect(raft.logRow(old).locator('.logs-tag')).toHaveText('old leader');

  // The majority commits.
  await raft.submit('fresh=2');
  await expect(raft.submitOutcome).toHaveText(/^The leader appended "fresh=2" at index 1 in term \d+\./);
  await raft.advanceUntil((x) => majority.every((id) => x.servers.find((v) => v.id === id)!.commitIndex >= 1), { what: 'majority commit' });
  await expect(raft.logCell(next, 1)).toContainText('fresh=2');
  await expect(raft.logCell(next, 1)).not.toHaveClass(/is-uncommitted/);
  expect((await raft.serverState(old)).commitIndex).toBe(0);

  // Heal: the old leader hears the newer term, steps down and takes the leader's entry.
  await raft.clickNetwork('heal');
  await expect.poll(async () => (await raft.network()).cut).toEqual([]);
  await expect(await raft.latestEvent()).toContainText('The network was healed');
  const healed = await raft.advanceUntil(
    (x) => {
      const v = x.servers.find((w) => w.id === old)!;
      return v.role === 'follower' && v.commitIndex >= 1;
    },
    { what: 'old leader steps down and commits' },
  );
  expect(healed.leaderId).toBe(next);
  expect(healed.logs[old]![0]).toMatchObject({ index: 1, command: 'fresh=2' });
  await expect(raft.logCell(old, 1)).toContainText('fresh=2');
  await expect(raft.logCell(old, 1)).not.toHaveClass(/is-uncommitted/);
  await expect(raft.logRow(old)).not.toContainText('stale=1');
  await expect(raft.logRow(old).locator('.logs-tag')).toHaveText('follower');
  await expect(raft.crown(old)).toHaveCount(0);
});

test('a command submitted to the leader is replicated to every log and committed', async ({ raft }) => {
  const leader = await elect(raft);
  await expect(raft.logsView).toContainText('Logs are empty');

  await raft.submit('x=1');
  const term = (await raft.serverState(leader)).term;
  await expect(raft.submitOutcome).toHaveText(`The leader appended "x=1" at index 1 in term ${term}. It commits once a majority stores it.`);
  // The box suggests the next command.
  await expect(raft.commandInput).toHaveValue('x=2');
  await expect(raft.logCell(leader, 1)).toHaveClass(/is-uncommitted/);

  const s = await raft.advanceUntil((x) => x.servers.every((v) => v.commitIndex >= 1 && v.lastApplied >= 1), { what: 'commit everywhere' });
  expect(s.servers.find((v) => v.id === leader)!.commitIndex).toBe(1);
  await expect(raft.logsView.locator('.logs-server-row')).toHaveCount(5);
  for (const v of s.servers) {
    const cell = raft.logCell(v.id, 1);
    await expect(cell).toContainText('x=1');
    await expect(cell).toContainText(`T${term}`);
    await expect(cell).toHaveClass(/is-applied/);
    await expect(raft.logRow(v.id)).toHaveAttribute('aria-label', `S${v.id}: 1 entries, commitIndex 1, lastApplied 1`);
  }
  // The state machine applied it.
  await raft.selectServer(leader);
  await expect(raft.inspector.locator('.kv-table')).toContainText('x');
  await expect(raft.inspector.locator('.kv-table td')).toHaveText('1');
});

test('command box: no leader yet, a follower redirects, an empty command cannot be sent', async ({ raft }) => {
  await raft.submit('a=1');
  await expect(raft.submitOutcome).toHaveText('No leader right now: the command was not accepted. Wait for an election.');
  await expect(raft.commandInput).toHaveValue('a=1');

  const leader = await elect(raft);
  // Followers learn the leader from its first AppendEntries.
  await raft.advance(100);
  const follower = leader === 4 ? 3 : 4;
  await raft.submit('y=7', follower);
  await expect(raft.submitOutcome).toHaveText(`S${follower} is not the leader and pointed the client to S${leader} (§8).`);
  // Refused: the box keeps the command, no log grows.
  await expect(raft.commandInput).toHaveValue('y=7');
  expect((await raft.snapshot()).servers.every((v) => v.lastLogIndex === 0)).toBe(true);
  await expect(await raft.latestEvent()).toContainText(`S${follower} is not the leader and redirected the client (command`);

  await raft.commandInput.fill('');
  await expect(raft.submitButton).toBeDisabled();
  // Enter in the command box submits the form.
  await raft.commandTarget.selectOption('leader');
  await raft.commandInput.fill('b=2');
  await raft.commandInput.press('Enter');
  await expect(raft.submitOutcome).toHaveText(/^The leader appended "b=2" at index 1/);
});

test('the link menu cuts one direction or both, closes with Escape, and restores', async ({ raft }) => {
  // The event log stays open throughout (opening a tab would take the focus this test follows).
  await raft.openTab('events');
  // At time 0 nothing is in flight over the links.
  const link = raft.link(1, 2);
  await expect(link).toHaveAttribute('aria-label', 'Link S1–S2: both directions up');
  await link.click();
  const menu = raft.linkMenu;
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('heading')).toHaveText('Link S1 ↔ S2');
  await expect(link).toHaveAttribute('aria-expanded', 'true');
  await menu.getByRole('button', { name: 'Cut S1→S2' }).click();

  await expect(menu).toBeHidden();
  await expect.poll(async () => (await raft.network()).cut).toEqual([[1, 2]]);
  await expect(link).toHaveAttribute('aria-label', 'Link S1–S2: S1→S2 cut');
  await expect(raft.cluster.locator('.cv-links .cv-link-cut')).toHaveCount(1);
  await expect(raft.cluster.locator('.cv-links .cv-cutmark')).toHaveCount(1);
  await expect(await raft.latestEvent()).toContainText('The link S1→S2 was cut');
  // Focus went back to the link: Enter opens the menu again from the keyboard.
  await expect(link).toBeFocused();
  await raft.page.keyboard.press('Enter');
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('button', { name: 'Cut S1→S2' })).toBeDisabled();
  await expect(menu).toContainText('S1→S2: cut');
  await expect(menu).toContainText('S2→S1: up');
  await menu.getByRole('button', { name: 'Restore' }).click();

  await expect.poll(async () => (await raft.network()).cut).toEqual([]);
  await expect(link).toHaveAttribute('aria-label', 'Link S1–S2: both directions up');
  await expect(raft.cluster.locator('.cv-links .cv-link-cut')).toHaveCount(0);
  await expect(await raft.latestEvent()).toContainText('The link S1→S2 was restored');

  // Escape closes the menu and gives focus back to its link; "Cut both" cuts both lanes.
  const other = raft.link(2, 3);
  await other.focus();
  await raft.page.keyboard.press(' ');
  await expect(menu.getByRole('heading')).toHaveText('Link S2 ↔ S3');
  await raft.page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(other).toBeFocused();
  await raft.page.keyboard.press('Enter');
  await menu.getByRole('button', { name: 'Cut both' }).click();
  await expect.poll(async () => (await raft.network()).cut.map(String).sort()).toEqual(['2,3', '3,2']);
  await expect(other).toHaveAttribute('aria-label', 'Link S2–S3: both directions cut');
  await expect(raft.cluster.locator('.cv-links .cv-link-cut')).toHaveCount(2);
  await raft.clickNetwork('heal');
  await expect.poll(async () => (await raft.network()).cut).toEqual([]);
});

test('a message in flight can be inspected, dropped and duplicated', async ({ raft }) => {
  // The first event is an election timeout: the candidate's RequestVotes are on the wire.
  await raft.stepButton().click();
  await expect.poll(async () => (await raft.messages()).length).toBe(4);
  const [victim, copied] = await raft.messages();

  await raft.message(victim!.id).locator('.cv-msg-target').click();
  const mi = raft.messageInspector;
  await expect(mi).toBeVisible();
  await expect(mi.locator('.message-type')).toHaveText(`RequestVote #${victim!.id}`);
  await expect(mi.locator('.message-route')).toHaveText(`S${victim!.from} → S${victim!.to}`);
  const fields = mi.locator('table.fields');
  await expect(fields.getByRole('rowheader', { name: /candidateId/ })).toBeVisible();
  await expect(fields.getByRole('row', { name: /candidateId/ }).getByRole('cell')).toHaveText(`S${victim!.from}`);
  await expect(fields.getByRole('row', { name: /lastLogIndex/ }).getByRole('cell')).toHaveText('0');
  await expect(fields.getByRole('row', { name: /^term/ }).getByRole('cell')).toHaveText(String(victim!.term));
  await expect(fields.getByRole('row', { name: /arrives at/ }).getByRole('cell')).toContainText(`${(victim!.deliverAt / 1000).toFixed(3)} s`);
  await expect(raft.message(victim!.id)).toHaveAttribute('aria-pressed', 'true');

  await mi.getByRole('button', { name: 'Drop', exact: true }).click();
  await expect.poll(async () => (await raft.messages()).map((m) => m.id)).not.toContain(victim!.id);
  await expect(raft.message(victim!.id)).toHaveCount(0);
  await expect(mi.getByRole('status')).toContainText('This message was dropped (by you) at');
  await expect(await raft.latestEvent()).toContainText(`You removed the RequestVote S${victim!.from}→S${victim!.to} from the network: it will never arrive`);
  await raft.openInspector();
  await mi.getByRole('button', { name: 'Close' }).first().click();
  await expect(mi).toBeHidden();

  await raft.message(copied!.id).locator('.cv-msg-target').click();
  await expect(mi.locator('.message-type')).toHaveText(`RequestVote #${copied!.id}`);
  await mi.getByRole('button', { name: 'Deliver a duplicate' }).click();
  await expect.poll(async () => (await raft.messages()).length).toBe(4);
  const now = await raft.messages();
  const copies = now.filter((m) => m.type === copied!.type && m.from === copied!.from && m.to === copied!.to);
  expect(copies).toHaveLength(2);
  expect(copies.find((m) => m.id !== copied!.id)).toMatchObject({ duplicate: true, term: copied!.term });
  await expect(raft.cluster.locator('[data-message] .cv-msg-ghost')).toHaveCount(1);
  await expect(await raft.latestEvent()).toContainText(`You duplicated the RequestVote S${copied!.from}→S${copied!.to}`);

  // The receiver handles both copies; Raft tolerates it and the election still ends with one leader.
  const leader = await raft.advanceUntilLeader();
  expect((await raft.snapshot()).violations).toBe(0);
  await expect(raft.crown(leader)).toBeVisible();
});

test('network settings apply latency, loss and duplication, and reject bad input', async ({ raft }) => {
  await raft.openTab('network');
  const open = raft.networkButton('open-network-settings');
  await expect(open).toHaveAttribute('title', 'Latency 10–20 ms, drop 0 %, duplicate 0 %');
  await open.click();
  const dialog = raft.page.getByRole('dialog', { name: 'Network settings' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Latency min (ms)')).toHaveValue('10');

  // Minimum above maximum: the form says so and changes nothing.
  await dialog.getByLabel('Latency min (ms)').fill('80');
  await dialog.getByLabel('Latency max (ms)').fill('40');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Minimum latency must not exceed the maximum.');
  // Out of range: the form's own message (in the page's language), not only the browser's bubble.
  await dialog.getByLabel('Latency max (ms)').fill('90');
  await dialog.getByLabel('Drop %').fill('150');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Drop and duplicate rates must be between 0 and 100 %.');
  await dialog.getByLabel('Drop %').fill('0');
  await dialog.getByLabel('Latency max (ms)').fill('70000');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Latency must be between 0 and 60000 ms.');
  // An empty rate.
  await dialog.getByLabel('Latency max (ms)').fill('90');
  await dialog.getByLabel('Drop %').fill('');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Drop and duplicate rates must be between 0 and 100 %.');
  expect((await raft.network()).latencyMs).toEqual([10, 20]);
  expect((await raft.network()).dropRate).toBe(0);

  await dialog.getByLabel('Drop %').fill('10');
  await dialog.getByLabel('Duplicate %').fill('5');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(() => raft.network()).toMatchObject({ latencyMs: [80, 90], dropRate: 0.1, duplicateRate: 0.05 });
  await expect(open).toHaveAttribute('title', 'Latency 80–90 ms, drop 10 %, duplicate 5 %');
  await expect(await raft.latestEvent()).toContainText('Network settings changed: each message now takes 80–90 ms');

  // New messages use the new latency.
  await raft.clickStep();
  const msgs = await raft.messages();
  expect(msgs.length).toBeGreaterThan(0);
  for (const m of msgs) {
    expect(m.deliverAt - m.sentAt).toBeGreaterThanOrEqual(80);
    expect(m.deliverAt - m.sentAt).toBeLessThanOrEqual(90);
  }

  // Cancel leaves the settings alone.
  await raft.openTab('network');
  await open.click();
  await dialog.getByLabel('Latency min (ms)').fill('1');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect((await raft.network()).latencyMs).toEqual([80, 90]);
});

test('Isolate selected and Isolate leader partition one server off', async ({ raft }) => {
  const leader = await elect(raft);
  await raft.openTab('network');
  await expect(raft.networkButton('isolate-selected')).toBeDisabled();
  await raft.networkButton('isolate-leader').click();
  await expect.poll(async () => (await raft.network()).cut.length).toBe(8);
  await expect(await raft.latestEvent()).toContainText(`The network was partitioned into [S${leader}] and [`);
  const next = await raft.advanceUntilLeader({ not: leader });
  await raft.clickNetwork('heal');
  await expect(raft.networkButton('heal')).toBeDisabled();

  await raft.selectServer(next);
  await raft.clickNetwork('isolate-selected');
  await expect.poll(async () => (await raft.network()).cut.length).toBe(8);
  await expect(await raft.latestEvent()).toContainText(`The network was partitioned into [S${next}] and [`);
});
