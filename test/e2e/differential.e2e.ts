// The app must not be able to tell the extension is there: the same scenario, run with and
// without the extension, gives the same callbacks and events in the same order, and the
// same request results.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoServer, type DemoServer } from "../../demo/server";
import { launchChromium, openPanel } from "./chromium";
import { DemoApp, type DemoTransport } from "./demoApp";

let server: DemoServer;

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
});
afterAll(async () => server?.close());

interface Outcome {
  events: string[];
  results: string[];
}

async function runScenario(transport: DemoTransport, withExtension: boolean): Promise<Outcome> {
  const chromium = await launchChromium({ extension: withExtension, devtools: withExtension });
  try {
    const page = await chromium.ctx.newPage();
    await page.goto(`${server.url}/#differential-${transport}-${withExtension}`);
    if (withExtension) await openPanel(chromium, page);
    const app = new DemoApp(page);
    await app.connect(transport);
    const results: string[] = [];
    await app.sendMessage("set-language", { language: "es-ES" });
    results.push(await app.sendRequest("get-language", {}));
    results.push(await app.sendRequest("no-such-type", { x: 1 }));
    await app.startTurn();
    await page.locator("#events li").filter({ hasText: "onBotStoppedSpeaking" }).first().waitFor({ timeout: 15_000 });
    results.push(await app.sendRequest("never-answered", {}, 1_000));
    await page.getByRole("button", { name: "Disconnect" }).click();
    await app.waitForState("disconnected");
    return { events: await app.events(), results };
  } finally {
    await chromium.close();
  }
}

describe.each<DemoTransport>(["websocket", "smallwebrtc"])("over %s", (transport) => {
  it("the app sees exactly the same thing with and without the extension", async () => {
    const without = await runScenario(transport, false);
    const withIt = await runScenario(transport, true);
    expect(without.events.length).toBeGreaterThan(20);
    expect(without.results[0]).toContain("es-ES");
    expect(without.results[1]).toContain("Unknown request type");
    expect(without.results[2]).toMatch(/Timed out/);
    expect(withIt.results).toEqual(without.results);
    expect(withIt.events).toEqual(without.events);
  });
});
