/**
 * The demo's pages (runs in Node: the demo server and the build). demo/app is served at /;
 * every other folder of demo/ that has a vite.config.ts is a page of its own (a React app, a
 * Daily app, an app pinned to an older client-js), built into its own dist and served at
 * /<folder>/, so each keeps its own dependencies and one build never empties another's files.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export interface ServedPage {
  /** The URL path it is served under, with a trailing slash ("/" for the main app). */
  urlPath: string;
  /** Where the build writes it and the server reads it. */
  distDir: string;
}

export interface DemoPage extends ServedPage {
  /** Its Vite config. */
  configFile: string;
}

const DEMO_DIR = fileURLToPath(new URL(".", import.meta.url));

export function demoPages(): DemoPage[] {
  const pages: DemoPage[] = [];
  for (const entry of readdirSync(DEMO_DIR, { withFileTypes: true })) {
    const configFile = join(DEMO_DIR, entry.name, "vite.config.ts");
    if (!entry.isDirectory() || !existsSync(configFile)) continue;
    pages.push({
      urlPath: entry.name === "app" ? "/" : `/${entry.name}/`,
      configFile,
      distDir: join(DEMO_DIR, entry.name, "dist"),
    });
  }
  // Shortest path first: pageForPath keeps the last (longest) match.
  return pages.sort((a, b) => a.urlPath.length - b.urlPath.length);
}

/** The page a URL path belongs to, and the path within it; the main app when no other matches. */
export function pageForPath(pages: ServedPage[], pathname: string): { page: ServedPage; path: string } | undefined {
  let found: ServedPage | undefined;
  for (const page of pages) if (pathname.startsWith(page.urlPath)) found = page;
  return found && { page: found, path: `/${pathname.slice(found.urlPath.length)}` };
}

/**
 * What every page's Vite config shares: relative asset paths (each is served under its own
 * path), no public folder, and a minified build with no source maps into its own dist, as an
 * app's production bundle is (the hook must find clients in such a bundle, without globals).
 */
export const DEMO_PAGE_CONFIG = { base: "./", publicDir: false, logLevel: "warn" } as const;
export const DEMO_PAGE_BUILD = {
  outDir: "dist",
  emptyOutDir: true,
  target: "es2022",
  minify: true,
  sourcemap: false,
  reportCompressedSize: false,
  chunkSizeWarningLimit: 2000,
} as const;
