/**
 * Shareable links and files: a run copied as a link opens in a fresh browser
 * context at the same moment with the same state; a file exported and opened
 * again gives the same run; broken links are explained and the page still works;
 * a run with an added server and a client write reopens to the same trace.
 */
import type { Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { scenarioFromLocationHash, type Scenario } from '../src/scenario';
import { replayScenario } from '../src/scenario/replay';
import { checkOperations, kvModel, parseJepsenEdn, parsePorcupine, parseShiViz } from '../src/analysis';
import { expect, test } from './fixtures';
import { RaftPage } from './pages/raftPage';

async function shareLink(raft: RaftPage): Promise<string> {
  await raft.clickTool('open-share');
  const input = raft.page.getByTestId('share-link');
  await expect(input).toHaveValue(/#s=v1\./);
  return input.inputValue();
}

test('a copied link reproduces the same run and moment in a new browser context', async ({ raft, browser }) => {
  await raft.advanceUntilLeader();
  await raft.page.evaluate(async () => {
    const s = window.__raft!.store.getState();
    await s.act({ type: 'submit', command: 'x=<script>alert(1)</script>' });
    await window.__raft!.advance(137.5);
    await s.act({ type: 'crash', server: 1 });
    await window.__raft!.advance(900);
    await s.stepBack();
  });
  const before = await raft.snapshot();
  const link = await shareLink(raft);

  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(link);
  await page.waitForFunction((n) => window.__raft?.store.getState().sim.eventCount === n, before.eventCount);
  const after = await page.evaluate(() => {
    const sim = window.__raft!.store.getState().sim;
    const servers = sim.servers.map((v) => ({ id: v.id, role: v.role, term: v.term, votedFor: v.votedFor, alive: v.alive, commitIndex: v.commitIndex, lastApplied: v.lastApplied, lastLogIndex: v.lastLogIndex }));
    return { now: sim.now, servers, playing: window.__raft!.store.getState().ui.playing };
  });
  expect(after.now).toBe(before.now);
  expect(after.servers).toEqual(
    before.servers.map((v) => ({ id: v.id, role: v.role, term: v.term, votedFor: v.votedFor, alive: v.alive, commitIndex: v.commitIndex, lastApplied: v.lastApplied, lastLogIndex: v.lastLogIndex })),
  );
  expect(after.playing).toBe(false);
  // User text from a link is shown as text, never as markup.
  await expect(page.locator('script', { hasText: 'alert(1)' })).toHaveCount(0);
  expect(errors).toEqual([]);
  await context.close();
});

test('a broken link is explained and a working run is shown instead', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/?play=0#s=v1.this-is-not-a-real-link');
  await expect(page.getByTestId('toast')).toContainText('This link could not be opened');
  await page.evaluate(() => window.__raft!.advance(1_000));
  await expect.poll(() => page.evaluate(() => window.__raft!.store.getState().sim.eventCount)).toBeGreaterThan(0);
  await context.close();
});

test('export a file and open it again gives the same run', async ({ raft }) => {
  await raft.advanceUntilLeader();
  await raft.page.evaluate(async () => {
    await window.__raft!.store.getState().act({ type: 'submit', command: 'y=2' });
    await window.__raft!.advance(400);
  });
  const before = await raft.snapshot();
  await raft.clickTool('open-share');
  const [download] = await Promise.all([raft.page.waitForEvent('download'), raft.page.getByTestId('share-export').click()]);
  const text = await readFile((await download.path())!, 'utf8');
  expect(JSON.parse(text).format).toBe('raft-visualizer-scenario');
  await raft.page.keyboard.press('Escape');
  // Move on, then open the file: the run returns to the exported moment.
  await raft.advance(2_000);
  await raft.clickTool('open-share');
  await raft.page.getByTestId('share-import').setInputFiles({ name: 'run.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect.poll(async () => (await raft.snapshot()).eventCount).toBe(before.eventCount);
  expect((await raft.snapshot()).servers).toEqual(before.servers);
  // A malformed file is refused with a message; the run stays.
  await raft.clickTool('open-share');
  await raft.page.getByTestId('share-import').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"version": 99}') });
  await expect(raft.page.getByTestId('share-error')).toContainText('could not be opened');
  expect((await raft.snapshot()).eventCount).toBe(before.eventCount);
});

test('the run exported for ShiViz, Porcupine and Jepsen: each file downloads and parses, with the clients\' operations', async ({ raft }) => {
  await raft.advanceUntilLeader();
  await raft.page.evaluate(async () => {
    const st = window.__raft!.store.getState();
    await st.act({ type: 'clientRequest', client: 1, command: 'x=1' });
    await window.__raft!.advance(300);
    await st.act({ type: 'clientRequest', client: 2, read: 'x' });
    await window.__raft!.advance(300);
  });
  await raft.clickTool('open-share');
  const save = async (format: string): Promise<{ name: string; text: string }> => {
    const [download] = await Promise.all([raft.page.waitForEvent('download'), raft.page.getByTestId(`share-history-${format}`).click()]);
    return { name: download.suggestedFilename(), text: await readFile((await download.path())!, 'utf8') };
  };
  const shiviz = await save('shiviz');
  expect(shiviz.name).toBe('raft-run.shiviz.log');
  const events = parseShiViz(shiviz.text);
  expect(new Set(events.map((e) => e.host))).toEqual(new Set(['S1', 'S2', 'S3', 'S4', 'S5', 'C1', 'C2']));
  const porcupine = await save('porcupine');
  expect(porcupine.name).toBe('raft-run.porcupine.json');
  const ops = parsePorcupine(porcupine.text);
  expect(ops.map((o) => o.input.op)).toEqual(['put', 'read']);
  expect(ops[1]!.output).toEqual({ value: '1' });
  expect(checkOperations(kvModel, ops).result).toBe('ok');
  const jepsen = await save('jepsen');
  expect(jepsen.name).toBe('raft-run.jepsen.edn');
  expect(parseJepsenEdn(jepsen.text).map((l) => `${l.process} ${l.type} ${l.f}`)).toEqual(['1 invoke put', '1 ok put', '2 invoke read', '2 ok read']);
  await expect(raft.page.getByTestId('share-error')).toHaveCount(0);
});

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
  const before = await raft.clusterState();
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
