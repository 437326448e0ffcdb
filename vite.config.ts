import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // A module preload polyfill would be an inline script; the CSP forbids those and Chromium needs none.
    modulePreload: { polyfill: false },
    sourcemap: true,
  },
});
