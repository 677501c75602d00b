// Node-side driver for Firefox ESR's real DevTools toolbox, headless, over WebDriver BiDi
// (puppeteer-core). WebDriver has no command for the toolbox, so the driver runs code in the
// browser window itself (Firefox's "chrome" scope, opened by --remote-allow-system-access) to
// open the toolbox on a tab and select the Pipecat panel, and reaches into the panel, which
// lives in the extension's process, with a frame script.
import type { Browser, Page } from "puppeteer-core";

/** The panel's title, as src/devtools/devtools.ts creates it: the toolbox labels its tab so. */
const PANEL_TITLE = "Pipecat";
/** The browser window's document, the chrome context the driver runs its code in. */
const BROWSER_WINDOW_URL = "chrome://browser/content/browser.xhtml";

/** The BiDi commands the driver sends itself, beyond what puppeteer's types declare. */
interface RawBidi {
  send(method: string, params: object): Promise<{ result: any }>;
}

/**
 * What code in the browser window gets besides its argument: Firefox's tab list and DevTools,
 * and the toolbox and panel of a tab. A tab is found by its URL on each call rather than kept
 * there between calls: each test page's URL is unique. Sent as source, like that code.
 */
function browserWindowHelpers() {
  const { gBrowser, ChromeUtils } = globalThis as any;
  const { require } = ChromeUtils.importESModule("resource://devtools/shared/loader/Loader.sys.mjs");
  const { gDevTools } = require("devtools/client/framework/devtools");
  const tab = (url: string): any => {
    const found = gBrowser.tabs.find((candidate: any) => candidate.linkedBrowser.currentURI.spec === url);
    if (!found) throw new Error(`No tab at ${url}`);
    return found;
  };
  const toolbox = (url: string): any => gDevTools.getToolboxForTab(tab(url));
  return {
    gBrowser,
    gDevTools,
    tab,
    toolbox,
    /** The <browser> an extension's panel is loaded in, inside the toolbox's frame for the tool. */
    panelBrowser: (url: string, toolId: string): any =>
      toolbox(url)
        ?.doc.getElementById(`toolbox-panel-iframe-${toolId}`)
        ?.contentDocument?.getElementById("webext-panels-browser"),
  };
}

type BrowserWindowHelpers = ReturnType<typeof browserWindowHelpers>;

/**
 * Runs `fn(arg, firefox)` in the browser window, where Firefox's own globals (`gBrowser`,
 * `ChromeUtils`) are; `firefox` is browserWindowHelpers. `fn` is sent as its source text, so it
 * may use only its parameters and those globals; the argument and result travel as JSON.
 */
async function inBrowserWindow<A, R>(
  browser: Browser,
  fn: (arg: A, firefox: BrowserWindowHelpers) => R | Promise<R>,
  arg: A,
): Promise<R> {
  const bidi = (browser as unknown as { connection: RawBidi }).connection;
  const tree = await bidi.send("browsingContext.getTree", { "moz:scope": "chrome" });
  const window = tree.result.contexts.find((context: { url: string }) => context.url === BROWSER_WINDOW_URL);
  if (!window) throw new Error(`No ${BROWSER_WINDOW_URL} among the chrome contexts`);
  const { result } = await bidi.send("script.callFunction", {
    functionDeclaration: `async (json) => JSON.stringify((await (${fn})(JSON.parse(json), (${browserWindowHelpers})())) ?? null)`,
    arguments: [{ type: "string", value: JSON.stringify(arg) }],
    target: { context: window.context },
    awaitPromise: true,
  });
  if (result.type === "exception") throw new Error(`In the browser window: ${result.exceptionDetails.text}`);
  return JSON.parse(result.result.value);
}

/** Calls `check` until it returns a truthy value, or throws after `timeout` ms. */
async function until<T>(
  what: string,
  check: () => Promise<T | null | undefined | false>,
  timeout = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// The functions below run in the browser window (sent as source by inBrowserWindow).

async function showToolbox({ url }: { url: string }, firefox: BrowserWindowHelpers): Promise<null> {
  const tab = firefox.tab(url);
  // The docked toolbox is part of its tab and is hidden with it.
  firefox.gBrowser.selectedTab = tab;
  // An extension's panel exists only once the toolbox has run the extension's devtools page,
  // so the toolbox opens on a built-in tool and the panel is selected afterwards.
  await firefox.gDevTools.showToolboxForTab(tab, { toolId: "webconsole" });
  return null;
}

/** The id of the tool labelled `label`: an extension panel's id is generated, its label is its title. */
function findTool({ url, label }: { url: string; label: string }, firefox: BrowserWindowHelpers): string | null {
  return (
    firefox
      .toolbox(url)
      ?.getAdditionalTools()
      .find((tool: any) => tool.label === label)?.id ?? null
  );
}

async function selectTool({ url, toolId }: { url: string; toolId: string }, firefox: BrowserWindowHelpers) {
  await firefox.toolbox(url).selectTool(toolId);
  return null;
}

/** The URL loaded in the panel's <browser> (about:blank until the extension's page comes). */
function panelUrl({ url, toolId }: { url: string; toolId: string }, firefox: BrowserWindowHelpers): string | null {
  return firefox.panelBrowser(url, toolId)?.currentURI?.spec ?? null;
}

/**
 * Loads `source` as a frame script into the panel's <browser> and resolves with what it sends
 * back on the message `reply`. A frame script is the one way in: WebDriver BiDi has no browsing
 * context for an extension's page (https://bugzilla.mozilla.org/show_bug.cgi?id=1755014).
 */
function runInPanel(
  args: { url: string; toolId: string; source: string; reply: string; timeout: number },
  firefox: BrowserWindowHelpers,
): Promise<string> {
  const messages = firefox.panelBrowser(args.url, args.toolId).messageManager;
  return new Promise<string>((resolve, reject) => {
    const listener = ({ data }: { data: { value?: string; error?: string } }) => {
      clearTimeout(timer);
      messages.removeMessageListener(args.reply, listener);
      if (data.error === undefined) resolve(data.value!);
      else reject(new Error(data.error));
    };
    // The panel's process may be gone (a crash, the toolbox closed): then nothing answers.
    const timer = setTimeout(() => {
      messages.removeMessageListener(args.reply, listener);
      reject(new Error("The panel's frame script never answered"));
    }, args.timeout);
    messages.addMessageListener(args.reply, listener);
    // Without a charset a data: script is read as Latin-1, and the panel's non-ASCII text
    // (its " · " separators) would not match the script's.
    messages.loadFrameScript(`data:text/javascript;charset=utf-8,${encodeURIComponent(args.source)}`, false);
  });
}

/**
 * What the panel's code gets besides its argument: queries by ARIA role and accessible name,
 * the way a person (and the panel's contract) names things, and the DOM events Preact listens
 * to. Runs in the frame script, so it is sent as source too.
 */
function panelDom(window: any) {
  const implicitRoles: Record<string, string> = { BUTTON: "button", TEXTAREA: "textbox", SELECT: "combobox" };
  const roleOf = (element: any): string | null => {
    const explicit = element.getAttribute("role");
    if (explicit) return explicit;
    if (element.tagName === "INPUT") return element.type === "search" ? "searchbox" : "textbox";
    if (element.tagName === "SECTION" && element.hasAttribute("aria-label")) return "region";
    return implicitRoles[element.tagName] ?? null;
  };
  const nameOf = (element: any): string => {
    const label = element.getAttribute("aria-label");
    if (label) return label;
    const labelledBy = element.getAttribute("aria-labelledby");
    if (labelledBy) return window.document.getElementById(labelledBy)?.textContent.trim() ?? "";
    if (element.id && element.labels?.length) return element.labels[0].textContent.trim();
    return element.textContent.trim();
  };
  /** Every element with this role (and name) in `within`; none when `within` is not there (yet). */
  const all = (role: string, name?: string, within: any = window.document): any[] =>
    Array.from(within?.querySelectorAll("*") ?? []).filter(
      (element: any) => roleOf(element) === role && (name === undefined || nameOf(element) === name),
    );
  return {
    all,
    /** The one element with this role and name, or null. */
    one(role: string, name: string, within?: any): any {
      const found = all(role, name, within);
      if (found.length > 1) throw new Error(`${found.length} elements are ${role} "${name}"`);
      return found[0] ?? null;
    },
    /**
     * A click event, which Preact's onClick listens to. Not a pointer's: BiDi's
     * input.performActions refuses chrome contexts, and the panel is reached only from one.
     */
    click(element: any): void {
      element.click();
    },
    /** Types a whole value: Preact's onInput reads the field's value on the input event. */
    fill(element: any, value: string): void {
      element.value = value;
      element.dispatchEvent(new window.Event("input", { bubbles: true }));
    },
  };
}

export type PanelDom = ReturnType<typeof panelDom>;

/** The Pipecat panel in a tab's toolbox. */
export class ToolboxPanel {
  private replies = 0;

  constructor(
    private readonly browser: Browser,
    private readonly tabUrl: string,
    private readonly toolId: string,
  ) {}

  /**
   * Runs `fn(window, dom, arg)` in the panel: `window` is the panel's window as the frame script
   * sees it (its DOM, not the panel's own script objects), `dom` the helpers of panelDom. `fn`
   * is sent as source, so it may use only its parameters; argument and result are JSON.
   */
  async evaluate<A, R>(fn: (window: any, dom: PanelDom, arg: A) => R | Promise<R>, arg: A): Promise<R> {
    const reply = `pipecat-devtools-e2e:${++this.replies}`;
    const source = `(async () => {
      try {
        const value = await (${fn})(content, (${panelDom})(content), ${JSON.stringify(arg)});
        sendAsyncMessage(${JSON.stringify(reply)}, { value: JSON.stringify(value ?? null) });
      } catch (error) {
        sendAsyncMessage(${JSON.stringify(reply)}, { error: String(error) });
      }
    })();`;
    const json = await inBrowserWindow(this.browser, runInPanel, {
      url: this.tabUrl,
      toolId: this.toolId,
      source,
      reply,
      timeout: 10_000,
    });
    return JSON.parse(json);
  }

  /** Evaluates `fn` until it returns a truthy value; on a timeout, the error shows the panel's text. */
  async waitFor<A, R>(
    what: string,
    fn: (window: any, dom: PanelDom, arg: A) => R | null | undefined | false,
    arg: A,
    timeout?: number,
  ): Promise<R> {
    try {
      return await until(what, () => this.evaluate(fn, arg), timeout);
    } catch (error) {
      const text = await this.evaluate(
        // biome-ignore lint/performance/useDomNodeTextContent: the text as laid out, a line per element, to read in the error.
        (window) => window.document.body?.innerText ?? "",
        null,
      ).catch(String);
      throw new Error(`${(error as Error).message}\nThe panel showed:\n${text}`);
    }
  }
}

/** Opens the toolbox on `page`'s tab and selects the Pipecat panel in it, loaded. */
export async function openPipecatPanel(browser: Browser, page: Page): Promise<ToolboxPanel> {
  const url = page.url();
  await inBrowserWindow(browser, showToolbox, { url });
  const toolId = await until(`the toolbox's "${PANEL_TITLE}" tool`, () =>
    inBrowserWindow(browser, findTool, { url, label: PANEL_TITLE }),
  );
  await inBrowserWindow(browser, selectTool, { url, toolId });
  await until("the panel's page", async () =>
    (await inBrowserWindow(browser, panelUrl, { url, toolId }))?.startsWith("moz-extension:"),
  );
  const panel = new ToolboxPanel(browser, url, toolId);
  await panel.waitFor("the panel's document", (window) => window.document.readyState === "complete", null);
  return panel;
}
