// Builds the bench pages (bench/page/*.html) with vite into a fresh temporary folder.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";

const pageDir = fileURLToPath(new URL("../page", import.meta.url));

/** The page names, each served as /<name>.html. */
export const PAGES = ["hook", "app", "wire"] as const;
export type PageName = (typeof PAGES)[number];

export async function buildPages(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), "pipecat-devtools-bench-pages-"));
  await build({
    configFile: false,
    root: pageDir,
    base: "./",
    publicDir: false,
    logLevel: "warn",
    build: {
      outDir,
      emptyOutDir: true,
      target: "es2022",
      reportCompressedSize: false,
      chunkSizeWarningLimit: 2000,
      rollupOptions: { input: Object.fromEntries(PAGES.map((name) => [name, join(pageDir, `${name}.html`)])) },
    },
  });
  return outDir;
}
