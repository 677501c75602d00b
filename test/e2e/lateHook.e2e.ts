// Installed while the app runs: the client was built before the hook existed, so only its
// traffic can be seen. The extension injects itself into the open tab, the wire taps show the
// messages, and the panel offers the reload that hooks the page fully.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startDemoServer, type DemoServer } from "../../demo/server";
import { installExtensionNow, launchChromium, openPanel, reopenDevtools } from "./chromium";
import { DemoApp } from "./demoApp";

let server: DemoServer;

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
});
afterAll(async () => server?.close());

it.each(["websocket", "smallwebrtc"] as const)(
  "sees a %s client built before it from the wire, then hooks fully on reload",
  async (transport) => {
    // A browser of its own: the page must be open before the extension exists.
    const chromium = await launchChromium({ extension: false, installLater: true });
    try {
      const page = await chromium.ctx.newPage();
      await page.goto(`${server.url}/#late-${transport}`);
      const app = new DemoApp(page);
      await app.connect(transport);

      await installExtensionNow(chromium);
      // The extension injects itself into the open tab...
      await page.waitForFunction(() => Object.getOwnPropertyDescriptor(Object.prototype, "_onMessage") !== undefined);
      // ...and the user reopens DevTools to get the new panel.
      await reopenDevtools(chromium);
      const panel = await openPanel(chromium, page);
      const bar = panel.getByRole("note", { name: "Site access" });
      await bar.getByText("The hook arrived after this page started").waitFor();

      const language = `late-${transport}`;
      await app.sendMessage("set-language", { language });
      const sent = panel.getByRole("row").filter({ hasText: "client-message" }).filter({ hasText: language });
      await sent.first().waitFor();
      await panel
        .getByRole("row")
        .filter({ hasText: "server-message" })
        .filter({ hasText: language })
        .first()
        .waitFor();
      expect(await sent.count()).toBe(1);
      await panel
        .getByLabel("Clients")
        .filter({ hasText: transport })
        .filter({ hasText: "seen on the wire only" })
        .waitFor();

      await page.evaluate(() => (document.documentElement.dataset.beforeReload = "yes"));
      // After DevTools reopened, two DevTools windows hold a Pipecat panel and a pointer click
      // may land in the window that is not in front: click the button itself.
      await bar.getByRole("button", { name: "Reload page" }).dispatchEvent("click");
      await page.waitForFunction(
        () => document.readyState === "complete" && !document.documentElement.dataset.beforeReload,
      );
      await app.connect(transport);
      const clients = panel.getByLabel("Clients").getByRole("button");
      await clients.filter({ hasText: "ready" }).filter({ hasNotText: "wire only" }).first().waitFor();
      await bar.waitFor({ state: "detached" });
    } finally {
      await chromium.close();
    }
  },
);
