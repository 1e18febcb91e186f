/**
 * The first lecture on Raft, run from the keyboard alone (issue 9): the page
 * opens paused at time 0; the lecturer narrates the first election one step at
 * a time (the narration tells each event in the sentence the event log uses),
 * sends three commands, crashes the leader, shows the new leader keeping the
 * committed entries, then loads Figure 8 and reaches the overwrite with Next.
 * Time moves only by keys (Step, Next) — never by waiting.
 */
import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import type { TraceEvent } from '../src/sim';
import { describeEvent } from '../src/ui/events/describe';

async function latestEvent(page: Page): Promise<TraceEvent | null> {
  return page.evaluate(() => {
    const ev = window.__raft!.store.getState().sim.events;
    return ev.length > 0 ? (JSON.parse(JSON.stringify(ev[ev.length - 1])) as never) : null;
  });
}

async function leader(page: Page): Promise<{ id: number; term: number; commitIndex: number } | null> {
  return page.evaluate(() => {
    const s = window.__raft!.store.getState().sim;
    const l = s.servers.find((v) => v.id === s.leaderId && v.alive);
    return l ? { id: l.id, term: l.term, commitIndex: l.commitIndex } : null;
  });
}

/** Press a key and wait until the worker calls it asked for have been applied. */
async function press(page: Page, key: string): Promise<void> {
  await page.keyboard.press(key);
  await page.evaluate(() => new Promise<void>((r) => {
    const check = () => (window.__raft!.store.getState().busy ? setTimeout(check, 5) : r());
    check();
  }));
}

test.describe('a lecture from the keyboard', () => {
  test.use({ viewport: { width: 1280, height: 800 }, raftParams: { servers: 5, seed: 'lecture-1' } });

  test('narrate the first election, replicate three commands, survive a leader crash', async ({ raft, page }) => {
    void raft;
    // Dozens of key presses, each a worker round trip: more than the default 30 s on a loaded 2-core machine.
    test.setTimeout(120_000);
    // Opens paused at time 0, saying how to start.
    await expect(page.getByTestId('narration-text')).toContainText(/Space/);
    expect(await page.evaluate(() => window.__raft!.store.getState().sim.now)).toBe(0);

    // The first election, one event per →, each told by the narration.
    let steps = 0;
    while ((await leader(page)) === null) {
      expect(steps++, 'an election within 40 steps').toBeLessThan(40);
      await press(page, 'ArrowRight');
      const e = await latestEvent(page);
      expect(e).not.toBeNull();
      const sentence = describeEvent(e!, 'en', { servers: 5 }).plain;
      await expect(page.getByTestId('narration-text')).toHaveText(sentence);
      if (steps === 1) expect(sentence).toMatch(/election|term 1/);
    }
    const first = (await leader(page))!;
    await expect(page.getByTestId('narration-text')).toContainText(`S${first.id}`);

    // Three commands: S focuses the box with its text selected, Enter sends, Escape hands the keys back.
    for (const cmd of ['x=1', 'y=2', 'z=3']) {
      await press(page, 's');
      await expect(page.getByTestId('command-input')).toBeFocused();
      await page.keyboard.type(cmd);
      await expect(page.getByTestId('command-input')).toHaveValue(cmd);
      await press(page, 'Enter');
      await expect(page.getByTestId('submit-outcome')).toContainText(cmd);
      await press(page, 'Escape');
      await expect(page.getByTestId('command-input')).not.toBeFocused();
    }
    // Next runs to the commits.
    for (let k = 0; k < 20 && ((await leader(page))?.commitIndex ?? 0) < 3; k++) await press(page, 'n');
    expect((await leader(page))!.commitIndex).toBe(3);

    // Select the leader with its digit and crash it (C); Next until a new leader is elected.
    await press(page, String(first.id));
    await press(page, 'c');
    expect(await page.evaluate((id) => window.__raft!.store.getState().sim.servers.find((v) => v.id === id)!.alive, first.id)).toBe(false);
    let next = await leader(page);
    for (let k = 0; k < 30 && (next === null || next.id === first.id); k++) {
      await press(page, 'n');
      next = await leader(page);
    }
    expect(next).not.toBeNull();
    expect(next!.id).not.toBe(first.id);
    expect(next!.term).toBeGreaterThan(first.term);
    // Leader Completeness (§5.4): the new leader holds the three committed entries.
    const log = await page.evaluate((id) => window.__raft!.store.getState().sim.logs[id]!.map((e) => e.command), next!.id);
    expect(log.slice(0, 3)).toEqual(['x=1', 'y=2', 'z=3']);
    await expect(page.locator(`[data-testid="logs-view"] [data-server="${next!.id}"]`)).toContainText('x=1');
  });
});
