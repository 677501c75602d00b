// Real Chromium (Debian's) with the built extension loaded and, when asked, the real
// DevTools window open on each tab (docs/measured-facts.md, "Driving the real DevTools panel in Chromium", explains the flags).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Frame, type Page, type Worker } from "playwright-core";
import { chromeDist } from "../../scripts/paths";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export interface ChromiumSession {
  ctx: BrowserContext;
  /** Set at launch, or by installExtensionNow. */
  extensionId?: string;
  serviceWorker?: Worker;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Load the built extension (default true). */
  extension?: boolean;
  /** Open DevTools on every tab (default true). */
  devtools?: boolean;
  /**
   * Host patterns the extension holds from install, as if the user had already accepted the
   * permission prompt (a browser dialog no automation can click): a copy of the build whose
   * manifest lists them under host_permissions.
   */
  preGrantedHosts?: string[];
  /** Allow installing the extension later, while pages run (CDP Extensions.loadUnpacked). */
  installLater?: boolean;
}

function buildWithGrantedHosts(hosts: string[]): string {
  const copy = mkdtempSync(join(tmpdir(), "pipecat-devtools-granted-"));
  cpSync(chromeDist, copy, { recursive: true });
  const manifestPath = join(copy, "manifest.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  manifest.host_permissions = hosts;
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return copy;
}

export async function launchChromium(options: LaunchOptions = {}): Promise<ChromiumSession> {
  const { extension = true, devtools = true, preGrantedHosts, installLater = false } = options;
  const extensionDir = preGrantedHosts ? buildWithGrantedHosts(preGrantedHosts) : chromeDist;
  // Lets Playwright see the DevTools window as a page.
  process.env.PW_CHROMIUM_ATTACH_TO_OTHER = "1";
  const userDataDir = mkdtempSync(join(tmpdir(), "pipecat-devtools-chromium-"));
  const args = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
    "--autoplay-policy=no-user-gesture-required",
  ];
  if (devtools) args.push("--auto-open-devtools-for-tabs");
  if (installLater) args.push("--enable-unsafe-extension-debugging");
  if (extension) args.push(`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`);
  const ctx = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: false,
    args,
    ignoreDefaultArgs: ["--disable-extensions"],
  });
  let serviceWorker: Worker | undefined;
  let extensionId: string | undefined;
  if (extension) {
    serviceWorker = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent("serviceworker", { timeout: 15_000 }));
    extensionId = new URL(serviceWorker.url()).host;
  }
  return {
    ctx,
    extensionId,
    serviceWorker,
    async close() {
      await ctx.close().catch(() => {});
      rmSync(userDataDir, { recursive: true, force: true });
      if (extensionDir !== chromeDist) rmSync(extensionDir, { recursive: true, force: true });
    },
  };
}

async function panelFrameIn(devtools: Page, panelUrl: string): Promise<Frame> {
  const findPanel = () => devtools.frames().find((frame) => frame.url().startsWith(panelUrl));
  await devtools.waitForLoadState("domcontentloaded");
  const deadline = Date.now() + 30_000;
  while (!findPanel()) {
    if (Date.now() > deadline) throw new Error("The Pipecat panel never appeared in DevTools");
    // The panel's tab sits in DevTools' overflow menu: step through the panels instead.
    await devtools.mouse.click(10, 10).catch(() => {});
    await devtools.keyboard.press("Control+BracketRight").catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const panel = findPanel()!;
  // Attached, not visible: a DevTools window not in front keeps its panel hidden.
  await panel.waitForSelector("[role=status]", { state: "attached" });
  return panel;
}

function inspectedUrl(panel: Frame): Promise<string> {
  return panel.evaluate(
    () =>
      new Promise<string>((resolve) =>
        (globalThis as any).chrome.devtools.inspectedWindow.eval("location.href", (href: string) => resolve(href)),
      ),
  );
}

/**
 * Opens the real Pipecat panel in the DevTools window of `page` and returns its frame.
 * DevTools windows are told apart by the URL they inspect: give pages distinct URLs.
 */
export async function openPanel(session: ChromiumSession, page: Page): Promise<Frame> {
  const panelUrl = `chrome-extension://${session.extensionId}/panel/index.html`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    for (const devtools of session.ctx.pages().filter((p) => p.url().startsWith("devtools://"))) {
      const panel = await panelFrameIn(devtools, panelUrl);
      if ((await inspectedUrl(panel)) === page.url()) return panel;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`No DevTools window inspects ${page.url()}`);
}

/**
 * Installs the built extension into a running browser, as a user does while their app is
 * open (launch with `installLater`). Returns the extension id.
 */
export async function installExtensionNow(session: ChromiumSession): Promise<string> {
  const cdp = await session.ctx.browser()!.newBrowserCDPSession();
  const { id } = (await cdp.send("Extensions.loadUnpacked" as never, { path: chromeDist } as never)) as { id: string };
  await cdp.detach();
  session.extensionId = id;
  return id;
}

/**
 * DevTools windows already open learn of a new extension only when they start: reloads them,
 * as a user who just installed one closes and reopens DevTools.
 */
export async function reopenDevtools(session: ChromiumSession): Promise<void> {
  await Promise.all(
    session.ctx
      .pages()
      .filter((page) => page.url().startsWith("devtools://"))
      .map((devtools) => devtools.reload().catch(() => {})),
  );
}
