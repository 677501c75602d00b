// For the background's unit tests: the part of the extension API the background uses, kept in
// memory. Ports are FakePorts (test/shared/fakePort.ts) with the sender the browser would name;
// a test connects one as a relay or a panel would, and the background's onConnect hears it.
import type { Browser } from "webextension-polyfill";
import { FakePort, type FakeSender } from "../shared/fakePort";

export const EXTENSION_URL = "chrome-extension://pipecat-test/";

/** The manifest's content scripts: the hook (MAIN) and the relay, on local origins. */
const CONTENT_SCRIPTS = [
  { matches: ["http://localhost/*"], js: ["hook.js"], world: "MAIN" },
  { matches: ["http://localhost/*"], js: ["relay.js"] },
];

/** The controls' built file, as the background is given it (src/background/index.ts). */
export const CONTROLS_SCRIPT = "controls.js";

/** A scripting.executeScript call: where, what, and in which world. */
export interface Injection {
  target: { tabId: number; frameIds?: number[] };
  files: string[];
  world?: string;
}

interface RegisteredScript {
  id: string;
  matches: string[];
  js: string[];
  world?: string;
}

export function fakeExtension() {
  const connectListeners: ((port: FakePort) => void)[] = [];
  const removedListeners: ((tabId: number) => void)[] = [];
  const items = new Map<string, unknown>();
  const granted = new Set<string>();
  const registered = new Map<string, RegisteredScript>();
  const injections: Injection[] = [];
  /** Set to make the next injections fail with this message, as the browser's would. */
  const injection: { failWith?: string } = {};

  const api = {
    runtime: {
      onConnect: { addListener: (listener: (port: FakePort) => void) => void connectListeners.push(listener) },
      getURL: (path: string) => EXTENSION_URL + path,
      getManifest: () => ({ content_scripts: CONTENT_SCRIPTS }),
    },
    storage: {
      local: {
        get: async (key: string) => (items.has(key) ? { [key]: structuredClone(items.get(key)) } : {}),
        set: async (values: Record<string, unknown>) => {
          for (const [key, value] of Object.entries(values)) items.set(key, structuredClone(value));
        },
      },
      onChanged: { addListener: () => {} },
    },
    tabs: { onRemoved: { addListener: (listener: (tabId: number) => void) => void removedListeners.push(listener) } },
    permissions: {
      contains: async ({ origins }: { origins: string[] }) => origins.every((origin) => granted.has(origin)),
      remove: async ({ origins }: { origins: string[] }) => {
        for (const origin of origins) granted.delete(origin);
        return true;
      },
    },
    scripting: {
      getRegisteredContentScripts: async ({ ids }: { ids: string[] }) =>
        ids.flatMap((id) => (registered.has(id) ? [structuredClone(registered.get(id))] : [])),
      registerContentScripts: async (scripts: RegisteredScript[]) => {
        for (const script of scripts) {
          if (registered.has(script.id)) throw new Error(`Duplicate script ID '${script.id}'`);
          registered.set(script.id, structuredClone(script));
        }
      },
      unregisterContentScripts: async ({ ids }: { ids: string[] }) => {
        for (const id of ids) registered.delete(id);
      },
      executeScript: async (details: Injection) => {
        injections.push(structuredClone(details));
        if (injection.failWith) throw new Error(injection.failWith);
        return [{ frameId: details.target.frameIds?.[0] ?? 0, result: undefined }];
      },
    },
  };

  return {
    browser: api as unknown as Browser,
    items,
    granted,
    registered,
    injections,
    injection,
    /** Connects a Port as a content script or an extension page would. */
    connect(name: string, sender: FakeSender): FakePort {
      const port = new FakePort(name, sender);
      for (const listener of connectListeners) listener(port);
      return port;
    },
    closeTab(tabId: number): void {
      for (const listener of removedListeners) listener(tabId);
    },
  };
}
