// The client-js 1.10 demo page: `npx vite build --config demo/client-js-1.10/vite.config.ts` →
// demo/client-js-1.10/dist, served at /client-js-1.10/ (demo/pages.ts). Minified ES modules,
// relative asset paths. Vite itself is the root's; the @pipecat-ai packages are this folder's
// own (its package.json pins them): npm cannot hold them beside the root's 1.13 transports,
// whose peer range is ~1.13.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { DEMO_PAGE_BUILD, DEMO_PAGE_CONFIG } from "../pages.ts";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  ...DEMO_PAGE_CONFIG,
  resolve: {
    // Resolved from this folder (the root above), whoever imports them: a file outside it (the
    // main app's media.ts) would otherwise get the repository root's client-js 1.13.1.
    dedupe: ["@pipecat-ai/client-js", "@pipecat-ai/websocket-transport", "@pipecat-ai/small-webrtc-transport"],
  },
  build: DEMO_PAGE_BUILD,
});
