// Sites beyond the local development origins are hooked only when the user asks, from the
// panel ("Hook this site"): the panel obtains the origin's permission in the click, and the
// background registers the same two content scripts the manifest declares for localhost,
// for that origin, and remembers it. Turning it off undoes both.
import type { Browser, Scripting } from "webextension-polyfill";
import type { SiteAccess, SiteAction, SiteAnswer } from "../shared/protocol/panelBackground";
import { originPattern } from "../shared/origins";

const STORAGE_KEY = "hookedOrigins";
const HOOK_SCRIPT_ID = "pipecat-hook";
const RELAY_SCRIPT_ID = "pipecat-relay";

/** The origins the manifest hooks without asking (local development). */
export function isHookedByDefault(origin: string, browser: Browser): boolean {
  let pattern: string;
  try {
    pattern = originPattern(origin);
  } catch {
    return false;
  }
  return (browser.runtime.getManifest().content_scripts ?? []).some((script) => script.matches.includes(pattern));
}

export function canBeHooked(origin: string): boolean {
  return /^https?:\/\//.test(origin);
}

async function storedOrigins(browser: Browser): Promise<string[]> {
  const stored = (await browser.storage.local.get(STORAGE_KEY))[STORAGE_KEY];
  return Array.isArray(stored) ? stored.filter((origin): origin is string => typeof origin === "string") : [];
}

export function manifestScript(browser: Browser, world: "MAIN" | "ISOLATED"): string[] {
  const scripts = browser.runtime.getManifest().content_scripts ?? [];
  const found = scripts.find((script) => ((script as { world?: string }).world ?? "ISOLATED") === world);
  return found?.js ?? [];
}

/** Makes the registered scripts match exactly the stored origins whose permission is still granted. */
export async function syncRegisteredScripts(browser: Browser): Promise<string[]> {
  const origins = await storedOrigins(browser);
  const granted: string[] = [];
  for (const origin of origins) {
    if (await browser.permissions.contains({ origins: [originPattern(origin)] })) granted.push(origin);
  }
  const registered = await browser.scripting.getRegisteredContentScripts({ ids: [HOOK_SCRIPT_ID, RELAY_SCRIPT_ID] });
  if (registered.length > 0) {
    await browser.scripting.unregisterContentScripts({ ids: registered.map((script) => script.id) });
  }
  if (granted.length === 0) return granted;
  const matches = [...new Set(granted.map(originPattern))];
  const common = { matches, runAt: "document_start", allFrames: true, persistAcrossSessions: true } as const;
  const scripts: Scripting.RegisteredContentScript[] = [
    {
      ...common,
      id: HOOK_SCRIPT_ID,
      js: manifestScript(browser, "MAIN"),
      world: "MAIN",
    } as Scripting.RegisteredContentScript,
    { ...common, id: RELAY_SCRIPT_ID, js: manifestScript(browser, "ISOLATED") },
  ];
  await browser.scripting.registerContentScripts(scripts);
  return granted;
}

/** Every pattern the hook runs on: the manifest's local origins and the ones the user chose. */
export async function hookedPatterns(browser: Browser): Promise<string[]> {
  const byDefault = (browser.runtime.getManifest().content_scripts ?? []).flatMap((script) => script.matches);
  const chosen = (await storedOrigins(browser)).map(originPattern);
  return [...new Set([...byDefault, ...chosen])];
}

export async function hookOrigin(browser: Browser, origin: string): Promise<void> {
  if (!canBeHooked(origin)) throw new Error(`Pages of ${origin} cannot be hooked`);
  if (!(await browser.permissions.contains({ origins: [originPattern(origin)] }))) {
    throw new Error(`The extension was not granted access to ${origin}`);
  }
  const origins = await storedOrigins(browser);
  if (!origins.includes(origin)) await browser.storage.local.set({ [STORAGE_KEY]: [...origins, origin] });
  await syncRegisteredScripts(browser);
}

export async function unhookOrigin(browser: Browser, origin: string): Promise<void> {
  const origins = (await storedOrigins(browser)).filter((stored) => stored !== origin);
  await browser.storage.local.set({ [STORAGE_KEY]: origins });
  await syncRegisteredScripts(browser);
  // Give the access back too, unless another remembered origin on the same host needs it.
  const pattern = originPattern(origin);
  if (!origins.some((other) => originPattern(other) === pattern)) {
    // Best effort: a permission the install granted (not an optional one) cannot be removed,
    // and the hook is already off either way.
    await browser.permissions.remove({ origins: [pattern] }).catch(() => false);
  }
}

export async function siteAccess(browser: Browser, origin: string): Promise<SiteAccess> {
  if (!canBeHooked(origin)) return "impossible";
  if (isHookedByDefault(origin, browser)) return "default";
  return (await storedOrigins(browser)).includes(origin) ? "chosen" : "off";
}

/** Does what the panel asked for an origin, then says where the hook runs now; `error` says what failed. */
export async function answerSite(browser: Browser, action: SiteAction, origin: string): Promise<SiteAnswer> {
  let error: string | undefined;
  try {
    if (action === "hook") await hookOrigin(browser, origin);
    if (action === "unhook") await unhookOrigin(browser, origin);
  } catch (failure) {
    error = String((failure as Error)?.message ?? failure);
  }
  const access = await siteAccess(browser, origin).catch(() => "off" as const);
  return error === undefined ? { origin, access } : { origin, access, error };
}
