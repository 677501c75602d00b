// Builds the extension for one browser at a time: BROWSER=chrome|firefox (default chrome).
// manifest.json is the single source; the per-browser differences are applied here.
import { defineConfig, type Plugin } from "vite";
import preact from "@preact/preset-vite";
import { crx, type ManifestV3Export } from "@crxjs/vite-plugin";
import baseManifest from "./manifest.json" with { type: "json" };
import { FIREFOX_EXTENSION_ID } from "./scripts/paths.ts";

export type TargetBrowser = "chrome" | "firefox";

// Firefox runs `world: "MAIN"` content scripts from 128 on; 140 (an ESR) is the first that
// knows `data_collection_permissions`, which AMO now asks every add-on to declare.
const FIREFOX_MIN_VERSION = "140.0";

// Page-world and relay scripts must run before the page's own scripts, so they are
// built as self-contained IIFEs: crxjs's default loader imports a chunk, which runs
// only after the page has loaded (docs/measured-facts.md, "Content scripts that must run before the page").
// The panel's controls are injected by the background with scripting.executeScript: built the same way.
const STANDALONE_CONTENT_SCRIPTS = ["src/hook/index.ts", "src/content/relay.ts", "src/controls/attach.ts"];

export function manifestFor(browser: TargetBrowser): ManifestV3Export {
  // biome-ignore lint/suspicious/noExplicitAny: the manifest's JSON is reshaped per browser, key by key.
  const manifest = structuredClone(baseManifest) as Record<string, any>;
  if (browser === "firefox") {
    const worker = manifest.background.service_worker;
    manifest.background = { scripts: [worker], type: "module" };
    delete manifest.minimum_chrome_version;
    manifest.browser_specific_settings = {
      gecko: {
        id: FIREFOX_EXTENSION_ID,
        strict_min_version: FIREFOX_MIN_VERSION,
        data_collection_permissions: { required: ["none"] },
      },
      // DevTools panels do not exist on Android; this only states the version AMO checks against.
      gecko_android: { strict_min_version: "142.0" },
    };
  }
  return manifest as ManifestV3Export;
}

/**
 * The controls run only through scripting.executeScript, which needs no web-accessible
 * resource; crxjs lists every script imported with `?script` as one, which would let any page
 * fetch the file (and tell the extension is installed). This removes it from the manifest.
 */
function controlsNotWebAccessible(): Plugin & { renderCrxManifest(manifest: ManifestV3Export): ManifestV3Export } {
  const controls = "src/controls/attach.js";
  return {
    name: "pipecat:controls-not-web-accessible",
    enforce: "post",
    renderCrxManifest(manifest) {
      const entries = (manifest as { web_accessible_resources?: { resources: string[] }[] }).web_accessible_resources;
      if (!entries) return manifest;
      const kept = entries
        .map((entry) => ({ ...entry, resources: entry.resources.filter((resource) => resource !== controls) }))
        .filter((entry) => entry.resources.length > 0);
      return { ...manifest, web_accessible_resources: kept.length > 0 ? kept : undefined } as ManifestV3Export;
    },
  };
}

const browser = (process.env.BROWSER ?? "chrome") as TargetBrowser;
if (browser !== "chrome" && browser !== "firefox") {
  throw new Error(`BROWSER must be chrome or firefox, not ${browser}`);
}

export default defineConfig({
  plugins: [
    preact(),
    crx({
      manifest: manifestFor(browser),
      browser,
      contentScripts: { standaloneFiles: STANDALONE_CONTENT_SCRIPTS },
    }),
    controlsNotWebAccessible(),
  ],
  build: {
    outDir: `dist/${browser}`,
    emptyOutDir: true,
    target: "es2022",
    rollupOptions: { input: { panel: "panel/index.html" } },
  },
  // The dev server's HMR client would need host permissions and a websocket:
  // this project is always built, never served.
  server: { hmr: false },
});
