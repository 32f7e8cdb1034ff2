import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Where the dev server sends API calls: `npm run dev` sets it from the API's port. */
const apiTarget = process.env['CONSORTIA_API_URL'] ?? 'http://127.0.0.1:3000';

/** Vendor libraries that change rarely get their own long-lived chunks. */
function vendorChunk(id: string): string | undefined {
  if (!id.includes('/node_modules/')) return undefined;
  if (/\/node_modules\/(react|react-dom|scheduler|react-router)\//.test(id)) return 'react';
  const antd = /\/node_modules\/(antd|@ant-design|@rc-component|rc-[^/]+|@emotion|stylis|dayjs)\//;
  if (antd.test(id)) return 'antd';
  if (/\/node_modules\/(i18next|react-i18next)\//.test(id)) return 'i18n';
  if (/\/node_modules\/zod\//.test(id)) return 'zod';
  return undefined;
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': apiTarget,
      '/healthz': apiTarget,
      '/readyz': apiTarget,
    },
  },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // antd alone is ~1 MB minified (≈300 kB gzip) and is cached in its own chunk.
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: { manualChunks: vendorChunk },
      onwarn(warning, warn) {
        // zod's comments mention `@__PURE__` in prose; Rollup warns about them and is harmless.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('/node_modules/zod/')) return;
        warn(warning);
      },
    },
  },
});
