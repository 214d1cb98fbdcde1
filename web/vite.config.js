// SPDX-License-Identifier: Apache-2.0
// Builds the single-page map into web/dist, which the zhitu server serves. Asset paths are
// relative (base './'), so the app also works behind a proxy under a path prefix.
// `npm run dev` proxies the API to ZHITU_URL (default: the mock server, `node tests/mock_server.mjs`).
import { defineConfig } from 'vite';

const api = process.env.ZHITU_URL || 'http://127.0.0.1:8090';

export default defineConfig({
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // MapLibre alone is ~1 MB minified; that is expected, not a warning.
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        // The MapLibre worker is emitted as an asset; name it .js so any server's default
        // JavaScript MIME type applies (module workers refuse a wrong MIME type).
        assetFileNames: (info) => (/\.m?js$/.test(info.names?.[0] ?? info.name ?? '')
          ? 'assets/[name]-[hash].js' : 'assets/[name]-[hash][extname]'),
      },
    },
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': api, '/health': api },
  },
});
