// Runs in the bench (Node, driving Chromium): what the page hook adds to each inbound message
// while a panel has rules for the tab, with 20 rules in force that the message does not match,
// and after the rules were all withdrawn (as when the user turns them off). The rules reach the
// hook the real way: from a panel's Port, through the background and the page's relay
// (src/background/router.ts `set-rules`, src/content/relay.ts), and each figure is taken only
// once a probe message shows the hook acting on them (or no longer).
import type { Page } from "playwright-core";
import { formatSigned, formatValue } from "../format";
import type { Measurement, Row } from "../row";
import { atMost } from "../row";
import { median, percentile } from "../stats";
import { closePages, interleavedRuns, medianAndP95, openHookPages } from "../support/compare";
import type { BenchEnv } from "../support/env";
import { PANEL_PORT_NAME, parseRules, type Rule } from "../../src/shared/protocol";

/** The probe that the first rule drops, and no other message matches. */
const PROBE = { probe: "bench-rules-probe" };

/** A rule without what every one of RULES shares: its id, on, and inbound. */
type RuleBody = Omit<Rule, "id" | "enabled" | "match"> & { match: Omit<Rule["match"], "direction"> };

/**
 * A user's rules on a voice app's inbound traffic, none of which matches the measured
 * bot-llm-text: 18 differ by type (a string compare each; one also names a request type), and
 * two have bot-llm-text's type and search its data, for text and a /regex/, so the hook writes
 * each message's data as JSON once to look (src/controls/rules.ts `ruleFor`): the dearest kind of miss.
 */
const RULE_BODIES: RuleBody[] = [
  { match: { type: "server-message", data: PROBE.probe }, action: "drop" },
  { match: { type: "server-message" }, action: "break" },
  { match: { type: "bot-transcription" }, action: "break" },
  { match: { type: "bot-tts-text" }, action: "delay", delayMs: 200 },
  { match: { type: "user-audio-level" }, action: "drop" },
  { match: { type: "bot-audio-level" }, action: "drop" },
  {
    match: { type: "user-transcription" },
    action: "inject-after",
    inject: { label: "rtvi-ai", type: "server-message", data: { msg: "after a transcription" } },
  },
  { match: { type: "llm-function-call-started" }, action: "break" },
  { match: { type: "llm-function-call-in-progress" }, action: "break" },
  { match: { type: "metrics" }, action: "delay", delayMs: 100 },
  { match: { type: "error" }, action: "break" },
  { match: { type: "bot-ready" }, action: "break" },
  { match: { type: "server-response", requestType: "get-weather" }, action: "break" },
  { match: { type: "user-started-speaking" }, action: "break" },
  { match: { type: "user-stopped-speaking" }, action: "break" },
  { match: { type: "bot-started-speaking" }, action: "break" },
  { match: { type: "bot-llm-started" }, action: "break" },
  { match: { type: "bot-output" }, action: "drop" },
  { match: { type: "bot-llm-text", data: "refund" }, action: "break" },
  { match: { type: "bot-llm-text", data: "/\\b(error|sorry)\\b/i" }, action: "break" },
];
const RULES: Rule[] = RULE_BODIES.map((body, i) => ({
  ...body,
  id: `bench-rule-${i + 1}`,
  enabled: true,
  match: { direction: "in", ...body.match },
}));

/** Samples and runs as the per-call rows take them, for the reasons support/hookCallCost.ts gives. */
const SAMPLES = 100;
const CALLS_PER_SAMPLE = 2000;
const RUNS = 15;
/** How long rules may take from the panel's Port to the hook. */
const IN_FORCE_TIMEOUT_MS = 5000;
const RPC_TIMEOUT_MS = 5000;

/** The little of the extension API used in the panel page and the service worker. */
interface ExtensionApi {
  runtime: { connect(info: { name: string }): ExtensionPort };
  tabs: { query(query: object): Promise<{ id?: number; url?: string }[]> };
}

interface ExtensionPort {
  postMessage(message: unknown): void;
  onMessage: { addListener(listener: (message: RpcAnswer) => void): void };
}

/** What of an answer on the Port is read (src/shared/rpc/envelopes.ts RpcResponse; batches are ignored). */
interface RpcAnswer {
  kind?: string;
  id?: string;
  ok?: boolean;
  error?: string;
}

const PORT_KEY = "pipecatBenchRulesPort";

/** A panel's Port, from the extension's own panel page, following one tab and setting its rules. */
class RulesPanelPort {
  private nextCall = 0;

  private constructor(private readonly panelPage: Page) {}

  static async follow(env: BenchEnv, benchPage: Page): Promise<RulesPanelPort> {
    const session = (await env.browserPair()).extension;
    const tabIds = await session.serviceWorker!.evaluate(async (url) => {
      const { chrome } = globalThis as unknown as { chrome: ExtensionApi };
      return (await chrome.tabs.query({})).filter((tab) => tab.url === url).map((tab) => tab.id);
    }, benchPage.url());
    if (tabIds.length !== 1 || tabIds[0] === undefined) {
      throw new Error(`Expected one tab at ${benchPage.url()}, found ${tabIds.length}`);
    }
    const panelPage = await session.ctx.newPage();
    await panelPage.goto(`chrome-extension://${session.extensionId}/panel/index.html`);
    await panelPage.evaluate(
      ({ portName, key, tabId }) => {
        const { chrome } = globalThis as unknown as { chrome: ExtensionApi };
        const port = chrome.runtime.connect({ name: portName });
        port.postMessage({ kind: "subscribe", tabId });
        (globalThis as unknown as Record<string, ExtensionPort>)[key] = port;
      },
      { portName: PANEL_PORT_NAME, key: PORT_KEY, tabId: tabIds[0] },
    );
    return new RulesPanelPort(panelPage);
  }

  /** The panel's `set-rules` call (src/shared/protocol/panelBackground.ts); resolves once the background took them. */
  async setRules(rules: Rule[]): Promise<void> {
    if (!parseRules(rules)) throw new Error("The bench's rules are not rules the panel could set");
    const error = await this.panelPage.evaluate(
      ({ key, id, rules, timeoutMs }) =>
        new Promise<string | undefined>((resolve) => {
          const port = (globalThis as unknown as Record<string, ExtensionPort>)[key];
          setTimeout(() => resolve(`no answer to set-rules within ${timeoutMs} ms`), timeoutMs);
          port.onMessage.addListener((message) => {
            if (message.kind === "response" && message.id === id) resolve(message.ok ? undefined : message.error);
          });
          port.postMessage({ kind: "request", id, method: "set-rules", params: { rules } });
        }),
      { key: PORT_KEY, id: `bench-rules-${++this.nextCall}`, rules, timeoutMs: RPC_TIMEOUT_MS },
    );
    if (error !== undefined) throw new Error(`The background refused the rules: ${error}`);
  }

  async close(): Promise<void> {
    await this.panelPage.close();
  }
}

/** Waits until the page's client does not get the probe (the rules are in the hook), or gets it (withdrawn). */
async function waitForProbe(page: Page, delivered: boolean): Promise<void> {
  const deadline = Date.now() + IN_FORCE_TIMEOUT_MS;
  while ((await page.evaluate((probe) => window.hookBench.deliverServerMessage(probe), PROBE)) !== delivered) {
    if (Date.now() > deadline) {
      throw new Error(
        `The probe was ${delivered ? "still dropped" : "still delivered"} after ${IN_FORCE_TIMEOUT_MS} ms`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * What the hook adds to `transport._onMessage(JSON.parse(text))` of a small bot-llm-text, with a
 * panel following the tab and `RULES` in force, or withdrawn after they were; paired with the
 * plain browser's runs as the per-call rows pair theirs (support/hookCallCost.ts).
 */
async function addedCostWithRules(env: BenchEnv, rules: "in force" | "withdrawn"): Promise<Measurement> {
  const pages = await openHookPages(env, "extension");
  const panel = await RulesPanelPort.follow(env, pages.measured);
  try {
    await panel.setRules(RULES);
    await waitForProbe(pages.measured, false);
    if (rules === "withdrawn") {
      await panel.setRules([]);
      await waitForProbe(pages.measured, true);
    }
    const runs = await interleavedRuns(
      pages,
      (page) =>
        page.evaluate(async (sampling) => (await window.hookBench.timeInbound(sampling)).perCallUs, {
          callsPerSample: CALLS_PER_SAMPLE,
          samples: SAMPLES,
        }),
      RUNS,
    );
    // Still as set when the runs ended (the panel page's Port held all along).
    await waitForProbe(pages.measured, rules === "withdrawn");
    const paired = runs.measured.map((samples, run) => median(samples) - median(runs.baseline[run]));
    const added = median(paired);
    const without = medianAndP95(runs.baseline);
    const withRules = medianAndP95(runs.measured);
    const quartiles = [percentile(paired, 25), percentile(paired, 75)];
    return {
      value: added,
      unit: "µs",
      detail:
        `${rules === "in force" ? `${RULES.length} inbound rules in force, none matching` : `${RULES.length} rules set, then withdrawn`}; ` +
        `paired runs' added cost: quartiles ${formatSigned(quartiles[0])} … ${formatSigned(quartiles[1])} µs; ` +
        `per call without ${formatValue(without.median)} (p95 ${formatValue(without.p95)}), ` +
        `with ${formatValue(withRules.median)} (p95 ${formatValue(withRules.p95)}) µs; ` +
        `medians of ${RUNS} runs × ${SAMPLES} samples of ${CALLS_PER_SAMPLE} calls`,
      figures: {
        p95Added: withRules.p95 - without.p95,
        addedFirstQuartile: quartiles[0],
        addedThirdQuartile: quartiles[1],
        medianWithout: without.median,
        medianWith: withRules.median,
      },
    };
  } finally {
    await panel.close();
    await closePages(pages);
  }
}

export const hookNoRulesRow: Row = {
  name: "hook cost per inbound message, rules withdrawn (added, median)",
  target: atMost(1, "µs"),
  measure: (env) => addedCostWithRules(env, "withdrawn"),
};

export const hookTwentyRulesRow: Row = {
  name: "hook cost per inbound message, 20 rules not matching (added, median)",
  target: atMost(2, "µs"),
  measure: (env) => addedCostWithRules(env, "in force"),
};
