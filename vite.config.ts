import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    react(),
    // Offline after the first visit (issue 11: a lecturer in a hall with bad Wi-Fi opens the page
    // they opened yesterday). vite-plugin-pwa generates a Workbox service worker that precaches the
    // whole build (page, scripts, the simulation worker, styles, icon) rather than a hand-written one:
    // it handles cache versioning and clean-up of old builds. A new build takes over on the next load.
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script-defer',
      manifest: {
        name: 'Raft visualizer',
        short_name: 'Raft',
        description: 'An interactive, deterministic Raft visualizer that runs the full algorithm in your browser.',
        theme_color: '#1f2937',
        background_color: '#ffffff',
        display: 'standalone',
        icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,webmanifest}'],
        // The app bundle is ~0.8 MB; the default bound (2 MiB) would silently skip a larger one.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        // Links carry the scenario in the query or hash: every navigation is the one page.
        navigateFallback: 'index.html',
        // The first visit's page is controlled at once, and a new build replaces the old worker.
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
  worker: {
    format: 'es',
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 120_000,
  },
});
