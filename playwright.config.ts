import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from './e2e/browser';

/**
 * Two servers, two projects. Most specs drive the production build (`vite
 * build` served by `vite preview`): what users get, and a page that loads one
 * bundle instead of hundreds of dev modules, which roughly halves the suite's
 * time on 2 cores. The specs that import the app's own source modules into the
 * page (to compare the page's runs with Node's) need the dev server.
 */
const DEV_PORT = 4173;
const BUILT_PORT = 4175;
const DEV_URL = `http://127.0.0.1:${DEV_PORT}`;
const BUILT_URL = `http://127.0.0.1:${BUILT_PORT}`;
/** Specs that import /src modules in the page: only the dev server serves them. */
const SOURCE_SPECS = /(determinism|scenario-determinism)\.spec\.ts$/;

const chromium = {
  ...devices['Desktop Chrome'],
  launchOptions: {
    executablePath: chromiumExecutable(),
    args: CHROMIUM_ARGS,
  },
};

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  // Simulated time drives every test; this bound only stops a hung test (axe over every tab takes a while on 2 cores).
  timeout: 90_000,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    trace: 'retain-on-failure',
  },
  webServer: [
    {
      command: `npx vite --port ${DEV_PORT} --strictPort --host 127.0.0.1`,
      url: DEV_URL,
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
    },
    {
      // Its own output directory, so `npm run build`'s dist/ is left alone.
      command: `npx vite build --outDir dist-e2e --emptyOutDir --logLevel warn && npx vite preview --outDir dist-e2e --port ${BUILT_PORT} --strictPort --host 127.0.0.1`,
      url: BUILT_URL,
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
    },
  ],
  projects: [
    {
      name: 'chromium',
      testIgnore: SOURCE_SPECS,
      // The offline spec serves its own build with the service worker; here it would only add work per test.
      use: { ...chromium, baseURL: BUILT_URL, serviceWorkers: 'block' },
    },
    {
      name: 'chromium-dev',
      testMatch: SOURCE_SPECS,
      use: { ...chromium, baseURL: DEV_URL },
    },
  ],
});
