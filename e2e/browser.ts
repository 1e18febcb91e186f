import { existsSync } from 'node:fs';

/**
 * Debian's `chromium-headless-shell`: the headless build Playwright itself runs
 * headless tests in. The full browser (`chromium`) in its headless mode also
 * starts its own WebUI renderers and component extensions; on this 2-core
 * machine the same 41 tests took 197 s with it and 151 s with the shell
 * (2026-12-07).
 */
export const SYSTEM_HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
/** Debian/Ubuntu `apt-get install chromium` location. */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/**
 * The Chromium binary the e2e tests should drive.
 *
 * `CHROMIUM_PATH` wins; otherwise the system headless shell, then the system
 * Chromium, if present; otherwise `undefined`, which makes Playwright fall back
 * to its own downloaded browser. scripts/check-browser.mjs looks in the same order.
 */
export function chromiumExecutable(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  if (existsSync(SYSTEM_HEADLESS_SHELL)) return SYSTEM_HEADLESS_SHELL;
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
