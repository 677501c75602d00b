// "Hook this site" in the background (src/background/siteAccess.ts) against a fake browser:
// which origins the hook runs on, registering the two content scripts for a chosen origin only
// with its permission granted, and undoing both.
import { describe, expect, it } from "vitest";
import {
  answerSite,
  hookOrigin,
  hookedPatterns,
  siteAccess,
  syncRegisteredScripts,
  unhookOrigin,
} from "../../src/background/siteAccess";
import { fakeExtension } from "./fakeExtension";

const SITE = "https://app.example.com";
const PATTERN = "https://app.example.com/*";

describe("site access", () => {
  it("tells local, chosen, other and impossible origins apart", async () => {
    const { browser } = fakeExtension();
    expect(await siteAccess(browser, "http://localhost:7860")).toBe("default");
    expect(await siteAccess(browser, SITE)).toBe("off");
    expect(await siteAccess(browser, "chrome://extensions")).toBe("impossible");
    expect(await siteAccess(browser, "null")).toBe("impossible");
  });

  it("hooks a site only with its permission, then registers the manifest's two scripts there", async () => {
    const { browser, granted, registered } = fakeExtension();
    await expect(hookOrigin(browser, SITE)).rejects.toThrow(`The extension was not granted access to ${SITE}`);
    expect(registered.size).toBe(0);
    granted.add(PATTERN);
    await hookOrigin(browser, SITE);
    expect(await siteAccess(browser, SITE)).toBe("chosen");
    expect([...registered.values()]).toEqual([
      expect.objectContaining({
        id: "pipecat-hook",
        matches: [PATTERN],
        js: ["hook.js"],
        world: "MAIN",
        allFrames: true,
      }),
      expect.objectContaining({ id: "pipecat-relay", matches: [PATTERN], js: ["relay.js"] }),
    ]);
    expect(await hookedPatterns(browser)).toEqual(["http://localhost/*", PATTERN]);
  });

  it("unhooks: the scripts and the permission go, the choice is forgotten", async () => {
    const { browser, granted, registered } = fakeExtension();
    granted.add(PATTERN);
    await hookOrigin(browser, SITE);
    await unhookOrigin(browser, SITE);
    expect(registered.size).toBe(0);
    expect(granted.has(PATTERN)).toBe(false);
    expect(await siteAccess(browser, SITE)).toBe("off");
  });

  it("stops hooking a site whose permission the user revoked in the browser", async () => {
    const { browser, granted, registered } = fakeExtension();
    granted.add(PATTERN);
    await hookOrigin(browser, SITE);
    granted.delete(PATTERN);
    expect(await syncRegisteredScripts(browser)).toEqual([]);
    expect(registered.size).toBe(0);
  });

  it("answers the panel with where the hook runs, and why an action failed", async () => {
    const { browser, granted } = fakeExtension();
    expect(await answerSite(browser, "status", SITE)).toEqual({ origin: SITE, access: "off" });
    expect(await answerSite(browser, "hook", "file:///tmp")).toEqual({
      origin: "file:///tmp",
      access: "impossible",
      error: "Pages of file:///tmp cannot be hooked",
    });
    granted.add(PATTERN);
    expect(await answerSite(browser, "hook", SITE)).toEqual({ origin: SITE, access: "chosen" });
    expect(await answerSite(browser, "unhook", SITE)).toEqual({ origin: SITE, access: "off" });
  });
});
