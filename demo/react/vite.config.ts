// The React demo page: `npx vite build --config demo/react/vite.config.ts` → demo/react/dist,
// served at /react/ (demo/pages.ts). Minified ES modules, relative asset paths, no globals, as
// the main app's build (demo/app/vite.config.ts). JSX goes through Vite's own Oxc transform with
// React's automatic runtime: no React plugin is installed, and the repository's base tsconfig
// names Preact as the JSX source, which this page must not inherit.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { DEMO_PAGE_BUILD, DEMO_PAGE_CONFIG } from "../pages.ts";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  ...DEMO_PAGE_CONFIG,
  oxc: { jsx: { runtime: "automatic", importSource: "react" } },
  build: {
    ...DEMO_PAGE_BUILD,
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
