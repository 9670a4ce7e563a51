import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// Served by the catalog under /console/ (DataGateway.Catalog, WebConsole/ConsoleEndpoints): every asset from there,
// nothing from a CDN. The API is the catalog's own, on the same origin.
export default defineConfig({
  base: '/console/',
  plugins: [vue()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Element Plus and ECharts make one large chunk each; split so the catalog page does not wait for the charts.
    rollupOptions: {
      output: {
        manualChunks: (id: string) =>
          id.includes('node_modules/echarts') || id.includes('node_modules/zrender') ? 'charts'
            : id.includes('node_modules/element-plus') ? 'ui'
              : undefined,
      },
    },
    chunkSizeWarningLimit: 1500,
  },
})
