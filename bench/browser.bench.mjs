/* global window, document, requestAnimationFrame -- the functions given to page.evaluate run in the page */
// Plain JavaScript on purpose: functions passed to page.evaluate must reach the
// browser exactly as written (a TypeScript loader may wrap them in helpers).
/**
 * Browser benchmark (real Chromium via Playwright, production build served by
 * `vite preview`): how smoothly the page draws a busy cluster, and that a
 * paused page does (almost) no work. Prints one JSON line per measurement.
 *
 * Frames are counted by wrapping the page's own requestAnimationFrame before
 * it loads, never by a loop of the benchmark's: such a loop makes the browser
 * draw 60 frames a second by itself, which is what an earlier version of this
 * file measured while paused (181 frames and ~59 ms of work per second: the
 * frames its own loop asked for and drew). Wall time is waited for in Node.
 *
 *   npm run bench:browser
 */
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

// Same choice as e2e/browser.ts: CHROMIUM_PATH, then Debian's chromium, else Playwright's own.
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const PORT = Number(process.env.BENCH_PORT ?? 4180);
const URL = `http://127.0.0.1:${PORT}/`;

async function waitForServer() {
  for (let i = 0; i < 200; i++) {
    try {
      const r = await fetch(URL);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`vite preview did not start on ${URL}`);
}

/** Runs in the page before its scripts: count every requestAnimationFrame call the page makes. */
function countAnimationFrames() {
  window.__rafCalls = 0;
  const original = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (cb) => {
    window.__rafCalls += 1;
    return original(cb);
  };
}

/**
 * Main-thread work (DevTools' TaskDuration and ScriptDuration) and the page's
 * requestAnimationFrame calls during `ms` of wall time, waited for in Node.
 */
async function mainThreadBusy(page, ms) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metric = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const get = (n) => metrics.find((m) => m.name === n)?.value ?? 0;
    return { task: get('TaskDuration'), script: get('ScriptDuration'), raf: await page.evaluate(() => window.__rafCalls) };
  };
  const before = await metric();
  await new Promise((r) => setTimeout(r, ms));
  const after = await metric();
  const taskMs = Math.round((after.task - before.task) * 1000);
  return {
    rafCalls: after.raf - before.raf,
    taskMs,
    taskMsPerS: Math.round((taskMs / (ms / 1000)) * 10) / 10,
    scriptMs: Math.round((after.script - before.script) * 1000),
  };
}

/** Until no CSS animation or transition runs (servers sliding into place, a highlight fading). */
async function settle(page) {
  await page.waitForFunction(() => document.getAnimations().length === 0, null, { polling: 100 });
}

/**
 * The space-time diagram of a long run (issue 12): 10 simulated minutes with 9
 * servers and commands flowing, then zoom in step by step from the whole run,
 * pan across, and zoom back out, as a lecturer would with a mouse wheel and
 * drags. Frame intervals come from a requestAnimationFrame loop that runs only
 * during the interaction (the gaps between frames are what the eye sees as
 * stutter); window round trips time the page's requests to the worker.
 */
async function spaceTimePanZoom(browser) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${URL}?seed=bench-st&servers=9&play=0`);
  await page.waitForFunction(() => window.__raft?.store.getState().sim.ready === true);
  const built = Date.now();
  await page.evaluate(async () => {
    const r = window.__raft;
    const s = r.store.getState();
    for (let sec = 0; sec < 600; sec += 10) {
      for (let i = 0; i < 20; i++) await s.act({ type: 'submit', command: `k${i % 7}=${sec}-${i}` });
      await r.advance(10_000);
    }
  });
  const run = await page.evaluate(() => {
    const s = window.__raft.store.getState();
    return { simulatedS: s.sim.now / 1000, events: s.sim.eventCount };
  });
  const buildS = Math.round((Date.now() - built) / 100) / 10;
  await page.getByTestId('view-spaceTime').click();
  await page.waitForSelector('[data-testid="st-bands"]');
  await page.evaluate(() => {
    const store = window.__raft.store;
    const original = store.getState().spaceTimeWindow;
    window.__stWindows = [];
    store.setState({
      spaceTimeWindow: async (q) => {
        const t0 = performance.now();
        const w = await original(q);
        window.__stWindows.push({ ms: performance.now() - t0, arrows: w?.messages.length ?? 0, bands: w?.bands.length ?? 0 });
        return w;
      },
    });
    window.__frames = [];
    const loop = (t) => {
      window.__frames.push(t);
      if (window.__framesOn) requestAnimationFrame(loop);
    };
    window.__framesOn = true;
    requestAnimationFrame(loop);
  });
  const plot = await page.getByTestId('st-svg').boundingBox();
  const cx = plot.x + plot.width * 0.6;
  const cy = plot.y + 120;
  await page.mouse.move(cx, cy);
  // Zoom in from the whole run (10 minutes) to about a second across, one wheel notch at a time.
  for (let i = 0; i < 24; i++) await page.mouse.wheel(0, -200);
  // Pan: drag the diagram left and right.
  for (let k = 0; k < 6; k++) {
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    for (let j = 1; j <= 10; j++) await page.mouse.move(cx + (k % 2 ? 30 : -30) * j, cy);
    await page.mouse.up();
  }
  // And out again.
  for (let i = 0; i < 24; i++) await page.mouse.wheel(0, 200);
  await new Promise((r) => setTimeout(r, 500));
  const result = await page.evaluate(() => {
    window.__framesOn = false;
    const f = window.__frames;
    const gaps = f.slice(1).map((t, i) => t - f[i]).sort((a, b) => a - b);
    const w = window.__stWindows.map((x) => x.ms).sort((a, b) => a - b);
    const q = (a, p) => Math.round(a[Math.min(a.length - 1, Math.floor(a.length * p))] * 10) / 10;
    const seconds = (f[f.length - 1] - f[0]) / 1000;
    return {
      frames: f.length,
      fps: Math.round(f.length / seconds),
      frameMedianMs: q(gaps, 0.5),
      frameP95Ms: q(gaps, 0.95),
      frameWorstMs: q(gaps, 1),
      framesOver50ms: gaps.filter((g) => g > 50).length,
      windowRequests: w.length,
      windowMedianMs: q(w, 0.5),
      windowP95Ms: q(w, 0.95),
      windowWorstMs: q(w, 1),
      mostArrowsDrawn: Math.max(...window.__stWindows.map((x) => x.arrows)),
      mostBandsDrawn: Math.max(...window.__stWindows.map((x) => x.bands)),
    };
  });
  console.log(JSON.stringify({ measurement: 'space-time-pan-zoom-9-servers-10-min', ...run, buildS, ...result }));
  await page.close();
}

async function main() {
  // Vite itself, not through npx: killing npx would leave the preview server running.
  const server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '--port', String(PORT), '--strictPort', '--host', '127.0.0.1'], { stdio: 'ignore' });
  try {
    await waitForServer();
    const browser = await chromium.launch({ executablePath: executablePath, args: CHROMIUM_ARGS });
    if (process.argv.includes('--space-time')) {
      // `npm run bench:browser -- --space-time`: only the space-time diagram's measurement.
      await spaceTimePanZoom(browser);
      await browser.close();
      return;
    }
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript(countAnimationFrames);
    await page.goto(`${URL}?seed=bench&servers=9&play=0&leaderNoop=1`);
    await page.waitForFunction(() => window.__raft?.store.getState().sim.ready === true);

    // 1. Paused: no animation loop and no worker calls, so the main thread idles.
    await page.evaluate(() => window.__raft.advance(2_000));
    await settle(page);
    const paused = await mainThreadBusy(page, 3_000);
    console.log(JSON.stringify({ measurement: 'paused-3s', ...paused }));

    // 1b. Paused, just after a step: the step's highlights fade once (CSS animations that end), no frames asked for.
    await page.evaluate(() => window.__raft.step());
    const afterStep = await mainThreadBusy(page, 3_000);
    console.log(JSON.stringify({ measurement: 'paused-after-step-3s', ...afterStep }));

    // 2. Playing at 10× real time with 9 servers, a heavy network and commands flowing.
    await page.evaluate(async () => {
      const s = window.__raft.store.getState();
      await s.act({ type: 'setNetwork', settings: { latencyMs: [20, 120], duplicateRate: 0.05 } });
      for (let i = 0; i < 200; i++) {
        await s.act({ type: 'submit', command: `k${i % 20}=${i}` });
        if (i % 20 === 19) await window.__raft.advance(50);
      }
      s.setSpeed(10);
      s.setPlaying(true);
    });
    const playing = await mainThreadBusy(page, 3_000);
    const inFlight = await page.evaluate(() => window.__raft.store.getState().sim.messages.length);
    // The playback loop asks for exactly one frame per frame drawn.
    console.log(JSON.stringify({ measurement: 'playing-10x-9-servers-3s', ...playing, fps: Math.round(playing.rafCalls / 3), messagesInFlightAtEnd: inFlight }));

    // 3. Long logs: 3,000 entries per server, then one action applied and its frame drawn,
    //    in each room of the screen (issue 9): the laptop, the projector in presentation mode, a phone.
    await page.evaluate(async () => {
      const r = window.__raft;
      const s = r.store.getState();
      s.setPlaying(false);
      s.setSpeed(1);
      // Commands arrive in bursts of 100 with time for replication between them, as a busy run would.
      for (let i = 0; i < 3_000; i++) {
        await s.act({ type: 'submit', command: `x=${i}` });
        if (i % 100 === 99) await r.advance(200);
      }
      await r.advance(3_000);
    });
    const rooms = [
      { room: 'laptop 1280x800', width: 1280, height: 800, presentation: false },
      { room: 'presentation 1920x1080', width: 1920, height: 1080, presentation: true },
      { room: 'presentation 1280x720', width: 1280, height: 720, presentation: true },
      { room: 'phone 390x844', width: 390, height: 844, presentation: false },
    ];
    for (const room of rooms) {
      await page.setViewportSize({ width: room.width, height: room.height });
      await page.evaluate((on) => {
        const s = window.__raft.store.getState();
        if (s.ui.presentation !== on) s.togglePresentation();
      }, room.presentation);
      await settle(page);
      const longLogs = await page.evaluate(async (tag) => {
        const r = window.__raft;
        const s = r.store.getState();
        const times = [];
        for (let k = 0; k < 20; k++) {
          const t0 = performance.now();
          await s.act({ type: 'submit', command: `${tag}=${k}` });
          await r.advance(50);
          await new Promise((res) => requestAnimationFrame(() => res(null)));
          times.push(performance.now() - t0);
        }
        times.sort((a, b) => a - b);
        const entries = Math.min(...Object.values(r.store.getState().sim.logs).map((l) => l.length));
        return { entriesPerServer: entries, medianMs: Math.round(times[10] * 10) / 10, worstMs: Math.round(times[19] * 10) / 10 };
      }, room.room.split(' ')[0]);
      const cells = await page.locator('[data-testid="logs-view"] .log-cell-index').count();
      console.log(JSON.stringify({ measurement: 'long-logs-action-to-frame', room: room.room, ...longLogs, logCellsInDom: cells }));
    }
    await spaceTimePanZoom(browser);
    await browser.close();
  } finally {
    server.kill();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
