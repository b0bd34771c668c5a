// vite.config.ts: builds the UI into dist/, which `klachtdesk serve` serves at /.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1024 },
  // `npm run dev` sends the API to a klachtdesk on 8080.
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
