#!/usr/bin/env node
// Finds, or provisions, the Chromium the end-to-end tests drive, so `npm test`
// works on a fresh machine with nothing but the README's two commands (issue 11).
// In order:
//   1. CHROMIUM_PATH, or Debian's headless shell (/usr/bin/chromium-headless-shell: the
//      headless build Playwright runs headless tests in, and the fastest here);
//   2. where apt-get can be used (root, or sudo without a password): Debian's
//      chromium-headless-shell package with a CJK font (fonts-noto-cjk) for the Chinese tests;
//   3. an existing full Chromium: Debian's /usr/bin/chromium, Playwright's cache;
//   4. Playwright's own download (`npx playwright install chromium`);
//   5. otherwise the exact instructions, and a failing exit.
// The lookup order is e2e/browser.ts's. RAFT_NO_BROWSER_INSTALL=1 skips steps 2 and 4.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const SYSTEM_HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const log = (line) => console.log(`check-browser: ${line}`);

async function playwrightChromium() {
  try {
    const { chromium } = await import('@playwright/test');
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

async function existing() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) fail(`CHROMIUM_PATH is set to "${fromEnv}", but no such file exists.`);
    return `${fromEnv} (from CHROMIUM_PATH)`;
  }
  if (existsSync(SYSTEM_HEADLESS_SHELL)) return `Debian's headless shell at ${SYSTEM_HEADLESS_SHELL}`;
  return undefined;
}

/** A full Chromium already here: slower for the tests than the headless shell, but it works. */
async function fullChromium() {
  if (existsSync(SYSTEM_CHROMIUM)) return `system Chromium at ${SYSTEM_CHROMIUM}`;
  const downloaded = await playwrightChromium();
  return downloaded ? `Playwright's Chromium at ${downloaded}` : undefined;
}

function run(command, args, timeoutMs) {
  log(`$ ${command} ${args.join(' ')}`);
  const r = spawnSync(command, args, { stdio: 'inherit', timeout: timeoutMs, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (r.error) log(`${command} could not run: ${r.error.message}`);
  return r.status === 0;
}

function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** How apt-get may be run here: directly as root, through passwordless sudo, or not at all. */
function aptPrefix() {
  if (!has('apt-get')) return null;
  if (typeof process.getuid === 'function' && process.getuid() === 0) return [];
  if (has('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0) return ['sudo', '-n'];
  return null;
}

function fail(problem) {
  console.error(`check-browser: ${problem}

The end-to-end tests need a Chromium browser. Do one of:
  - Debian/Ubuntu:                sudo apt-get install -y chromium-headless-shell fonts-noto-cjk
  - where downloads are possible: npx playwright install --with-deps chromium
  - point at an existing binary:  export CHROMIUM_PATH=/path/to/chromium
then run npm test again.
`);
  process.exit(1);
}

/** Debian's headless shell and the CJK font, with apt-get where it can be used; true once the shell is there. */
function aptHeadlessShell() {
  const prefix = aptPrefix();
  if (!prefix) return false;
  log("installing Debian's chromium-headless-shell and fonts-noto-cjk with apt-get (the shell was a 64 MB download where Chromium's common files and the font were already installed; more on a bare machine)");
  const [cmd, ...pre] = prefix.length ? prefix : ['apt-get'];
  const apt = prefix.length ? [...pre, 'apt-get'] : [];
  const packages = [...apt, 'install', '-y', 'chromium-headless-shell', 'fonts-noto-cjk'];
  // The package lists may be stale on a fresh machine: update them once if the first try fails.
  const ok = run(cmd, packages, 20 * 60_000) || (run(cmd, [...apt, 'update'], 10 * 60_000) && run(cmd, packages, 20 * 60_000));
  return ok && existsSync(SYSTEM_HEADLESS_SHELL);
}

const installing = process.env.RAFT_NO_BROWSER_INSTALL !== '1';
let found = await existing();
if (!found && installing && aptHeadlessShell()) found = `Debian's headless shell at ${SYSTEM_HEADLESS_SHELL}`;
found ??= await fullChromium();
if (found) {
  log(`using ${found}`);
} else if (!installing) {
  fail('no Chromium found, and RAFT_NO_BROWSER_INSTALL=1 forbids installing one.');
} else {
  log(`no Chromium found (CHROMIUM_PATH is unset, ${SYSTEM_HEADLESS_SHELL} and ${SYSTEM_CHROMIUM} are missing, apt-get could not add one, Playwright has none).`);
  log("trying Playwright's download (about 170 MB; a minute or two on a good connection)");
  const playwrightOk = run(process.execPath, ['node_modules/@playwright/test/cli.js', 'install', 'chromium'], 10 * 60_000) && (await playwrightChromium());
  if (!playwrightOk) fail("Playwright's download failed, and apt-get could not install a browser (or cannot be used here without a password).");
  log(`using Playwright's Chromium at ${await playwrightChromium()}`);
}
