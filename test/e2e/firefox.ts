// Firefox ESR driven by puppeteer-core over WebDriver BiDi (there is no geckodriver here),
// with the built extension installed as a temporary add-on.
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { FIREFOX_EXTENSION_ID, firefoxDist } from "../../scripts/paths";

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? "/usr/bin/firefox-esr";
/** Fixed so the extension's pages have a known moz-extension:// origin. */
export const EXTENSION_UUID = "5f0c2c1e-6a4f-4a3e-9d7a-1c2b3d4e5f60";

export interface FirefoxLaunchOptions {
  /**
   * Lets BiDi list and script the browser window (`"moz:scope": "chrome"`), where the real
   * DevTools toolbox is opened (test/e2e/firefoxToolbox.ts). The window then keeps its own size:
   * the default 800×600 emulated viewport lays the page out over the docked toolbox, so clicks
   * meant for the page would land in the toolbox.
   */
  systemAccess?: boolean;
}

export async function launchFirefox(options: FirefoxLaunchOptions = {}): Promise<Browser> {
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: FIREFOX_PATH,
    headless: true,
    protocol: "webDriverBiDi",
    ...(options.systemAccess && { args: ["--remote-allow-system-access"], defaultViewport: null }),
    extraPrefsFirefox: { "extensions.webextensions.uuids": JSON.stringify({ [FIREFOX_EXTENSION_ID]: EXTENSION_UUID }) },
  });
  await browser.installExtension(firefoxDist);
  return browser;
}

/** The page the extension opens on install (the panel as a page of its own). */
export async function extensionPage(browser: Browser, path: string): Promise<Page> {
  const wanted = `moz-extension://${EXTENSION_UUID}/${path}`;
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    for (const page of await browser.pages()) {
      // BiDi reports extension pages as about:blank: ask the page itself.
      const href = await page.evaluate(() => location.href).catch(() => "");
      if (href.startsWith(wanted)) return page;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The extension never opened ${wanted}`);
}
