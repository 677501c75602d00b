// The app must not be able to tell the extension is there: the same scenario, run with and
// without the extension, gives the same callbacks and events in the same order, and the
// same request results. So must rules that are saved but all turned off: each kind of rule,
// made in the panel's Rules view, put in force and then turned off, changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Frame } from "playwright-core";
import { startDemoServer, type DemoServer } from "../../demo/server";
import { launchChromium, openPanel } from "./chromium";
import { DemoApp, type DemoTransport } from "./demoApp";
import { RulesPanel, type RuleSpec } from "./rulesPanel";

let server: DemoServer;

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
});
afterAll(async () => server?.close());

interface Outcome {
  events: string[];
  results: string[];
}

type Variant = "without the extension" | "with the extension" | "with rules saved and turned off";

/** One rule of each action, each of which would change the scenario below were it on. */
const RULES_OFF: RuleSpec[] = [
  {
    name: "Respond to outbound client-message get-language",
    action: "Respond",
    direction: "Outbound",
    type: "client-message",
    requestType: "get-language",
    response: '{"language":"xx-OFF"}',
  },
  {
    name: "Respond with error to outbound client-message no-such-type",
    action: "Respond with error",
    direction: "Outbound",
    type: "client-message",
    requestType: "no-such-type",
    response: "a rule that is off",
  },
  {
    name: "Break inbound server-message",
    action: "Break",
    direction: "Inbound",
    type: "server-message",
    timeoutS: 600,
  },
  {
    name: "Delay outbound client-message set-language",
    action: "Delay",
    direction: "Outbound",
    type: "client-message",
    requestType: "set-language",
    delayMs: 5000,
  },
  { name: "Drop inbound bot-stopped-speaking", action: "Drop", direction: "Inbound", type: "bot-stopped-speaking" },
  {
    name: "Inject after outbound client-message start-turn",
    action: "Inject after",
    direction: "Outbound",
    type: "client-message",
    requestType: "start-turn",
    response: '{"type": "server-message", "data": {"msg": "a rule that is off"}}',
  },
];

/**
 * Saves RULES_OFF through the panel on a first connection of the app, sees them act, turns each
 * off and waits until the hook has them off (RulesPanel.inForce); then disconnects. Returns how
 * many lines the app's event log had by then: the scenario's own lines follow.
 */
async function saveRulesTurnedOff(panel: Frame, app: DemoApp, transport: DemoTransport): Promise<number> {
  const rules = new RulesPanel(panel);
  await app.connect(transport);
  await panel.getByLabel("Clients").filter({ hasText: "ready" }).waitFor({ state: "attached" });
  for (const rule of RULES_OFF) await rules.add(rule);
  // On, they act: the app's request is answered by the Respond rule (once the hook has them).
  await expect
    .poll(() => app.sendRequest("get-language", {}), { timeout: 15_000 })
    .toBe('response: {"language":"xx-OFF"}');
  for (const rule of RULES_OFF) await rules.setEnabled(rule.name, false);
  await rules.inForce(app, `rules-off-${transport}`);
  await app.page.getByRole("button", { name: "Disconnect" }).click();
  await app.waitForState("disconnected");
  return (await app.events()).length;
}

async function runScenario(transport: DemoTransport, variant: Variant): Promise<Outcome> {
  const withExtension = variant !== "without the extension";
  const chromium = await launchChromium({ extension: withExtension, devtools: withExtension });
  try {
    const page = await chromium.ctx.newPage();
    await page.goto(`${server.url}/#differential-${transport}-${withExtension}`);
    const app = new DemoApp(page);
    let linesBefore = 0;
    if (withExtension) {
      const panel = await openPanel(chromium, page);
      if (variant === "with rules saved and turned off") linesBefore = await saveRulesTurnedOff(panel, app, transport);
    }
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
    return { events: (await app.events()).slice(linesBefore), results };
  } finally {
    await chromium.close();
  }
}

describe.each<DemoTransport>(["websocket", "smallwebrtc"])("over %s", (transport) => {
  let without: Outcome;

  beforeAll(async () => {
    without = await runScenario(transport, "without the extension");
    expect(without.events.length).toBeGreaterThan(20);
    expect(without.results[0]).toContain("es-ES");
    expect(without.results[1]).toContain("Unknown request type");
    expect(without.results[2]).toMatch(/Timed out/);
  });

  it("the app sees exactly the same thing with and without the extension", async () => {
    const withIt = await runScenario(transport, "with the extension");
    expect(withIt.results).toEqual(without.results);
    expect(withIt.events).toEqual(without.events);
  });

  it("the app sees exactly the same thing with rules saved but all turned off", async () => {
    const rulesOff = await runScenario(transport, "with rules saved and turned off");
    expect(rulesOff.results).toEqual(without.results);
    expect(rulesOff.events).toEqual(without.events);
  });
});
