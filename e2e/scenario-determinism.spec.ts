/**
 * Every preset, replayed headless in Node (this process) and in Chromium (the
 * page, via Vite), gives the same trace hash: links replay the same everywhere.
 */
import { PRESETS } from '../src/scenario/presets';
import { replayScenario } from '../src/scenario/replay';
import { expect, test } from './fixtures';

test('each preset replays to the same trace hash in Node and in the browser', async ({ page }) => {
  await page.goto('/?play=0');
  const inNode = PRESETS.map((p) => ({ id: p.id, hash: replayScenario(p.scenario).traceHash() }));
  const inBrowser = await page.evaluate(async () => {
    // Served by Vite from the project's own source.
    const presetsPath = '/src/scenario/presets/index.ts';
    const replayPath = '/src/scenario/replay.ts';
    const presets = (await import(/* @vite-ignore */ presetsPath)) as typeof import('../src/scenario/presets');
    const replay = (await import(/* @vite-ignore */ replayPath)) as typeof import('../src/scenario/replay');
    return presets.PRESETS.map((p) => ({ id: p.id, hash: replay.replayScenario(p.scenario).traceHash() }));
  });
  expect(inNode.length).toBeGreaterThanOrEqual(9);
  expect(inBrowser).toEqual(inNode);
});
