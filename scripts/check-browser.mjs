#!/usr/bin/env node
// Fails fast, with instructions, when no Chromium is available for the e2e tests.
// Mirrors the lookup order of e2e/browser.ts: CHROMIUM_PATH, /usr/bin/chromium, Playwright's own.
import { existsSync } from 'node:fs';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

async function playwrightChromium() {
  try {
    const { chromium } = await import('@playwright/test');
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

function fail(problem) {
  console.error(`check-browser: ${problem}

The end-to-end tests need a Chromium browser. Do one of:
  - Debian/Ubuntu:                sudo apt-get install -y chromium
  - where downloads are possible: npx playwright install chromium
  - point at an existing binary:  export CHROMIUM_PATH=/path/to/chromium
`);
  process.exit(1);
}

const fromEnv = process.env.CHROMIUM_PATH;
if (fromEnv) {
  if (!existsSync(fromEnv)) fail(`CHROMIUM_PATH is set to "${fromEnv}", but no such file exists.`);
  console.log(`check-browser: using ${fromEnv} (from CHROMIUM_PATH)`);
} else if (existsSync(SYSTEM_CHROMIUM)) {
  console.log(`check-browser: using system Chromium at ${SYSTEM_CHROMIUM}`);
} else {
  const downloaded = await playwrightChromium();
  if (!downloaded) {
    fail(`no Chromium found (CHROMIUM_PATH is unset, ${SYSTEM_CHROMIUM} is missing, and Playwright has not downloaded one).`);
  }
  console.log(`check-browser: using Playwright's Chromium at ${downloaded}`);
}
