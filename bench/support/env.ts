// What rows share: the built bench pages, their server, and the browsers, all started on
// first use and stopped at the end by run.ts.
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { chromeDist } from "../../scripts/paths";
import { BATCH_EVENT, HOOK_HANDSHAKE, HOOK_NODE_EVENT, KEEP_BATCH_EVENT } from "../../src/shared/protocol";
import { launchChromium, type ChromiumSession } from "../../test/e2e/chromium";
import { buildPages, type PageName } from "./buildPages";
import { startBenchServer, type BenchServer } from "./server";

/** The page hook as the extension injects it into every localhost page (`npm run build:chrome`). */
export const HOOK_BUNDLE = join(chromeDist, "src", "hook", "index.js");
/** The panel's controls: injected into a frame only when a panel needs them there (ARCHITECTURE.md, "The controls"). */
export const CONTROLS_BUNDLE = join(chromeDist, "src", "controls", "attach.js");

/** A plain Chromium and one with the built extension, started together. */
export interface BrowserPair {
  plain: ChromiumSession;
  extension: ChromiumSession;
}

export interface PageSetup {
  browser: keyof BrowserPair;
  /** DevTools open on the page (default false). */
  devtools?: boolean;
  /**
   * In the plain browser: inject the built hook alone, with a stand-in for the content relay
   * that takes the hook's batches and forwards nothing. Isolates the hook's own costs.
   */
  hookOnly?: boolean;
}

/**
 * Takes the hook's port and batch node as the content relay does and reads each batch,
 * forwarding nothing. Written as source: it runs in the page, where the bench's bundler
 * helpers do not exist.
 */
function standInRelay({
  handshake,
  nodeEvent,
  batchEvents,
}: {
  handshake: string;
  nodeEvent: string;
  batchEvents: string[];
}) {
  addEventListener(
    "message",
    (event) => {
      if (event.data !== handshake || event.ports.length !== 1) return;
      event.stopImmediatePropagation();
      event.ports[0].postMessage({ kind: "relay-ready" });
    },
    { capture: true },
  );
  addEventListener(
    nodeEvent,
    (event) => {
      const node = (event as MouseEvent).relatedTarget as Text;
      event.stopImmediatePropagation();
      for (const type of batchEvents) node.addEventListener(type, () => void node.data.length);
    },
    { capture: true },
  );
}

export class BenchEnv {
  private pages?: Promise<{ dir: string; server: BenchServer }>;
  private browsers?: { devtools: boolean; pair: Promise<BrowserPair> };

  private served() {
    this.pages ??= buildPages().then(async (dir) => ({ dir, server: await startBenchServer(dir) }));
    return this.pages;
  }

  /**
   * The browser pair; with `devtools`, DevTools opens on every tab. Only one pair runs at a
   * time, so idle browsers do not take the 2 cores.
   */
  async browserPair(devtools = false): Promise<BrowserPair> {
    if (this.browsers?.devtools !== devtools) {
      await this.closeBrowsers();
      // One after the other: launches compete for the 2 cores.
      const pair = (async () => {
        const plain = await launchChromium({ extension: false, devtools });
        const extension = await launchChromium({ extension: true, devtools });
        return { plain, extension };
      })();
      this.browsers = { devtools, pair };
    }
    return this.browsers!.pair;
  }

  /** Opens a bench page and checks the hook is there exactly when it should be: a comparison with the hook silently missing would measure nothing. */
  async openPage(name: PageName, { browser, devtools = false, hookOnly = false }: PageSetup): Promise<Page> {
    const session = (await this.browserPair(devtools))[browser];
    const { server } = await this.served();
    const page = await session.ctx.newPage();
    if (hookOnly) {
      await page.addInitScript(standInRelay, {
        handshake: HOOK_HANDSHAKE,
        nodeEvent: HOOK_NODE_EVENT,
        batchEvents: [BATCH_EVENT, KEEP_BATCH_EVENT],
      });
      await page.addInitScript({ path: HOOK_BUNDLE });
    }
    await page.goto(`${server.url}/${name}.html`);
    const state = await page.evaluate(() => ({
      hooked: Symbol.for("pipecat.devtools.hook") in globalThis,
      isolated: crossOriginIsolated,
    }));
    const shouldBeHooked = browser === "extension" || hookOnly;
    if (state.hooked !== shouldBeHooked) {
      throw new Error(
        `The hook is ${state.hooked ? "" : "not "}installed in the ${name} page (${JSON.stringify({ browser, hookOnly })})`,
      );
    }
    if (!state.isolated)
      throw new Error("The bench page is not cross-origin isolated: its timers would be 100 µs coarse");
    return page;
  }

  private async closeBrowsers(): Promise<void> {
    const pair = await this.browsers?.pair.catch(() => undefined);
    this.browsers = undefined;
    if (pair) await Promise.all([pair.plain.close(), pair.extension.close()]);
  }

  async close(): Promise<void> {
    await this.closeBrowsers();
    const pages = await this.pages?.catch(() => undefined);
    await pages?.server.close();
    if (pages && existsSync(pages.dir)) rmSync(pages.dir, { recursive: true, force: true });
  }
}
