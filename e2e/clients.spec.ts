/**
 * Simulated clients (§8): requests are sent from the command box "as client
 * Cn"; each client sends one request at a time, follows redirects and retries;
 * the Clients tab shows what is pending and what finished. Writes and
 * linearizable reads; what the user types is checked, and shown as text, never
 * as markup. Simulated time only.
 */
import { expect, test } from './fixtures';

test('a write then a read: the read returns the value written, with the ReadIndex round that made it safe', async ({ raft, page }) => {
  await raft.openTab('clients');
  const panel = raft.clientsPanel();
  await expect(panel.getByRole('heading', { name: 'Clients (§8)' })).toBeVisible();
  await expect(raft.clientTab(1)).toHaveAttribute('aria-selected', 'true');
  // Requests are sent from the command box, as this client.
  await expect(page.getByTestId('clients-hint')).toHaveText('Send a request from C1 with the command box: choose "as client C1".');
  await expect(page.getByTestId('client-pending')).toContainText('Nothing pending.');
  await raft.advanceUntilLeader();

  await raft.clientWrite('x=5');
  await expect(page.getByTestId('client-pending')).toContainText('Waiting: #1 write x=5 at S');
  await expect(raft.submitOutcome).toHaveText('C1 is waiting for request #1: one request at a time.');
  const done = await raft.advanceUntilClientDone(1, 1);
  const leader = done.leaderId!;
  await expect(raft.clientHistoryRow(1)).toContainText(`#1 write x=5 → applied at index 1 (S${leader})`);
  await expect(page.getByTestId('client-pending')).toContainText(`C1 believes S${leader} is the leader.`);
  // The box offers the next command.
  await expect(raft.commandInput).toHaveValue('x=6');

  // A read takes the key before "=": x=6 reads x.
  await expect(raft.commandRead()).toHaveText('Read x');
  await raft.clientRead('x');
  await expect(page.getByTestId('client-pending')).toContainText('Waiting: #2 read x at S');
  await raft.advanceUntilClientDone(1, 2);
  await expect(raft.clientHistoryRow(2)).toHaveText(new RegExp(`^#2 read x → value “5” \\(S${leader}\\) \\(ReadIndex round \\d+ at index 1\\)`));
  // Newest first.
  await expect(panel.getByTestId('client-history-row').first()).toHaveAttribute('data-seq', '2');
  // A key nobody wrote.
  await raft.clientRead('nope');
  await raft.advanceUntilClientDone(1, 3);
  await expect(raft.clientHistoryRow(3)).toContainText(`#3 read nope → not set (S${leader})`);
  expect((await raft.clusterState()).violations).toBe(0);
});

test('one request at a time per client; another client may send meanwhile; Add a client offers a new tab', async ({ raft, page }) => {
  await raft.openTab('clients');
  const panel = raft.clientsPanel();
  await raft.advanceUntilLeader();
  await raft.clientWrite('a=1');
  await raft.flush();
  await expect(raft.submitButton).toBeDisabled();
  await expect(raft.commandRead()).toBeDisabled();
  await expect(raft.submitOutcome).toHaveText('C1 is waiting for request #1: one request at a time.');
  await expect(raft.clientTab(1)).toHaveAttribute('title', 'Client C1, waiting for an answer');

  // Client C2 is free to send.
  await raft.clientTab(2).click();
  await expect(raft.clientTab(2)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('clients-hint')).toContainText('choose "as client C2"');
  await raft.sendAs(2);
  await expect(raft.submitButton).toBeEnabled();
  await raft.clientWrite('b=2');
  await raft.flush();
  const s = await raft.clusterState();
  expect(s.clients.map((c) => [c.id, c.pending?.seq ?? null])).toEqual([
    [1, 1],
    [2, 1],
  ]);
  await raft.advanceUntilClientDone(2, 1);
  await raft.advanceUntilClientDone(1, 1);
  await expect(raft.submitButton).toBeEnabled();
  await expect(raft.clientHistoryRow(1)).toContainText('#1 write b=2 → applied at index');
  await raft.clientTab(1).click();
  await expect(raft.clientHistoryRow(1)).toContainText('#1 write a=1 → applied at index');
  await expect(raft.clientTab(1)).toHaveAttribute('title', 'Client C1');
  await raft.advanceUntilState((x) => x.servers.every((v) => v.kv.a === '1' && v.kv.b === '2'), { what: 'both writes applied everywhere' });

  // The arrow keys move between tabs.
  await raft.clientTab(1).focus();
  await page.keyboard.press('ArrowRight');
  await expect(raft.clientTab(2)).toBeFocused();
  await expect(raft.clientTab(2)).toHaveAttribute('aria-selected', 'true');

  await expect(panel.getByTestId('client-tab')).toHaveCount(3);
  await panel.getByRole('button', { name: 'Add a client' }).click();
  await expect(panel.getByTestId('client-tab')).toHaveCount(4);
  await expect(raft.clientTab(4)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('clients-hint')).toContainText('choose "as client C4"');
  await expect(panel).toContainText('No finished requests yet.');
});

test('an empty command and an empty key are refused with a message, an over-long one cannot be typed; nothing is sent', async ({ raft, page }) => {
  await raft.openTab('clients');
  await raft.advanceUntilLeader();
  const before = await raft.eventCount();

  await raft.clientWrite('   ');
  await expect(raft.submitOutcome).toHaveText('Type a command first, e.g. x=1 or x+=1.');
  await expect(raft.commandInput).toHaveAttribute('aria-invalid', 'true');

  await raft.clientRead('');
  await expect(raft.submitOutcome).toHaveText('Type the key to read, e.g. x.');
  await expect(raft.commandInput).toHaveAttribute('aria-invalid', 'true');

  // A read takes the key before "=" (or "+="), so a key never contains "=".
  await raft.commandInput.fill('x+=1');
  await expect(raft.commandRead()).toHaveText('Read x');

  // At most 200 characters: the box takes no more.
  await raft.commandInput.fill('y='.padEnd(201, '9'));
  await expect(raft.commandInput).toHaveValue('y='.padEnd(200, '9'));

  await raft.flush();
  expect(await raft.eventCount()).toBe(before);
  const s = await raft.clusterState();
  expect(s.clients.every((c) => c.pending === null && c.history.length === 0)).toBe(true);
  await expect(page.getByTestId('client-pending')).toContainText('Nothing pending.');

  // A good one clears the message.
  await raft.clientWrite('y=1');
  await expect(raft.submitOutcome).not.toHaveText(/^Type /);
  await expect(raft.commandInput).not.toHaveAttribute('aria-invalid', 'true');
});

test('markup in a command is shown as text in the client panel and the logs, never as HTML', async ({ raft, page }) => {
  await raft.openTab('clients');
  await raft.advanceUntilLeader();
  const command = 'x=<img src=x onerror="window.__pwned=1"><b>bold</b>';
  await raft.clientWrite(command);
  await expect(page.getByTestId('client-pending')).toContainText(`write ${command}`);
  const s = await raft.advanceUntilClientDone(1, 1);
  await expect(raft.clientHistoryRow(1)).toContainText(`#1 write ${command} → applied at index 1`);
  await expect(raft.logCell(s.leaderId!, 1)).toBeVisible();
  await expect(raft.clientsPanel()).toBeVisible();
  await expect(raft.clientsPanel().locator('img, b')).toHaveCount(0);
  await expect(raft.logsView.locator('img, b')).toHaveCount(0);
  await expect(page.getByTestId('command-box').locator('img, b')).toHaveCount(0);
  await raft.openTab('events');
  await expect(raft.eventList).toContainText('x=<img'); // the sentence shows the command's start as text
  await expect(raft.eventList.locator('img, b')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});
