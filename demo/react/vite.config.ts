// The React demo page: `npx vite build --config demo/react/vite.config.ts` → demo/react/dist,
// served at /react/ (demo/pages.ts). Minified ES modules, relative asset paths, no globals, as
// the main app's build (demo/app/vite.config.ts). JSX goes through Vite's own Oxc transform with
// React's automatic runtime: no React plugin is installed, and the repository's base tsconfig
// names Preact as the JSX source, which this page must not inherit.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "./",
  publicDir: false,
  logLevel: "warn",
  oxc: { jsx: { runtime: "automatic", importSource: "react" } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    minify: true,
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      // Radix's modules (voice-ui-kit's widgets) open with React Server Components' "use client",
      // which means nothing in a browser-only bundle; @vitejs/plugin-react drops the same warning.
      onLog(level, log, handler) {
        if (log.code === "MODULE_LEVEL_DIRECTIVE" && log.message.includes('"use client"')) return;
        handler(level, log);
      },
    },
  },
});
