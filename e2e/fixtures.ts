import { test as base, expect } from '@playwright/test';
import { RaftPage, type StartParams } from './pages/raftPage';

type Fixtures = {
  /**
   * Uncaught page exceptions and `console.error` messages seen during the test.
   * Collected automatically; the test fails at teardown if any were recorded.
   */
  pageErrors: string[];
  /**
   * Start parameters for the `raft` fixture (paused, fixed seed unless set):
   * `test.use({ raftParams: { servers: 3 } })`.
   */
  raftParams: StartParams;
  /** The visualizer opened with `raftParams` and ready (the worker has answered). */
  raft: RaftPage;
};

export const test = base.extend<Fixtures>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
      });
      await use(errors);
      expect(errors, 'the page reported errors').toEqual([]);
    },
    { auto: true },
  ],
  raftParams: [{}, { option: true }],
  raft: async ({ page, raftParams }, use) => {
    const raft = new RaftPage(page);
    await raft.goto(raftParams);
    await use(raft);
  },
});

export { expect };
