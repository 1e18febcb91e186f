/**
 * Determinism across environments: the headless simulator gives the identical
 * trace in Node (this test process) and in Chromium (the page, via Vite).
 */
import { referenceRun, type ReferenceResult } from '../src/sim/referenceRun';
import { expect, test } from './fixtures';

test('the same seed and actions give the same trace hash in Node and in the browser', async ({ page }) => {
  await page.goto('/');
  for (const seed of ['reference', 42]) {
    const inNode = referenceRun(seed);
    const inBrowser = await page.evaluate(async (s) => {
      // Served by Vite from the project's own source.
      const path = '/src/sim/referenceRun.ts';
      const mod = (await import(/* @vite-ignore */ path)) as { referenceRun: (seed: string | number) => ReferenceResult };
      return mod.referenceRun(s);
    }, seed);
    expect(inNode.events).toBeGreaterThan(1_000);
    expect(inNode.violations).toBe(0);
    expect(inBrowser).toEqual(inNode);
  }
});
