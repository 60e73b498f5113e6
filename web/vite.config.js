// Vite 5 (it runs on Debian 12's Node.js 18). Preact's JSX through esbuild:
// no plugin needed. The app is served by `consort serve` under /app/.
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/app/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    target: 'es2020',
    sourcemap: false,
    // One stylesheet and one script: small enough, and nothing to fetch in waves.
    cssCodeSplit: false,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080', '/badges': 'http://127.0.0.1:8080' } },
});
