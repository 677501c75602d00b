// Runs code in the extension's isolated world of a page, where its content relay runs, so a
// row can use the extension's own runtime Port from the page's renderer. Playwright has no
// handle on that world; CDP does.
import type { Page } from "playwright-core";
import manifest from "../../manifest.json" with { type: "json" };

/** Evaluates `expression` (JavaScript source) in the page's extension world; resolves with its (awaited) value. */
export async function evaluateInExtensionWorld<T>(page: Page, expression: string): Promise<T> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const isolatedWorlds: number[] = [];
    cdp.on("Runtime.executionContextCreated", ({ context }) => {
      // Playwright has isolated worlds of its own: the extension's bears the extension's name.
      if (context.auxData?.type === "isolated" && context.name === manifest.name) isolatedWorlds.push(context.id);
    });
    // Announces every existing context before it returns.
    await cdp.send("Runtime.enable");
    if (isolatedWorlds.length !== 1)
      throw new Error(`Expected one extension world in the page, found ${isolatedWorlds.length}`);
    const { result, exceptionDetails } = await cdp.send("Runtime.evaluate", {
      expression,
      contextId: isolatedWorlds[0],
      awaitPromise: true,
      returnByValue: true,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value as T;
  } finally {
    await cdp.detach();
  }
}
