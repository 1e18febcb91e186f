import { existsSync } from 'node:fs';

/** Debian/Ubuntu `apt-get install chromium` location. */
const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/**
 * The Chromium binary the e2e tests should drive.
 *
 * `CHROMIUM_PATH` wins; otherwise the system Chromium if present; otherwise `undefined`,
 * which makes Playwright fall back to its own downloaded browser.
 */
export function chromiumExecutable(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  if (existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  return undefined;
}

/** Flags that keep a headless Chromium quiet, offline and container-friendly. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
