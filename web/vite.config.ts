import { fileURLToPath } from 'node:url'
import tailwindcss from '@tailwindcss/vite'
import { defineConfig } from 'vite'

/**
 * The dashboard's build: Preact through Vite's own JSX transform, Tailwind through its Vite plugin,
 * into `dist/web/` (git-ignored), which the gateway serves. Asset names carry a content hash, so the
 * gateway caches them for a year and only `index.html` is revalidated.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  publicDir: false,
  plugins: [tailwindcss()],
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    // The preload polyfill would be inlined into index.html, which the page's CSP forbids.
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
})
