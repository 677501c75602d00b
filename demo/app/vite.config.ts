// Demo app: `npx vite build --config demo/app/vite.config.ts` → demo/app/dist
// (served by demo/server.ts). Minified ES modules, relative asset paths, no globals.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { DEMO_PAGE_BUILD, DEMO_PAGE_CONFIG } from "../pages.ts";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  ...DEMO_PAGE_CONFIG,
  build: DEMO_PAGE_BUILD,
});
